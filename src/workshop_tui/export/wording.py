"""How every format words what the summary shows: a step's time, clusters and votes, the items
still written privately, the follow-ups (their order, label, owner, due date and status), the
Information labels. Read back by the importers too (`read_status`, `INFO_WORDS`).
"""

from __future__ import annotations

from collections.abc import Callable

from dataclasses import dataclass
from datetime import datetime, timezone

from workshop_tui.i18n import N_, _, ngettext, variants
from workshop_tui.i18n.words import items_count
from workshop_tui import timebox
from workshop_tui.content import Template
from workshop_tui.grouping import cell_groups
from workshop_tui.model import Item, SessionData

# -- a step's time, clusters, votes, unrevealed items ----------------------------------------------


def template_minutes(template: Template, step: int) -> int:
    """The template's suggested timebox for a step; 0 for a step beyond the template."""
    return template.step(step).timebox_minutes if step <= template.step_count else 0


def clock(now: datetime | None) -> datetime:
    """The moment an export is made: as given (tests), else now. Only running timers need it."""
    return now or datetime.now(timezone.utc)


@dataclass(frozen=True)
class StepTime:
    """A step's time as the exports show it, in whole seconds."""

    planned: int | None  # the timebox with its extensions; None: the step has none
    spent: int | None  # up to `now` if the timer runs; None: its timer never ran


def step_time(data: SessionData, template: Template, step: int, now: datetime | None) -> StepTime:
    state = data.step_state(step)
    minutes = template_minutes(template, step)
    has_plan = minutes > 0 or state.planned_seconds is not None or state.extra_seconds > 0
    ran = state.spent_seconds > 0 or state.running_since is not None
    return StepTime(planned=timebox.planned_seconds(state, minutes) if has_plan else None,
                    spent=round(timebox.spent_seconds(state, clock(now))) if ran else None)


def time_text(time: StepTime) -> str:
    """`Timebox 15 min · spent 17 min`, each half when the step has it; "" when neither."""
    parts = [f"{_(TIMEBOX_WORD)} {format_duration(time.planned)}"] if time.planned is not None else []
    parts += [f"{_(SPENT_WORD)} {format_duration(time.spent)}"] if time.spent is not None else []
    return " · ".join(parts)


TIMEBOX_WORD, SPENT_WORD = N_("Timebox"), N_("spent")  # one word each: an importer reads them back


def unrevealed(data: SessionData) -> list[tuple[int, int]]:
    """(step, how many items) for each step still holding items written privately and not revealed."""
    return sorted((step, count) for step, count in data.hidden_counts.items() if count > 0)


def items_phrase(count: int) -> str:
    """`1 item`, `2 items`."""
    return items_count(count)


def unrevealed_note(count: int, shown: bool) -> str:
    """What an export says about one step's unrevealed items: `... in this step are not in this
    file.` (`shown`: `... are not shown.`)."""
    if shown:
        text = ngettext("Not revealed yet: {count} item written privately in this step is not shown.",
                        "Not revealed yet: {count} items written privately in this step are not shown.", count)
    else:
        text = ngettext("Not revealed yet: {count} item written privately in this step is not in this file.",
                        "Not revealed yet: {count} items written privately in this step are not in this file.",
                        count)
    return text.format(count=count)


def last_step(data: SessionData) -> int:
    """The summary's last row: the session's last step, or a later one an item is in."""
    return max([data.info.step_count, *(item.step for item in data.items)])


def followups(data: SessionData) -> list[Item]:
    """The follow-ups in the summary's order: by step, column, then as `cell_groups` shows them."""
    wanted = {(item.step, item.column) for item in data.items if item.followup}
    order = {key: index for index, key in enumerate(data.info.columns)}
    cells: dict[tuple[int, int], list[Item]] = {}
    for item in data.items:
        if (item.step, item.column) in wanted:  # only cells holding a follow-up
            cells.setdefault((item.step, order.get(item.column, 99)), []).append(item)
    return [item for _, items in sorted(cells.items()) for group in cell_groups(items) for item in group
            if item.followup]


# -- follow-ups between sessions: how every format words a follow-up's status ------------------

STATUS_WORDS = {"done": N_("done"), "dropped": N_("dropped"), "carried": N_("carried over")}
"""What an export says after a follow-up that is no longer open (an open one says nothing);
marked for the catalog, translated as written. Importers read them in every language (`read_status`)."""
FOLLOWUP_LABEL, CARRIED_LABEL = N_("follow-up"), N_("follow-up from last time")
OWNER_WORD, DUE_WORD = N_("owner:"), N_("due")


def followup_label(item: Item) -> str:
    return _(CARRIED_LABEL if item.from_last_time else FOLLOWUP_LABEL)


def status_word(item: Item) -> str:
    word = STATUS_WORDS.get(item.followup_status)
    return _(word) if word else ""


def read_status(word: str) -> str | None:
    """A status from the word an export wrote for it, in any language; None if it is none."""
    return next((status for status, english in STATUS_WORDS.items() if word in variants(english)), None)


INFO_WORDS = {"facilitator": N_("Facilitator"), "participants": N_("Participants"), "event": N_("Event"),
              "place": N_("Place"), "date": N_("Date")}
"""The Information section's labels, by `SessionInfo` field, in the order exports list them."""
INFORMATION, INTRODUCTION = N_("Information"), N_("Introduction")


def votes_phrase(count: int) -> str:
    return ngettext("{count} vote", "{count} votes", count).format(count=count)


def cluster_phrase(count: int) -> str:
    return ngettext("Cluster of {count} item", "Cluster of {count} items", count).format(count=count)


def owner_part(owner: str) -> str:
    return f"{_(OWNER_WORD)} {owner}"


def due_part(due: str) -> str:
    return f"{_(DUE_WORD)} {due}"


@dataclass(frozen=True)
class Marks:
    """How a format writes an item: its text escaped, then its author, votes and follow-up mark,
    each `{}` filled in (the same order in every format, so a reader finds them in any)."""

    escape: Callable[[str], str]
    author: str
    votes: str
    followup: str
    escape_in_mark: Callable[[str], str] | None = None  # what a follow-up mark's owner and date need

    def item(self, item: Item, *, votes: bool = True) -> str:
        """An item's line; a cluster's members leave their votes to the cluster's line (shown once)."""
        author = self.author.format(self.escape(item.author)) if item.author else ""
        parts = followup_parts(item, self.escape_in_mark or self.escape)
        mark = self.followup.format(", ".join(parts)) if parts else ""
        return f"{self.escape(item.text)}{author}{self.votes_mark(item.votes) if votes else ''}{mark}"

    def votes_mark(self, count: int) -> str:
        return self.votes.format(votes_phrase(count)) if count else ""


def followup_parts(item: Item, escape: Callable[[str], str]) -> list[str]:
    """What a follow-up's mark says, in order: its label, owner, due date and status (the owner
    and due date as `escape` makes them safe for the format); none for an item that is not one."""
    if not item.followup:
        return []
    parts = [followup_label(item)]
    parts += [owner_part(escape(item.owner))] if item.owner else []
    parts += [due_part(escape(item.due))] if item.due else []
    return parts + ([status_word(item)] if status_word(item) else [])


def checklist_note(item: Item) -> str:
    """`step 5`, `step 5, from last time, done`: where a follow-up of the checklist stands."""
    parts = [_("step {step}").format(step=item.step), *([_("from last time")] if item.from_last_time else []),
             *([status_word(item)] if status_word(item) else [])]
    return ", ".join(parts)


def format_duration(seconds: int) -> str:
    """`15 min`, `16 min 40 s`, `40 s`: whole minutes where they are, seconds only when needed."""
    minutes, rest = divmod(max(0, int(seconds)), 60)
    if not rest:
        return f"{minutes} min"
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"
