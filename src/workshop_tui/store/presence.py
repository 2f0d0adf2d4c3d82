"""Who is connected: screens showing a session say they are alive; the facilitator counts them.

A mixin of `Store`. Each participant or presenter screen calls `heartbeat` every few seconds
and `leave` when it closes; a screen not heard from for `STALE_AFTER` seconds (a killed
process, a closed browser tab) no longer counts. Heartbeats do not touch the session's
`updated_at`, so they do not reorder the session list.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Iterable, TYPE_CHECKING

from sqlalchemy import delete
from sqlmodel import Session, col, select

from workshop_tui.model import PRESENCE_STALE_SECONDS
from workshop_tui.store.queries import session_row
from workshop_tui.store.tables import PresenceRow
from workshop_tui.text import clean_name, safe

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

STALE_AFTER = PRESENCE_STALE_SECONDS
ROLES = ("participant", "presenter")


class PresenceMixin:
    if TYPE_CHECKING:

        def _read(self) -> AbstractContextManager[Session]: ...
        def _write(self) -> AbstractContextManager[Session]: ...

    def heartbeat(self, session_id: int, client_id: str, role: str, participant: str | None = None,
                  now: datetime | None = None) -> None:
        self.heartbeats(session_id, [(client_id, participant)], role, now=now)

    def heartbeats(self, session_id: int, screens: Iterable[tuple[str, str | None]], role: str,
                   now: datetime | None = None) -> None:
        """Each screen `(client_id, participant)` is still there: one transaction for them all
        (a server holding thirty phone pages commits once, not thirty times)."""
        moment = (now or datetime.now(timezone.utc)).isoformat()
        with self._write() as db:
            session_row(db, session_id)
            for client_id, participant in screens:
                row = db.get(PresenceRow, client_id) or PresenceRow(
                    client_id=client_id, session_id=session_id, role=role, last_seen=moment
                )
                row.session_id, row.role, row.participant, row.last_seen = (session_id, role, clean_name(participant),
                                                                            moment)
                db.add(row)

    def leave(self, client_id: str) -> None:
        with self._write() as db:
            db.exec(delete(PresenceRow).where(col(PresenceRow.client_id) == client_id))

    def connected(self, session_id: int, role: str = "participant", now: datetime | None = None) -> list[str]:
        """The names (or "" for a not-yet-named screen) of screens heard from lately."""
        since = ((now or datetime.now(timezone.utc)) - timedelta(seconds=STALE_AFTER)).isoformat()
        with self._read() as db:
            rows = db.exec(
                select(PresenceRow.participant).where(
                    PresenceRow.session_id == session_id, PresenceRow.role == role, PresenceRow.last_seen >= since
                )
            ).all()
            return [safe(name or "") for name in rows]
