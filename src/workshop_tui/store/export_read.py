"""The lean read for the big exports: a session's items as plain tuples (`model.SessionRows`).

`session_data` makes an `Item` of 17 fields per item; the csv and wikitext exports need 13 of
them and no object. This reads those columns straight into tuples (off the sqlite3 cursor on
SQLite, through SQLAlchemy Core elsewhere), in the order `session_data` gives its items.

Texts are handed out as stored but for the columns, which decide where an item goes: the
writers make each field safe as they write it (`export/rows.py`), so the whole read is not
checked twice. Whenever the quick way could differ from `session_data` (a column holding a
control character, two items sharing a place), the rows are made from `session_data`'s
own items instead.
"""

from __future__ import annotations

from operator import attrgetter, itemgetter

from sqlalchemy import case, not_
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from workshop_tui.model import ITEM_ROW, SessionRows
from workshop_tui.store.base import StoreBase
from workshop_tui.store.fast_reads import _gc_paused, read_items
from workshop_tui.store.queries import participant_names, session_row
from workshop_tui.store.rows import column_keys, in_column_order, to_info, to_step_state
from workshop_tui.store.tables import ItemRow, StepStateRow
from workshop_tui.text import safe

_ITEMS = ItemRow.__table__
# Revealed or not, in one pass: `hidden` is read as 0 (shown), 1 (counted as not revealed yet) or 2
# (neither: what `NOT hidden` and `hidden IS true` both leave out). Counting them apart from the
# read would visit every row of the session a second time (about 200 ms for 100,000 items).
_FIELDS = ITEM_ROW[:-1]
_HIDDEN = case((not_(_ITEMS.c.hidden), 0), (_ITEMS.c.hidden.is_(True), 1), else_=2)
_CORE = core_select(*(_ITEMS.c[name] for name in _FIELDS), _HIDDEN)
_SQLITE = (f"SELECT {', '.join(f'{chr(34)}{name}{chr(34)}' for name in _FIELDS)},"
           " CASE WHEN NOT hidden THEN 0 WHEN hidden IS 1 THEN 1 ELSE 2 END"
           ' FROM items WHERE session_id = ? ORDER BY step, "column", position')
_STEP, _COLUMN, _POSITION, _HIDDEN_AT = (ITEM_ROW.index(name) for name in ("step", "column", "position", "hidden"))
_fields = attrgetter(*ITEM_ROW)


class ExportReadsMixin(StoreBase):
    """`session_rows`: a mixin of `Store`."""

    def session_rows(self, session_id: int) -> SessionRows:
        """What `session_data` holds, for the csv and wikitext exports: revealed items as tuples
        (`model.ITEM_ROW`), how many each step holds unrevealed, the steps' states; no votes."""
        with self._read() as db:
            row = session_row(db, session_id)
            keys = column_keys(row.column_keys)
            rows, hidden = read_rows(db, session_id, keys)
            info = to_info(row, participant_names(db, session_id), len(rows) + sum(hidden.values()))
            states = db.exec(
                select(StepStateRow).where(StepStateRow.session_id == session_id).order_by(col(StepStateRow.step))
            ).all()
            return SessionRows(info=info, rows=rows, step_states=tuple(map(to_step_state, states)),
                               hidden_counts=hidden)


def read_rows(db: Session, session_id: int, keys: tuple[str, ...]) -> tuple[tuple[tuple, ...], dict[int, int]]:
    """A session's revealed items as `ITEM_ROW` tuples, in `session_data`'s order, and how many
    items each step holds not revealed yet (`hidden_by_step`)."""
    connection = db.connection()
    with _gc_paused():  # 100,000 tuples, none in a cycle
        if connection.dialect.name == "sqlite":
            rows = tuple(connection.connection.driver_connection.execute(_SQLITE, (session_id,)))
        else:
            query = _CORE.where(_ITEMS.c.session_id == session_id)
            order = (_ITEMS.c.step, _ITEMS.c.column, _ITEMS.c.position)
            rows = tuple(map(tuple, connection.execute(query.order_by(*order))))
    hidden: dict[int, int] = {}
    if any(map(itemgetter(_HIDDEN_AT), rows)):  # items written privately: counted, left out
        for row in rows:
            if row[_HIDDEN_AT] == 1:
                hidden[row[_STEP]] = hidden.get(row[_STEP], 0) + 1
        rows = tuple(row for row in rows if row[_HIDDEN_AT] == 0)
        hidden = dict(sorted(hidden.items()))
    if not _plain_columns(rows) or _shared_place(rows):
        # Rare (a hand-made store or import): the items as `session_data` reads them, made safe.
        return tuple(map(_fields, in_column_order(read_items(db, session_id), keys))), hidden
    if list(keys) != sorted(keys):  # the database's column order is alphabetical: the session's instead
        order = {key: index for index, key in enumerate(keys)}
        rows = tuple(sorted(rows, key=lambda r: (r[_STEP], order.get(r[_COLUMN], len(order)))))
    return rows, hidden


def _plain_columns(rows: tuple[tuple, ...]) -> bool:
    """Whether every item's column is text without a control character (a few distinct ones)."""
    return all(type(column) is str and safe(column) is column for column in set(map(itemgetter(_COLUMN), rows)))


def _shared_place(rows: tuple[tuple, ...]) -> bool:
    """Whether two items share a step, column and position: `read_items` orders those by creation
    time and id (made safe), which this read does not ask SQLite to do for every row."""
    return any(a[_POSITION] == b[_POSITION] and a[_STEP] == b[_STEP] and a[_COLUMN] == b[_COLUMN]
               for a, b in zip(rows, rows[1:]))
