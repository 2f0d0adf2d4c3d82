"""The room: every phone page of one served session, the store they share, and live updates.

One `Room` per server. It opens the store once and keeps two threads on it: writes run on
one, in the order they arrive (a page's add, then its edit, never the other way round);
reads run on the other, so a queue of writes never delays a live update. The store's change
token is polled every 50 ms (cheap: SQLite says when anyone committed); on a change, or right
after a write of its own, the room re-reads each step some page shows, once, and sends every
page its view if it changed. So a page shows what the facilitator, the terminals and the other
phones commit, as soon as they commit it.

Every write goes through the store's participant rules (`store/participation.py`): a page
writes under the name it claimed, edits and deletes only its own items, and votes only in the
vote phase. New items wait while a step votes, as on the terminal screen (`timebox.takes_new_items`).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Callable

from workshop_tui.content import Catalog, Template, load_catalog
from workshop_tui.model import HEARTBEAT_SECONDS, DeletedItem
from workshop_tui.serve.phone.messages import Request, personal, step_view_message
from workshop_tui.store.errors import NotAllowedError, NotFoundError, StoreError
from workshop_tui.store_calls import StoreCalls
from workshop_tui.timebox import takes_new_items

if TYPE_CHECKING:
    from aiohttp import web

    from workshop_tui.store.store import Store

log = logging.getLogger("workshop-tui.serve.phone")

POLL_SECONDS = 0.05
REFRESH_GAP = 0.05
UNDO_KEPT = 20
ROLE = "participant"
PRIVATE = "private"


class Held(Exception):
    """An item that waits: its step is voting (the page keeps it and sends it again later)."""


@dataclass(eq=False)
class Page:
    """One open phone page (one websocket)."""

    socket: "web.WebSocketResponse"
    client: str = ""
    token: str = ""
    name: str | None = None
    cookie_token: str | None = None  # the browser's claim cookie (shared with the terminal view)
    browse_step: int = 0  # the step chosen while browsing is allowed; 0: the facilitator's
    sent: str = ""  # the last view sent, to send only what changed
    step: int = 0  # the step of that view

    async def send(self, message: dict[str, Any] | str) -> None:
        if self.socket.closed:
            return
        try:
            await self.socket.send_str(message if isinstance(message, str) else json.dumps(message))
        except (ConnectionError, RuntimeError):
            pass  # the page went away; its handler cleans up


class Room:
    """Phone pages of one session; see the module docstring."""

    def __init__(self, location: str, session_id: int, *, catalog: Catalog | None = None) -> None:
        self.location = location
        self.session_id = session_id
        self.catalog = catalog
        self.store: Store | None = None
        self.pages: set[Page] = set()
        self.writes = StoreCalls("phone-writes")
        self.reads = StoreCalls("phone-reads")
        self.undo: dict[str, deque[DeletedItem]] = defaultdict(lambda: deque(maxlen=UNDO_KEPT))
        self._token: int | None = None
        self._dirty = False
        self._phases: dict[int, str] = {}  # each step's phase as last read
        self._refreshing: asyncio.Task | None = None
        self._tasks: list[asyncio.Task] = []
        self._opening = asyncio.Lock()

    # -- start and stop ------------------------------------------------------------------

    async def open(self) -> Store:
        """The store, opened by the first page that connects (a server nobody opens the page
        of never opens it), with the live updates and heartbeats that go with it."""
        async with self._opening:
            if self.store is None:
                store = await self.reads.call(self._open)
                self._token = await self.reads.call(store.change_token)
                self.store = store
                self._tasks = [asyncio.create_task(self._poll(), name="phone: live updates"),
                               asyncio.create_task(self._beat(), name="phone: presence")]
            return self.store

    def _open(self) -> Store:
        if self.catalog is None:
            self.catalog = load_catalog()
        from workshop_tui.store import open_store

        return open_store(self.location)

    async def close_pages(self, app: "web.Application | None" = None) -> None:
        for page in list(self.pages):
            await page.socket.close()

    async def stop(self, app: "web.Application | None" = None) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        store = self.store
        if store is not None:
            clients = [page.client for page in self.pages if page.client]
            await self.writes.call(self._leave_all, store, clients)
        self.writes.shutdown()
        self.reads.shutdown()
        if store is not None:
            store.close()

    @staticmethod
    def _leave_all(store: Store, clients: list[str]) -> None:
        for client in clients:
            try:
                store.leave(client)
            except StoreError:
                pass

    @property
    def template_of(self) -> Callable[[str], Template]:
        catalog = self.catalog
        assert catalog is not None
        return lambda template_id: catalog.templates.get(template_id) or catalog.default

    # -- pages coming and going -----------------------------------------------------------

    async def hello(self, page: Page, request: Request) -> bool:
        """A page (re)connects: who it is, the name it had, the step it was looking at.
        False if the session cannot be read (the page was told why)."""
        page.client, page.token = request.client, page.cookie_token or request.token
        page.browse_step = request.step
        try:
            await self.open()
        except StoreError as error:
            await page.send({"t": "problem", "message": str(error)})
            return False
        self.pages.add(page)
        problem = None
        if request.name:
            problem = await self._claim(page, request.name)
        else:
            await self._write(self._heartbeat, page)
        await page.send({"t": "welcome", "name": page.name, "problem": problem})
        await self.send_view(page)
        return True

    async def join(self, page: Page, name: str) -> None:
        problem = await self._claim(page, name)
        await page.send({"t": "welcome", "name": page.name, "problem": problem})
        if page.name:
            await self.send_view(page, force=True)

    async def _claim(self, page: Page, name: str) -> str | None:
        store = self.store
        assert store is not None
        try:
            page.name = await self.writes.call(claim_name, store, self.session_id, page.client, name, page.token)
        except StoreError as error:
            return str(error)
        return None

    async def leave(self, page: Page) -> None:
        self.pages.discard(page)
        if page.client and self.store is not None and not any(p.client == page.client for p in self.pages):
            try:
                # Shielded: the handler's task may be cancelled, the goodbye still goes.
                await asyncio.shield(self.writes.call(self.store.leave, page.client))
            except (StoreError, RuntimeError):
                pass  # forgotten after 15 s anyway (RuntimeError: the server is stopping)

    # -- what pages ask ------------------------------------------------------------------

    async def look(self, page: Page, step: int) -> None:
        page.browse_step = step
        await self.send_view(page)

    async def act(self, page: Page, request: Request) -> dict[str, Any]:
        """Do one write for a page; the answer to send it (`ack`, `held` or `refused`)."""
        if not page.name:
            return _refused(request, "join with your name first")
        store = self.store
        assert store is not None
        operation = getattr(self, f"_{request.kind}")
        try:
            answer = await self.writes.call(operation, store, page.name, request)
        except Held as held:
            return {"t": "held", "ref": request.ref, "message": str(held)}
        except StoreError as error:
            return _refused(request, str(error))
        self.poke()
        return {"t": "ack", "ref": request.ref, **(answer or {})}

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

    async def _write(self, call: Callable[..., object], *args: object) -> None:
        try:
            await self.writes.call(call, *args)
        except StoreError as error:
            log.warning("a phone page's write failed: %s", error)

    # -- live updates ----------------------------------------------------------------------

    def poke(self) -> None:
        """Something changed: re-read and send the views now (coalesced with any read running)."""
        self._dirty = True
        if self._refreshing is None or self._refreshing.done():
            self._refreshing = asyncio.create_task(self._refresh_all())

    async def _poll(self) -> None:
        store = self.store
        assert store is not None
        while True:
            await asyncio.sleep(POLL_SECONDS)
            try:
                token = await self.reads.call(store.change_token)
            except StoreError:
                continue  # unreadable for a moment: the next poll tries again
            if token != self._token:
                self._token = token
                self.poke()

    async def _refresh_all(self) -> None:
        began = 0.0
        while self._dirty:
            # Commits arriving in a burst (a room adding at once) are sent together, at most
            # every REFRESH_GAP, rather than one full view per commit to every page.
            await asyncio.sleep(max(0.0, began + REFRESH_GAP - time.monotonic()))
            began = time.monotonic()
            self._dirty = False
            pages = [page for page in self.pages if not page.socket.closed]
            if not pages:
                return
            try:
                views = await self.reads.call(self._read_views, pages)
            except StoreError as error:
                log.warning("phone pages could not be updated: %s", error)
                return
            await asyncio.gather(*(self._send(page, views[page]) for page in pages if page in views))

    async def send_view(self, page: Page, *, force: bool = False) -> None:
        try:
            views = await self.reads.call(self._read_views, [page])
        except StoreError as error:
            await page.send({"t": "problem", "message": str(error)})
            return
        if force:
            page.sent = ""
        await self._send(page, views[page])

    async def _send(self, page: Page, view: tuple[int, str]) -> None:
        step, text = view
        if text != page.sent:
            page.sent, page.step = text, step
            await page.send(text)

    def _read_views(self, pages: list[Page]) -> dict[Page, tuple[int, str]]:
        """Each page's view, reading each step once (on the read thread)."""
        store = self.store
        assert store is not None
        info = store.get_session(self.session_id)
        template = self.template_of(info.template_id)
        now = datetime.now(timezone.utc)
        shared: dict[tuple[int, str | None], tuple[dict, list]] = {}

        def read(step: int, viewer: str | None) -> tuple[dict, list]:
            if (step, viewer) not in shared:
                view = step_view(store, self.session_id, step, viewer)
                shared[step, viewer] = (step_view_message(view, template, now=now),
                                        store.list_votes(self.session_id, step))
            return shared[step, viewer]

        out: dict[Page, tuple[int, str]] = {}
        for page in pages:
            step = info.current_step
            if not info.participants_follow and 1 <= page.browse_step <= info.step_count:
                step = page.browse_step
            step = max(1, min(step, info.step_count))
            message, votes = read(step, None)
            self._phases[step] = message["phase"]
            if message["phase"] == PRIVATE and page.name:  # their own hidden items too
                message, votes = read(step, page.name)
            out[page] = (step, json.dumps(personal(message, votes, page.name), ensure_ascii=False))
        return out

    # -- presence --------------------------------------------------------------------------

    async def _beat(self) -> None:
        """Each page says it is here every few seconds, as a terminal participant does, and is
        sent a tick: a page that hears nothing for three ticks knows its connection is dead."""
        while True:
            await asyncio.sleep(HEARTBEAT_SECONDS)
            for page in list(self.pages):
                if page.client:
                    await self._write(self._heartbeat, page)
            await asyncio.gather(*(page.send({"t": "tick"}) for page in list(self.pages)))

    def _heartbeat(self, page: Page) -> None:
        assert self.store is not None
        self.store.heartbeat(self.session_id, page.client, ROLE, page.name)


def claim_name(store: Store, session_id: int, client: str, name: str, token: str) -> str:
    """The store's name claim: the name is the browser's that first claimed it (its token)."""
    return store.claim_name(session_id, client, name, token=token)


def step_view(store: Store, session_id: int, step: int, viewer: str | None):
    """One step as `viewer` sees it: with their own items still hidden (private writing)."""
    return store.step_view(session_id, step, viewer=viewer)


def _refused(request: Request, message: str) -> dict[str, Any]:
    return {"t": "refused", "ref": request.ref, "op": request.kind, "message": message}
