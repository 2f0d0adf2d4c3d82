"""Kill -9 during changes: every item and its history stay consistent.

A writer process (`tests/helpers/history_writer.py`) makes every kind of change to one session
as fast as it can, continuing it into new sessions now and then; it is killed with SIGKILL at a
random moment, several rounds on one store. After each kill, in every session: every item's
latest history entry is the item exactly as stored, every item the history says is there is
there, and none it says was deleted is; and a continued session is whole: every follow-up
marked carried has exactly one copy from last time in a later session, and every copy has its
original marked carried (never one without the other).
"""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import time

from faultkit import ROOT, soak, subprocess_env

from workshop_tui.store import open_store
from workshop_tui.store.history import item_from_state

ROUNDS = soak("HISTORY_KILL_ROUNDS", 6)


def check_consistent(location: str, session_id: int) -> int:
    """Items against their history; returns how many items there are."""
    with open_store(location) as store:
        items = {item.id: item for item in store.list_items(session_id)}
    raw = sqlite3.connect(location)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        latest = {}
        for item_id, kind, state in raw.execute(
                "SELECT item_id, kind, state FROM item_history WHERE session_id = ? ORDER BY id", (session_id,)):
            latest[item_id] = (kind, item_from_state(state))
    finally:
        raw.close()
    alive = {item_id for item_id, (kind, _) in latest.items() if kind != "deleted"}
    assert alive == set(items)
    for item_id, item in items.items():
        assert latest[item_id][1] == item, item_id
    return len(items)


def test_kill_during_changes_leaves_items_and_history_consistent(tmp_path):
    location = str(tmp_path / "history.db")
    with open_store(location) as store:
        session_id = store.create_session("Killed", template_id="8-steps-partnership", step_count=8).id
    chance = random.Random()
    changes = 0
    for round_ in range(ROUNDS):
        writer = subprocess.Popen([sys.executable, "-m", "tests.helpers.history_writer", location, str(session_id),
                                   str(chance.randrange(10**6))], cwd=ROOT, env=subprocess_env(),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wanted = chance.randrange(5, 60)
        for _ in range(wanted):  # wait until it has made some changes, then kill it mid-stream
            if writer.stdout.readline() != "ok\n":
                writer.kill()
                raise AssertionError(writer.stderr.read())
        time.sleep(chance.random() * 0.05)
        writer.kill()  # SIGKILL
        writer.wait(timeout=30)
        changes += wanted
        check_consistent(location, session_id)
        check_carried_whole(location, session_id)
    assert changes >= ROUNDS * 5


def check_carried_whole(location: str, first_id: int) -> None:
    """Carry-over is all or nothing: each carried original has one copy, each copy its original
    marked carried (unless that original was deleted since)."""
    with open_store(location) as store:
        items = {item.id: item for item in store.list_items(first_id)}
        carried = [item_id for item_id, item in items.items() if item.followup_status == "carried"]
        copies = []
        for info in store.list_sessions():
            if info.id == first_id:
                continue
            check_consistent(location, info.id)
            copies += [entry.detail.get("carried_from") for entry in store.history(info.id)
                       if entry.kind == "added" and entry.detail.get("carried_from")]
    assert sorted(copy for copy in copies if copy in items) == sorted(carried)
    assert len(set(copies)) == len(copies)
