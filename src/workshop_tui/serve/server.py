"""The web server behind `workshop-tui serve`: textual-serve, with a lock on the door.

Every route lives under `/j/<code>/` (the page, its websocket and its static files), and one
middleware checks, before any handler runs, that the Host names this server and the code is
the join code; a wrong Host gets a 403, a wrong code a bare 404, and neither starts anything. The websocket also needs the
page's own Origin, and a free place under `--max-connections`; only then is one participant
app process started, always the same command (`workshop-tui --db STORE join SESSION`, fixed
here), so nothing a browser sends can point it at another session or store. The page gives
each browser a claim token in a cookie (`claim_cookie.py`), handed to its app processes, so
a participant's name stays theirs.

The code is printed once, in the join URL on the facilitator's terminal. aiohttp's access log
(which would print every path) is off, and a logging filter removes the code from any other
log line (`guard.Redactor`), which is always one short line, never a traceback.

Limits, against a hostile network: a connection must send its request's headers within
`HEADER_TIMEOUT` seconds and may sit idle between requests as long (aiohttp's keep-alive
timer, which runs from the moment a connection opens); one address may hold at most
`connection_limits.PER_ADDRESS` connections that have not joined (the oldest is dropped for a
new one), and all addresses together a share of the open-files limit; what one participant
sends and how their app process ends are `relay.py`'s.
"""

from __future__ import annotations

import asyncio
import html
import logging
import os
import signal
import socket
import sys
from pathlib import Path
from string import Template
from typing import Awaitable, Callable

import textual_serve
from aiohttp import web
from rich.console import Console

from workshop_tui.claim_token import ENV_VAR as CLAIM_ENV
from workshop_tui.claim_token import new_token
from workshop_tui.serve.claim_cookie import give_token, token_of
from workshop_tui.serve.connection_limits import ConnectionLimits, raise_open_files_limit
from workshop_tui.serve.console import announce, initialize_logging, lan_address, one_line
from workshop_tui.serve.guard import HostCheck, code_matches, new_join_code, origin_allowed
from workshop_tui.serve.relay import bounded, join_command, serve_participant

log = logging.getLogger("workshop-tui.serve")

PAGE = Path(__file__).with_name("page.html")
DEFAULT_MAX_CONNECTIONS = 30
MAX_MESSAGE_BYTES = 256 * 1024  # a pasted item of 10,000 characters fits many times over
HEADER_TIMEOUT = 10.0  # seconds for a request's headers, and for a connection idle between requests
STATICS = Path(textual_serve.__file__).with_name("static")  # textual-serve's scripts, styles and fonts
SECURITY_HEADERS = {
    # The URL carries the join code: never send it on as a Referer, never cache the page.
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    ),
}


class ParticipantServer:
    """Serves the participant view of one session to browsers that hold the join code."""

    def __init__(
        self,
        location: str,
        session_id: int,
        *,
        title: str = "",
        host: str = "127.0.0.1",
        port: int = 8000,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        code: str | None = None,
        console: Console | None = None,
        python: str = sys.executable,
    ) -> None:
        self.command, self.child_env = join_command(location, session_id, python)
        self.host = host
        self.port = port
        self.title = title or "workshop-tui"
        self.statics_path = STATICS
        self.location = location
        self.session_id = session_id
        self.max_connections = max_connections
        self.code = code or new_join_code()
        self.console = console or Console()
        self.connections = 0
        self.refused = 0
        self.host_check = HostCheck(host, port)
        self._page = Template(PAGE.read_text(encoding="utf-8"))
        self._sockets: set[web.WebSocketResponse] = set()
        self._processes: set[asyncio.subprocess.Process] = set()
        self.limits = ConnectionLimits()
        self._stop: asyncio.Event | None = None

    # -- addresses ---------------------------------------------------------------------------

    @property
    def prefix(self) -> str:
        return f"/j/{self.code}/"

    def join_url(self) -> str:
        """The URL participants open: the address they reach this machine by, and the code."""
        host = self.host
        if host in ("0.0.0.0", "::", ""):
            host = lan_address() or socket.gethostname()
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}{self.prefix}"

    # -- the web application -----------------------------------------------------------------

    def build_app(self) -> web.Application:
        """The aiohttp application: every route under the code, behind the guard.

        The join URL itself opens the phone page (`serve/phone/`); the terminal view is at
        `terminal`, one link away."""
        from workshop_tui.serve.phone import add_routes

        app = web.Application(middlewares=[self._errors, self._guard], client_max_size=64 * 1024)
        add_routes(app, self)
        app.router.add_get("/j/{code}/terminal", self.handle_index)
        app.router.add_get("/j/{code}/ws", self.handle_websocket)
        app.router.add_get("/j/{code}/static/{path:.+}", self.handle_static)
        app.on_response_prepare.append(self._add_headers)
        app.on_shutdown.append(self._close_sockets)
        app.on_cleanup.append(self._kill_processes)
        return app

    @web.middleware
    async def _errors(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        """Anything a handler did not expect: one short line in the log, a plain 500 to the browser."""
        try:
            return await handler(request)
        except (web.HTTPException, asyncio.CancelledError):
            raise
        except Exception as error:
            log.warning("a request failed: %s", one_line(error))
            raise web.HTTPInternalServerError(text="Something went wrong on the facilitator's machine.\n") from None

    @web.middleware
    async def _guard(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        """Refuse, before any handler runs, a request for another host or without the code."""
        if not self.host_check(request.host):
            self.refused += 1
            raise web.HTTPForbidden(text="This server does not answer to that name.\n")
        parts = request.path.split("/")
        if len(parts) < 3 or parts[1] != "j" or not code_matches(parts[2], self.code):
            self.refused += 1
            raise web.HTTPNotFound(text="Nothing here. Ask the facilitator for the join link.\n")
        if len(parts) == 3:  # /j/<code> without the slash
            raise web.HTTPFound(self.prefix)
        return await handler(request)

    async def _add_headers(self, request: web.Request, response: web.StreamResponse) -> None:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)

    async def handle_index(self, request: web.Request) -> web.Response:  # type: ignore[override]
        """The page; it opens the websocket at the address the browser used (Host was checked)."""
        font_size = request.query.get("fontsize", "16")
        page = self._page.substitute(
            title=html.escape(self.title),
            heading=html.escape(self.title),
            static_url=html.escape(f"{self.prefix}static/"),
            websocket_url=html.escape(f"ws://{request.host}{self.prefix}ws"),
            font_size=str(int(font_size)) if font_size.isdigit() and 8 <= int(font_size) <= 48 else "16",
        )
        response = web.Response(text=page, content_type="text/html")
        give_token(request, response)  # the secret behind the participant's name claim
        return response

    async def handle_static(self, request: web.Request) -> web.StreamResponse:
        """textual-serve's own scripts, styles and fonts, and nothing outside their folder."""
        root = Path(self.statics_path).resolve()
        name = request.match_info["path"]
        if "\0" in name:
            raise web.HTTPNotFound()
        path = (root / name).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            raise web.HTTPNotFound()
        return web.FileResponse(path)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:  # type: ignore[override]
        """One participant: checks Origin and the cap, then starts one app process for them."""
        if not origin_allowed(request.headers.get("Origin"), request.host, self.host_check):
            self.refused += 1
            log.warning("refused a websocket from another site's page")
            raise web.HTTPForbidden(text="Open the join link itself, not a page that embeds it.\n")
        if self.connections >= self.max_connections:
            self.refused += 1
            log.warning("refused a participant: all %d places are taken (--max-connections)", self.max_connections)
            raise web.HTTPServiceUnavailable(text="The session is full: ask the facilitator.\n")
        width = bounded(request.query.get("width"), 80, 20, 500)
        height = bounded(request.query.get("height"), 24, 8, 300)
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE_BYTES)
        if not websocket.can_prepare(request).ok:
            raise web.HTTPBadRequest(text="This address is for the page's websocket.\n")
        self.connections += 1  # until the app process has exited, not merely until the browser left
        try:
            await websocket.prepare(request)
            self.limits.joined(request.protocol)
            self._sockets.add(websocket)
            log.info("a participant connected (%d of at most %d)", self.connections, self.max_connections)
            token = token_of(request) or new_token()  # no cookie: a claim for this connection only
            await serve_participant(websocket, self.command, width, height, processes=self._processes,
                                    env={CLAIM_ENV: token})
        except asyncio.CancelledError:
            await websocket.close()
            raise  # the server is stopping: let the cancellation through, after the cleanup below
        except Exception as error:
            log.warning("a participant's connection failed: %s", one_line(error))
        finally:
            self._sockets.discard(websocket)
            self.connections -= 1
            log.info("a participant left (%d connected)", self.connections)
        return websocket

    async def _close_sockets(self, app: web.Application) -> None:
        for websocket in list(self._sockets):
            await websocket.close()

    async def _kill_processes(self, app: web.Application) -> None:
        """The server is going: no app process outlives it."""
        for process in list(self._processes):
            if process.returncode is None:
                try:
                    process.kill()
                except ProcessLookupError:
                    pass

    # -- running -----------------------------------------------------------------------------

    def bind(self) -> socket.socket:
        """Open the listening socket (port 0 picks a free port); `self.port` is the real one."""
        sock = socket.create_server((self.host, self.port), family=_family(self.host), reuse_port=False)
        self.port = sock.getsockname()[1]
        self.host_check = HostCheck(self.host, self.port)
        return sock

    def serve(self) -> None:
        """Listen, print the join URL, and serve until Ctrl+C (or SIGTERM)."""
        raise_open_files_limit()
        sock = self.bind()
        os.environ.update(self.child_env)  # app processes inherit it (a store URL's password)
        initialize_logging(self.code)
        announce(self.console, self.join_url(), self.session_id, self.max_connections, self.host)
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        loop.set_exception_handler(self.limits.loop_errors)
        for signum in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(signum, self.request_exit)
            except (NotImplementedError, RuntimeError):
                pass
        try:
            loop.run_until_complete(self._run(sock))
        except KeyboardInterrupt:
            pass
        finally:
            loop.close()

    async def _run(self, sock: socket.socket) -> None:
        runner = web.AppRunner(self.build_app(), handle_signals=False, access_log=None,
                               keepalive_timeout=HEADER_TIMEOUT, shutdown_timeout=5)
        await runner.setup()
        self.limits.watch(runner.server, self.max_connections)
        self._stop = asyncio.Event()
        try:
            await web.SockSite(runner, sock).start()
            await self._stop.wait()  # until Ctrl+C or SIGTERM (request_exit)
        finally:
            await runner.cleanup()  # closes every websocket and ends every app process

    def request_exit(self) -> None:
        if self._stop is not None:
            self._stop.set()


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET
