"""Private writing (issue 12): items written while their step is in the `private` phase stay with
their author until the facilitator reveals the step.

A mixin of `Store`, and the helpers the rest of the store uses to keep hidden items hidden.
`add_item` stores an item hidden when its step is in the private phase (decided inside its
own transaction); reads leave hidden items out except for their author (`step_view(viewer=)`)
and give everyone only numbers (`hidden_counts`); nobody votes on, clusters or follows up a
hidden item. `reveal_step` shows every hidden item of a step at once, credited, or without
its author when the step is anonymous (nothing of the author is kept).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func
from sqlmodel import Session, col, select

from workshop_tui.i18n import _
from workshop_tui.model import StepState
from workshop_tui.store.checks import check_step
from workshop_tui.store.errors import NotAllowedError
from workshop_tui.store.history import forget_authors, record
from workshop_tui.store.queries import next_position, session_row, touch
from workshop_tui.store.rows import to_step_state
from workshop_tui.store.tables import ItemRow, StepStateRow
from workshop_tui.text import safe

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

PRIVATE = "private"
AFTER_REVEAL = "brainstorm"


class PrivateWritingMixin:
    if TYPE_CHECKING:

        def _write(self) -> AbstractContextManager[Session]: ...

    def reveal_step(self, session_id: int, step: int, *, anonymous: bool | None = None) -> int:
        """Show every hidden item of a step at once; returns how many. One transaction.

        Revealed items go to the end of their columns, in the order they were written; when the
        step is anonymous (`anonymous`, if given, is stored as the step's setting first) they
        lose their authors. A step in the private phase moves on to brainstorm.
        """
        with self._write() as db:
            check_step(session_row(db, session_id, lock=True), step)
            rows = _hidden_rows(db, session_id, step)
            state = db.get(StepStateRow, (session_id, step))
            if state is None and anonymous:
                state = StepStateRow(session_id=session_id, step=step)
            changed = False
            if state is not None and anonymous is not None and bool(state.anonymous) != anonymous:
                state.anonymous, changed = anonymous, True
            if rows or (state is not None and state.phase == PRIVATE) or changed:
                stamp = touch(db, session_id).updated_at
            for column in dict.fromkeys(row.column for row in rows):
                start = next_position(db, session_id, step, column)
                for offset, row in enumerate(each for each in rows if each.column == column):
                    row.hidden, row.position, row.updated_at = False, start + offset, stamp
                    if state is not None and state.anonymous:
                        row.author = None
                    db.add(row)
                    record(db, row, "revealed", at=stamp)
            if rows and state is not None and state.anonymous:
                forget_authors(db, [row.id for row in rows])
            if state is not None and (changed or state.phase == PRIVATE):
                state.phase = AFTER_REVEAL if state.phase == PRIVATE else state.phase
                db.add(state)
            return len(rows)

    def set_step_anonymous(self, session_id: int, step: int, anonymous: bool) -> StepState:
        """Whether revealing the step's private items drops their authors."""
        with self._write() as db:
            check_step(touch(db, session_id), step)
            row = db.get(StepStateRow, (session_id, step)) or StepStateRow(session_id=session_id, step=step)
            row.anonymous = bool(anonymous)
            db.add(row)
            return to_step_state(row)


def _hidden_rows(db: Session, session_id: int, step: int) -> list[ItemRow]:
    query = select(ItemRow).where(ItemRow.session_id == session_id, ItemRow.step == step, col(ItemRow.hidden).is_(True))
    return list(db.exec(query.order_by(col(ItemRow.created_at), col(ItemRow.id))).all())


def step_phase(db: Session, session_id: int, step: int) -> str:
    state = db.get(StepStateRow, (session_id, step))
    return state.phase if state is not None else StepState(step=step).phase


def hidden_by_author(db: Session, session_id: int, step: int) -> dict[str, int]:
    """How many unrevealed items each author ("" for none) has in a step: numbers, never texts."""
    query = select(ItemRow.author, func.count()).where(
        ItemRow.session_id == session_id, ItemRow.step == step, col(ItemRow.hidden).is_(True)
    ).group_by(ItemRow.author)
    return {safe(author or ""): count for author, count in db.exec(query).all()}


def hidden_by_step(db: Session, session_id: int) -> dict[int, int]:
    query = select(ItemRow.step, func.count()).where(
        ItemRow.session_id == session_id, col(ItemRow.hidden).is_(True)
    ).group_by(ItemRow.step)
    return dict(sorted(db.exec(query).all()))


def still_private(db: Session, session_id: int, step: int) -> bool:
    """Whether an item written privately in this step would still be hidden now (undo of a delete)."""
    return step_phase(db, session_id, step) == PRIVATE or bool(hidden_by_author(db, session_id, step))


def refuse_hidden(row: ItemRow, doing: str) -> None:
    if row.hidden:
        raise NotAllowedError(_('this item is not revealed yet: nobody can {doing} it before the reveal').format(doing=_(doing)))
