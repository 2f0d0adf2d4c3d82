"""Store method for a whole session at once: `import_session` (an imported file, a merge)."""

from __future__ import annotations

from sqlalchemy import insert
from sqlmodel import Session

from workshop_tui.i18n import _
from workshop_tui.model import Item, SessionData, SessionInfo, StepState, new_id, now_iso
from workshop_tui.store.checks import check_column, checked_item_text, checked_keys, known_language, one_line, required_line
from workshop_tui.store.errors import InvalidInputError
from workshop_tui.store.facilitation import MAX_VOTES_PER_PARTICIPANT
from workshop_tui.store.queries import add_participants, existing_ids
from workshop_tui.store.rows import item_values, stored_keys
from workshop_tui.store.sessions import SessionsMixin
from workshop_tui.store.history import imported_history
from workshop_tui.store.tables import HistoryRow, ItemRow, SessionRow, StepStateRow, VoteRow
from workshop_tui.text import clean_name
from workshop_tui.timebox import PHASES


class ImportMixin(SessionsMixin):
    """A whole session stored at once: a mixin of `Store`."""

    def import_session(self, data: SessionData, *, title: str | None = None) -> SessionInfo:
        """Store an imported (or merged) session whole, as a new session, in one transaction.

        Item ids, times, authors, positions, votes, clusters, follow-ups and step states are
        kept; an id already in the store gets a new one, so importing the same file twice
        makes two independent sessions. Anything invalid refuses the whole import.
        """
        info = data.info
        title = required_line(title if title is not None else info.title, "title")
        keys = checked_keys(info.columns)
        items = [(item, checked_item_text(item.text)) for item in _valid_items(data)]
        states = _valid_states(data)
        stamp = now_iso()
        with self._write() as db:
            row = SessionRow(
                title=title,
                template_id=info.template_id,
                step_count=info.step_count,
                column_keys=stored_keys(keys),
                current_step=min(max(info.current_step, 1), info.step_count),
                votes_per_participant=max(0, min(info.votes_per_participant, MAX_VOTES_PER_PARTICIPANT)),
                participants_follow=bool(info.participants_follow),
                event=one_line(info.event),
                place=one_line(info.place),
                date=one_line(info.date),
                facilitator=one_line(info.facilitator),
                speaker=clean_name(info.speaker) or "",
                current_column=info.current_column if info.current_column in keys else "",
                language=known_language(info.language),
                created_at=info.created_at or stamp,
                updated_at=stamp,
            )
            db.add(row)
            db.flush()
            people = [*info.participants, *(item.author for item, _ in items), *(vote.participant for vote in data.votes)]
            add_participants(db, row.id, [name for name in people if name])
            new_ids = _fresh_ids(db, ItemRow, [item.id for item, _ in items])
            # Core's executemany, not an ORM object per item: a 100,000-item file imports in seconds.
            # Whatever a file says, an imported item is never hidden: nobody could ever see it.
            values = [item_values(item, row.id, stamp, item_id=new_ids[item.id], text=text,
                                  author=clean_name(item.author), hidden=False) for item, text in items]
            for start in range(0, len(values), 5_000):
                db.connection().execute(insert(ItemRow.__table__), values[start : start + 5_000])
            history = imported_history(row.id, stamp, values)
            for start in range(0, len(history), 5_000):
                db.connection().execute(insert(HistoryRow.__table__), history[start : start + 5_000])
            votes = [vote for vote in data.votes if vote.item_id in new_ids and clean_name(vote.participant)]
            steps = {item.id: item.step for item, _ in items}
            vote_ids = _fresh_ids(db, VoteRow, [vote.id for vote in votes])
            for vote in votes:
                db.add(VoteRow(id=vote_ids[vote.id], session_id=row.id, item_id=new_ids[vote.item_id],
                               step=steps[vote.item_id], participant=clean_name(vote.participant),
                               created_at=vote.created_at or stamp))
            for state in states:
                db.add(StepStateRow(session_id=row.id, **{k: v for k, v in state.__dict__.items()}))
            session_id = row.id
        return self.get_session(session_id)


def _valid_items(data: SessionData) -> list[Item]:
    ids = [item.id for item in data.items if item.id]
    if len(ids) != len(set(ids)):
        raise InvalidInputError(_("the session holds the same item id twice"))
    for item in data.items:
        check_column(data.info.columns, item.column)
        if not isinstance(item.step, int) or not 1 <= item.step <= data.info.step_count:
            raise InvalidInputError(_('an item is in step {step}, outside 1-{step_count}').format(step=item.step, step_count=data.info.step_count))
    return list(data.items)


def _valid_states(data: SessionData) -> list[StepState]:
    seen: set[int] = set()
    for state in data.step_states:
        if not 1 <= state.step <= data.info.step_count or state.step in seen:
            raise InvalidInputError(_('a step state is for step {step}, outside 1-{step_count} or twice').format(step=state.step, step_count=data.info.step_count))
        if state.phase not in PHASES:
            raise InvalidInputError(_("unknown phase '{phase}' in step {step}").format(phase=state.phase, step=state.step))
        if min(state.extra_seconds, state.spent_seconds, state.planned_seconds or 0) < 0:
            raise InvalidInputError(_('negative time in step {step}').format(step=state.step))
        if state.dots is not None and not 0 <= state.dots <= MAX_VOTES_PER_PARTICIPANT:
            raise InvalidInputError(_('votes per participant must be 0 to {MAX_VOTES_PER_PARTICIPANT}, not {votes}').format(
                MAX_VOTES_PER_PARTICIPANT=MAX_VOTES_PER_PARTICIPANT, votes=state.dots))
        seen.add(state.step)
    return list(data.step_states)


def _fresh_ids(db: Session, table, ids: list[str]) -> dict[str, str]:
    """Each id mapped to itself, or to a new id where the store (or this list) already has it."""
    taken = existing_ids(db, table, ids)
    mapping: dict[str, str] = {}
    for old in ids:
        new = old if old and old not in taken and len(old) <= 32 else new_id()
        taken.add(new)
        mapping[old] = new
    return mapping
