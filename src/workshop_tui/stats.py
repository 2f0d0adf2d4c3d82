"""Session statistics for the summary screen: pure arithmetic on a `SessionData`, no Textual, no SQL.

- items per step and column;
- contributions per participant: items written (per column) and dots placed, anonymous items
  counted apart;
- time per step, planned against spent (`timebox.planned_seconds` / `spent_seconds`, the clock
  passed in as `now`, so a running timer counts up to it and tests never sleep);
- votes per step: dots on the step's items, how many items got any, who voted.

`session_stats(data, template, now=...)` gathers them all; each part has its own function too.
Steps run from 1 to the session's last step (or a later one an item is in); a step beyond the
template has no title and no suggested timebox.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from itertools import compress
from operator import attrgetter

from workshop_tui import timebox
from workshop_tui.content import Template
from workshop_tui.model import COLUMNS, SessionData


@dataclass(frozen=True)
class StepItems:
    """How many items a step collected, per column (in the session's order, `columns`)."""

    step: int
    title: str
    counts: tuple[int, ...]
    columns: tuple[str, ...] = COLUMNS

    def count(self, column: str) -> int:
        return self.counts[self.columns.index(column)]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class Contribution:
    """What one participant contributed; `name` None is everyone who wrote anonymously."""

    name: str | None
    counts: tuple[int, ...]  # items written, per column
    votes_cast: int = 0  # dots placed (anonymous items have no voter: always 0)

    @property
    def items(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class StepTime:
    """A step's timebox against the time its timer ran, in seconds."""

    step: int
    title: str
    planned_seconds: int  # the template's suggestion or the step's own, with extensions
    spent_seconds: float  # up to `now` when the timer runs
    running: bool

    @property
    def remaining_seconds(self) -> float:
        """Seconds left; negative once over time."""
        return self.planned_seconds - self.spent_seconds

    @property
    def over_seconds(self) -> float:
        return max(0.0, -self.remaining_seconds)

    @property
    def share(self) -> float | None:
        """Spent as a share of planned (1.0 on time, above 1 over it); None without a timebox."""
        return self.spent_seconds / self.planned_seconds if self.planned_seconds else None


@dataclass(frozen=True)
class StepVotes:
    """The dots a step's items got."""

    step: int
    title: str
    votes: int  # the items' vote counts added up (also known for a csv or wikitext import)
    voted_items: int  # items with at least one vote
    top_votes: int  # the most any one item got
    voters: tuple[str, ...]  # who placed dots here, from the vote records, first voter first


@dataclass(frozen=True)
class SessionStats:
    items: tuple[StepItems, ...]
    contributions: tuple[Contribution, ...]  # named: participants in order, then other authors and voters
    anonymous: Contribution
    times: tuple[StepTime, ...]
    votes: tuple[StepVotes, ...]
    followups: int
    clusters: int  # groups of two or more items

    @property
    def item_total(self) -> int:
        return sum(step.total for step in self.items)

    @property
    def planned_total(self) -> int:
        return sum(time.planned_seconds for time in self.times)

    @property
    def spent_total(self) -> float:
        return sum(time.spent_seconds for time in self.times)

    @property
    def vote_total(self) -> int:
        return sum(step.votes for step in self.votes)


def steps(data: SessionData) -> range:
    last = max(data.info.step_count, max(map(_step_of, data.items), default=0))
    return range(1, last + 1)


_step_of, _column_of, _author_of = attrgetter("step"), attrgetter("column"), attrgetter("author")


def _title(template: Template, step: int) -> str:
    return template.step(step).title if step <= template.step_count else ""


def _minutes(template: Template, step: int) -> int:
    return template.step(step).timebox_minutes if step <= template.step_count else 0


def items_per_step(data: SessionData, template: Template) -> tuple[StepItems, ...]:
    counts = Counter(zip(map(_step_of, data.items), map(_column_of, data.items)))
    keys = data.info.columns
    return tuple(StepItems(step, _title(template, step), tuple(counts[(step, column)] for column in keys), keys)
                 for step in steps(data))


def contributions(data: SessionData) -> tuple[tuple[Contribution, ...], Contribution]:
    """Each participant's contribution (participants with none included), and the anonymous one."""
    written = Counter(zip(map(_author_of, data.items), map(_column_of, data.items)))
    cast = Counter(vote.participant for vote in data.votes)
    names = dict.fromkeys([*data.info.participants, *filter(None, map(_author_of, data.items)),
                           *(vote.participant for vote in data.votes)])

    def of(name: str | None) -> Contribution:
        return Contribution(name, tuple(written[(name, column)] for column in data.info.columns),
                            cast[name] if name else 0)

    return tuple(of(name) for name in names), of(None)


def time_per_step(data: SessionData, template: Template, *, now: datetime) -> tuple[StepTime, ...]:
    times = []
    for step in steps(data):
        state = data.step_state(step)
        times.append(StepTime(step, _title(template, step), timebox.planned_seconds(state, _minutes(template, step)),
                              timebox.spent_seconds(state, now), state.running_since is not None))
    return tuple(times)


def votes_per_step(data: SessionData, template: Template) -> tuple[StepVotes, ...]:
    step_of = {item.id: item.step for item in data.items} if data.votes else {}
    voters: dict[int, dict[str, None]] = {}
    for vote in data.votes:
        if vote.item_id in step_of:
            voters.setdefault(step_of[vote.item_id], {})[vote.participant] = None
    counts: dict[int, list[int]] = {}  # step -> the vote counts of its items that got any
    for item in data.items:
        if item.votes:
            counts.setdefault(item.step, []).append(item.votes)
    return tuple(StepVotes(step, _title(template, step), sum(counts.get(step, ())), len(counts.get(step, ())),
                           max(counts.get(step, ()), default=0), tuple(voters.get(step, ())))
                 for step in steps(data))


def session_stats(data: SessionData, template: Template, *, now: datetime) -> SessionStats:
    named, anonymous = contributions(data)
    clustered = compress(data.items, map(attrgetter("cluster_id"), data.items))
    clusters = Counter((item.step, item.column, item.cluster_id) for item in clustered)
    followups = sum(map(attrgetter("followup"), data.items))
    return SessionStats(
        items=items_per_step(data, template),
        contributions=named,
        anonymous=anonymous,
        times=time_per_step(data, template, now=now),
        votes=votes_per_step(data, template),
        followups=followups,
        clusters=sum(1 for members in clusters.values() if members > 1),
    )
