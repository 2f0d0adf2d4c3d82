"""A read-only store shows every committed transaction, or says in one line why it cannot.

A store in WAL mode keeps its newest commits in `workshop.db-wal` until a checkpoint copies
them into the main file; a writer that is still running (or was killed with -9) leaves them
there. Someone who may only read the store (here: through a read-only bind mount of its
folder, which even root cannot write through) must see them: `sessions`, `show`, `export`
and the store itself show all the items, not the main file's stale few. Where the WAL cannot
be read (its index file `-shm` is missing and the folder cannot be written to make one), the
store is refused in one line instead of shown without its newest data.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from urllib.parse import quote

import pytest
from faultkit import ROOT, subprocess_env

from helpers.mounts import read_only_view
from workshop_tui.store import StoreOpenError, open_store

IN_WAL = 20

WRITER = f"""
import sys, time
from workshop_tui.store import open_store
store = open_store(sys.argv[1])
session = store.create_session("Live", template_id="8-steps-partnership", step_count=8)
store.add_item(session.id, 1, "action", "checkpointed")
store.close()  # the last connection closes: SQLite checkpoints, the main file holds one item
store = open_store(sys.argv[1])
for n in range({IN_WAL}):
    store.add_item(session.id, 1 + n % 8, "tool", f"in the WAL {{n}}")
print("ready", flush=True)
sys.stdin.read()  # keep the store open (and its WAL unmerged) until the test is done
"""


@pytest.fixture
def live_writer(tmp_path):
    """A process that committed 1 + IN_WAL items and keeps the store open; (folder, process)."""
    folder = tmp_path / "live"
    folder.mkdir()
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(folder / "workshop.db")], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True, cwd=ROOT, env=subprocess_env())
    try:
        assert process.stdout.readline().strip() == "ready"
        yield folder, process
    finally:
        if process.poll() is None:
            process.stdin.close()
            process.wait(timeout=30)


def cli(db, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workshop_tui", "--db", str(db), *args], capture_output=True,
                          text=True, cwd=ROOT, env=subprocess_env(), timeout=120)


def main_file_count(db) -> int:
    """Items in the main database file alone, the WAL ignored (what `immutable=1` reads)."""
    connection = sqlite3.connect(f"file:{quote(str(db))}?mode=ro&immutable=1", uri=True)
    try:
        return connection.execute("SELECT count(*) FROM items").fetchone()[0]
    finally:
        connection.close()


def assert_every_item_shown(db) -> None:
    assert main_file_count(db) == 1  # the newest commits really are in the WAL only
    with open_store(db) as store:
        assert store.read_only
        assert len(store.list_items(1)) == 1 + IN_WAL
    listed = cli(db, "sessions")
    assert listed.returncode == 0, listed.stderr
    assert [line.split()[-2] for line in listed.stdout.splitlines()[1:]] == [str(1 + IN_WAL)]  # items
    exported = cli(db, "export", "Live", "--format", "csv")
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.count("in the WAL") == IN_WAL and "checkpointed" in exported.stdout
    shown = cli(db, "show", "Live")
    assert shown.returncode == 0 and "in the WAL 19" in shown.stdout, shown.stderr


def test_a_read_only_view_of_a_live_store_shows_every_committed_item(live_writer, tmp_path):
    folder, _ = live_writer
    with read_only_view(folder, tmp_path / "view") as view:
        assert_every_item_shown(view / "workshop.db")


def test_a_store_left_by_a_writer_killed_with_9_shows_every_item_read_only(live_writer, tmp_path):
    folder, writer = live_writer
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    assert (folder / "workshop.db-wal").stat().st_size > 0
    with read_only_view(folder, tmp_path / "view") as view:
        assert_every_item_shown(view / "workshop.db")


def test_a_wal_that_cannot_be_read_is_one_line_not_stale_data(live_writer, tmp_path):
    folder, writer = live_writer
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in ("workshop.db", "workshop.db-wal"):  # copied without its -shm index
        shutil.copy2(folder / name, copy / name)
    with read_only_view(copy, tmp_path / "view") as view:
        db = view / "workshop.db"
        with pytest.raises(StoreOpenError) as refused:
            open_store(db)
        message = str(refused.value)
        assert "\n" not in message and f"{db}-wal" in message and "not shown" in message
        for args in (["sessions"], ["export", "Live", "--format", "csv"], ["show", "Live"]):
            done = cli(db, *args)
            assert (done.returncode, done.stdout) == (2, ""), done
            assert done.stderr == f"workshop-tui: error: {message}\n"
        assert sorted(os.listdir(view)) == ["workshop.db", "workshop.db-wal"]  # nothing made beside it


def test_a_read_only_store_without_a_wal_opens_as_before(tmp_path):
    folder = tmp_path / "closed"
    folder.mkdir()
    with open_store(folder / "workshop.db") as store:
        session = store.create_session("Closed", template_id="8-steps-partnership", step_count=8)
        store.add_item(session.id, 2, "obstacle", "kept")
    assert sorted(os.listdir(folder)) == ["workshop.db", "workshop.db.lock"]
    with read_only_view(folder, tmp_path / "view") as view:
        with open_store(view / "workshop.db") as store:
            assert store.read_only and [item.text for item in store.list_items(1)] == ["kept"]
