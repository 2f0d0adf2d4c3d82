"""Store methods for items: add, edit, move, delete and restore, and the reads screens poll.

Items written privately (`store/private.py`) are read only by their author (`viewer`); every
other read leaves them out and counts them instead (`hidden_counts`).
"""

from __future__ import annotations

from typing import Sequence

from sqlalchemy import func
from sqlmodel import col, select

from workshop_tui.i18n import N_
from workshop_tui.model import DeletedItem, Item, NewItem, SessionData, StepState, StepView, new_id
from workshop_tui.store.base import StoreBase
from workshop_tui.store.history import record
from workshop_tui.store.checks import check_column, check_step, checked_item_text
from workshop_tui.store.fast_reads import read_items, read_votes
from workshop_tui.store.private import PRIVATE, hidden_by_author, hidden_by_step, refuse_hidden, step_phase, still_private
from workshop_tui.store.queries import (
    add_participants,
    column_rows,
    delete_row,
    edit_row,
    item_row,
    next_position,
    participant_names,
    session_row,
    touch,
)
from workshop_tui.store.rows import column_keys, in_column_order, to_info, to_item, to_item_row, to_step_state
from workshop_tui.store.tables import ItemRow, StepStateRow, VoteRow
from workshop_tui.text import clean_name


class ItemsMixin(StoreBase):
    """Items, one at a time, and the reads of a step or a whole session: a mixin of `Store`."""

    # -- items ---------------------------------------------------------------------------

    def add_item(
        self,
        session_id: int,
        step: int,
        column: str,
        text: str,
        *,
        author: str | None = None,
        item_id: str | None = None,
        by: str | None = None,
    ) -> Item:
        """Save a new item at the end of its column; the same `item_id` twice is stored once.

        While the step is in the private phase the item is stored hidden (`Item.hidden`)."""
        [item] = self.add_items(session_id, [NewItem(step, column, text, author, item_id)], by=by)
        return item

    def add_items(self, session_id: int, items: Sequence[NewItem], *, by: str | None = None) -> list[Item]:
        """Save several new items in one transaction (one commit for a room adding at once), each
        as `add_item` saves one. All are checked first: one that is not valid saves none."""
        checked = [_checked(new) for new in items]
        by = clean_name(by)
        with self._write() as db:
            return [to_item(_insert(db, session_id, new, by)) for new in checked]

    def get_item(self, item_id: str) -> Item:
        with self._read() as db:
            return to_item(item_row(db, item_id))

    def edit_item(self, item_id: str, text: str, *, by: str | None = None) -> Item:
        text = checked_item_text(text)
        with self._write() as db:
            return edit_row(db, item_row(db, item_id), text, by=clean_name(by))

    def set_author(self, item_id: str, author: str | None, *, by: str | None = None) -> Item:
        author = clean_name(author)
        with self._write() as db:
            row = item_row(db, item_id)
            was, row.author = row.author, author
            row.updated_at = touch(db, row.session_id).updated_at
            db.add(row)
            record(db, row, "author" if was != author else "", at=row.updated_at, by=clean_name(by),
                   detail={"was": was} if was != author else None)
            if author:
                add_participants(db, row.session_id, [author])
            return to_item(row)

    def delete_item(self, item_id: str, *, by: str | None = None) -> DeletedItem:
        """Delete an item and its votes; returns both, for `restore_item` (undo)."""
        with self._write() as db:
            return delete_row(db, item_row(db, item_id), by=clean_name(by))

    def restore_item(self, deleted: DeletedItem, *, by: str | None = None) -> Item:
        """Put a deleted item back exactly as it was: same id, place, times and votes.

        A private item whose step was revealed meanwhile comes back revealed, at the end of its
        column (without its author if the step is anonymous), as the reveal would have shown it."""
        item = deleted.item
        with self._write() as db:
            existing = db.get(ItemRow, item.id)
            if existing is not None:
                return to_item(existing)
            session = touch(db, item.session_id)
            check_step(session, item.step)
            check_column(column_keys(session.column_keys), item.column)
            row = to_item_row(item, item.session_id)
            if row.hidden and not still_private(db, item.session_id, item.step):
                state = db.get(StepStateRow, (item.session_id, item.step))
                row.hidden, row.position = False, next_position(db, item.session_id, item.step, item.column)
                row.author = None if state is not None and state.anonymous else row.author
            db.add(row)
            db.flush()
            for vote in deleted.votes:
                if db.get(VoteRow, vote.id) is None:
                    db.add(VoteRow(id=vote.id, session_id=item.session_id, item_id=item.id, step=item.step,
                                   participant=vote.participant, created_at=vote.created_at))
            record(db, row, "restored", at=session.updated_at, by=clean_name(by))
            return to_item(row)

    def move_item(self, item_id: str, offset: int, *, by: str | None = None) -> list[Item]:
        """Move an item up (negative) or down (positive) in its column; returns the column."""
        with self._write() as db:
            row = item_row(db, item_id)
            refuse_hidden(row, N_("move"))
            rows = [each for each in column_rows(db, row.session_id, row.step, row.column) if not each.hidden]
            index = next(i for i, r in enumerate(rows) if r.id == item_id)
            target = max(0, min(len(rows) - 1, index + offset))
            if target != index:
                rows.insert(target, rows.pop(index))
                stamp = touch(db, row.session_id).updated_at
                for position, each in enumerate(rows):
                    if each.position != position:
                        each.position = position
                        db.add(each)
                        if each.id != item_id:  # moved along by this move: its new place, not a change of its own
                            record(db, each, "", at=stamp)
                record(db, row, "moved", at=stamp, by=clean_name(by), detail={"by": target - index})
            return [to_item(each) for each in rows]

    def list_items(self, session_id: int, step: int | None = None) -> list[Item]:
        """A session's items (or one step's), ordered by step, column and position; none unrevealed."""
        with self._read() as db:
            row = session_row(db, session_id)
            return list(in_column_order(read_items(db, session_id, step), column_keys(row.column_keys)))

    def step_view(self, session_id: int, step: int, viewer: str | None = None) -> StepView:
        """One step's items, the session header, item counts per step and the step's state.

        Unrevealed items are in `items` only for their author, `viewer` (a participant's own
        screen); everyone gets how many each person has written (`hidden_counts`). `counts`
        and the item count include them: numbers, not texts."""
        with self._read() as db:
            row = session_row(db, session_id)
            check_step(row, step)
            items = in_column_order(read_items(db, session_id, step, viewer=viewer), column_keys(row.column_keys))
            counts = dict(
                db.exec(
                    select(ItemRow.step, func.count()).where(ItemRow.session_id == session_id).group_by(ItemRow.step)
                ).all()
            )
            state = db.get(StepStateRow, (session_id, step))
            return StepView(
                info=to_info(row, participant_names(db, session_id), sum(counts.values())),
                step=step,
                items=items,
                counts=counts,
                state=to_step_state(state) if state else StepState(step=step),
                hidden_counts=hidden_by_author(db, session_id, step),
            )

    def session_data(self, session_id: int) -> SessionData:
        """Everything a session holds, for the summary screen and the exporters: every revealed
        item, and how many items each step still holds unrevealed (`hidden_counts`)."""
        with self._read() as db:
            row = session_row(db, session_id)
            items = in_column_order(read_items(db, session_id), column_keys(row.column_keys))
            hidden = hidden_by_step(db, session_id)
            info = to_info(row, participant_names(db, session_id), len(items) + sum(hidden.values()))
            votes = read_votes(db, session_id)
            states = db.exec(
                select(StepStateRow).where(StepStateRow.session_id == session_id).order_by(col(StepStateRow.step))
            ).all()
            return SessionData(
                info=info,
                items=items,
                votes=votes,
                step_states=tuple(to_step_state(state) for state in states),
                hidden_counts=hidden,
            )


def _checked(new: NewItem) -> NewItem:
    return NewItem(new.step, new.column, checked_item_text(new.text), clean_name(new.author), new.item_id or new_id())


def _insert(db, session_id: int, new: NewItem, by: str | None) -> ItemRow:
    """One new item at the end of its column, hidden while its step is written privately; an
    id already stored is that item, stored once."""
    existing = db.get(ItemRow, new.item_id)
    if existing is not None:
        return existing
    session = touch(db, session_id)
    check_step(session, new.step)
    check_column(column_keys(session.column_keys), new.column)
    stamp = session.updated_at
    row = ItemRow(id=new.item_id, session_id=session_id, step=new.step, column=new.column, text=new.text,
                  author=new.author, position=next_position(db, session_id, new.step, new.column),
                  hidden=step_phase(db, session_id, new.step) == PRIVATE, created_at=stamp, updated_at=stamp)
    db.add(row)
    record(db, row, "added", at=stamp, by=by)
    if new.author:
        add_participants(db, session_id, [new.author])
    return row
