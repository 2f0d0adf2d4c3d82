"""Converters between the store's table rows and the plain domain objects of `workshop_tui.model`.

Every text read from a database passes `text.safe` here (or in `fast_reads`): whatever a store
holds (written by another program, received from someone), no control character or escape
sequence reaches a screen or an export.
"""

from __future__ import annotations

from workshop_tui.model import COLUMNS, FOLLOWUP_STATUSES, Item, SessionInfo, StepState, Vote, now_iso
from workshop_tui.store.checks import known_language, one_line
from workshop_tui.store.tables import ItemRow, SessionRow, StepStateRow, VoteRow
from workshop_tui.text import clean_name, safe, safe_or_none


def to_item(row: ItemRow) -> Item:
    return Item(
        id=safe(row.id),
        session_id=row.session_id,
        step=row.step,
        column=safe(row.column),
        text=safe(row.text),
        author=safe_or_none(row.author),
        position=row.position,
        votes=row.votes,
        created_at=safe(row.created_at),
        updated_at=safe(row.updated_at),
        cluster_id=safe_or_none(row.cluster_id),
        followup=bool(row.followup),
        owner=safe_or_none(row.owner),
        due=safe(row.due or ""),
        hidden=bool(row.hidden),
        followup_status=safe(row.followup_status or "open"),
        from_last_time=bool(row.from_last_time),
    )


def to_item_row(item: Item, session_id: int, default_stamp: str | None = None) -> ItemRow:
    return ItemRow(**item_values(item, session_id, default_stamp))


_KEEP: object = object()


def item_values(item: Item, session_id: int, default_stamp: str | None = None, *, item_id: str | None = None,
                text: str | None = None, author: object = _KEEP, hidden: bool | None = None) -> dict[str, object]:
    """An item's columns, as `insert(ItemRow)` takes them; `item_id`, `text`, `author`, `hidden`
    override the item's."""
    stamp = default_stamp or now_iso()
    return {
        "id": item_id or item.id,
        "session_id": session_id,
        "step": item.step,
        "column": item.column,
        "text": item.text if text is None else text,
        "author": item.author if author is _KEEP else author,
        "position": item.position,
        "votes": max(0, int(item.votes or 0)),
        "created_at": item.created_at or stamp,
        "updated_at": item.updated_at or item.created_at or stamp,
        "cluster_id": item.cluster_id or None,
        "followup": bool(item.followup),
        "owner": clean_name(item.owner),
        "due": one_line(item.due),
        "hidden": bool(item.hidden if hidden is None else hidden),
        "followup_status": item.followup_status if item.followup_status in FOLLOWUP_STATUSES else "open",
        "from_last_time": bool(item.from_last_time),
    }


def to_info(row: SessionRow, participants: tuple[str, ...], item_count: int) -> SessionInfo:
    return SessionInfo(
        id=row.id,
        title=safe(row.title),
        template_id=safe(row.template_id),
        event=safe(row.event),
        place=safe(row.place),
        date=safe(row.date),
        facilitator=safe(row.facilitator),
        step_count=row.step_count,
        current_step=row.current_step,
        created_at=safe(row.created_at),
        updated_at=safe(row.updated_at),
        item_count=item_count,
        participants=participants,
        votes_per_participant=row.votes_per_participant,
        participants_follow=bool(row.participants_follow),
        speaker=safe(row.speaker or ""),
        current_column=safe(row.current_column or ""),
        language=known_language(row.language or ""),
        columns=column_keys(row.column_keys),
    )


def column_keys(stored: str | None) -> tuple[str, ...]:
    """A session's column keys as stored (comma-separated); the 8 steps' for a store that has none."""
    keys = tuple(key for key in safe(stored or "").split(",") if key)
    return keys or COLUMNS


def in_column_order(items: tuple[Item, ...], keys: tuple[str, ...]) -> tuple[Item, ...]:
    """Items read in (step, column, position) order, with the columns in the session's order
    rather than the database's (alphabetical, which the 8 steps' columns happen to be in)."""
    if list(keys) == sorted(keys):
        return items
    order = {key: index for index, key in enumerate(keys)}
    return tuple(sorted(items, key=lambda item: (item.step, order.get(item.column, len(order)))))


def stored_keys(keys: tuple[str, ...]) -> str:
    return ",".join(keys)


def to_vote(row: VoteRow) -> Vote:
    return Vote(id=safe(row.id), item_id=safe(row.item_id), participant=safe(row.participant),
                created_at=safe(row.created_at))


def to_step_state(row: StepStateRow) -> StepState:
    return StepState(
        step=row.step,
        phase=safe(row.phase),
        planned_seconds=row.planned_seconds,
        extra_seconds=row.extra_seconds,
        spent_seconds=row.spent_seconds,
        running_since=safe_or_none(row.running_since),
        anonymous=bool(row.anonymous),
        dots=row.dots,
    )
