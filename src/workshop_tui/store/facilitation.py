"""Facilitating live: phases, timeboxes, clusters and follow-ups, in the store (dot votes: `votes.py`).

A mixin of `Store`: each method is one committed transaction, like the rest of the store.
The clock is always passed in (`now`), so tests inject time and never sleep.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Iterable

from sqlmodel import Session, col, select

from workshop_tui.i18n import N_, _
from workshop_tui import timebox
from workshop_tui.model import Item, SessionInfo, StepState, new_id
from workshop_tui.store.history import record
from workshop_tui.store.errors import InvalidInputError, NotAllowedError
from workshop_tui.store.checks import check_step, one_line
from workshop_tui.store.queries import item_row, ordered, session_row, touch
from workshop_tui.store.private import refuse_hidden
from workshop_tui.store.rows import to_item, to_step_state
from workshop_tui.store.tables import ItemRow, StepStateRow
from workshop_tui.text import clean_name

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

MAX_VOTES_PER_PARTICIPANT = 50


def refuse_carried(row: ItemRow) -> None:
    """A carried follow-up lives on in the later session: changing it here would carry it twice."""
    if row.followup and row.followup_status == "carried":
        raise NotAllowedError(_("this follow-up was carried over into a later session: change it there"))


class FacilitationMixin:
    if TYPE_CHECKING:

        def _read(self) -> AbstractContextManager[Session]: ...
        def _write(self) -> AbstractContextManager[Session]: ...
        def get_session(self, session_id: int) -> SessionInfo: ...

    # -- session settings ----------------------------------------------------------------

    def set_votes_per_participant(self, session_id: int, votes: int) -> SessionInfo:
        if not 0 <= votes <= MAX_VOTES_PER_PARTICIPANT:
            raise InvalidInputError(_('votes per participant must be 0 to {MAX_VOTES_PER_PARTICIPANT}, not {votes}').format(MAX_VOTES_PER_PARTICIPANT=MAX_VOTES_PER_PARTICIPANT, votes=votes))
        with self._write() as db:
            touch(db, session_id).votes_per_participant = votes
        return self.get_session(session_id)

    def set_step_dots(self, session_id: int, step: int, dots: int | None) -> StepState:
        """The dots each participant has in `step`'s vote (a template's `dots`, or the
        facilitator's); None gives the step the session's again."""
        if dots is not None and not 0 <= dots <= MAX_VOTES_PER_PARTICIPANT:
            raise InvalidInputError(_('votes per participant must be 0 to {MAX_VOTES_PER_PARTICIPANT}, not {votes}').format(MAX_VOTES_PER_PARTICIPANT=MAX_VOTES_PER_PARTICIPANT, votes=dots))
        return self._change_state(session_id, step, lambda state: replace(state, dots=dots))

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
            raise InvalidInputError(_("unknown phase '{phase}': use one of {value1}").format(phase=phase, value1=', '.join(timebox.PHASES)))
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
            raise InvalidInputError(_("a timebox must be between 0 and 24 hours"))
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
            raise InvalidInputError(_("choose at least two items to merge"))
        with self._write() as db:
            rows = [item_row(db, item_id) for item_id in ids]
            for row in rows:
                refuse_hidden(row, N_("merge"))
            first = rows[0]
            if any((r.session_id, r.step, r.column) != (first.session_id, first.step, first.column) for r in rows):
                raise InvalidInputError(_("only items of the same step and column can be merged"))
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

    # -- follow-ups ----------------------------------------------------------------------

    def set_followup(self, item_id: str, *, owner: str | None, due: str = "", by: str | None = None) -> Item:
        """Mark an item as a commitment: an action with an owner and a due date."""
        owner_name = clean_name(owner)
        due_text = one_line(due)
        if due_text:
            _check_date(due_text)
        with self._write() as db:
            row = item_row(db, item_id)
            refuse_hidden(row, N_("follow up"))
            row.followup, row.owner, row.due = True, owner_name, due_text
            row.updated_at = touch(db, row.session_id).updated_at
            db.add(row)
            record(db, row, "followup", at=row.updated_at, by=clean_name(by))
            return to_item(row)

    def clear_followup(self, item_id: str, *, by: str | None = None) -> Item:
        with self._write() as db:
            row = item_row(db, item_id)
            refuse_carried(row)
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
    for name in ("phase", "planned_seconds", "extra_seconds", "spent_seconds", "running_since", "anonymous", "dots"):
        setattr(row, name, getattr(state, name))
    return state


def _cluster_members(db: Session, session_id: int, cluster_id: str) -> list[Item]:
    query = select(ItemRow).where(ItemRow.session_id == session_id, ItemRow.cluster_id == cluster_id)
    return [to_item(row) for row in db.exec(ordered(query)).all()]


def _check_date(text: str) -> None:
    from datetime import date

    try:
        date.fromisoformat(text)
    except ValueError:
        raise InvalidInputError(_("'{text}' is not a date: write it as YYYY-MM-DD").format(text=text)) from None

