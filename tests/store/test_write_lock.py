"""The WAL-reset remedy: SQLite's version checked at open, and every write under the shared lock.

SQLite before 3.51.3 can corrupt a WAL database when connections write and checkpoint at
once; `store/write_lock.py` serialises every write transaction (and the checkpoint after its
commit) across processes with an `flock` beside the store. These tests check the decision
(by version) and that a write really waits for a lock held by another process.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import threading

import pytest

from workshop_tui.store import open_store
from workshop_tui.store.write_lock import sqlite_needs_lock

pytestmark = pytest.mark.parametrize("backend", ["sqlite"])


@pytest.mark.parametrize(
    ("version", "needed"),
    [("3.40.1", True), ("3.51.2", True), ("3.51.3", False), ("3.52.0", False), ("4.0.0", False), ("3.7.0", True)],
)
def test_the_lock_is_needed_before_3_51_3(backend, version, needed):
    assert sqlite_needs_lock(version) is needed


def test_a_store_opened_here_takes_the_lock_when_this_sqlite_needs_it(backend, tmp_path):
    with open_store(tmp_path / "room.db") as store:
        assert (store._write_lock is not None) == sqlite_needs_lock(sqlite3.sqlite_version)
        if store._write_lock is not None:
            assert store._write_lock.path == tmp_path / "room.db.lock"


@pytest.mark.skipif(not sqlite_needs_lock(), reason=f"SQLite {sqlite3.sqlite_version} has the fix: no lock is taken")
def test_a_write_waits_while_another_process_holds_the_lock(backend, tmp_path):
    path = tmp_path / "room.db"
    with open_store(path) as store:
        session = store.create_session("Room", template_id="8-steps-partnership", step_count=8)
        # Another process's hold on the lock: a separate open file description, as flock sees it.
        other = os.open(path.with_name("room.db.lock"), os.O_RDWR)
        fcntl.flock(other, fcntl.LOCK_EX)
        done = threading.Event()
        writer = threading.Thread(target=lambda: (store.add_item(session.id, 1, "action", "waits"), done.set()))
        writer.start()
        try:
            assert not done.wait(0.5), "the write did not wait for the lock"
            assert store.list_items(session.id) == []  # reads never wait
        finally:
            fcntl.flock(other, fcntl.LOCK_UN)
            os.close(other)
        assert done.wait(10)
        writer.join()
        assert [i.text for i in store.list_items(session.id)] == ["waits"]
