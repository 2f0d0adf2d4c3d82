"""`workshop-tui serve` against a hostile network: floods, vanishing browsers, idle sockets.

A real server process on a free loopback port, driven with websockets and raw sockets from
Python, as whoever holds the join code (or merely reaches the port) could:

- a paste of 200,000 characters and a closed tab, over and over, leaves no app process behind
  (each ends within 5 s) and no place taken under --max-connections;
- an app process that ignores being asked to quit and SIGTERM is killed, and its connection
  keeps its place until it has exited;
- 300 connections that never finish their headers, on a server whose open-files limit is 256,
  do not stop a participant joining, and do not fill the facilitator's terminal;
- a request whose headers never finish (sent in part, or dripped) is closed after 10 s;
- malformed requests and messages are one short line each in the log, never a traceback,
  never the join code.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import aiohttp
import pytest
from faultkit import ROOT

from workshop_tui.store import open_store

FLOOD = 200_000


class Served:
    """`workshop-tui --db DB serve 1 --port 0 ...` in a subprocess; its output kept."""

    def __init__(self, db: Path, *extra: str, open_files: int | None = None) -> None:
        def limit() -> None:
            if open_files:
                resource.setrlimit(resource.RLIMIT_NOFILE, (open_files, open_files))

        self.process = subprocess.Popen(
            [sys.executable, "-m", "workshop_tui", "--db", str(db), "serve", "1", "--port", "0", *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, preexec_fn=limit,
            env={**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "100"})
        self.out = bytearray()
        self.err = bytearray()
        self._threads = [threading.Thread(target=self._pump, args=(stream, buffer), daemon=True)
                         for stream, buffer in ((self.process.stdout, self.out), (self.process.stderr, self.err))]
        for thread in self._threads:
            thread.start()
        deadline = time.monotonic() + 30
        while b"/j/" not in self.out:
            assert self.process.poll() is None and time.monotonic() < deadline, self.err.decode()
            time.sleep(0.05)
        self.url = next(word for word in self.out.decode().split() if word.startswith("http://"))
        self.code = self.url.split("/j/")[1].strip("/")
        self.origin = self.url.split("/j/")[0]
        self.ws_url = self.url.replace("http://", "ws://") + "ws"
        self.address = ("127.0.0.1", int(self.origin.rsplit(":", 1)[1]))

    @staticmethod
    def _pump(stream, buffer: bytearray) -> None:
        while data := stream.read1(65536):
            buffer.extend(data)

    def children(self) -> list[int]:
        pids: list[int] = []
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            try:
                pids += [int(pid) for pid in (task / "children").read_text().split()]
            except FileNotFoundError:
                continue
        return pids

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for thread in self._threads:
            thread.join(timeout=5)


@pytest.fixture
def room(tmp_path) -> Path:
    db = tmp_path / "room.db"
    with open_store(db) as store:
        store.create_session("Hostile network", template_id="8-steps-partnership", step_count=8)
    return db


def wait_until(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"not within {seconds} s: {what}"
        time.sleep(0.05)


async def first_screen(ws) -> int:
    """Wait for the app to draw (its first bytes); how many bytes came."""
    got = 0
    while got < 500:
        message = await ws.receive(timeout=30)
        assert message.type == aiohttp.WSMsgType.BINARY, message
        got += len(message.data)
    return got


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


def assert_quiet_log(served: Served) -> None:
    err = served.err.decode("utf-8", "replace")
    assert "Traceback" not in err and served.code not in err
    for line in err.splitlines():
        assert len(line) <= 330, line  # one short line per event: time, level, message


def test_a_paste_and_close_loop_leaves_no_process_behind(room):
    served = Served(room, "--max-connections", "4")
    try:
        async def rounds():
            async with aiohttp.ClientSession() as client:
                for n in range(5):  # one more than --max-connections: a leak would show as a 503
                    ws = await client.ws_connect(served.ws_url, headers={"Origin": served.origin})
                    await first_screen(ws)
                    [pid] = served.children()
                    await ws.send_str(json.dumps(["stdin", "x" * (FLOOD if n % 2 == 0 else 50_000)]))
                    await asyncio.sleep(1)  # the app is busy with the paste, its output piling up
                    await ws.close()
                    closed = time.monotonic()
                    while alive(pid) or served.children():
                        assert time.monotonic() - closed < 5, f"round {n}: the app process outlived its tab by 5 s"
                        await asyncio.sleep(0.05)
                ws = await client.ws_connect(served.ws_url, headers={"Origin": served.origin})
                await first_screen(ws)  # every place is free again: a participant still gets in
                await ws.close()

        asyncio.run(rounds())
        wait_until(lambda: served.children() == [], 5, "the last app process to end")
    finally:
        served.stop()
    assert_quiet_log(served)


def test_an_app_that_will_not_quit_is_killed_and_keeps_its_place_until_then(tmp_path):
    """The app ignores the quit request and SIGTERM (as one blocked writing to a full pipe
    does): it is killed, and the server counts its connection until it has exited."""
    from aiohttp.test_utils import TestClient, TestServer

    from workshop_tui.serve.guard import HostCheck
    from workshop_tui.serve.server import ParticipantServer

    stubborn = tmp_path / "stubborn.py"
    stubborn.write_text("import signal, sys, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
                        f"open({str(tmp_path / 'pid')!r}, 'w').write(str(__import__('os').getpid()))\n"
                        "sys.stdout.write('__GANGLION__\\n'); sys.stdout.flush()\ntime.sleep(120)\n")
    server = ParticipantServer(str(tmp_path / "room.db"), 1, max_connections=1)
    server.command = f"{sys.executable} {stubborn}"

    async def scenario():
        test_server = TestServer(server.build_app(), host="127.0.0.1")
        async with TestClient(test_server) as client:
            server.port = test_server.port
            server.host_check = HostCheck("127.0.0.1", test_server.port)
            origin = f"http://127.0.0.1:{test_server.port}"
            ws = await client.ws_connect(server.prefix + "ws", headers={"Origin": origin})
            while not (tmp_path / "pid").exists() or not (tmp_path / "pid").read_text():
                await asyncio.sleep(0.05)
            pid = int((tmp_path / "pid").read_text())
            await ws.close()
            refused = 0
            while alive(pid):
                try:
                    another = await client.ws_connect(server.prefix + "ws", headers={"Origin": origin})
                except aiohttp.WSServerHandshakeError as error:
                    assert error.status == 503  # the session is full: the old process still has the place
                    refused += 1
                else:
                    assert not alive(pid)  # a place came free only once the process had exited
                    await another.close()
                    break
                await asyncio.sleep(0.2)
            assert refused > 0 and not alive(pid)

    asyncio.run(scenario())


def test_idle_connections_do_not_lock_a_participant_out(room):
    served = Served(room, open_files=256)
    idle: list[socket.socket] = []
    try:
        for n in range(300):
            sock = socket.create_connection(served.address)
            if n % 2:
                sock.send(b"GET / HTTP/1.1\r\nHost: 127.0.0.1")  # headers never finished
            idle.append(sock)

        async def join():
            async with aiohttp.ClientSession() as client:
                async with client.get(served.url) as page:
                    assert page.status == 200
                ws = await client.ws_connect(served.ws_url, headers={"Origin": served.origin})
                await first_screen(ws)
                await ws.close()

        asyncio.run(join())
        time.sleep(1)
    finally:
        for sock in idle:
            sock.close()
        served.stop()
    assert len(served.err) < 20_000, served.err[-2000:]
    assert_quiet_log(served)


def test_malformed_requests_are_one_line_each_never_a_traceback(room):
    served = Served(room)
    prefix = f"/j/{served.code}/"
    host = f"127.0.0.1:{served.address[1]}"

    def raw(request: bytes) -> bytes:
        with socket.create_connection(served.address, timeout=10) as sock:
            sock.sendall(request)
            return sock.recv(100).split(b"\r\n")[0]

    try:
        assert b" 400 " in raw(f"GET {prefix} HTTP/1.1\r\n\r\n".encode())
        assert b" 400 " in raw(f"GET {prefix} HTTP/1.1\r\nHost: {host}\r\nHost: {host}\r\n\r\n".encode())
        assert b" 404 " in raw(f"GET {prefix}static/js/%00x HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())

        async def messages():
            async with aiohttp.ClientSession() as client:
                for hostile in (json.dumps(["resize", {"width": 1, "height": 2}]).replace("1", "1e400"),
                                "[" * 100_000 + "]" * 100_000):
                    ws = await client.ws_connect(served.ws_url, headers={"Origin": served.origin})
                    await first_screen(ws)
                    await ws.send_str(hostile)
                    await asyncio.sleep(0.5)
                    await ws.close()

        asyncio.run(messages())
        wait_until(lambda: served.children() == [], 10, "the app processes to end")
    finally:
        served.stop()
    assert_quiet_log(served)
    err = served.err.decode()
    assert "Missing 'Host' header" in err and "Duplicate 'Host' header" in err


def test_a_request_that_never_finishes_its_headers_is_closed_within_the_header_timeout(room):
    """Slowloris: one connection sends half a request and waits; another drips a header byte
    a second, never finishing. The server closes both once HEADER_TIMEOUT (10 s) has passed
    since they opened, while a participant is served all along."""
    from workshop_tui.serve.server import HEADER_TIMEOUT

    served = Served(room)
    try:
        silent = socket.create_connection(served.address)
        silent.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1")
        drip = socket.create_connection(served.address)
        drip.sendall(b"GET / HTTP/1.1\r\n")
        opened = time.monotonic()
        closed: dict[str, float] = {}
        for sock in (silent, drip):
            sock.setblocking(False)
        while len(closed) < 2 and time.monotonic() - opened < HEADER_TIMEOUT * 3:
            for name, sock in (("silent", silent), ("drip", drip)):
                if name in closed:
                    continue
                if name == "drip":
                    try:
                        sock.send(b"X")
                    except OSError:  # reset by the server: closed
                        closed[name] = time.monotonic() - opened
                        continue
                try:
                    if sock.recv(4096) == b"":
                        closed[name] = time.monotonic() - opened
                except BlockingIOError:
                    pass
                except OSError:
                    closed[name] = time.monotonic() - opened
            time.sleep(1)
        assert set(closed) == {"silent", "drip"}, f"still open after {HEADER_TIMEOUT * 3} s: {closed}"
        # No timing bound is asserted on a shared machine: the server's timer decides, and the
        # times are printed. Neither was closed before its time, though.
        print("closed after", {name: round(seconds, 1) for name, seconds in closed.items()})
        assert min(closed.values()) >= HEADER_TIMEOUT - 1
        assert http_ok(served.url)
    finally:
        silent.close()
        drip.close()
        served.stop()
    assert_quiet_log(served)


def http_ok(url: str) -> bool:
    import urllib.request

    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status == 200
