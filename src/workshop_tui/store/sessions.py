"""Store methods for sessions and their participants: create, list, find, change, delete."""

from __future__ import annotations

from typing import Iterable

from sqlalchemy import delete, func
from sqlmodel import col, select

from workshop_tui.i18n import _
from workshop_tui.model import COLUMNS, SessionInfo, now_iso
from workshop_tui.store.base import StoreBase
from workshop_tui.store.checks import check_column, check_step, checked_keys, one_line, required_line, session_language
from workshop_tui.store.errors import InvalidInputError, NotFoundError
from workshop_tui.store.queries import add_participants, participant_names, participants_by_session, session_row, touch
from workshop_tui.store.rows import column_keys, stored_keys, to_info
from workshop_tui.store.tables import (
    HistoryRow,
    ItemRow,
    NameClaimRow,
    ParticipantRow,
    PresenceRow,
    SessionRow,
    StepStateRow,
    VoteRow,
)

SESSION_FIELDS = ("title", "event", "place", "date", "facilitator", "language")


class SessionsMixin(StoreBase):
    """Sessions and their participants: a mixin of `Store`."""

    # -- sessions ------------------------------------------------------------------------

    def create_session(
        self,
        title: str,
        *,
        template_id: str,
        step_count: int,
        event: str = "",
        place: str = "",
        date: str = "",
        facilitator: str = "",
        participants: Iterable[str] = (),
        language: str | None = None,
        columns: tuple[str, ...] = COLUMNS,
    ) -> SessionInfo:
        """A new session of a template: its steps and its columns' keys (`Template.column_keys`);
        `language` (its exports') defaults to the language in use now."""
        title = required_line(title, "title")
        keys = checked_keys(columns)
        if not 1 <= step_count <= 50:
            raise InvalidInputError(_('a session needs 1 to 50 steps, not {step_count}').format(step_count=step_count))
        stamp = now_iso()
        row = SessionRow(
            title=title,
            template_id=template_id,
            step_count=step_count,
            column_keys=stored_keys(keys),
            event=one_line(event),
            place=one_line(place),
            date=one_line(date),
            facilitator=one_line(facilitator),
            language=session_language(language),
            created_at=stamp,
            updated_at=stamp,
        )
        with self._write() as db:
            db.add(row)
            db.flush()
            add_participants(db, row.id, participants)
            session_id = row.id
        return self.get_session(session_id)

    def list_sessions(self) -> list[SessionInfo]:
        """Every session, newest change first, with its item count and participants."""
        with self._read() as db:
            counts = dict(
                db.exec(select(ItemRow.session_id, func.count()).group_by(ItemRow.session_id)).all()
            )
            people = participants_by_session(db)
            rows = db.exec(select(SessionRow).order_by(col(SessionRow.updated_at).desc())).all()
            return [to_info(row, people.get(row.id, ()), counts.get(row.id, 0)) for row in rows]

    def get_session(self, session_id: int) -> SessionInfo:
        with self._read() as db:
            row = session_row(db, session_id)
            count = db.exec(select(func.count()).where(ItemRow.session_id == session_id)).one()
            return to_info(row, participant_names(db, session_id), count)

    def find_session(self, ref: str) -> SessionInfo:
        """A session by its id or its unique title."""
        ref = ref.strip()
        with self._read() as db:
            if ref.isdigit() and db.get(SessionRow, int(ref)) is not None:
                return self.get_session(int(ref))
            ids = db.exec(select(SessionRow.id).where(SessionRow.title == ref)).all()
        if not ids:
            raise NotFoundError(_("unknown session '{ref}': `workshop-tui sessions` lists them").format(ref=ref))
        if len(ids) > 1:
            listed = ", ".join(str(i) for i in sorted(ids))
            raise NotFoundError(_("{value0} sessions are titled '{ref}': name one by its id ({listed})").format(value0=len(ids), ref=ref, listed=listed))
        return self.get_session(ids[0])

    def update_session(self, session_id: int, **fields: str) -> SessionInfo:
        """Change a session's title, event, place, date, facilitator or language (of its exports)."""
        unknown = set(fields) - set(SESSION_FIELDS)
        if unknown:
            raise InvalidInputError(_('unknown session field(s): {value0}').format(value0=', '.join(sorted(unknown))))
        values = {name: one_line(value) for name, value in fields.items()}
        if "language" in values:
            values["language"] = session_language(fields["language"])
        if "title" in values:
            values["title"] = required_line(fields["title"], "title")
        with self._write() as db:
            row = session_row(db, session_id)
            for name, value in values.items():
                setattr(row, name, value)
            row.updated_at = now_iso()
            db.add(row)
        return self.get_session(session_id)

    def rename_session(self, session_id: int, title: str) -> SessionInfo:
        return self.update_session(session_id, title=title)

    def delete_session(self, session_id: int) -> None:
        with self._write() as db:
            session_row(db, session_id)
            for table in (HistoryRow, VoteRow, StepStateRow, PresenceRow, NameClaimRow, ItemRow, ParticipantRow):
                db.exec(delete(table).where(col(table.session_id) == session_id))
            db.exec(delete(SessionRow).where(col(SessionRow.id) == session_id))

    def set_current_step(self, session_id: int, step: int) -> SessionInfo:
        with self._write() as db:
            row = session_row(db, session_id)
            check_step(row, step)
            row.current_step = step
            row.updated_at = now_iso()
            db.add(row)
        return self.get_session(session_id)

    def set_resume_point(self, session_id: int, *, step: int | None = None, column: str | None = None,
                         speaker: str | None = None) -> SessionInfo:
        """Remember where the facilitator is, so reopening comes back to it: the step, the
        column typed into ("" = the first) and the speaker ("" = not chosen yet). Only what is
        given changes; a bad value refuses the whole call."""
        name = None if speaker is None else (required_line(speaker, "speaker") if one_line(speaker) else "")
        with self._write() as db:
            row = touch(db, session_id)
            if step is not None:
                check_step(row, step)
                row.current_step = step
            if column:
                check_column(column_keys(row.column_keys), column)
            if column is not None:
                row.current_column = column
            if name is not None:
                row.speaker = name
            db.add(row)
        return self.get_session(session_id)

    # -- participants --------------------------------------------------------------------

    def add_participant(self, session_id: int, name: str) -> tuple[str, ...]:
        """Add a participant (once); returns the session's participants in order."""
        name = required_line(name, "participant name")
        with self._write() as db:
            touch(db, session_id)
            add_participants(db, session_id, [name])
            return participant_names(db, session_id)

    def remove_participant(self, session_id: int, name: str) -> tuple[str, ...]:
        """Remove a participant from the list; their items keep their author name."""
        with self._write() as db:
            touch(db, session_id)
            db.exec(
                delete(ParticipantRow).where(
                    col(ParticipantRow.session_id) == session_id, col(ParticipantRow.name) == name
                )
            )
            return participant_names(db, session_id)
