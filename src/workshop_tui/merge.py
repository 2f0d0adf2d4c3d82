"""Merging two sessions into one, as the seed's summary table gathers two workshops.

Per step and column: the first session's items, then the second's that it does not already
hold. Two items are the same when their text matches ignoring case and spacing; the merged
item keeps the first's author (or the second's, when the first has none) and adds their votes.
Each item of the second session pairs with at most one of the first's, so a session's own
repeated items are kept: merging with an empty session changes nothing.
"""

from __future__ import annotations

from dataclasses import replace

from workshop_tui.model import COLUMNS, Item, SessionData, SessionInfo, now_iso


def same_text_key(text: str) -> str:
    return " ".join(text.casefold().split())


def merge_sessions(first: SessionData, second: SessionData, *, title: str) -> SessionData:
    step_count = max(first.info.step_count, second.info.step_count)
    merged: list[Item] = []
    for step in range(1, step_count + 1):
        for column in COLUMNS:
            merged.extend(_merge_column(first.items_for(step, column), second.items_for(step, column)))
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
    )
    return SessionData(info=info, items=tuple(merged))


def _merge_column(first: list[Item], second: list[Item]) -> list[Item]:
    merged = list(first)
    unpaired: dict[str, list[int]] = {}  # text key -> indexes of the first's items not yet paired
    for index, item in enumerate(first):
        unpaired.setdefault(same_text_key(item.text), []).append(index)
    for item in second:
        waiting = unpaired.get(same_text_key(item.text))
        if waiting:
            index = waiting.pop(0)
            earlier = merged[index]
            merged[index] = replace(earlier, author=earlier.author or item.author, votes=earlier.votes + item.votes)
        else:
            merged.append(item)
    return [replace(item, position=position) for position, item in enumerate(merged)]


def _join(a: str, b: str) -> str:
    """Both values, once each: "Wikimedia Conference 2015; Wikimania 2015"."""
    return a if not b or a == b else b if not a else f"{a}; {b}"
