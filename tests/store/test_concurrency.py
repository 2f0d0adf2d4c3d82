"""Many processes writing to one store at once: no item lost, none doubled, no "locked" error."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from workshop_tui.store import open_store

ROOT = Path(__file__).resolve().parents[2]
WRITERS = 20
ITEMS_EACH = 25


def run_writers(location: str, session_id: int, *, retry: bool = False) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    extra = ["--retry"] if retry else []
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.writer", location, str(session_id), str(ITEMS_EACH), f"w{n}", *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for n in range(WRITERS)
    ]
    confirmed: list[str] = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        assert "locked" not in err and "Traceback" not in err
        confirmed.extend(out.split())
    return confirmed


def test_twenty_writers_every_item_exactly_once(backend, location):
    with open_store(location) as store:
        session = store.create_session("Busy room", template_id="8-steps-partnership", step_count=8)
    confirmed = run_writers(location, session.id, retry=True)
    assert len(confirmed) == WRITERS * ITEMS_EACH
    with open_store(location) as store:
        items = store.list_items(session.id)
    stored = Counter(item.id for item in items)
    assert set(stored) == set(confirmed)
    assert max(stored.values()) == 1
    # positions within each column are distinct: writers queued, never raced
    places = Counter((i.step, i.column, i.position) for i in items)
    assert max(places.values()) == 1
    if backend == "sqlite":
        import sqlite3

        raw = sqlite3.connect(location)
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        raw.close()


@pytest.mark.parametrize("backend", ["sqlite"])
def test_writers_creating_a_new_store_at_once(backend, tmp_path):
    """Twenty processes opening a store file that does not exist yet: one creates it, all use it."""
    location = str(tmp_path / "fresh.db")
    script = (
        "import sys; from workshop_tui.store import open_store\n"
        "s = open_store(sys.argv[1]); s.create_session('x', template_id='t', step_count=8); s.close()"
    )
    processes = [subprocess.Popen([sys.executable, "-c", script, location], stderr=subprocess.PIPE, text=True)
                 for _ in range(WRITERS)]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    with open_store(location) as store:
        assert len(store.list_sessions()) == WRITERS
