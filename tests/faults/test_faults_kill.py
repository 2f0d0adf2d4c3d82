"""Kill -9, at random moments: nothing the app reported saved is ever lost, and the store stays whole.

The app runs in its own process (`tests/helpers/app_typist.py`: the real app, built as
`workshop-tui` builds it, headless, typing items key by key and pressing Enter), scripted for
1,000 adds. A random moment later it is killed with SIGKILL: no handler runs, no buffer is
flushed. Then the store is checked as the next start would find it: every item the app had shown
as saved is there, exactly once, and SQLite's `PRAGMA integrity_check` says `ok`. The next round
restarts the app on the same store, so each round also proves the store opens after a kill.

Default: 20 rounds, each killed within about 1.5 s of typing (a few to a few dozen saved adds a
round); one round in four is killed while the app is still starting up and opening the store:
at a random moment within half the shortest start-up seen so far (from its first line,
`started`, to `typing`), and the test checks it was: the app had not begun typing.
`WORKSHOP_TUI_KILL_ROUNDS` and `WORKSHOP_TUI_KILL_SECONDS` scale it up for a soak;
`WORKSHOP_TUI_KILL_SEED` replays a run.

Writer processes killed while writing (no app): `test_killed_writers_lose_nothing_they_confirmed`,
which checks each was killed with adds confirmed and more to come (a writer adding flat out is
inside a transaction, or committing one, nearly all the time).
The twenty concurrent writers that all finish are `tests/store/test_concurrency.py`.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from faultkit import ROOT, soak, subprocess_env

from workshop_tui.store import open_store

ROUNDS = soak("KILL_ROUNDS", 20)
SECONDS = soak("KILL_SECONDS", 0) or 1.5
SEED = soak("KILL_SEED", 0) or random.SystemRandom().randrange(1, 10**6)


class Running:
    """A helper process whose output lines are collected as they come (so a kill loses none)."""

    def __init__(self, args: list[str]) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", *args], cwd=ROOT, env=subprocess_env(),
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self.errors: list[str] = []
        self._readers = [threading.Thread(target=self._read, args=(self.process.stdout, self.lines), daemon=True),
                         threading.Thread(target=self._read, args=(self.process.stderr, self.errors), daemon=True)]
        for reader in self._readers:
            reader.start()

    @staticmethod
    def _read(stream, into: list[str]) -> None:
        for line in stream:
            into.append(line.rstrip("\n"))

    def wait_for(self, line: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while line not in self.lines:
            if self.process.poll() is not None or time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True

    def wait_for_lines(self, count: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while len(self.lines) < count:
            if self.process.poll() is not None or time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True

    def kill(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        for reader in self._readers:
            reader.join(timeout=30)


def integrity(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


def test_kill_9_the_app_during_adds_loses_nothing_it_showed_saved(tmp_path):
    db = tmp_path / "workshop.db"
    with open_store(db) as store:
        session = store.create_session("Crash test", template_id="8-steps-partnership", step_count=8)
    rng = random.Random(SEED)
    reported: list[str] = []
    killed_typing = 0
    start_ups: list[float] = []  # seconds from `started` to `typing` in the rounds that typed
    for round_ in range(ROUNDS):
        typist = Running(["tests.helpers.app_typist", str(db), "1000", f"r{round_}"])
        during_startup = round_ % 4 == 3
        try:
            assert typist.wait_for("started", timeout=120), f"seed {SEED}: the helper did not run: {typist.errors[-20:]}"
            began = time.monotonic()
            if during_startup:
                time.sleep(rng.uniform(0.0, 0.5 * min(start_ups)))  # imports, first frame, opening the store
            else:
                assert typist.wait_for("typing", timeout=120), f"seed {SEED}: the app did not start: {typist.errors[-20:]}"
                start_ups.append(time.monotonic() - began)
                time.sleep(rng.uniform(0.05, SECONDS))
        finally:
            typist.kill()
        assert typist.process.returncode == -signal.SIGKILL, f"seed {SEED}: {typist.errors[-20:]}"
        saved = [line for line in typist.lines if line.startswith(f"r{round_} item ")]
        if during_startup:  # the moment this round claims: before the app was ready to type
            assert "typing" not in typist.lines and not saved, f"seed {SEED}, round {round_}: killed after start-up"
        killed_typing += bool(saved)
        reported += saved
        assert integrity(db) == "ok", f"seed {SEED}, round {round_}"
        with open_store(db) as store:  # as the next start opens it
            texts = Counter(item.text for item in store.list_items(session.id))
        missing = [text for text in reported if texts[text] != 1]
        assert not missing, f"seed {SEED}, round {round_}: lost or doubled {missing[:5]}"
        # Only the typist's own items, and nothing reported twice.
        assert all(text.split(" item ")[0].startswith("r") for text in texts)
    assert killed_typing >= ROUNDS // 2, f"seed {SEED}: too few rounds got to type before the kill"
    assert len(reported) >= ROUNDS, f"seed {SEED}: only {len(reported)} adds reported saved in {ROUNDS} rounds"


def test_killed_writers_lose_nothing_they_confirmed(tmp_path):
    """Ten writer processes adding at once; half of them are killed -9 while writing."""
    db = tmp_path / "busy.db"
    with open_store(db) as store:
        session = store.create_session("Busy", template_id="8-steps-partnership", step_count=8)
    rng = random.Random(SEED)
    # The ones to be killed have far more to add than they can before their kill.
    writers = [Running(["tests.helpers.writer", str(db), str(session.id), "200" if n % 2 else "1000000", f"w{n}"])
               for n in range(10)]
    try:
        for writer in writers[::2]:
            assert writer.wait_for_lines(3, timeout=120), writer.errors[-3:]  # writing, not starting up
            time.sleep(rng.uniform(0.0, 0.5))
            writer.kill()
            assert writer.process.returncode == -signal.SIGKILL  # it was still writing when killed
        for writer in writers[1::2]:
            assert writer.process.wait(timeout=300) == 0, writer.errors[-20:]
    finally:
        for writer in writers:
            writer.kill()
    confirmed = [line for writer in writers for line in writer.lines if len(line) == 32]
    assert integrity(db) == "ok", f"seed {SEED}"
    with open_store(db) as store:
        stored = Counter(item.id for item in store.list_items(session.id))
    assert all(stored[item_id] == 1 for item_id in confirmed), f"seed {SEED}"
    assert len(confirmed) >= 5 * 200  # the five that were not killed finished
    assert max(stored.values()) == 1
    killed = [len(writer.lines) for writer in writers[::2]]
    assert all(3 <= count < 1_000_000 for count in killed), killed  # killed mid-stream, with adds confirmed
