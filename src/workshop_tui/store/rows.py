"""Helpers of the store: validation, small queries, and converters from rows to domain objects.

Used only inside `workshop_tui.store`; each takes the open ORM session of the caller's
transaction.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from typing import Iterable, Iterator

from sqlalchemy import delete, func
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from workshop_tui.model import COLUMNS, DeletedItem, Item, SessionInfo, StepState, Vote, now_iso
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


# -- fast reads: whole sessions as plain tuples, no ORM objects ----------------------------------
#
# Reading a big session through the ORM builds an `ItemRow` per item (identity map, change
# tracking) only to copy it into an `Item`: most of the time of `session_data`. These read
# the columns as tuples and fill each frozen `Item` directly: on SQLite straight off the
# sqlite3 cursor (SQLAlchemy's Row objects would cost a quarter of the read), elsewhere
# with SQLAlchemy Core.

ITEM_FIELDS = ("id", "session_id", "step", "column", "text", "author", "position", "votes", "cluster_id",
               "followup", "owner", "due", "created_at", "updated_at")
_ITEMS = ItemRow.__table__
_ITEM_QUERY = core_select(*(_ITEMS.c[name] for name in ITEM_FIELDS))
_PLACE = (_ITEMS.c.step, _ITEMS.c.column, _ITEMS.c.position)  # the order the index ix_items_place gives
_SQLITE_COLUMNS = ", ".join(f'"{name}"' for name in ITEM_FIELDS)
_VOTES = VoteRow.__table__
_VOTE_FIELDS = ("id", "item_id", "participant", "created_at")
_VOTE_QUERY = core_select(*(_VOTES.c[name] for name in _VOTE_FIELDS))
_new = object.__new__


def read_items(db: Session, session_id: int, step: int | None = None) -> tuple[Item, ...]:
    """A session's items (or one step's), ordered by step, column and position (then creation, id)."""
    connection = db.connection()
    # Asked by (step, column, position) only, the order the index hands rows out in: with the
    # tie-breakers SQLite would sort every row again. Two items rarely share a place (a
    # hand-made import); then Python sorts them, as SQL would have.
    if connection.dialect.name == "sqlite":
        sql = (f"SELECT {_SQLITE_COLUMNS} FROM items WHERE session_id = ?{'' if step is None else ' AND step = ?'}"
               ' ORDER BY step, "column", position')
        cursor = connection.connection.driver_connection.execute(sql, (session_id,) if step is None else (session_id, step))
        with _gc_paused():
            items = tuple(map(_sqlite_item, cursor))
    else:
        query = _ITEM_QUERY.where(_ITEMS.c.session_id == session_id)
        if step is not None:
            query = query.where(_ITEMS.c.step == step)
        with _gc_paused():
            items = tuple(map(item_from_row, connection.execute(query.order_by(*_PLACE))))
    if any(a.position == b.position and a.step == b.step and a.column == b.column for a, b in zip(items, items[1:])):
        items = tuple(sorted(items, key=lambda i: (i.step, i.column, i.position, i.created_at, i.id)))
    return items


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic garbage collector held off while a big read builds its objects.

    A 100,000-item session makes 200,000 objects (items and their dicts), none in a cycle;
    the collector would walk the growing heap over and over meanwhile, a third of the time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def item_from_row(row) -> Item:
    """An `Item` from a tuple in `ITEM_FIELDS` order: the same object `Item(**fields)` makes.

    `Item` is a frozen dataclass, whose `__init__` sets each of its 14 fields through
    `object.__setattr__`; filling its `__dict__` at once costs half as much, which counts when
    a session of 100,000 items is exported. (Core's Boolean type gives `followup` as a bool;
    `due` is NOT NULL.) `tests/test_fast_paths.py` checks both ways agree.
    """
    item = _new(Item)
    item.__dict__.update(zip(ITEM_FIELDS, row))
    return item


def _sqlite_item(row) -> Item:
    """`item_from_row` for a raw sqlite3 row, whose booleans are 0 and 1."""
    item = _new(Item)
    fields = item.__dict__
    fields.update(zip(ITEM_FIELDS, row))
    fields["followup"] = bool(fields["followup"])
    return item


def read_votes(db: Session, session_id: int) -> tuple[Vote, ...]:
    query = _VOTE_QUERY.where(_VOTES.c.session_id == session_id).order_by(_VOTES.c.created_at, _VOTES.c.id)
    return tuple(Vote(*row) for row in db.connection().execute(query))


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
    return ItemRow(**item_values(item, session_id, default_stamp))


_KEEP: object = object()


def item_values(item: Item, session_id: int, default_stamp: str | None = None, *, item_id: str | None = None,
                text: str | None = None, author: object = _KEEP) -> dict[str, object]:
    """An item's columns, as `insert(ItemRow)` takes them; `item_id`, `text`, `author` override the item's."""
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
    }


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


def edit_row(db: Session, row: ItemRow, text: str) -> Item:
    """Give an item new (already checked) text, stamped with its session's change."""
    row.text = text
    row.updated_at = touch(db, row.session_id).updated_at
    db.add(row)
    return to_item(row)


def delete_row(db: Session, row: ItemRow) -> DeletedItem:
    """Delete an item and its votes; returns both, for `Store.restore_item` (undo)."""
    votes = db.exec(select(VoteRow).where(VoteRow.item_id == row.id)).all()
    deleted = DeletedItem(item=to_item(row), votes=tuple(to_vote(vote) for vote in votes))
    touch(db, row.session_id)
    db.exec(delete(VoteRow).where(col(VoteRow.item_id) == row.id))
    db.delete(row)
    return deleted
