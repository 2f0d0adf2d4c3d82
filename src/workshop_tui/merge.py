"""Merging two sessions into one, as the seed's summary table gathers two workshops.

Per step and column: the first session's items, then the second's that it does not already
hold. Two items are the same when their text matches ignoring case and spacing; the merged
item keeps the first's author (or the second's, when the first has none), adds their votes,
and keeps the first's follow-up (or takes the second's, when the first's is none; a follow-up the
first carried over to the second takes the status the second gave it). Each item
of the second session pairs with at most one of the first's, so a session's own repeated items
are kept: merging with an empty session changes nothing.

What facilitating recorded comes along:
- every vote record of both sessions, on the merged item it was cast on (so a merged item's
  votes are still its records' count when both sessions' were);
- clusters: two items grouped in either session are grouped in the merge (a paired item joins
  the clusters of both of its sides);
- step states: the time spent in both sessions added up, with the first's phase and timebox
  (the second's where the first never touched the step). A merged session is a record, not a
  live step: a running timer is counted up to `now` and stopped.
Ids stay unique: an item or vote id of the second that the first already uses gets a new one.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

from workshop_tui import timebox
from workshop_tui.i18n import _
from workshop_tui.model import Item, SessionData, SessionInfo, StepState, Vote, new_id, now_iso


class ShapeError(ValueError):
    """Two sessions whose columns differ cannot be merged into one table; `str()` is one line."""


def same_text_key(text: str) -> str:
    return " ".join(text.casefold().split())


def merge_sessions(first: SessionData, second: SessionData, *, title: str,
                   now: datetime | None = None) -> SessionData:
    """The merged session (id 0, for `store.import_session`); `now` stops running timers (default: now).

    Both must have the same shape (the same columns, in the same order): ShapeError otherwise."""
    if first.info.columns != second.info.columns:
        raise ShapeError(_("'{first}' and '{second}' have different columns ({first_columns} / {second_columns}): "
                           "only sessions of the same shape merge; nothing was merged").format(
            first=first.info.title, second=second.info.title, first_columns=", ".join(first.info.columns),
            second_columns=", ".join(second.info.columns)))
    step_count = max(first.info.step_count, second.info.step_count)
    taken = {item.id for item in first.items}
    renamed: dict[str, str] = {}  # an item id of the second -> the merged item's id
    merged: list[Item] = []
    for step in range(1, step_count + 1):
        for column in first.info.columns:
            merged.extend(_merge_column(first.items_for(step, column), second.items_for(step, column), taken, renamed))
    participants = list(first.info.participants)
    participants += [name for name in second.info.participants if name not in participants]
    info = SessionInfo(
        id=0,
        title=title,
        template_id=first.info.template_id,
        event=_join(first.info.event, second.info.event),
        place=_join(first.info.place, second.info.place),
        date=_join(first.info.date, second.info.date),
        facilitator=_join(first.info.facilitator, second.info.facilitator),
        step_count=step_count,
        created_at=now_iso(),
        participants=tuple(participants),
        votes_per_participant=max(first.info.votes_per_participant, second.info.votes_per_participant),
        participants_follow=first.info.participants_follow,
        language=first.info.language,
        columns=first.info.columns,
    )
    return SessionData(info=info, items=tuple(merged), votes=_merge_votes(first, second, renamed),
                       step_states=_merge_states(first, second, now))


def _merge_column(first: list[Item], second: list[Item], taken: set[str], renamed: dict[str, str]) -> list[Item]:
    merged = list(first)
    unpaired: dict[str, list[int]] = {}  # text key -> indexes of the first's items not yet paired
    for index, item in enumerate(first):
        unpaired.setdefault(same_text_key(item.text), []).append(index)
    origins: list[list[tuple[int, Item]]] = [[(0, item)] for item in first]  # (session, original) per merged item
    for item in second:
        waiting = unpaired.get(same_text_key(item.text))
        if waiting:
            index = waiting.pop(0)
            earlier = merged[index]
            merged[index] = replace(earlier, author=earlier.author or item.author, votes=earlier.votes + item.votes,
                                    **_followup(earlier, item))
            renamed[item.id] = earlier.id
            origins[index].append((1, item))
        else:
            new = item if item.id not in taken else replace(item, id=new_id())
            taken.add(new.id)
            renamed[item.id] = new.id
            merged.append(new)
            origins.append([(1, item)])
    clusters = _clusters(origins)
    return [replace(item, position=position, cluster_id=clusters[position])
            for position, item in enumerate(merged)]


def _followup(earlier: Item, later: Item) -> dict[str, object]:
    """The first's follow-up, else the second's; a follow-up the first carried over to the
    second takes the status the second gave it (done, dropped, or still open)."""
    item = earlier if earlier.followup else later
    status = later.followup_status if earlier.followup_status == "carried" and later.followup else item.followup_status
    return {"followup": item.followup, "owner": item.owner, "due": item.due, "followup_status": status}


def _clusters(origins: list[list[tuple[int, Item]]]) -> list[str | None]:
    """Each merged item's cluster id: both sessions' clusters joined over the merged items.

    Two merged items are grouped when either session grouped their originals. A group keeps the
    cluster id of its earliest member that has one (the first session's before the second's)
    unless an earlier group took it; an item grouped with nothing keeps its own id if it is free
    (a session's leftover one-item cluster stays as it was), else it has none."""
    parent = list(range(len(origins)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    seen: dict[tuple[int, str], int] = {}  # (session, cluster id) -> a merged item in it
    for index, originals in enumerate(origins):
        for side, item in originals:
            if item.cluster_id:
                other = seen.setdefault((side, item.cluster_id), index)
                parent[root(index)] = root(other)
    groups: dict[int, list[int]] = {}
    for index in range(len(origins)):
        groups.setdefault(root(index), []).append(index)
    ids: list[str | None] = [None] * len(origins)
    used: set[str] = set()
    for members in sorted(groups.values(), key=lambda members: (len(members) < 2, members[0])):
        candidates = [item.cluster_id for index in members for _, item in origins[index] if item.cluster_id]
        cluster_id = next((c for c in candidates if c not in used), None)
        if len(members) > 1 and cluster_id is None:
            cluster_id = new_id()
        if cluster_id:
            used.add(cluster_id)
        for index in members:
            ids[index] = cluster_id
    return ids


def _merge_votes(first: SessionData, second: SessionData, renamed: dict[str, str]) -> tuple[Vote, ...]:
    """Both sessions' vote records, the second's moved onto the merged items; ids kept unique."""
    votes = list(first.votes)
    taken = {vote.id for vote in votes}
    for vote in second.votes:
        if vote.item_id not in renamed:
            continue  # a record of an item the session does not hold: nothing to put it on
        new_vote = replace(vote, item_id=renamed[vote.item_id], id=vote.id if vote.id not in taken else new_id())
        taken.add(new_vote.id)
        votes.append(new_vote)
    return tuple(votes)


def _merge_states(first: SessionData, second: SessionData, now: datetime | None) -> tuple[StepState, ...]:
    """Per step: the time spent in both added up; the first's phase and timebox, else the second's."""
    moment = now or datetime.now(timezone.utc)
    states = {state.step: _stopped(state, moment) for state in second.step_states}
    for state in first.step_states:
        stopped = _stopped(state, moment)
        other = states.get(state.step)
        states[state.step] = stopped if other is None else replace(
            stopped, spent_seconds=stopped.spent_seconds + other.spent_seconds,
            dots=max((dots for dots in (stopped.dots, other.dots) if dots is not None), default=None))
    return tuple(states[step] for step in sorted(states))


def _stopped(state: StepState, moment: datetime) -> StepState:
    return timebox.pause(state, moment) if state.running_since else state


def _join(a: str, b: str) -> str:
    """Both values, once each: "Wikimedia Conference 2015; Wikimania 2015"."""
    return a if not b or a == b else b if not a else f"{a}; {b}"
