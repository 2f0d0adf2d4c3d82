"""What a phone page may write: add, edit, delete (and undo), vote, unvote, each one store transaction.

Run by the room on its write thread, in the order pages send them, under the name the page
claimed. Every write goes through the store's participant rules (`store/participation.py`): a
page edits and deletes only its own items and votes only in the vote phase. New items wait
while a step votes, as on the terminal screen (`timebox.takes_new_items`): `Held`.
"""

from __future__ import annotations

from collections import defaultdict, deque
from typing import TYPE_CHECKING, Any

from workshop_tui.model import DeletedItem
from workshop_tui.serve.phone.messages import Request
from workshop_tui.store.errors import NotAllowedError, NotFoundError
from workshop_tui.timebox import takes_new_items

if TYPE_CHECKING:
    from workshop_tui.store.store import Store

UNDO_KEPT = 20


class Held(Exception):
    """An item that waits: its step is voting (the page keeps it and sends it again later)."""


class Operations:
    """One session's page writes; `phases` is each step's phase as the room last read it."""

    def __init__(self, session_id: int, phases: dict[int, str]) -> None:
        self.session_id = session_id
        self._phases = phases
        self.undo: dict[str, deque[DeletedItem]] = defaultdict(lambda: deque(maxlen=UNDO_KEPT))

    def run(self, store: Store, name: str, request: Request) -> dict[str, Any]:
        """Do `request` as `name`; what to add to the page's `ack`."""
        return getattr(self, f"_{request.kind}")(store, name, request)

    def _add(self, store: Store, name: str, request: Request) -> dict[str, Any]:
        # One transaction per add: the phase as last read (views are re-read on every commit).
        phase = self._phases.get(request.step)
        if phase is None:
            state = store.step_states(self.session_id).get(request.step)
            phase = state.phase if state is not None else "brainstorm"
        if not takes_new_items(phase):
            try:
                store.get_item(request.item_id)  # sent again: it was stored before voting began
            except NotFoundError:
                raise Held("voting is on: your item is added once the facilitator moves on") from None
        item = store.add_item(self.session_id, request.step, request.column, request.text, author=name,
                              item_id=request.item_id)
        if item.session_id != self.session_id or item.author != name:  # an id that is someone else's
            raise NotAllowedError("that item id is taken: the item was not added")
        return {}

    def _edit(self, store: Store, name: str, request: Request) -> dict[str, Any]:
        store.edit_own_item(self.session_id, request.item_id, name, request.text)
        return {}

    def _delete(self, store: Store, name: str, request: Request) -> dict[str, Any]:
        try:
            deleted = store.delete_own_item(self.session_id, request.item_id, name)
        except NotFoundError:
            return {}  # already gone: a delete sent again
        self.undo[name].append(deleted)
        return {"undo": deleted.item.id}

    def _undo(self, store: Store, name: str, request: Request) -> dict[str, Any]:
        kept = self.undo[name]
        deleted = next((each for each in kept if each.item.id == request.item_id), None)
        if deleted is None:
            raise NotFoundError("that delete can no longer be undone")
        store.restore_item(deleted)
        kept.remove(deleted)
        return {}

    def _vote(self, store: Store, name: str, request: Request) -> dict[str, Any]:
        store.cast_own_vote(self.session_id, request.item_id, name, vote_id=request.vote_id)
        return {}

    def _unvote(self, store: Store, name: str, request: Request) -> dict[str, Any]:
        store.withdraw_own_vote(self.session_id, request.item_id, name)
        return {}
