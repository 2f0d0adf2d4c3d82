"""The history of a session: every change to an item, recorded in the transaction that makes it.

`record` is called by every store method that changes an item, inside its own transaction, so
an item and its history are committed together or not at all (a killed process leaves both as
they were). An entry of kind "" is no change of its own (an item moved along by another's move, a
stamp renewed): the history keeps it, so that every item's latest entry is the item as stored,
but does not list it. Each entry holds who and when, the kind of change, and the item as it was right
after it (as it was when deleted, for a deletion), so the session at any recorded moment is a
replay of the entries up to it (`HistoryMixin.session_data_at`).

An item written privately shows in the history as "a private item", its text hidden; revealed
anonymously, its entries lose their author and who wrote it (`forget_authors`), as the item does.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Iterable

from sqlalchemy import insert, inspect
from sqlalchemy import select as select_columns
from sqlalchemy.engine import Connection
from sqlmodel import Session, col, select

from workshop_tui.i18n import _
from workshop_tui.text import safe, safe_or_none
from workshop_tui.model import HistoryEntry, Item, SessionData, StepState, Vote
from workshop_tui.store.base import StoreBase
from workshop_tui.store.errors import StoreError
from workshop_tui.store.queries import participant_names, session_row
from workshop_tui.store.rows import in_column_order, to_info, to_item
from workshop_tui.store.tables import HistoryRow, ItemRow, StepStateRow

KINDS = ("added", "edited", "author", "moved", "deleted", "restored", "clustered", "split", "voted", "unvoted",
         "followup", "unfollowup", "revealed", "status")
_ITEM_FIELDS = set(Item.__dataclass_fields__)


def state_of(row: ItemRow) -> str:
    return json.dumps(asdict(to_item(row)), ensure_ascii=False, separators=(",", ":"))


def record(db: Session, row: ItemRow, kind: str, *, at: str, by: str | None = None,
           detail: dict | None = None) -> None:
    """One change to `row` (already changed, or about to be deleted), at the session's stamp."""
    db.add(HistoryRow(session_id=row.session_id, at=at, who=by or None, kind=kind, item_id=row.id,
                      state=state_of(row), detail=json.dumps(detail, ensure_ascii=False) if detail else None))


def forget_authors(db: Session, item_ids: Iterable[str]) -> None:
    """Items revealed anonymously keep no author anywhere: not in their history either."""
    ids = list(item_ids)
    for start in range(0, len(ids), 500):
        rows = db.exec(select(HistoryRow).where(col(HistoryRow.item_id).in_(ids[start : start + 500]))).all()
        for entry in rows:
            state = json.loads(entry.state)
            state["author"] = None
            entry.state, entry.who = json.dumps(state, ensure_ascii=False, separators=(",", ":")), None
            db.add(entry)


def backfill_history(connection: Connection) -> None:
    """An "added" entry for every item of an older store, at its creation, as it is now.

    Reads only the columns the table has at this point of the migrations (later ones add more)."""
    table = ItemRow.__table__
    present = {column["name"] for column in inspect(connection).get_columns(table.name)}
    rows = connection.execute(select_columns(*(column for column in table.c if column.name in present))).mappings()
    batch = []
    for row in rows:
        values = {name: row[name] for name in _ITEM_FIELDS if name in row}
        values["followup"], values["hidden"] = bool(values.get("followup")), bool(values.get("hidden"))
        batch.append({"session_id": row["session_id"], "at": row["created_at"], "who": None, "kind": "added",
                      "item_id": row["id"], "detail": json.dumps({"before_history": True}),
                      "state": json.dumps(values, ensure_ascii=False, separators=(",", ":"))})
        if len(batch) >= 5_000:
            connection.execute(insert(HistoryRow.__table__), batch)
            batch = []
    if batch:
        connection.execute(insert(HistoryRow.__table__), batch)


def imported_history(session_id: int, stamp: str, values: list[dict]) -> list[dict]:
    """History rows for an imported (or merged) session's items, as `insert(HistoryRow)` takes them:
    each item "added" when imported, as it was imported (its votes counted in it)."""
    detail = json.dumps({"imported": True})
    return [{"session_id": session_id, "at": stamp, "who": None, "kind": "added", "item_id": value["id"],
             "detail": detail,
             "state": json.dumps({k: v for k, v in value.items() if k in _ITEM_FIELDS}, ensure_ascii=False,
                                 separators=(",", ":"))}
            for value in values]


def item_from_state(state: str) -> Item:
    """The item an entry recorded, its texts made safe: the history may have been written by another program."""
    values = _loads(state)
    return Item(**{name: safe(value) if isinstance(value, str) else value
                   for name, value in values.items() if name in _ITEM_FIELDS})


def _detail(detail: str | None) -> dict:
    values = _loads(detail) if detail else {}
    return {safe(str(key)): safe(value) if isinstance(value, str) else value for key, value in values.items()}


def _loads(text: str) -> dict:
    try:
        values = json.loads(text)
    except ValueError:
        raise StoreError(_("the store's history holds an entry that is not readable; the store may be damaged")) from None
    if not isinstance(values, dict):
        raise StoreError(_("the store's history holds an entry that is not readable; the store may be damaged"))
    return values


class HistoryMixin(StoreBase):
    """Reading the history: the list of changes, and the session at a recorded moment."""

    def history(self, session_id: int) -> list[HistoryEntry]:
        """Every change to the session's items, oldest first (the renumbering a move causes is
        part of the move, not listed apart)."""
        with self._read() as db:
            session_row(db, session_id)
            query = select(HistoryRow).where(HistoryRow.session_id == session_id, HistoryRow.kind != "")
            return [_entry(row) for row in db.exec(query.order_by(col(HistoryRow.id))).all()]

    def history_moments(self, session_id: int) -> list[str]:
        """The times at which the session changed, oldest first (ISO 8601 UTC)."""
        with self._read() as db:
            session_row(db, session_id)
            query = select(HistoryRow.at).where(HistoryRow.session_id == session_id, HistoryRow.kind != "")
            return sorted(set(db.exec(query).all()))

    def session_data_at(self, session_id: int, moment: str) -> SessionData:
        """The session as it was at `moment` (ISO 8601 UTC): every change recorded up to it.

        The items, their votes, clusters and follow-ups as they were; the steps' timeboxes as
        planned now (how long a timer had run then is not recorded)."""
        with self._read() as db:
            row = session_row(db, session_id)
            query = select(HistoryRow).where(HistoryRow.session_id == session_id, HistoryRow.at <= moment)
            items: dict[str, Item] = {}
            votes: dict[str, Vote] = {}
            for entry in db.exec(query.order_by(col(HistoryRow.id))).all():
                if entry.kind == "deleted":
                    items.pop(entry.item_id, None)
                else:
                    items[entry.item_id] = item_from_state(entry.state)
                detail = _detail(entry.detail)
                if entry.kind == "voted" and detail.get("vote"):
                    votes[detail["vote"]] = Vote(detail["vote"], safe(entry.item_id), detail.get("participant", ""),
                                                 safe(entry.at))
                elif entry.kind == "unvoted":
                    votes.pop(detail.get("vote", ""), None)
            shown = sorted((item for item in items.values() if not item.hidden),
                           key=lambda i: (i.step, i.column, i.position, i.created_at, i.id))
            hidden: dict[int, int] = {}
            for item in items.values():
                if item.hidden:
                    hidden[item.step] = hidden.get(item.step, 0) + 1
            present = {item.id for item in shown}
            states = db.exec(select(StepStateRow).where(StepStateRow.session_id == session_id)).all()
            planned = tuple(StepState(step=s.step, planned_seconds=s.planned_seconds, extra_seconds=s.extra_seconds)
                            for s in sorted(states, key=lambda s: s.step))
            info = to_info(row, participant_names(db, session_id), len(shown))
            return SessionData(info=info, items=in_column_order(tuple(shown), info.columns),
                               votes=tuple(v for v in votes.values() if v.item_id in present),
                               step_states=planned, hidden_counts=hidden)


def _entry(row: HistoryRow) -> HistoryEntry:
    item = item_from_state(row.state)
    detail = _detail(row.detail)
    return HistoryEntry(at=safe(row.at), who=safe_or_none(row.who), kind=safe(row.kind), item_id=safe(row.item_id),
                        step=item.step,
                        column=item.column, text="" if item.hidden else item.text, private=item.hidden,
                        detail={key: value for key, value in detail.items() if not (item.hidden and key == "was")})
