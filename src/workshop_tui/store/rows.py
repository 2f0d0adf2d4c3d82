"""Helpers of the store: validation, small queries, and converters from rows to domain objects.

Used only inside `workshop_tui.store`; each takes the open ORM session of the caller's
transaction.
"""

from __future__ import annotations

from typing import Iterable

from sqlalchemy import func
from sqlmodel import Session, col, select

from workshop_tui.model import COLUMNS, Item, SessionInfo, StepState, Vote, now_iso
from workshop_tui.store.errors import InvalidInputError, NotFoundError
from workshop_tui.store.tables import ItemRow, ParticipantRow, SessionRow, StepStateRow, VoteRow
from workshop_tui.text import EmptyTextError, TextTooLongError, clean_item_text, clean_name, clean_text


# -- helpers: validation ---------------------------------------------------------------------


def one_line(value: str | None) -> str:
    return " ".join(clean_text(value or "").split())


def required_line(value: str | None, what: str) -> str:
    text = one_line(value)
    if not text:
        raise InvalidInputError(f"the {what} is empty")
    if len(text) > 500:
        raise InvalidInputError(f"the {what} is too long ({len(text):,} characters; at most 500)")
    return text


def checked_item_text(text: str) -> str:
    try:
        return clean_item_text(text)
    except (EmptyTextError, TextTooLongError) as error:
        raise InvalidInputError(str(error)) from None


def check_column(column: str) -> None:
    if column not in COLUMNS:
        raise InvalidInputError(f"unknown column '{column}': use one of {', '.join(COLUMNS)}")


def check_step(session: SessionRow, step: int) -> None:
    if not isinstance(step, int) or not 1 <= step <= session.step_count:
        raise InvalidInputError(f"step {step} is outside 1-{session.step_count}")


# -- helpers: queries ------------------------------------------------------------------------


def session_row(db: Session, session_id: int, *, lock: bool = False) -> SessionRow:
    # On PostgreSQL, FOR UPDATE makes writers to one session queue up (SQLite's BEGIN
    # IMMEDIATE already does), so positions computed from max()+1 never collide.
    row = db.get(SessionRow, session_id, with_for_update=lock or None)
    if row is None:
        raise NotFoundError(f"unknown session {session_id}")
    return row


def touch(db: Session, session_id: int) -> SessionRow:
    """Mark a session changed now (every change bumps it: lists sort by it, watchers poll it)."""
    row = session_row(db, session_id, lock=True)
    row.updated_at = now_iso()
    db.add(row)
    return row


def item_row(db: Session, item_id: str) -> ItemRow:
    row = db.get(ItemRow, item_id)
    if row is None:
        raise NotFoundError(f"unknown item {item_id} (deleted by someone else?)")
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
    return tuple(db.exec(query).all())


def participants_by_session(db: Session) -> dict[int, tuple[str, ...]]:
    people: dict[int, list[str]] = {}
    query = select(ParticipantRow.session_id, ParticipantRow.name).order_by(
        col(ParticipantRow.position), col(ParticipantRow.id)
    )
    for session_id, name in db.exec(query).all():
        people.setdefault(session_id, []).append(name)
    return {key: tuple(names) for key, names in people.items()}


def add_participants(db: Session, session_id: int, names: Iterable[str]) -> None:
    present = list(participant_names(db, session_id))
    for raw in names:
        name = clean_name(raw)
        if name and name not in present:
            db.add(ParticipantRow(session_id=session_id, name=name, position=len(present)))
            present.append(name)
    db.flush()


# -- helpers: converters between rows and domain objects -------------------------------------


def to_item(row: ItemRow) -> Item:
    return Item(
        id=row.id,
        session_id=row.session_id,
        step=row.step,
        column=row.column,
        text=row.text,
        author=row.author,
        position=row.position,
        votes=row.votes,
        created_at=row.created_at,
        updated_at=row.updated_at,
        cluster_id=row.cluster_id,
        followup=bool(row.followup),
        owner=row.owner,
        due=row.due or "",
    )


def to_item_row(item: Item, session_id: int, default_stamp: str | None = None) -> ItemRow:
    stamp = default_stamp or now_iso()
    return ItemRow(
        id=item.id,
        session_id=session_id,
        step=item.step,
        column=item.column,
        text=item.text,
        author=item.author,
        position=item.position,
        votes=max(0, int(item.votes or 0)),
        created_at=item.created_at or stamp,
        updated_at=item.updated_at or item.created_at or stamp,
        cluster_id=item.cluster_id or None,
        followup=bool(item.followup),
        owner=clean_name(item.owner),
        due=one_line(item.due),
    )


def to_info(row: SessionRow, participants: tuple[str, ...], item_count: int) -> SessionInfo:
    return SessionInfo(
        id=row.id,
        title=row.title,
        template_id=row.template_id,
        event=row.event,
        place=row.place,
        date=row.date,
        facilitator=row.facilitator,
        step_count=row.step_count,
        current_step=row.current_step,
        created_at=row.created_at,
        updated_at=row.updated_at,
        item_count=item_count,
        participants=participants,
        votes_per_participant=row.votes_per_participant,
        participants_follow=bool(row.participants_follow),
    )


def to_vote(row: VoteRow) -> Vote:
    return Vote(id=row.id, item_id=row.item_id, participant=row.participant, created_at=row.created_at)


def to_step_state(row: StepStateRow) -> StepState:
    return StepState(
        step=row.step,
        phase=row.phase,
        planned_seconds=row.planned_seconds,
        extra_seconds=row.extra_seconds,
        spent_seconds=row.spent_seconds,
        running_since=row.running_since,
    )
