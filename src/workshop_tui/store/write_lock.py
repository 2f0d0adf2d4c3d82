"""One writer at a time across processes: the remedy for SQLite's "WAL-reset" bug.

SQLite before 3.51.3 can corrupt a WAL database, rarely, when two connections checkpoint
while a third commits (see "WAL-reset bug" on sqlite.org's WAL page). A SQLite connection
checkpoints right after it commits, so holding an exclusive `flock` on a lock file beside
the store from before `BEGIN IMMEDIATE` until after `COMMIT` returns means no two processes
can ever write or checkpoint at the same moment: the bug's precondition cannot arise.
Writers already queue one behind another in SQLite, so the lock costs little (the benchmark
measures it). With SQLite 3.51.3 or newer the lock is not needed and is skipped.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from workshop_tui.i18n import _

try:
    import fcntl
except ImportError:  # Windows: no flock; SQLite's own locking still serialises writers.
    fcntl = None  # type: ignore[assignment]

FIXED_SQLITE = (3, 51, 3)


def sqlite_needs_lock(version: str = sqlite3.sqlite_version) -> bool:
    """True when the linked SQLite predates the WAL-reset fix."""
    return tuple(int(part) for part in version.split(".")[:3]) < FIXED_SQLITE


class WriteLock:
    """An exclusive advisory lock on `<store>.lock`, shared by every process using the store."""

    def __init__(self, db_path: Path, timeout: float) -> None:
        self.path = db_path.with_name(db_path.name + ".lock")
        self.timeout = timeout
        # flock belongs to an open file, not a thread: threads queue on this lock first. It is
        # re-entrant so that creating a store can hold it while the new store's first write runs.
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._fd: int | None = None

    def _open(self) -> int | None:
        if self._fd is None:
            try:
                self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError:
                try:
                    self._fd = os.open(self.path, os.O_RDONLY)
                except OSError:
                    return None  # a read-only folder: the write itself will fail clearly
        return self._fd

    @contextmanager
    def held(self) -> Iterator[None]:
        if fcntl is None:
            yield
            return
        deadline = time.monotonic() + self.timeout
        if not self._thread_lock.acquire(timeout=self.timeout):
            raise TimeoutError(_("store write lock: busy"))
        try:
            fd = self._open()
            if self._depth == 0 and fd is not None:
                self._acquire(fd, deadline)
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0 and fd is not None:
                    fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            self._thread_lock.release()

    @staticmethod
    def _acquire(fd: int, deadline: float) -> None:
        delay = 0.0005
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError(_("store write lock: busy")) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.01)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
