"""Plain domain objects that screens, the command line and the exporters use.

They carry no database machinery: the store converts its SQLModel rows into these, and the
importers build them from files. Frozen, so a screen can hold one without it changing under it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable

HEARTBEAT_SECONDS = 5.0
"""How often a participant's or presenter's screen tells the store it is still there."""
PRESENCE_STALE_SECONDS = 15.0
"""A screen not heard from for this long (three beats) no longer counts as connected."""

# The columns of the seed's workshop (8 Steps): actions, obstacles, tools. Every template declares
# its own (1 to 6, `content.Template.columns`) and a session keeps its template's keys
# (`SessionInfo.columns`); these are the shape of a session made before templates had a shape.
COLUMNS: tuple[str, ...] = ("action", "obstacle", "tool")
MAX_COLUMNS = 6

PHASES: tuple[str, ...] = ("private", "brainstorm", "cluster", "vote", "discuss")
"""Every phase a step can be in (see `timebox`); a template says which of them each step uses."""

# What became of a follow-up: still to do, done, dropped, or carried into the next session
# (`new --continue`), where its copy starts open again, marked as from last time.
FOLLOWUP_STATUSES: tuple[str, ...] = ("open", "done", "dropped", "carried")


def new_id() -> str:
    """A client-made item id: a retried or doubled Enter carries the same id and is stored once."""
    return uuid.uuid4().hex


Clock = Callable[[], datetime]
"""Where the apps read the time (UTC) for timeboxes: `utc_now`, or a clock a test moves by hand."""


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def now_iso() -> str:
    """The current time in UTC, as ISO 8601 with microseconds (sorts as text)."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class Item:
    """One brainstormed contribution: an action, an obstacle or a tool for one step."""

    id: str
    step: int
    column: str
    text: str
    author: str | None = None
    position: int = 0
    votes: int = 0
    created_at: str = ""
    updated_at: str = ""
    session_id: int = 0
    cluster_id: str | None = None  # items sharing a cluster id were merged into one group
    followup: bool = False  # a commitment: an action with an owner and a due date
    owner: str | None = None
    due: str = ""  # a date as typed, ISO 8601 preferred
    hidden: bool = False  # written privately and not revealed yet: only its author sees it
    followup_status: str = "open"  # one of FOLLOWUP_STATUSES; meaningful for a follow-up only
    from_last_time: bool = False  # a follow-up carried over from the session this one continues


@dataclass(frozen=True)
class NewItem:
    """An item to add (`Store.add_items`): where, what, whose, and its id if the writer made one."""

    step: int
    column: str
    text: str
    author: str | None = None
    item_id: str | None = None


@dataclass(frozen=True)
class Vote:
    """One dot a participant placed on an item."""

    id: str
    item_id: str
    participant: str
    created_at: str = ""


@dataclass(frozen=True)
class DeletedItem:
    """What `Store.delete_item` removed, so that undo can put all of it back: the votes too."""

    item: Item
    votes: tuple[Vote, ...] = ()


@dataclass(frozen=True)
class StepState:
    """How a step is being run: its phase and its timebox (see `timebox.py` for the clock)."""

    step: int
    phase: str = "brainstorm"
    planned_seconds: int | None = None  # None: the template's suggestion
    extra_seconds: int = 0  # extensions (+1, +5 minutes)
    spent_seconds: float = 0.0  # running time before `running_since`
    running_since: str | None = None  # when the timer was last started, if it runs
    anonymous: bool = False  # revealing the step's private items drops their authors
    dots: int | None = None  # dots per participant in this step's vote; None: the session's


@dataclass(frozen=True)
class SessionInfo:
    """A session's header: what the start screen lists and the exports' Information section."""

    id: int
    title: str
    template_id: str
    event: str = ""
    place: str = ""
    date: str = ""
    facilitator: str = ""
    step_count: int = 8
    current_step: int = 1
    created_at: str = ""
    updated_at: str = ""
    item_count: int = 0
    participants: tuple[str, ...] = ()
    votes_per_participant: int = 3  # dots each participant may place in each step
    participants_follow: bool = True  # participants' views follow the facilitator's step
    speaker: str = ""  # who is at the facilitator's keyboard; "" = not chosen yet
    current_column: str = ""  # the column the facilitator was typing into; "" = the first
    language: str = ""  # its exports' language (`i18n`); "" = made before sessions had one: English
    columns: tuple[str, ...] = COLUMNS  # the keys of its template's columns, in order (its shape)


def step_dots(info: SessionInfo, state: StepState | None) -> int:
    """The dots each participant has in a step's vote: the step's own, else the session's."""
    return state.dots if state is not None and state.dots is not None else info.votes_per_participant


@dataclass(frozen=True)
class SessionData:
    """Everything a session holds: what the exporters read and the importers produce.

    Items are ordered by step, column and position. An imported session has `id` 0 until
    the store gives it one.
    """

    info: SessionInfo
    items: tuple[Item, ...] = field(default_factory=tuple)
    votes: tuple[Vote, ...] = field(default_factory=tuple)
    step_states: tuple[StepState, ...] = field(default_factory=tuple)
    hidden_counts: dict[int, int] = field(default_factory=dict)
    """Per step, how many items are written privately and not revealed (they are not in `items`)."""

    def items_for(self, step: int, column: str) -> list[Item]:
        return [item for item in self.items if item.step == step and item.column == column]

    def step_state(self, step: int) -> StepState:
        return next((state for state in self.step_states if state.step == step), StepState(step=step))


ITEM_ROW: tuple[str, ...] = ("step", "column", "text", "author", "position", "votes", "created_at", "cluster_id",
                             "followup", "owner", "due", "followup_status", "from_last_time", "hidden")
"""The fields of an item as `SessionRows` holds it, in order: what the csv and wikitext exports write
(`hidden` is false in every row: only revealed items are there)."""


@dataclass(frozen=True)
class SessionRows:
    """A session for the big exports (`Store.session_rows`): `SessionData` without an `Item` per item.

    `rows` are plain tuples in `ITEM_ROW` order, by step, column (the session's order) and
    position, columns made safe; their other texts are as stored: the writers make each field
    safe as they write it (`export/rows.py`), as the store does for `Item`s. No votes (the
    exports that take rows read only each item's count)."""

    info: SessionInfo
    rows: tuple[tuple, ...] = ()
    step_states: tuple[StepState, ...] = ()
    hidden_counts: dict[int, int] = field(default_factory=dict)

    def step_state(self, step: int) -> StepState:
        return next((state for state in self.step_states if state.step == step), StepState(step=step))


@dataclass(frozen=True)
class StepView:
    """What a screen showing one step needs, read in one transaction: cheap enough to poll."""

    info: SessionInfo
    step: int
    items: tuple[Item, ...]  # this step's items, by column and position
    counts: dict[int, int]  # items per step, for the step list
    state: StepState
    hidden_counts: dict[str, int] = field(default_factory=dict)
    """This step's unrevealed items per author ("" for none): numbers only, for every screen."""


@dataclass(frozen=True)
class NameClaim:
    """A participant's name, claimed in a session by the screen holding its token."""

    name: str
    claimed_at: str = ""


@dataclass(frozen=True)
class HistoryEntry:
    """One change to an item, as the history lists it (`Store.history`)."""

    at: str  # ISO 8601 UTC
    who: str | None  # None: the facilitator's screen or the command line
    kind: str  # added, edited, author, moved, deleted, restored, clustered, split, voted, unvoted, ...
    item_id: str
    step: int
    column: str
    text: str  # the item's text after the change ("" for a private item)
    private: bool = False
    detail: dict = field(default_factory=dict)  # "was": the text before an edit; "participant": a dot's
