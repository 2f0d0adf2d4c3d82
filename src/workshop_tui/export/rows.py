"""Items as plain rows (`model.SessionRows`), what the csv and wikitext writers write from.

A big session comes from the store as tuples (`Store.session_rows`); any other session (an
import, a merge, the summary screen's) is turned into rows here (`rows_of`), so each writer has
one way to write. A row's texts may be as a store holds them: a writer writes a field as it
is only when a cheap check says it is clean, and otherwise makes it safe the way the store
makes an `Item` safe (`item_of`, `cleaned`), so every export is what the items would give.
"""

from __future__ import annotations

from operator import attrgetter, itemgetter

from workshop_tui.export.wording import followups
from workshop_tui.model import ITEM_ROW, Item, SessionData, SessionRows
from workshop_tui.text import safe, safe_or_none

(STEP, COLUMN, TEXT, AUTHOR, POSITION, VOTES, CREATED, CLUSTER, FOLLOWUP, OWNER, DUE, STATUS,
 CARRIED, HIDDEN) = range(len(ITEM_ROW))
_fields = attrgetter(*ITEM_ROW)
by_position = itemgetter(POSITION)


def rows_of(data: SessionData | SessionRows) -> SessionRows:
    """A session as rows: as it is if it already is, else one tuple per item."""
    if isinstance(data, SessionRows):
        return data
    return SessionRows(info=data.info, rows=tuple(map(_fields, data.items)), step_states=data.step_states,
                       hidden_counts=data.hidden_counts)


def item_of(row: tuple) -> Item:
    """The `Item` a row stands for, every text made safe as the store makes an item it reads."""
    return Item(id="", step=row[STEP], column=safe(row[COLUMN]), text=safe(row[TEXT]),
                author=safe_or_none(row[AUTHOR]), position=row[POSITION], votes=row[VOTES],
                created_at=safe(row[CREATED]), cluster_id=safe_or_none(row[CLUSTER]), followup=bool(row[FOLLOWUP]),
                owner=safe_or_none(row[OWNER]), due=safe(row[DUE]), followup_status=safe(row[STATUS]),
                from_last_time=bool(row[CARRIED]))


def cleaned(row: tuple) -> tuple:
    """The row with every text made safe (`item_of`'s rules)."""
    return _fields(item_of(row))


def last_step(data: SessionRows) -> int:
    """The summary's last row: the session's last step, or a later one an item is in."""
    return max(data.info.step_count, max(map(itemgetter(STEP), data.rows), default=0))


def followup_items(data: SessionRows) -> list[Item]:
    """The follow-ups in the summary's order (`wording.followups`), made from the rows of the
    cells that hold one only."""
    wanted = {(row[STEP], row[COLUMN]) for row in data.rows if row[FOLLOWUP]}
    if not wanted:
        return []
    items = tuple(item_of(row) for row in data.rows if (row[STEP], row[COLUMN]) in wanted)
    return followups(SessionData(info=data.info, items=items))
