"""Small queries inside a store transaction: one session, one item, a column, participants.

Used only inside `workshop_tui.store`; each takes the open ORM session of the caller's
transaction. `touch` marks a session changed (every write calls it).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Iterable

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from workshop_tui.i18n import _
from workshop_tui.model import DeletedItem, Item, now_iso
from workshop_tui.store.errors import NotFoundError
from workshop_tui.store.rows import to_item, to_vote
from workshop_tui.store.tables import ItemRow, ParticipantRow, SessionRow, VoteRow
from workshop_tui.text import clean_name, safe


def session_row(db: Session, session_id: int, *, lock: bool = False) -> SessionRow:
    # On PostgreSQL, FOR UPDATE makes writers to one session queue up (SQLite's BEGIN
    # IMMEDIATE already does), so positions computed from max()+1 never collide.
    row = db.get(SessionRow, session_id, with_for_update=lock or None)
    if row is None:
        raise NotFoundError(_('unknown session {session_id}').format(session_id=session_id))
    return row


def touch(db: Session, session_id: int) -> SessionRow:
    """Mark a session changed now (every change bumps it: lists sort by it, watchers poll it).

    The stamp is always later than every session's, even when this machine's clock is behind
    another writer's or has stepped back: `Store.change_token` watches the newest stamp, and
    a change stamped below it would go unseen by every screen.
    """
    row = session_row(db, session_id, lock=True)
    row.updated_at = later_than(db.exec(select(func.max(SessionRow.updated_at))).one(), now_iso())
    db.add(row)
    return row


def later_than(newest: str | None, now: str) -> str:
    """`now`, or a microsecond after `newest` when `now` does not sort after it."""
    if newest is None or now > newest:
        return now
    try:
        moment = datetime.fromisoformat(newest)
    except ValueError:
        return now  # not a stamp this store wrote (a hand-made import): nothing to step past
    moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return (moment.astimezone(timezone.utc) + timedelta(microseconds=1)).isoformat(timespec="microseconds")


def item_row(db: Session, item_id: str) -> ItemRow:
    row = db.get(ItemRow, item_id)
    if row is None:
        raise NotFoundError(_("this item is no longer there: someone else may have deleted it"))
    return row


def ordered(query):
    return query.order_by(
        col(ItemRow.step), col(ItemRow.column), col(ItemRow.position), col(ItemRow.created_at), col(ItemRow.id)
    )


def column_rows(db: Session, session_id: int, step: int, column: str) -> list[ItemRow]:
    query = select(ItemRow).where(
        ItemRow.session_id == session_id, ItemRow.step == step, ItemRow.column == column
    )
    return list(db.exec(ordered(query)).all())


def next_position(db: Session, session_id: int, step: int, column: str) -> int:
    highest = db.exec(
        select(func.max(ItemRow.position)).where(
            ItemRow.session_id == session_id, ItemRow.step == step, ItemRow.column == column
        )
    ).one()
    return 0 if highest is None else highest + 1


def existing_ids(db: Session, table, ids: list[str]) -> set[str]:
    """Which of these ids the table (items or votes) already holds."""
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = [i for i in ids[start : start + 500] if i]
        if chunk:
            found.update(db.exec(select(table.id).where(col(table.id).in_(chunk))).all())
    return found


def participant_names(db: Session, session_id: int) -> tuple[str, ...]:
    query = (
        select(ParticipantRow.name)
        .where(ParticipantRow.session_id == session_id)
        .order_by(col(ParticipantRow.position), col(ParticipantRow.id))
    )
    return tuple(map(safe, db.exec(query).all()))


def participants_by_session(db: Session) -> dict[int, tuple[str, ...]]:
    people: dict[int, list[str]] = {}
    query = select(ParticipantRow.session_id, ParticipantRow.name).order_by(
        col(ParticipantRow.position), col(ParticipantRow.id)
    )
    for session_id, name in db.exec(query).all():
        people.setdefault(session_id, []).append(safe(name))
    return {key: tuple(names) for key, names in people.items()}


def add_participants(db: Session, session_id: int, names: Iterable[str]) -> None:
    present = list(participant_names(db, session_id))
    for raw in names:
        name = clean_name(raw)
        if name and name not in present:
            db.add(ParticipantRow(session_id=session_id, name=name, position=len(present)))
            present.append(name)
    db.flush()


def edit_row(db: Session, row: ItemRow, text: str, *, by: str | None = None) -> Item:
    """Give an item new (already checked) text, stamped with its session's change."""
    from workshop_tui.store.history import record

    was, row.text = row.text, text
    row.updated_at = touch(db, row.session_id).updated_at
    db.add(row)
    # The same text again only renews the stamp: kept in the history, not listed as an edit.
    record(db, row, "edited" if was != text else "", at=row.updated_at, by=by,
           detail={"was": was} if was != text else None)
    return to_item(row)


def delete_row(db: Session, row: ItemRow, *, by: str | None = None) -> DeletedItem:
    """Delete an item and its votes; returns both, for `Store.restore_item` (undo)."""
    from workshop_tui.store.history import record

    votes = db.exec(select(VoteRow).where(VoteRow.item_id == row.id)).all()
    deleted = DeletedItem(item=to_item(row), votes=tuple(to_vote(vote) for vote in votes))
    stamp = touch(db, row.session_id).updated_at
    record(db, row, "deleted", at=stamp, by=by)
    db.exec(delete(VoteRow).where(col(VoteRow.item_id) == row.id))
    db.delete(row)
    return deleted
