"""Words the command line, the screens and the exports share: STEP n, a number of items, a
follow-up's status, a kind of change."""

from __future__ import annotations

from workshop_tui.i18n import N_, _, ngettext

STEP_WORD = N_("STEP")
# French puts a no-break space (U+00A0) before the colon: "ÉTAPE 3 : Trouver un terrain d’entente".
STEP_LABEL = N_("{step} {number}: {title}")


def step_label(number: int, title: str = "", *, colon: bool = False) -> str:
    """`STEP 3: Find common ground` (`ÉTAPE 3 : …` in French); `STEP 9` for a step the template
    does not have, or `STEP 9: ` with `colon`."""
    if not title and not colon:
        return f"{_(STEP_WORD)} {number}"
    return _(STEP_LABEL).format(step=_(STEP_WORD), number=number, title=title)


def items_count(count: int) -> str:
    """`1 item`, `2 items`."""
    return ngettext("{count} item", "{count} items", count).format(count=count)


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
