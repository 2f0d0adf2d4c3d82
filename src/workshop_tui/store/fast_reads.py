"""Fast reads: a whole session's items and votes as plain tuples, no ORM objects.

Reading a big session through the ORM builds an `ItemRow` per item (identity map, change
tracking) only to copy it into an `Item`: most of the time of `session_data`. These read
the columns as tuples and fill each frozen `Item` directly: on SQLite straight off the
sqlite3 cursor (SQLAlchemy's Row objects would cost a quarter of the read), elsewhere
with SQLAlchemy Core.
"""

from __future__ import annotations

import gc
from itertools import chain
from operator import attrgetter
from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import or_
from sqlalchemy import select as core_select
from sqlmodel import Session

from workshop_tui.model import Item, Vote
from workshop_tui.text import all_safe, safe, safe_or_none
from workshop_tui.store.tables import ItemRow, VoteRow

ITEM_FIELDS = ("id", "session_id", "step", "column", "text", "author", "position", "votes", "cluster_id",
               "followup", "owner", "due", "created_at", "updated_at", "hidden", "followup_status", "from_last_time")
_ITEMS = ItemRow.__table__
_ITEM_QUERY = core_select(*(_ITEMS.c[name] for name in ITEM_FIELDS))
_PLACE = (_ITEMS.c.step, _ITEMS.c.column, _ITEMS.c.position)  # the order the index ix_items_place gives
_SQLITE_COLUMNS = ", ".join(f'"{name}"' for name in ITEM_FIELDS)
_VOTES = VoteRow.__table__
_VOTE_FIELDS = ("id", "item_id", "participant", "created_at")
_VOTE_QUERY = core_select(*(_VOTES.c[name] for name in _VOTE_FIELDS))
_new = object.__new__


def read_items(db: Session, session_id: int, step: int | None = None, *, viewer: str | None = None) -> tuple[Item, ...]:
    """A session's items (or one step's), ordered by step, column and position (then creation, id).

    Items written privately and not revealed yet are left out, except those `viewer` wrote."""
    connection = db.connection()
    viewer = viewer or None  # "" is nobody
    # Asked by (step, column, position) only, the order the index hands rows out in: with the
    # tie-breakers SQLite would sort every row again. Two items rarely share a place (a
    # hand-made import); then Python sorts them, as SQL would have.
    if connection.dialect.name == "sqlite":
        sql = (f"SELECT {_SQLITE_COLUMNS} FROM items WHERE session_id = ?{'' if step is None else ' AND step = ?'}"
               ' AND (NOT hidden OR author = ?) ORDER BY step, "column", position')
        arguments = (session_id,) if step is None else (session_id, step)
        cursor = connection.connection.driver_connection.execute(sql, (*arguments, viewer))
        with _gc_paused():
            items = tuple(map(_sqlite_item, cursor))
    else:
        shown = _ITEMS.c.hidden.is_(False)  # (author == None would be IS NULL: everyone's anonymous items)
        query = _ITEM_QUERY.where(_ITEMS.c.session_id == session_id,
                                  shown if viewer is None else or_(shown, _ITEMS.c.author == viewer))
        if step is not None:
            query = query.where(_ITEMS.c.step == step)
        with _gc_paused():
            items = tuple(map(item_from_row, connection.execute(query.order_by(*_PLACE))))
    if not all(all_safe(map(text_of, items)) for text_of in _TEXTS):  # one C-speed pass a field
        items = tuple(map(_cleaned, items))
    if any(a.position == b.position and a.step == b.step and a.column == b.column for a, b in zip(items, items[1:])):
        items = tuple(sorted(items, key=lambda i: (i.step, i.column, i.position, i.created_at, i.id)))
    return items


_TEXT_FIELDS = ("id", "column", "text", "author", "cluster_id", "owner", "due", "created_at", "updated_at",
                "followup_status")
_TEXTS = tuple(map(attrgetter, _TEXT_FIELDS))


def _cleaned(item: Item) -> Item:
    """An item read from a store that holds control characters, with every text made safe."""
    cleaned = _new(Item)
    fields = cleaned.__dict__
    fields.update(item.__dict__)
    for name in _TEXT_FIELDS:
        fields[name] = safe_or_none(fields[name]) if name in ("author", "cluster_id", "owner") else safe(fields[name])
    return cleaned


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

    `Item` is a frozen dataclass, whose `__init__` sets each of its 17 fields through
    `object.__setattr__`; filling its `__dict__` at once costs half as much, which counts when
    a session of 100,000 items is exported. (Core's Boolean type gives `followup` and `hidden` as bools;
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
    fields["hidden"] = bool(fields["hidden"])
    fields["from_last_time"] = bool(fields["from_last_time"])
    return item


def read_votes(db: Session, session_id: int) -> tuple[Vote, ...]:
    query = _VOTE_QUERY.where(_VOTES.c.session_id == session_id).order_by(_VOTES.c.created_at, _VOTES.c.id)
    rows = db.connection().execute(query).all()
    if not all_safe(chain.from_iterable(rows)):
        return tuple(Vote(*map(safe, row)) for row in rows)
    return tuple(Vote(*row) for row in rows)
