"""One participant's connection: their app process, and what passes between it and the browser.

The process runs the server's one fixed command under Textual's web driver: the browser's
keys and window size go to its standard input as packets, its screen comes back on its
standard output. A browser that floods it, or goes away, must never hold the machine:

- The process's output is always read, and dropped once the browser has gone, so the app
  never blocks writing to a closed connection.
- The browser's messages are read apart from the process (a writer task feeds the app), so a
  busy app never stops the server from seeing that the browser left. What one connection may
  send is bounded (`InputBudget`: per second, in all, and how far it may run ahead of the
  app); a connection over its budget is closed.
- When the connection ends, the process is asked to quit, then sent SIGTERM, then SIGKILL
  (`end_process`), and the connection is over only once the process has exited: the server
  counts it against `--max-connections` until then.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import shlex
import signal
import sys
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from urllib.parse import urlsplit

from aiohttp import WSCloseCode, WSMsgType, web

log = logging.getLogger("workshop-tui.serve")

PRELUDE = b"__GANGLION__\n"  # what Textual's web driver writes first
QUIT_GRACE = 1.5  # seconds for the app to quit when asked, then as much again after SIGTERM
TERM_GRACE = 1.5
STDERR_KEPT = 2048


def join_command(location: str, session_id: int, python: str = sys.executable) -> tuple[str, dict[str, str]]:
    """The shell command every participant app runs, and the environment it needs.

    A store URL with a password travels in the environment (`WORKSHOP_TUI_DB`), not on a
    command line other local users can read.
    """
    env: dict[str, str] = {}
    args = [python, "-m", "workshop_tui"]
    if "://" in location and urlsplit(location).password:
        env["WORKSHOP_TUI_DB"] = location
    else:
        args += ["--db", location]
    args += ["join", str(int(session_id))]
    return shlex.join(args), env


@dataclass
class InputBudget:
    """What one connection may send: `rate` bytes a second (`burst` at once), `total` in all,
    and at most `backlog` bytes accepted but not yet taken by its app.

    A person types a few bytes a second; a paste of the longest item (10,000 characters) is at
    most 60 KB once encoded; mouse moves are a few dozen bytes each. The bounds are far above
    that and far below what would exhaust the app or the server."""

    rate: float = 64 * 1024
    burst: float = 512 * 1024
    total: int = 32 * 1024 * 1024
    backlog: int = 2 * 1024 * 1024
    tokens: float = field(init=False)
    spent: int = 0
    stamp: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        self.tokens = self.burst

    def take(self, size: int, now: float | None = None) -> str | None:
        """Spend `size` bytes; the reason the connection must close if it cannot."""
        now = time.monotonic() if now is None else now
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        self.spent += size
        if self.spent > self.total:
            return f"sent more than {self.total // (1024 * 1024)} MB in all"
        if size > self.tokens:
            return f"sent more than {int(self.rate) // 1024} KB a second"
        self.tokens -= size
        return None


def app_environment(width: int, height: int, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of an app process: Textual's web driver, sized to the browser, and
    `extra` (the browser's claim token)."""
    return {**os.environ, **(extra or {}), "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver", "TEXTUAL_FPS": "60",
            "TEXTUAL_COLOR_SYSTEM": "truecolor", "TERM_PROGRAM": "textual",
            "TERM_PROGRAM_VERSION": version("textual-serve"), "COLUMNS": str(width), "ROWS": str(height)}


def packet(kind: bytes, payload: bytes) -> bytes:
    return kind + len(payload).to_bytes(4, "big") + payload


def meta(data: dict) -> bytes:
    return packet(b"M", json.dumps(data).encode("utf-8"))


async def serve_participant(websocket: web.WebSocketResponse, command: str, width: int, height: int, *,
                            processes: set[asyncio.subprocess.Process] | None = None,
                            budget: InputBudget | None = None, env: dict[str, str] | None = None) -> None:
    """Run one app process for a prepared websocket until either ends; return once it has exited.

    `env` is added to the process's environment (the browser's claim token)."""
    process = await asyncio.create_subprocess_exec(
        *shlex.split(command), stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, env=app_environment(width, height, env))
    if processes is not None:
        processes.add(process)
    stderr_tail = bytearray()
    writer = AppInput(process)
    tasks = [asyncio.create_task(forward_output(process, websocket)),
             asyncio.create_task(keep_tail(process.stderr, stderr_tail)), writer.task]
    try:
        reason = await relay(websocket, writer, budget or InputBudget())
        if reason:
            log.warning("closed a participant's connection: it %s", reason)
            await websocket.close(code=WSCloseCode.POLICY_VIOLATION, message=b"too much input")
    finally:
        writer.task.cancel()
        try:
            ended_by = await end_process(process)
        finally:
            if processes is not None:
                processes.discard(process)
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        if ended_by is None and process.returncode:
            last = bytes(stderr_tail).decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            log.warning("a participant's app ended with status %s: %s", process.returncode, last[0][:200])


class AppInput:
    """The app's standard input, fed by a task of its own from a queue of packets."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.queue: asyncio.Queue[bytes] = asyncio.Queue()
        self.pending = 0  # bytes queued and not yet written to the pipe
        self.task = asyncio.create_task(self._feed())

    def send(self, data: bytes) -> None:
        self.pending += len(data)
        self.queue.put_nowait(data)

    async def _feed(self) -> None:
        stdin = self.process.stdin
        assert stdin is not None
        try:
            while True:
                data = await self.queue.get()
                stdin.write(data)
                await stdin.drain()
                self.pending -= len(data)
        except (ConnectionError, RuntimeError):
            pass  # the app has gone: nothing more to feed


async def relay(websocket: web.WebSocketResponse, app: AppInput, budget: InputBudget) -> str | None:
    """Pass keys and sizes from the browser to the app until the browser (or the app) goes;
    anything else a browser might send is ignored. Returns why it closed a connection over its
    budget, or None."""
    async for message in websocket:
        if message.type != WSMsgType.TEXT:
            continue
        over = budget.take(len(message.data))
        if over is None and app.pending > budget.backlog:
            over = f"sent more than its app could take ({budget.backlog // (1024 * 1024)} MB waiting)"
        if over:
            return over
        try:
            envelope = json.loads(message.data)
        except (ValueError, RecursionError):
            break
        if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
            break
        kind = envelope[0]
        data = envelope[1] if len(envelope) > 1 else None
        if kind == "stdin" and isinstance(data, str):
            app.send(packet(b"D", data.encode("utf-8", "replace")))
        elif kind == "resize" and isinstance(data, dict):
            app.send(meta({"type": "resize", "width": bounded(data.get("width"), 80, 20, 500),
                           "height": bounded(data.get("height"), 24, 8, 300)}))
        elif kind == "ping":
            await websocket.send_json(["pong", data if isinstance(data, (str, int, float)) else None])
        elif kind in ("blur", "focus"):
            app.send(meta({"type": kind}))
    return None


async def forward_output(process: asyncio.subprocess.Process, websocket: web.WebSocketResponse) -> None:
    """The app's screen to the browser, until the app ends; once the browser has gone, read and drop."""
    stdout = process.stdout
    assert stdout is not None
    ready = False
    try:
        for _ in range(10):
            line = await stdout.readline()
            if not line:
                break
            if line == PRELUDE:
                ready = True
                break
    except ValueError:  # a line longer than the reader's limit: not a Textual app's prelude
        pass
    if not ready:
        log.warning("a participant's app did not start")
    open_ = ready
    try:
        while True:
            header = await stdout.readexactly(5)
            payload = await stdout.readexactly(int.from_bytes(header[1:], "big"))
            if not open_ or websocket.closed:
                continue
            try:
                if header[:1] == b"D":
                    await websocket.send_bytes(payload)
                elif header[:1] == b"M" and json.loads(payload).get("type") == "exit":
                    open_ = False
                    await websocket.close()
            except (ConnectionError, RuntimeError, ValueError, AttributeError):
                open_ = False  # the browser has gone: keep reading, so the app never blocks
    except (asyncio.IncompleteReadError, ConnectionError):
        pass  # the app ended
    finally:
        while await stdout.read(65536):  # whatever is left, until the pipe closes
            pass
        if not websocket.closed:
            await websocket.close()


async def keep_tail(stream: asyncio.StreamReader | None, tail: bytearray) -> None:
    """Read a stream to its end, keeping only its last bytes (the app's last error line)."""
    if stream is None:
        return
    while data := await stream.read(65536):
        tail += data
        del tail[:-STDERR_KEPT]


async def end_process(process: asyncio.subprocess.Process) -> int | None:
    """Make the app exit: ask it to quit, then SIGTERM, then SIGKILL; wait until it has.

    Returns the signal it took to end it (None if it quit by itself or when asked)."""
    try:
        if process.returncode is None and process.stdin is not None and not process.stdin.is_closing():
            transport = process.stdin.transport
            if transport.get_write_buffer_size() < 65536:  # a full pipe would only queue it
                process.stdin.write(meta({"type": "quit"}))
        for signum, grace in ((None, QUIT_GRACE), (signal.SIGTERM, TERM_GRACE), (signal.SIGKILL, None)):
            if signum is not None and process.returncode is None:
                try:
                    process.send_signal(signum)
                except ProcessLookupError:
                    pass
            try:
                await asyncio.wait_for(process.wait(), grace)
            except asyncio.TimeoutError:
                continue
            return signum
        return signal.SIGKILL
    except asyncio.CancelledError:  # the server is stopping: no grace left
        if process.returncode is None:
            try:
                process.kill()
            except ProcessLookupError:
                pass
        raise


def bounded(value: object, default: int, low: int, high: int) -> int:
    """A whole number from a browser, within [low, high]; `default` if it is not one."""
    try:
        number = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return default
    return max(low, min(high, number))
