"""Words the command line, the screens and the exports share: a follow-up's status, by key."""

from __future__ import annotations

from workshop_tui.i18n import N_, _

STATUS_NAMES = {"open": N_("open"), "done": N_("done"), "dropped": N_("dropped"), "carried": N_("carried")}


def status_word(status: str) -> str:
    """A follow-up's status (`model.FOLLOWUP_STATUSES`) in the current language."""
    return _(STATUS_NAMES[status]) if status in STATUS_NAMES else status


CHANGE_NAMES = {
    "added": N_("added"), "edited": N_("edited"), "author": N_("author"), "moved": N_("moved"),
    "deleted": N_("deleted"), "restored": N_("restored"), "clustered": N_("clustered"), "split": N_("split"),
    "voted": N_("voted"), "unvoted": N_("unvoted"), "followup": N_("followup"), "unfollowup": N_("unfollowup"),
    "revealed": N_("revealed"),
}


def change_word(kind: str) -> str:
    """A kind of change in the history (`store.history`) in the current language."""
    return _(CHANGE_NAMES[kind]) if kind in CHANGE_NAMES else kind
