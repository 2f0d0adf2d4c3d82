"""The summary's read: a whole session as `session_data` returns it, each repeated word held once.

The summary of a big session holds every item while the step screen under it holds its own
copy. Read as `fast_reads.read_items` reads (straight off the sqlite3 cursor), but the items of
one read share one string per column key and per author, and an item never edited shares its
`created_at` as its `updated_at`: equal values, a tenth less memory per item, and a duplicate
dropped the moment it is read rather than kept. Everything else is `session_data`'s (the same
`SessionData`, equal to it: `tests/test_summary_read.py`); on PostgreSQL it is `session_data`.
"""

from __future__ import annotations

from sqlmodel import col, select

from workshop_tui.model import Item, SessionData
from workshop_tui.store.base import StoreBase
from workshop_tui.store.fast_reads import ITEM_FIELDS, _cleaned, _gc_paused, _TEXTS, read_votes
from workshop_tui.store.private import hidden_by_step
from workshop_tui.store.queries import participant_names, session_row
from workshop_tui.store.rows import column_keys, in_column_order, to_info, to_step_state
from workshop_tui.store.tables import StepStateRow
from workshop_tui.text import all_safe

_READ = tuple(name for name in ITEM_FIELDS if name not in ("session_id", "hidden"))  # those two are known
_SQL = (f"SELECT {', '.join(f'{chr(34)}{name}{chr(34)}' for name in _READ)} FROM items"
        ' WHERE session_id = ? AND NOT hidden ORDER BY step, "column", position')  # as read_items asks
# Two items in one place (a hand-made import) need the tie-breakers: asked of the index alone.
_TIES = 'SELECT 1 FROM items WHERE session_id = ? GROUP BY step, "column", position HAVING COUNT(*) > 1 LIMIT 1'
_new = object.__new__


class SummaryReadMixin(StoreBase):
    def summary_data(self, session_id: int) -> SessionData:
        """`session_data(session_id)`, its items sharing their repeated words (for the summary screen)."""
        with self._read() as db:
            if db.connection().dialect.name != "sqlite":
                return self.session_data(session_id)
            row = session_row(db, session_id)
            items = in_column_order(_read_items(db, session_id), column_keys(row.column_keys))
            hidden = hidden_by_step(db, session_id)
            states = db.exec(
                select(StepStateRow).where(StepStateRow.session_id == session_id).order_by(col(StepStateRow.step))
            ).all()
            return SessionData(
                info=to_info(row, participant_names(db, session_id), len(items) + sum(hidden.values())),
                items=items,
                votes=read_votes(db, session_id),
                step_states=tuple(to_step_state(state) for state in states),
                hidden_counts=hidden,
            )


def _read_items(db, session_id: int) -> tuple[Item, ...]:
    """Every revealed item of a session, as `read_items` orders and cleans them."""
    words: dict[str, str] = {}
    share = words.setdefault

    def item(row) -> Item:
        made = _new(Item)
        fields = made.__dict__
        fields.update(zip(_READ, row))
        fields["session_id"] = session_id
        fields["hidden"] = False
        fields["followup"] = bool(fields["followup"])
        fields["from_last_time"] = bool(fields["from_last_time"])
        fields["column"] = share(fields["column"], fields["column"])
        if fields["author"] is not None:
            fields["author"] = share(fields["author"], fields["author"])
        if fields["updated_at"] == fields["created_at"]:
            fields["updated_at"] = fields["created_at"]
        return made

    connection = db.connection().connection.driver_connection
    with _gc_paused():
        items = tuple(map(item, connection.execute(_SQL, (session_id,))))
    if not all(all_safe(map(text_of, items)) for text_of in _TEXTS):
        items = tuple(map(_cleaned, items))
    if connection.execute(_TIES, (session_id,)).fetchone():
        items = tuple(sorted(items, key=lambda i: (i.step, i.column, i.position, i.created_at, i.id)))
    return items
