"""Name claims (issue 12): a participant's name belongs to the screen that first joined under it.

A mixin of `Store`. There are no accounts; instead the first screen to join a session under a
name claims it with a secret token (a browser keeps its token, a terminal keeps one in the
user data dir: `claim_token.py`). From then on only a screen presenting the same token joins
under that name, whether the first screen is still connected or not, so nobody with the join
code can become someone else and delete their items. The facilitator can release a name
(`release_name`) for a participant whose laptop died. Only a SHA-256 of each token is kept.

Claims do not move the change token (`Store.change_token`): no screen shows them.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from workshop_tui.i18n import _
from workshop_tui.model import NameClaim
from workshop_tui.store.checks import required_line
from workshop_tui.store.errors import InvalidInputError, NotAllowedError, NotFoundError
from workshop_tui.store.queries import session_row
from workshop_tui.store.tables import NameClaimRow, PresenceRow
from workshop_tui.text import safe

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

ROLE = "participant"
TOKEN_LENGTHS = (16, 200)
LISTED = 10  # names a refusal lists at most


class ClaimsMixin:
    if TYPE_CHECKING:

        def _read(self) -> AbstractContextManager[Session]: ...
        def _write(self) -> AbstractContextManager[Session]: ...

    def claim_name(self, session_id: int, client_id: str, name: str, *, token: str,
                   now: datetime | None = None) -> str:
        """Take `name` for a participant's screen, proven by `token`; returns the name as stored.

        The first claim of a name in a session keeps a hash of the token; a later claim with
        another token is refused (`NotAllowedError`), connected or not, until `release_name`.
        Records the screen's presence under that name, as `heartbeat` does.
        """
        clean = required_line(name, "name")
        digest = _digest(token)
        moment = (now or datetime.now(timezone.utc)).isoformat()
        with self._write() as db:
            session_row(db, session_id, lock=True)  # two first claims of one name queue up (PostgreSQL)
            claim = db.get(NameClaimRow, (session_id, clean))
            if claim is None:
                db.add(NameClaimRow(session_id=session_id, name=clean, token_hash=digest, claimed_at=moment))
            elif not hmac.compare_digest(claim.token_hash, digest):
                raise NotAllowedError(_('{clean} is taken by another screen: choose another name, or ask the facilitator to release it').format(clean=clean))
            row = db.get(PresenceRow, client_id) or PresenceRow(
                client_id=client_id, session_id=session_id, role=ROLE, last_seen=moment
            )
            row.session_id, row.role, row.participant, row.last_seen = session_id, ROLE, clean, moment
            db.add(row)
        return clean

    def release_name(self, session_id: int, name: str) -> None:
        """Free a claimed name (the facilitator's call): the next screen to join under it claims it."""
        clean = required_line(name, "name")
        with self._write() as db:
            session_row(db, session_id)
            claim = db.get(NameClaimRow, (session_id, clean))
            if claim is None:
                names = _claimed_names(db, session_id)
                listed = ", ".join(names[:LISTED]) + (", …" if len(names) > LISTED else "")
                raise NotFoundError(f"nobody has claimed the name {clean} in this session"
                                    + (f" (claimed: {listed})" if names else ""))
            db.delete(claim)

    def list_claims(self, session_id: int) -> list[NameClaim]:
        """The names claimed in a session, first claimed first."""
        with self._read() as db:
            session_row(db, session_id)
            rows = db.exec(select(NameClaimRow).where(NameClaimRow.session_id == session_id)
                           .order_by(col(NameClaimRow.claimed_at), col(NameClaimRow.name))).all()
            return [NameClaim(name=safe(row.name), claimed_at=safe(row.claimed_at)) for row in rows]


def _digest(token: str) -> str:
    low, high = TOKEN_LENGTHS
    if not isinstance(token, str) or not low <= len(token) <= high:
        raise InvalidInputError(_('a name claim needs a token of {low} to {high} characters').format(low=low, high=high))
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _claimed_names(db: Session, session_id: int) -> list[str]:
    query = select(NameClaimRow.name).where(NameClaimRow.session_id == session_id)
    return list(db.exec(query.order_by(col(NameClaimRow.claimed_at), col(NameClaimRow.name))).all())
