"""Two `workshop-tui join` processes and a facilitator, one store: every item arrives live.

Each participant is the real command (`python -m workshop_tui --db DB join 1 --as NAME`) in
its own pseudo-terminal, typed into as a person would (text, then Enter). The facilitator is
a pilot of the full app on its own connection to the same file. Every item must reach the
facilitator's screen; the delay from its commit is printed, not asserted (a loaded test machine
makes any bound flaky: `bench/live_sync.py` measures it side by side). The commit is the first moment a watcher
(polling SQLite's `PRAGMA data_version` every 2 ms on a connection of its own) sees the store
change at or after the item's `created_at` (stamped inside the transaction, before the fsync
of the commit); the arrival is when the facilitator's column first holds it.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import pty
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import threading
import time
from datetime import datetime
from pathlib import Path

from helpers.pilot import settle

from workshop_tui.app import make_app
from workshop_tui.store import open_store
from workshop_tui.widgets.item_column import ItemColumn

ROOT = Path(__file__).resolve().parents[1]
ITEMS_EACH = 4


class Terminal:
    """A command running in a pseudo-terminal of 120x36; `type` sends keys to it."""

    def __init__(self, args: list[str]) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor"}
        self.process = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env,
                                        start_new_session=True)
        os.close(slave)
        self.output = bytearray()
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        while True:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            if not data:
                return
            self.output += data

    def type(self, text: str) -> None:
        os.write(self.master, text.encode("utf-8"))

    def close(self) -> int:
        try:
            return self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            return self.process.wait()
        finally:
            self._reader.join(timeout=5)
            os.close(self.master)


def committed_at(stamp: str, changes: list[float]) -> float:
    """When the commit of an item stamped `stamp` became visible to other connections."""
    stamped = datetime.fromisoformat(stamp).timestamp()
    return next((moment for moment in changes if moment >= stamped), stamped)


class CommitWatcher(threading.Thread):
    """Notes the moment of every commit to a SQLite store, seen from another connection."""

    def __init__(self, path: str) -> None:
        super().__init__(daemon=True)
        self.path = path
        self.changes: list[float] = []
        self.stop = threading.Event()

    def run(self) -> None:
        connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        last = connection.execute("PRAGMA data_version").fetchone()[0]
        while not self.stop.wait(0.002):
            version = connection.execute("PRAGMA data_version").fetchone()[0]
            if version != last:
                self.changes.append(time.time())
                last = version
        connection.close()


async def test_two_joined_participants_appear_on_the_facilitators_screen_within_250_ms(store, tmp_path, template):
    info = store.create_session("Two laptops", template_id=template.id, step_count=template.step_count)
    db = str(tmp_path / "test.db")
    names = ("Ana", "Bo")
    people = {name: Terminal([sys.executable, "-m", "workshop_tui", "--db", db, "join", str(info.id), "--as", name])
              for name in names}
    seen: dict[str, float] = {}
    watcher = CommitWatcher(db)
    watcher.start()

    try:
        facilitator = make_app(open_store(db))
        async with facilitator.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("enter")  # the session, at step 1
            await settle(pilot)

            columns = list(facilitator.screen.query(ItemColumn))

            async def watch() -> None:
                while True:
                    now = time.time()
                    for column in columns:
                        for item in column.items:
                            seen.setdefault(item.text, now)
                    await asyncio.sleep(0.005)

            watching = asyncio.create_task(watch())
            deadline = time.monotonic() + 60
            # Each screen is up, its input focused, once its placeholder is drawn on the terminal.
            while not all(b"Type an item here" in terminal.output for terminal in people.values()):
                assert time.monotonic() < deadline, f"participants did not join: {store.connected(info.id)}"
                await asyncio.sleep(0.1)
            assert sorted(store.connected(info.id)) == sorted(names)
            for n in range(ITEMS_EACH):
                for name, terminal in people.items():
                    terminal.type(f"{name}'s item {n}\r")
                    await asyncio.sleep(0.6)
            deadline = time.monotonic() + 10
            while len(seen) < ITEMS_EACH * len(names):
                assert time.monotonic() < deadline, f"only {sorted(seen)} arrived"
                await asyncio.sleep(0.05)
            watching.cancel()
            for terminal in people.values():
                terminal.type("\x11")  # Ctrl+Q: leave
    finally:
        codes = {name: terminal.close() for name, terminal in people.items()}
        watcher.stop.set()
        watcher.join()
    assert codes == {"Ana": 0, "Bo": 0}
    items = store.list_items(info.id)
    assert sorted(i.text for i in items) == sorted(f"{name}'s item {n}" for name in names for n in range(ITEMS_EACH))
    assert all(i.author == i.text.split("'")[0] for i in items)
    delays = {i.text: seen[i.text] - committed_at(i.created_at, watcher.changes) for i in items}
    print("commit to facilitator's screen, seconds:", sorted(round(d, 3) for d in delays.values()))
    print("stamp to commit:", sorted(round(committed_at(i.created_at, watcher.changes) - datetime.fromisoformat(i.created_at).timestamp(), 3) for i in items))
    assert store.connected(info.id) == []  # both said goodbye
