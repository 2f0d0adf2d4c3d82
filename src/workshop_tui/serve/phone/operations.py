"""What a phone page may write: add, edit, delete (and undo), vote, unvote, each one store transaction.

Run by the room on its write thread, in the order pages send them, under the name the page
claimed. Every write goes through the store's participant rules (`store/participation.py`): a
page edits and deletes only its own items and votes only in the vote phase. New items wait
while a step votes, as on the terminal screen (`timebox.takes_new_items`): `Held`.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict, deque
from typing import TYPE_CHECKING, Any

from workshop_tui.model import DeletedItem, Item, NewItem
from workshop_tui.serve.phone.messages import Request
from workshop_tui.store.errors import NotAllowedError, NotFoundError, StoreError
from workshop_tui.timebox import takes_new_items

if TYPE_CHECKING:
    from workshop_tui.store.store import Store
    from workshop_tui.store_calls import StoreCalls

Waiting = tuple[str, Request, "asyncio.Future[dict[str, Any]]"]  # a page's name, its add, its answer

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
        self._may_add(store, request)
        item = store.add_item(self.session_id, request.step, request.column, request.text, author=name,
                              item_id=request.item_id)
        return self._owned(item, name)

    def add_waiting(self, store: Store, waiting: deque[Waiting]) -> list[tuple[asyncio.Future, Any]]:
        """Every add in `waiting`, taken now, saved in one transaction (on the write thread); each
        one's answer, or the error to give it. If one is refused, each is then tried on its own."""
        batch = []
        while waiting:
            batch.append(waiting.popleft())
        try:
            answers: list[tuple[asyncio.Future, Any]] = []
            ready = []
            for name, request, future in batch:
                try:
                    self._may_add(store, request)
                    ready.append((name, request, future))
                except (Held, StoreError) as error:
                    answers.append((future, error))
            try:
                items = store.add_items(self.session_id, [NewItem(request.step, request.column, request.text, name,
                                                                  request.item_id) for name, request, _ in ready])
                answers += [(future, self._owned(item, name)) for (name, _, future), item in zip(ready, items)]
            except StoreError:
                for name, request, future in ready:
                    try:
                        answers.append((future, self._add(store, name, request)))
                    except (Held, StoreError) as error:
                        answers.append((future, error))
            return answers
        except Exception as error:  # a bug: every page waiting hears of it, none waits forever
            return [(future, error) for _, _, future in batch]

    def _may_add(self, store: Store, request: Request) -> None:
        """New items wait while a step votes (`Held`); the phase as last read (views are re-read
        on every commit). An item sent again after it was stored is not new."""
        phase = self._phases.get(request.step)
        if phase is None:
            state = store.step_states(self.session_id).get(request.step)
            phase = state.phase if state is not None else "brainstorm"
        if not takes_new_items(phase):
            try:
                store.get_item(request.item_id)  # sent again: it was stored before voting began
            except NotFoundError:
                raise Held("voting is on: your item is added once the facilitator moves on") from None

    def _owned(self, item: Item, name: str) -> Any:
        if item.session_id != self.session_id or item.author != name:  # an id that is someone else's
            return NotAllowedError("that item id is taken: the item was not added")
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


class Adds:
    """Adds from every page, waiting for the write thread together: a room adding at once is
    saved in a few transactions, not one commit (one disk flush) per item."""

    def __init__(self, writes: StoreCalls, operations: Operations) -> None:
        self.writes, self.operations = writes, operations
        self.waiting: deque[Waiting] = deque()
        self.running = False

    async def add(self, store: Store, name: str, request: Request) -> dict[str, Any]:
        """Add one item for `name`; its answer once it is saved (raises `Held` or a `StoreError`)."""
        future = asyncio.get_running_loop().create_future()
        self.waiting.append((name, request, future))
        if not self.running:
            self.running = True
            asyncio.create_task(self._save(store), name="phone: adds")
        return await future

    async def _save(self, store: Store) -> None:
        try:
            while self.waiting:
                for future, answer in await self.writes.call(self.operations.add_waiting, store, self.waiting):
                    if future.done():  # its page went away meanwhile
                        continue
                    if isinstance(answer, BaseException):
                        future.set_exception(answer)
                    else:
                        future.set_result(answer)
        finally:
            self.running = False
