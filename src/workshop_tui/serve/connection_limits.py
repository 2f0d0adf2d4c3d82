"""Limits on connections that have not joined: per address, in all, and the open-files limit.

A browser opens a few connections to load the join page (the page, its script, styles and
fonts) and keeps one, the websocket, once its participant has joined. Anyone who can reach the
port can open connections without the join code and leave them idle; aiohttp closes one that
sends no complete request within its keep-alive timeout, but meanwhile each holds a file
descriptor. So at most `PER_ADDRESS` connections from one address may be waiting (not joined)
at once, and at most a share of the open-files limit from all addresses together: a new
connection over either limit drops the oldest waiting one, so a real participant arriving
after a flood still gets in. Joined connections are counted by `--max-connections` instead.

`loop_errors` is the event loop's error handler: one short line per kind of error, at most
every few seconds (a full file table would otherwise log a traceback per accept attempt).
"""

from __future__ import annotations

import logging
import resource
import time
from collections import OrderedDict

log = logging.getLogger("workshop-tui.serve")

PER_ADDRESS = 16  # waiting connections from one address: two browsers loading the page at once
RESERVED_FILES = 64  # open files kept for the server itself, the store, and each app's pipes
FILES_PER_PARTICIPANT = 4  # a joined participant: the websocket and its app's three pipes
ERROR_EVERY = 10.0  # seconds between two log lines about the same kind of error


def raise_open_files_limit() -> None:
    """Raise the soft open-files limit to the hard one (a common default soft limit is 1024)."""
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if hard == resource.RLIM_INFINITY or soft < hard:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard if hard != resource.RLIM_INFINITY else 65536, hard))
    except (ValueError, OSError):
        pass


def waiting_cap(max_connections: int) -> int:
    """How many waiting connections all addresses together may hold, from the open-files limit."""
    soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    soft = 65536 if soft == resource.RLIM_INFINITY else soft
    return max(PER_ADDRESS, min(1024, (soft - RESERVED_FILES - FILES_PER_PARTICIPANT * max_connections) // 2))


class ConnectionLimits:
    """Watches an aiohttp server's connections: who is waiting, from where, and for how long."""

    def __init__(self, per_address: int = PER_ADDRESS, total: int | None = None) -> None:
        self.per_address = per_address
        self.total = total
        self.waiting: OrderedDict[object, str] = OrderedDict()  # handler -> address, oldest first
        self.transports: dict[object, object] = {}
        self.dropped = 0
        self._logged: dict[str, float] = {}

    def watch(self, server, max_connections: int = 30) -> None:
        """Hook into an aiohttp low-level `Server`'s connection bookkeeping."""
        if self.total is None:
            self.total = waiting_cap(max_connections)
        made, lost = server.connection_made, server.connection_lost

        def connection_made(handler, transport) -> None:
            made(handler, transport)
            self.opened(handler, transport)

        def connection_lost(handler, exc) -> None:
            self.closed(handler)
            lost(handler, exc)

        server.connection_made = connection_made
        server.connection_lost = connection_lost

    def opened(self, handler, transport) -> None:
        peer = transport.get_extra_info("peername")
        address = peer[0] if isinstance(peer, tuple) and peer else str(peer)
        self.waiting[handler] = address
        self.transports[handler] = transport
        same = [each for each, where in self.waiting.items() if where == address]
        if len(same) > self.per_address:
            self._drop(same[0], f"more than {self.per_address} connections waiting from one address")
        if self.total is not None and len(self.waiting) > self.total:
            self._drop(next(iter(self.waiting)), f"more than {self.total} connections waiting")

    def joined(self, handler) -> None:
        """This connection is a participant's websocket now: no longer waiting."""
        self.waiting.pop(handler, None)

    def closed(self, handler) -> None:
        self.waiting.pop(handler, None)
        self.transports.pop(handler, None)

    def _drop(self, handler, why: str) -> None:
        transport = self.transports.pop(handler, None)
        self.waiting.pop(handler, None)
        self.dropped += 1
        self.note(why, f"dropped the oldest waiting connection: {why}")
        if transport is not None:
            transport.abort()

    def note(self, kind: str, line: str) -> None:
        """Log a line, at most once every `ERROR_EVERY` seconds for each kind."""
        now = time.monotonic()
        if now - self._logged.get(kind, -ERROR_EVERY) >= ERROR_EVERY:
            self._logged[kind] = now
            log.warning("%s", line)

    def loop_errors(self, loop, context: dict) -> None:
        """The event loop's error handler: one short line, never a traceback."""
        error = context.get("exception")
        message = str(context.get("message") or "an error in the server").splitlines()[0]
        detail = f": {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}" if error else ""
        self.note(message, f"{message}{detail}"[:300])
