"""What a participant may do, checked in the store: only their own items, only their session.

A mixin of `Store` for the participant view (`workshop-tui join`, `workshop-tui serve`). Each
method is one committed transaction, like the rest of the store, and refuses with
`NotAllowedError` (nothing changed) anything a participant may not do: touch an item of
another session, or edit or delete an item someone else wrote; vote outside the vote phase.
The screen checks the same things first, so this is the second lock on the door, the one a
crafted keystroke or a bug in a screen cannot open.

Who may act as a name is settled when a screen joins (`store/claims.py`): a name belongs to
the screen that first claimed it. A participant edits and deletes their own items while they
are still private (`store/private.py`); nobody votes on one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlmodel import Session

from workshop_tui.i18n import N_, _
from workshop_tui.model import DeletedItem, Item, new_id
from workshop_tui.store.errors import NotAllowedError
from workshop_tui.store.votes import _voter, cast_on_row, withdraw_from_row
from workshop_tui.store.private import refuse_hidden
from workshop_tui.store.checks import checked_item_text
from workshop_tui.store.queries import delete_row, edit_row, item_row
from workshop_tui.store.tables import ItemRow, StepStateRow, VoteRow
from workshop_tui.text import clean_name

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

VOTE_PHASE = "vote"


class ParticipationMixin:
    if TYPE_CHECKING:

        def _read(self) -> AbstractContextManager[Session]: ...
        def _write(self) -> AbstractContextManager[Session]: ...

    def edit_own_item(self, session_id: int, item_id: str, author: str, text: str) -> Item:
        """Change the text of an item `author` wrote in this session; anything else is refused."""
        text = checked_item_text(text)
        with self._write() as db:
            return edit_row(db, _own_row(db, session_id, item_id, author, N_("edit")), text, by=clean_name(author))

    def delete_own_item(self, session_id: int, item_id: str, author: str) -> DeletedItem:
        """Delete an item `author` wrote in this session (and its votes); returns both, for undo."""
        with self._write() as db:
            return delete_row(db, _own_row(db, session_id, item_id, author, N_("delete")), by=clean_name(author))

    def cast_own_vote(self, session_id: int, item_id: str, participant: str, *, vote_id: str | None = None) -> Item:
        """One of `participant`'s dots on an item of this session, while its step is voting."""
        with self._write() as db:
            row = _session_item(db, session_id, item_id, N_("vote on"))
            refuse_hidden(row, N_("vote on"))
            if db.get(VoteRow, vote_id or "") is None:  # a retried click counts once, even once voting ended
                _check_voting(db, session_id, row.step)
            return cast_on_row(db, row, _voter(participant), vote_id or new_id(), you=True)

    def withdraw_own_vote(self, session_id: int, item_id: str, participant: str) -> Item:
        """Take back one of `participant`'s dots from an item of this session, while voting."""
        with self._write() as db:
            row = _session_item(db, session_id, item_id, N_("vote on"))
            _check_voting(db, session_id, row.step)
            return withdraw_from_row(db, row, _voter(participant), you=True)


def _session_item(db: Session, session_id: int, item_id: str, doing: str) -> ItemRow:
    row = item_row(db, item_id)
    if row.session_id != session_id:
        raise NotAllowedError(_('you cannot {doing} an item of another session').format(doing=_(doing)))
    return row


def _own_row(db: Session, session_id: int, item_id: str, author: str, doing: str) -> ItemRow:
    row = _session_item(db, session_id, item_id, doing)
    name = clean_name(author)
    if not name or row.author != name:
        raise NotAllowedError(_('you can only {doing} your own items; this one is {value1}').format(doing=_(doing), value1=_whose(row.author)))
    return row


def _whose(author: str | None) -> str:
    return f"{author}'s" if author else "anonymous"


def _check_voting(db: Session, session_id: int, step: int) -> None:
    state = db.get(StepStateRow, (session_id, step))
    phase = state.phase if state is not None else "brainstorm"
    if phase != VOTE_PHASE:
        raise NotAllowedError(_('votes open in the vote phase; step {step} is in the {phase} phase').format(step=step, phase=phase))
