"""Facilitating live: phases, timeboxes, clusters, dot votes and follow-ups, in the store.

A mixin of `Store`: each method is one committed transaction, like the rest of the store.
The clock is always passed in (`now`), so tests inject time and never sleep.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Iterable

from sqlalchemy import func
from sqlmodel import Session, col, select

from workshop_tui import timebox
from workshop_tui.model import Item, SessionInfo, StepState, Vote, new_id
from workshop_tui.store.history import record
from workshop_tui.store.errors import InvalidInputError
from workshop_tui.store.checks import check_step, one_line
from workshop_tui.store.queries import item_row, ordered, session_row, touch
from workshop_tui.store.private import refuse_hidden
from workshop_tui.store.rows import to_item, to_step_state, to_vote
from workshop_tui.store.tables import ItemRow, StepStateRow, VoteRow
from workshop_tui.text import clean_name

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

MAX_VOTES_PER_PARTICIPANT = 50


class FacilitationMixin:
    if TYPE_CHECKING:

        def _read(self) -> AbstractContextManager[Session]: ...
        def _write(self) -> AbstractContextManager[Session]: ...
        def get_session(self, session_id: int) -> SessionInfo: ...

    # -- session settings ----------------------------------------------------------------

    def set_votes_per_participant(self, session_id: int, votes: int) -> SessionInfo:
        if not 0 <= votes <= MAX_VOTES_PER_PARTICIPANT:
            raise InvalidInputError(f"votes per participant must be 0 to {MAX_VOTES_PER_PARTICIPANT}, not {votes}")
        with self._write() as db:
            touch(db, session_id).votes_per_participant = votes
        return self.get_session(session_id)

    def set_participants_follow(self, session_id: int, follow: bool) -> SessionInfo:
        """Whether participants' screens follow the facilitator's step (or browse freely)."""
        with self._write() as db:
            touch(db, session_id).participants_follow = bool(follow)
        return self.get_session(session_id)

    # -- phases and timeboxes ------------------------------------------------------------

    def step_states(self, session_id: int) -> dict[int, StepState]:
        """Every step's state; steps never touched get the default (brainstorm, timer unused)."""
        with self._read() as db:
            session = session_row(db, session_id)
            rows = db.exec(select(StepStateRow).where(StepStateRow.session_id == session_id)).all()
            stored = {row.step: to_step_state(row) for row in rows}
            return {n: stored.get(n, StepState(step=n)) for n in range(1, session.step_count + 1)}

    def set_phase(self, session_id: int, step: int, phase: str) -> StepState:
        if phase not in timebox.PHASES:
            raise InvalidInputError(f"unknown phase '{phase}': use one of {', '.join(timebox.PHASES)}")
        return self._change_state(session_id, step, lambda state: replace(state, phase=phase))

    def start_timer(self, session_id: int, step: int, now: datetime | None = None) -> StepState:
        moment = now or datetime.now(timezone.utc)
        return self._change_state(session_id, step, lambda state: timebox.start(state, moment))

    def pause_timer(self, session_id: int, step: int, now: datetime | None = None) -> StepState:
        moment = now or datetime.now(timezone.utc)
        return self._change_state(session_id, step, lambda state: timebox.pause(state, moment))

    def carry_timer(self, session_id: int, step: int, now: datetime | None = None) -> list[StepState]:
        """The timer follows the facilitator to `step`: if any step's timer runs, pause every
        running one and start `step`'s, in one transaction (so two quick step changes can never
        leave a timer running on a step nobody is on). Gives the states changed; none when no
        timer was running."""
        moment = now or datetime.now(timezone.utc)
        with self._write() as db:
            check_step(touch(db, session_id), step)
            running = db.exec(select(StepStateRow).where(
                StepStateRow.session_id == session_id, col(StepStateRow.running_since).is_not(None))).all()
            if not running:
                return []
            changed = []
            for row in running:
                if row.step != step:
                    changed.append(_apply(row, timebox.pause(to_step_state(row), moment)))
                    db.add(row)
            row = db.get(StepStateRow, (session_id, step)) or StepStateRow(session_id=session_id, step=step)
            changed.append(_apply(row, timebox.start(to_step_state(row), moment)))
            db.add(row)
            return changed

    def extend_timer(self, session_id: int, step: int, seconds: int) -> StepState:
        return self._change_state(session_id, step, lambda state: timebox.extend(state, seconds))

    def set_planned_seconds(self, session_id: int, step: int, seconds: int | None) -> StepState:
        if seconds is not None and not 0 <= seconds <= 24 * 3600:
            raise InvalidInputError("a timebox must be between 0 and 24 hours")
        return self._change_state(session_id, step, lambda state: replace(state, planned_seconds=seconds))

    def _change_state(self, session_id: int, step: int, change) -> StepState:
        with self._write() as db:
            check_step(touch(db, session_id), step)
            row = db.get(StepStateRow, (session_id, step)) or StepStateRow(session_id=session_id, step=step)
            new = _apply(row, change(to_step_state(row)))
            db.add(row)
            return new

    # -- clusters ------------------------------------------------------------------------

    def cluster_items(self, item_ids: Iterable[str], *, by: str | None = None) -> list[Item]:
        """Merge items (and any clusters they are in) into one cluster; returns its items.

        All must be in the same step and column. Every text and author is kept.
        """
        ids = list(dict.fromkeys(item_ids))
        if len(ids) < 2:
            raise InvalidInputError("choose at least two items to merge")
        with self._write() as db:
            rows = [item_row(db, item_id) for item_id in ids]
            for row in rows:
                refuse_hidden(row, "merge")
            first = rows[0]
            if any((r.session_id, r.step, r.column) != (first.session_id, first.step, first.column) for r in rows):
                raise InvalidInputError("only items of the same step and column can be merged")
            clusters = {r.cluster_id for r in rows if r.cluster_id}
            members = list(rows)
            if clusters:
                members += db.exec(
                    select(ItemRow).where(
                        ItemRow.session_id == first.session_id, col(ItemRow.cluster_id).in_(clusters)
                    )
                ).all()
            cluster_id = first.cluster_id or new_id()
            stamp = touch(db, first.session_id).updated_at
            for row in {r.id: r for r in members}.values():
                joined = row.cluster_id != cluster_id
                row.cluster_id = cluster_id
                row.updated_at = stamp
                db.add(row)
                # a member already in the cluster only has its stamp renewed: kept, not listed
                record(db, row, "clustered" if joined else "", at=stamp, by=clean_name(by),
                       detail={"cluster": cluster_id} if joined else None)
            db.flush()
            return _cluster_members(db, first.session_id, cluster_id)

    def split_cluster(self, item_id: str, *, by: str | None = None) -> list[Item]:
        """Split the cluster holding `item_id` back into separate items; returns them."""
        with self._write() as db:
            row = item_row(db, item_id)
            if not row.cluster_id:
                return [to_item(row)]
            members = db.exec(
                select(ItemRow).where(ItemRow.session_id == row.session_id, ItemRow.cluster_id == row.cluster_id)
            ).all()
            stamp = touch(db, row.session_id).updated_at
            for member in members:
                member.cluster_id = None
                member.updated_at = stamp
                db.add(member)
                record(db, member, "split", at=stamp, by=clean_name(by))
            return [to_item(member) for member in members]

    # -- dot votes -----------------------------------------------------------------------

    def cast_vote(self, item_id: str, participant: str, *, vote_id: str | None = None,
                  by: str | None = None) -> Item:
        """Place one of `participant`'s dots on an item; refused when they have none left."""
        with self._write() as db:
            row = item_row(db, item_id)
            refuse_hidden(row, "vote on")
            return cast_on_row(db, row, _voter(participant), vote_id or new_id(), by=clean_name(by))

    def withdraw_vote(self, item_id: str, participant: str, *, by: str | None = None) -> Item:
        """Take back one of `participant`'s dots from an item."""
        with self._write() as db:
            return withdraw_from_row(db, item_row(db, item_id), _voter(participant), by=clean_name(by))

    def votes_left(self, session_id: int, step: int, participant: str) -> int:
        voter = _voter(participant)
        with self._read() as db:
            session = session_row(db, session_id)
            return max(0, session.votes_per_participant - _votes_used(db, session_id, step, voter))

    def list_votes(self, session_id: int, step: int | None = None) -> list[Vote]:
        with self._read() as db:
            query = select(VoteRow).where(VoteRow.session_id == session_id)
            if step is not None:
                query = query.where(VoteRow.step == step)
            return [to_vote(row) for row in db.exec(query.order_by(col(VoteRow.created_at), col(VoteRow.id))).all()]

    # -- follow-ups ----------------------------------------------------------------------

    def set_followup(self, item_id: str, *, owner: str | None, due: str = "", by: str | None = None) -> Item:
        """Mark an item as a commitment: an action with an owner and a due date."""
        owner_name = clean_name(owner)
        due_text = one_line(due)
        if due_text:
            _check_date(due_text)
        with self._write() as db:
            row = item_row(db, item_id)
            refuse_hidden(row, "follow up")
            row.followup, row.owner, row.due = True, owner_name, due_text
            row.updated_at = touch(db, row.session_id).updated_at
            db.add(row)
            record(db, row, "followup", at=row.updated_at, by=clean_name(by))
            return to_item(row)

    def clear_followup(self, item_id: str, *, by: str | None = None) -> Item:
        with self._write() as db:
            row = item_row(db, item_id)
            was = row.followup
            row.followup, row.owner, row.due, row.followup_status = False, None, "", "open"
            row.updated_at = touch(db, row.session_id).updated_at
            db.add(row)
            record(db, row, "unfollowup" if was else "", at=row.updated_at, by=clean_name(by))
            return to_item(row)

    def list_followups(self, session_id: int) -> list[Item]:
        with self._read() as db:
            session_row(db, session_id)
            query = select(ItemRow).where(ItemRow.session_id == session_id, col(ItemRow.followup).is_(True),
                                          col(ItemRow.hidden).is_(False))
            return [to_item(row) for row in db.exec(ordered(query)).all()]


def _apply(row: StepStateRow, state: StepState) -> StepState:
    """Write a step's state into its row; gives the state back."""
    for name in ("phase", "planned_seconds", "extra_seconds", "spent_seconds", "running_since", "anonymous"):
        setattr(row, name, getattr(state, name))
    return state


def cast_on_row(db: Session, row: ItemRow, voter: str, vote_id: str, *, you: bool = False,
                by: str | None = None) -> Item:
    """One dot of `voter` on the item (once per `vote_id`: a retried click counts once).
    `you` words the refusal for the participant themself rather than for the facilitator."""
    if db.get(VoteRow, vote_id) is not None:
        return to_item(row)
    session = touch(db, row.session_id)
    if _votes_used(db, row.session_id, row.step, voter) >= session.votes_per_participant:
        allowed = session.votes_per_participant
        raise InvalidInputError(
            f"you have placed all {allowed} of your dots in this step: take one back first" if you
            else f"{voter} has used all {allowed} votes in step {row.step}: withdraw one first")
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
        raise InvalidInputError("you have no dot on this item to take back" if you
                                else f"{voter} has no vote on this item to withdraw")
    stamp = touch(db, row.session_id).updated_at
    db.delete(vote)
    row.votes = max(0, row.votes - 1)
    db.add(row)
    record(db, row, "unvoted", at=stamp, by=by or voter, detail={"vote": vote.id, "participant": voter})
    return to_item(row)


def _voter(participant: str | None) -> str:
    name = clean_name(participant)
    if not name:
        raise InvalidInputError("a vote needs a participant: choose who is voting first")
    return name


def _votes_used(db: Session, session_id: int, step: int, voter: str) -> int:
    return db.exec(
        select(func.count()).where(VoteRow.session_id == session_id, VoteRow.step == step, VoteRow.participant == voter)
    ).one()


def _cluster_members(db: Session, session_id: int, cluster_id: str) -> list[Item]:
    query = select(ItemRow).where(ItemRow.session_id == session_id, ItemRow.cluster_id == cluster_id)
    return [to_item(row) for row in db.exec(ordered(query)).all()]


def _check_date(text: str) -> None:
    from datetime import date

    try:
        date.fromisoformat(text)
    except ValueError:
        raise InvalidInputError(f"'{text}' is not a date: write it as YYYY-MM-DD") from None

