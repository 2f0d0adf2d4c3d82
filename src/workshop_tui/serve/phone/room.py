"""The room: every phone page of one served session, the store they share, and live updates.

One `Room` per server. It opens the store once and keeps two threads on it: writes run on
one, in the order they arrive (a page's add, then its edit, never the other way round);
reads run on the other, so a queue of writes never delays a live update. The store's change
token is polled every 50 ms (cheap: SQLite says when anyone committed); on a change, or right
after a write of its own, the room re-reads each step some page shows, once, and sends every
page its view if it changed. So a page shows what the facilitator, the terminals and the other
phones commit, as soon as they commit it.

Every write goes through the store's participant rules (`operations.py`, `store/participation.py`):
a page writes under the name it claimed, edits and deletes only its own items, and votes only in
the vote phase.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from workshop_tui.content import Catalog, Template, load_catalog
from workshop_tui.i18n import current
from workshop_tui.model import HEARTBEAT_SECONDS, SessionInfo
from workshop_tui.serve.phone.messages import Request
from workshop_tui.serve.phone.operations import Adds, Held, Operations
from workshop_tui.serve.phone.views import Update, read_views
from workshop_tui.store.errors import StoreError
from workshop_tui.store_calls import StoreCalls

if TYPE_CHECKING:
    from aiohttp import web

    from workshop_tui.store.store import Store

log = logging.getLogger("workshop-tui.serve.phone")

POLL_SECONDS = 0.05
REFRESH_GAP = 0.05
ROLE = "participant"


@dataclass(eq=False)
class Page:
    """One open phone page (one websocket)."""

    socket: "web.WebSocketResponse"
    client: str = ""
    token: str = ""
    name: str | None = None
    cookie_token: str | None = None  # the browser's claim cookie (shared with the terminal view)
    browse_step: int = 0  # the step chosen while browsing is allowed; 0: the facilitator's
    items: list | None = None  # the item list of the view sent last: deltas are made against it
    head: str = ""  # the rest of that view, to send nothing when nothing changed
    seq: int = 0  # how many views this page was sent: a delta names the one it changes
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
        self._phases: dict[int, str] = {}  # each step's phase as last read
        self.operations = Operations(session_id, self._phases)
        self.adds = Adds(self.writes, self.operations)
        self._token: int | None = None
        self._dirty = False
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
    def template_of(self) -> Callable[[SessionInfo], Template]:
        catalog = self.catalog
        assert catalog is not None
        return lambda info: catalog.for_session(info).localized(current())

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
            # The name is the browser's that first claimed it (its token).
            page.name = await self.writes.call(store.claim_name, self.session_id, page.client, name, token=page.token)
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
        """The page browses to a step (or asks for its whole view again: a delta it could not follow)."""
        page.browse_step = step
        await self.send_view(page, force=True)

    async def act(self, page: Page, request: Request) -> dict[str, Any]:
        """Do one write for a page; the answer to send it (`ack`, `held` or `refused`)."""
        if not page.name:
            return _refused(request, "join with your name first")
        store = self.store
        assert store is not None
        try:
            if request.kind == "add":
                answer = await self.adds.add(store, page.name, request)
            else:
                answer = await self.writes.call(self.operations.run, store, page.name, request)
        except Held as held:
            return {"t": "held", "ref": request.ref, "message": str(held)}
        except StoreError as error:
            return _refused(request, str(error))
        self.poke()
        return {"t": "ack", "ref": request.ref, **(answer or {})}

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
        await self._send(page, views[page], force=force)

    async def _send(self, page: Page, update: Update, *, force: bool = False) -> None:
        """Send `page` its update (on the event loop, so a page's views go out one at a time,
        each delta against the view sent just before it)."""
        text = update.text(page, force=force)
        if text is not None:
            page.items, page.head, page.step, page.seq = update.items, update.head, update.step, page.seq + 1
            await page.send(text)

    def _read_views(self, pages: list[Page]) -> dict[Page, Update]:
        assert self.store is not None
        return read_views(self.store, self.session_id, self.template_of, pages, self._phases)

    # -- presence --------------------------------------------------------------------------

    async def _beat(self) -> None:
        """Each page says it is here every few seconds, as a terminal participant does, and is
        sent a tick: a page that hears nothing for three ticks knows its connection is dead."""
        while True:
            await asyncio.sleep(HEARTBEAT_SECONDS)
            screens = [(page.client, page.name) for page in list(self.pages) if page.client]
            if screens:
                await self._write(self._heartbeats, screens)
            await asyncio.gather(*(page.send({"t": "tick"}) for page in list(self.pages)))

    def _heartbeat(self, page: Page) -> None:
        self._heartbeats([(page.client, page.name)])

    def _heartbeats(self, screens: list[tuple[str, str | None]]) -> None:
        assert self.store is not None
        self.store.heartbeats(self.session_id, screens, ROLE)


def _refused(request: Request, message: str) -> dict[str, Any]:
    return {"t": "refused", "ref": request.ref, "op": request.kind, "message": message}
