"""Dot votes in the store: placing and taking back dots, how many are left, the list of votes.

A mixin of `Store` (each method one committed transaction); `cast_on_row` and
`withdraw_from_row` are shared with `participation.py`, which words refusals for the
participant themself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func
from sqlmodel import Session, col, select

from workshop_tui.i18n import N_, _
from workshop_tui.model import Item, Vote, new_id
from workshop_tui.store.errors import InvalidInputError
from workshop_tui.store.history import record
from workshop_tui.store.private import refuse_hidden
from workshop_tui.store.queries import item_row, session_row, touch
from workshop_tui.store.rows import to_item, to_vote
from workshop_tui.store.tables import ItemRow, SessionRow, StepStateRow, VoteRow
from workshop_tui.text import clean_name

if TYPE_CHECKING:
    from contextlib import AbstractContextManager


class VotesMixin:
    if TYPE_CHECKING:

        def _read(self) -> AbstractContextManager[Session]: ...
        def _write(self) -> AbstractContextManager[Session]: ...

    def cast_vote(self, item_id: str, participant: str, *, vote_id: str | None = None,
                  by: str | None = None) -> Item:
        """Place one of `participant`'s dots on an item; refused when they have none left."""
        with self._write() as db:
            row = item_row(db, item_id)
            refuse_hidden(row, N_("vote on"))
            return cast_on_row(db, row, _voter(participant), vote_id or new_id(), by=clean_name(by))

    def withdraw_vote(self, item_id: str, participant: str, *, by: str | None = None) -> Item:
        """Take back one of `participant`'s dots from an item."""
        with self._write() as db:
            return withdraw_from_row(db, item_row(db, item_id), _voter(participant), by=clean_name(by))

    def votes_left(self, session_id: int, step: int, participant: str) -> int:
        voter = _voter(participant)
        with self._read() as db:
            session = session_row(db, session_id)
            return max(0, step_dots(db, session, step) - _votes_used(db, session_id, step, voter))

    def list_votes(self, session_id: int, step: int | None = None) -> list[Vote]:
        with self._read() as db:
            query = select(VoteRow).where(VoteRow.session_id == session_id)
            if step is not None:
                query = query.where(VoteRow.step == step)
            return [to_vote(row) for row in db.exec(query.order_by(col(VoteRow.created_at), col(VoteRow.id))).all()]


def cast_on_row(db: Session, row: ItemRow, voter: str, vote_id: str, *, you: bool = False,
                by: str | None = None) -> Item:
    """One dot of `voter` on the item (once per `vote_id`: a retried click counts once).
    `you` words the refusal for the participant themself rather than for the facilitator."""
    if db.get(VoteRow, vote_id) is not None:
        return to_item(row)
    session = touch(db, row.session_id)
    allowed = step_dots(db, session, row.step)
    if _votes_used(db, row.session_id, row.step, voter) >= allowed:
        raise InvalidInputError(
            _('you have placed all {allowed} of your dots in this step: take one back first').format(allowed=allowed) if you
            else _('{voter} has used all {allowed} votes in step {step}: withdraw one first').format(voter=voter, allowed=allowed, step=row.step))
    db.add(VoteRow(id=vote_id, session_id=row.session_id, item_id=row.id, step=row.step,
                   participant=voter, created_at=session.updated_at))
    row.votes += 1
    db.add(row)
    record(db, row, "voted", at=session.updated_at, by=by or voter, detail={"vote": vote_id, "participant": voter})
    return to_item(row)


def withdraw_from_row(db: Session, row: ItemRow, voter: str, *, you: bool = False, by: str | None = None) -> Item:
    """Take back `voter`'s latest dot from the item."""
    vote = db.exec(
        select(VoteRow)
        .where(VoteRow.item_id == row.id, VoteRow.participant == voter)
        .order_by(col(VoteRow.created_at).desc())
    ).first()
    if vote is None:
        raise InvalidInputError(_("you have no dot on this item to take back") if you
                                else _('{voter} has no vote on this item to withdraw').format(voter=voter))
    stamp = touch(db, row.session_id).updated_at
    db.delete(vote)
    row.votes = max(0, row.votes - 1)
    db.add(row)
    record(db, row, "unvoted", at=stamp, by=by or voter, detail={"vote": vote.id, "participant": voter})
    return to_item(row)


def _voter(participant: str | None) -> str:
    name = clean_name(participant)
    if not name:
        raise InvalidInputError(_("a vote needs a participant: choose who is voting first"))
    return name


def _votes_used(db: Session, session_id: int, step: int, voter: str) -> int:
    return db.exec(
        select(func.count()).where(VoteRow.session_id == session_id, VoteRow.step == step, VoteRow.participant == voter)
    ).one()


def step_dots(db: Session, session: SessionRow, step: int) -> int:
    """The dots each participant has in a step's vote: the step's own (schema 8), else the session's."""
    state = db.get(StepStateRow, (session.id, step))
    return state.dots if state is not None and state.dots is not None else session.votes_per_participant
