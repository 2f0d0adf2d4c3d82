"""The phone page's routes, added under the join code by `ParticipantServer.build_app`.

- `GET /j/<code>/`: the page (`static/index.html`), with its own Content-Security-Policy:
  scripts and styles only from this server, no inline script, nothing from elsewhere;
- `GET /j/<code>/p/<file>`: its script and style sheet, from a fixed list (no paths);
- `GET /j/<code>/live`: the page's websocket. Its Origin must be the page's own (another
  site's page cannot write as a participant), and it takes one of `--max-connections`
  places, shared with the terminal view. Without the websocket handshake the same address
  says whether a place is free (204) or not (503), so a page that cannot connect can tell
  "the session is full" from "the server is away".

The server's middleware has already checked the Host and the join code before any of these
runs. Messages are JSON (`messages.py`), at most `MAX_MESSAGE_BYTES`; anything else closes
the connection, with no traceback and nothing changed. What one page may send is bounded
(`PagePace`): a page sending faster than a person is slowed, one over its total is closed.
"""

from __future__ import annotations

import asyncio
import html
import json
import logging
import time
from dataclasses import dataclass, field
from importlib import resources
from string import Template
from typing import TYPE_CHECKING

from aiohttp import WSCloseCode, WSMsgType, web

from workshop_tui.serve.claim_cookie import give_token, token_of
from workshop_tui.serve.guard import origin_allowed
from workshop_tui.serve.kept_code import session_key
from workshop_tui.serve.phone.messages import BadMessage, parse
from workshop_tui.serve.phone.room import Page, Room
from workshop_tui.serve.phone.words import page_language, page_text

if TYPE_CHECKING:
    from workshop_tui.serve.server import ParticipantServer

log = logging.getLogger("workshop-tui.serve.phone")

MAX_MESSAGE_BYTES = 128 * 1024  # an item of 10,000 characters, as JSON, fits with room to spare
STATIC = {"phone.js": "text/javascript", "phone.css": "text/css"}
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; manifest-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


@dataclass
class PagePace:
    """What one phone page may send: `rate` messages a second once `burst` are spent, and
    `total` bytes in all.

    Every message is a store read or write. A page sending faster is slowed, not refused: its
    messages wait (`wait`) and, while they do, the server reads nothing more from it, so what
    it sends waits in its own connection, not in the server's memory. A person taps a few times
    a second; a page back online sends what it kept in one go, and is only slowed. A page that
    has sent more than `total` bytes is closed (`spend`)."""

    rate: float = 10
    burst: float = 60
    total: int = 32 * 1024 * 1024
    tokens: float = field(init=False)
    spent: int = 0
    stamp: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        self.tokens = self.burst

    def spend(self, size: int) -> str | None:
        """Count one message of `size` bytes; the reason to close the page if it is over `total`."""
        self.spent += size
        if self.spent > self.total:
            return f"sent more than {self.total // (1024 * 1024)} MB in all"
        self.tokens -= 1
        return None

    def wait(self, now: float | None = None) -> float:
        """Seconds until the message counted last may be handled (0: now)."""
        now = time.monotonic() if now is None else now
        self.tokens = min(self.burst, self.tokens + max(0.0, now - self.stamp) * self.rate)
        self.stamp = now
        # A deficit of float dust (1e-11 tokens, from adding times near a large monotonic clock) is no wait.
        return 0.0 if self.tokens >= -1e-9 else -self.tokens / self.rate


def _read(name: str) -> bytes:
    return resources.files(__package__).joinpath("static", name).read_bytes()


class PhoneRoutes:
    """The handlers, bound to one server and one room."""

    def __init__(self, server: ParticipantServer, room: Room) -> None:
        self.server = server
        self.room = room
        self.page = Template(_read("index.html").decode("utf-8"))
        self.files = {name: _read(name) for name in STATIC}
        # The browser keeps the participant's name and unsent items under this key: the same
        # for this session of this store whatever the join code (no secret in it).
        self.room_key = session_key(server.location, server.session_id)

    def add_to(self, app: web.Application) -> None:
        app.router.add_get("/j/{code}/", self.handle_page)
        app.router.add_get("/j/{code}/p/{name}", self.handle_file)
        app.router.add_get("/j/{code}/live", self.handle_live)
        app.on_shutdown.append(self.room.close_pages)
        app.on_cleanup.append(self.room.stop)

    async def handle_page(self, request: web.Request) -> web.Response:
        title = self.server.title
        text = self.page.substitute(title=html.escape(title), room=self.room_key)
        text = page_text(text, page_language(request.headers.get("Accept-Language", "")))
        response = web.Response(text=text, content_type="text/html", headers={"Content-Security-Policy": PAGE_CSP})
        give_token(request, response)  # the claim token the terminal view uses too
        return response

    async def handle_file(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in self.files:
            raise web.HTTPNotFound()
        return web.Response(body=self.files[name], content_type=STATIC[name], charset="utf-8",
                            headers={"Content-Security-Policy": PAGE_CSP})

    def _full(self) -> bool:
        return self.server.connections >= self.server.max_connections

    async def handle_live(self, request: web.Request) -> web.StreamResponse:
        socket = web.WebSocketResponse(heartbeat=20, max_msg_size=MAX_MESSAGE_BYTES)
        if not socket.can_prepare(request).ok:  # a page asking why it could not connect
            return web.Response(status=503 if self._full() else 204)
        if not origin_allowed(request.headers.get("Origin"), request.host, self.server.host_check):
            self.server.refused += 1
            log.warning("refused a phone page's websocket from another site's page")
            raise web.HTTPForbidden(text="Open the join link itself, not a page that embeds it.\n")
        if self._full():
            self.server.refused += 1
            log.warning("refused a phone page: all %d places are taken (--max-connections)",
                        self.server.max_connections)
            raise web.HTTPServiceUnavailable(text="The session is full: ask the facilitator.\n")
        self.server.connections += 1
        page = Page(socket, cookie_token=token_of(request))
        try:
            await socket.prepare(request)
            self.server.limits.joined(request.protocol)  # a participant now: not a waiting connection
            log.info("a phone page connected (%d of at most %d)", self.server.connections, self.server.max_connections)
            await self._serve(page)
        finally:
            self.server.connections -= 1
            log.info("a phone page left (%d connected)", self.server.connections)
            await self.room.leave(page)  # aiohttp may cancel this task once the socket is closed
        return socket

    async def _serve(self, page: Page) -> None:
        """Answer one page's messages, in order, until it goes or sends what no page sends."""
        socket = page.socket
        greeted = False
        pace = PagePace()
        async for message in socket:
            if message.type != WSMsgType.TEXT:
                if message.type == WSMsgType.ERROR:
                    log.warning("a phone page's connection failed: %s", _one_line(socket.exception()))
                break
            over = pace.spend(len(message.data.encode("utf-8")))
            if over:
                log.warning("closed a phone page that %s", over)
                await socket.close(code=WSCloseCode.POLICY_VIOLATION, message=b"too much")
                break
            while (wait := pace.wait()) > 0:  # re-checked: the clock decides, not one long sleep
                await asyncio.sleep(min(wait, 0.25))
            try:
                request = parse(json.loads(message.data))
            except (ValueError, RecursionError, BadMessage) as error:
                log.warning("closed a phone page that sent a bad message: %s", _one_line(error))
                await socket.close(code=WSCloseCode.UNSUPPORTED_DATA, message=b"bad message")
                break
            if request.kind == "hello":
                greeted = await self.room.hello(page, request)
                if not greeted:  # the store cannot be read: the page tries again later
                    await socket.close(code=WSCloseCode.INTERNAL_ERROR, message=b"session unreadable")
                    break
            elif not greeted:
                await socket.close(code=WSCloseCode.POLICY_VIOLATION, message=b"hello first")
                break
            elif request.kind == "join":
                await self.room.join(page, request.name)
            elif request.kind == "look":
                await self.room.look(page, request.step)
            else:
                await page.send(await self.room.act(page, request))


def _one_line(error: BaseException | None) -> str:
    return " ".join(str(error or "closed").split())[:200]


def add_routes(app: web.Application, server: ParticipantServer) -> Room:
    """The hook `ParticipantServer.build_app` calls: the phone page at the join URL."""
    room = Room(server.location, server.session_id)
    PhoneRoutes(server, room).add_to(app)
    return room
