"""Between sessions, in the store: a follow-up's status, a session that continues another one
(its open follow-ups carried over), and the wiki page a session is published to.

A continued session is made in one transaction: the new session, a copy of each open follow-up
of the previous one (same step, column, text, author, owner and due date; open; marked
`from_last_time`), and the originals marked `carried`, each change in the history. Continuing
twice carries nothing twice: what was carried is no longer open.
"""

from __future__ import annotations

from typing import Iterable

from sqlmodel import col, select

from workshop_tui.i18n import _
from workshop_tui.model import Item, SessionInfo, new_id, now_iso
from workshop_tui.store.errors import InvalidInputError, NotAllowedError
from workshop_tui.store.facilitation import refuse_carried
from workshop_tui.store.history import record
from workshop_tui.store.importing import ImportMixin
from workshop_tui.store.queries import add_participants, item_row, next_position, ordered, participant_names, session_row, touch
from workshop_tui.store.rows import to_item
from workshop_tui.store.tables import ItemRow, SessionRow, WikiTargetRow
from workshop_tui.store.checks import one_line, required_line
from workshop_tui.text import clean_name, safe

SETTABLE = ("open", "done", "dropped")
"""What a person sets; `carried` is set by continuing a session (`continue_session`)."""


class BetweenSessionsMixin(ImportMixin):
    """Follow-up status, carry-over, wiki targets: a mixin of `Store`."""

    def set_followup_status(self, item_id: str, status: str, *, by: str | None = None) -> Item:
        """Close a follow-up as done or dropped, or open it again."""
        status = (status or "").strip().casefold()
        if status not in SETTABLE:
            if status == "carried":
                raise InvalidInputError(_("a follow-up is carried by continuing its session "
                                        "(`workshop-tui new TITLE --continue SESSION`), not set by hand"))
            raise InvalidInputError(_("unknown follow-up status '{status}': use {value1}").format(status=status, value1=', '.join(SETTABLE)))
        with self._write() as db:
            row = item_row(db, item_id)
            if not row.followup:
                raise NotAllowedError(_("this item is not a follow-up: make it one first (an owner and a due date)"))
            refuse_carried(row)
            if row.followup_status == status:
                return to_item(row)
            was = row.followup_status
            row.followup_status = status
            row.updated_at = touch(db, row.session_id).updated_at
            db.add(row)
            record(db, row, "status", at=row.updated_at, by=clean_name(by), detail={"status": status, "was": was})
            return to_item(row)

    def restore_followup(self, before: Item, *, by: str | None = None) -> Item:
        """Undo a status change or a clear: the follow-up as `before` was (owner, due date,
        status), in one transaction, each change in the history."""
        status = before.followup_status if before.followup_status in SETTABLE else "open"
        with self._write() as db:
            row = item_row(db, before.id)
            refuse_carried(row)
            stamp = touch(db, row.session_id).updated_at
            if not row.followup:
                row.followup, row.owner, row.due = True, before.owner, before.due
                record(db, row, "followup", at=stamp, by=clean_name(by))
            if row.followup_status != status:
                was, row.followup_status = row.followup_status, status
                record(db, row, "status", at=stamp, by=clean_name(by), detail={"status": status, "was": was})
            row.updated_at = stamp
            db.add(row)
            return to_item(row)

    def open_followups(self, session_id: int) -> list[Item]:
        """The follow-ups of a session still open (what continuing it would carry over)."""
        with self._read() as db:
            session_row(db, session_id)
            return [to_item(row) for row in db.exec(ordered(_open_query(session_id))).all()]

    def continue_session(self, previous_id: int, title: str, *, event: str = "", place: str = "", date: str = "",
                         facilitator: str | None = None, participants: Iterable[str] = ()) -> SessionInfo:
        """A new session of the previous one's workshop, holding its open follow-ups (one transaction).

        The previous session's participants come along, and its facilitator unless another
        is named."""
        title = required_line(title, "title")
        with self._write() as db:
            previous = session_row(db, previous_id, lock=True)
            stamp = touch(db, previous_id).updated_at
            row = SessionRow(title=title, template_id=previous.template_id, step_count=previous.step_count,
                             column_keys=previous.column_keys,
                             votes_per_participant=previous.votes_per_participant,
                             participants_follow=previous.participants_follow, event=one_line(event),
                             place=one_line(place), date=one_line(date),
                             facilitator=one_line(previous.facilitator if facilitator is None else facilitator),
                             language=previous.language, created_at=stamp, updated_at=stamp)
            db.add(row)
            db.flush()
            add_participants(db, row.id, [*participant_names(db, previous_id), *participants])
            for original in db.exec(ordered(_open_query(previous_id))).all():
                copy = ItemRow(id=new_id(), session_id=row.id, step=original.step, column=original.column,
                               text=original.text, author=original.author,
                               position=next_position(db, row.id, original.step, original.column),
                               followup=True, owner=original.owner, due=original.due, followup_status="open",
                               from_last_time=True, created_at=stamp, updated_at=stamp)
                db.add(copy)
                db.flush()  # next_position of the following copy sees this one
                record(db, copy, "added", at=stamp, detail={"carried_from": original.id, "session": previous_id})
                original.followup_status, original.updated_at = "carried", stamp
                db.add(original)
                record(db, original, "status", at=stamp, detail={"status": "carried", "was": "open", "to": row.id})
            touch(db, row.id)  # the newest session: first in the start screen's list
            session_id = row.id
        return self.get_session(session_id)

    # -- where a session is published ---------------------------------------------------

    def wiki_target(self, session_id: int) -> tuple[str, str, str] | None:
        """(api_url, page, user) the session was last published to from the app; None if never."""
        with self._read() as db:
            session_row(db, session_id)
            target = db.get(WikiTargetRow, session_id)
            return None if target is None else (safe(target.api_url), safe(target.page), safe(target.user))

    def set_wiki_target(self, session_id: int, api_url: str, page: str, user: str = "") -> None:
        api_url, page, user = one_line(api_url), one_line(page), one_line(user)
        if not api_url or not page:
            raise InvalidInputError(_("a wiki target needs the wiki's address and a page title"))
        with self._write() as db:
            session_row(db, session_id)
            target = db.get(WikiTargetRow, session_id) or WikiTargetRow(session_id=session_id, api_url="", page="",
                                                                        updated_at="")
            target.api_url, target.page, target.user, target.updated_at = api_url, page, user, now_iso()
            db.add(target)


def _open_query(session_id: int):
    return select(ItemRow).where(ItemRow.session_id == session_id, col(ItemRow.followup).is_(True),
                                 col(ItemRow.hidden).is_(False), ItemRow.followup_status == "open")
