"""The start screen's early list (`store.quick_list`): straight from the file, the same as the
store's own list, and None (wait for the store) whenever it cannot be sure."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from workshop_tui.store import open_store
from workshop_tui.store.quick_list import read_sessions

DATA = Path(__file__).parents[1] / "data"


def test_the_early_list_is_the_stores_list(tmp_path, template):
    path = tmp_path / "store.db"
    with open_store(path) as store:
        first = store.create_session("Berlin [b]\x1b[31m", template_id=template.id, step_count=template.step_count,
                                     facilitator="Anne\x07-Laure", participants=["Ana", "Bo\x00b"], event="WMCON",
                                     date="2015-05-13")
        store.add_item(first.id, 1, "action", "one", author="Ana")
        store.add_item(first.id, 2, "tool", "two")
        second = store.create_session("Mexico", template_id="retro", step_count=4, columns=("keep", "drop"))
        store.set_resume_point(second.id, step=3, speaker="Bo")
        expected = store.list_sessions()
    assert read_sessions(str(path)) == expected
    assert [info.title for info in expected] == ["Mexico", "Berlin [b][31m"]  # control characters dropped
    assert [info.columns for info in expected] == [("keep", "drop"), ("action", "obstacle", "tool")]


def test_no_early_list_when_in_doubt(tmp_path):
    assert read_sessions(str(tmp_path / "missing.db")) is None
    assert read_sessions("postgresql://localhost/workshop") is None
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all" * 100)
    assert read_sessions(str(garbage)) is None
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    assert read_sessions(str(empty)) is None
    old = tmp_path / "old.db"  # an older schema: the store migrates it first
    raw = sqlite3.connect(old)
    raw.executescript((DATA / "store_v1.sql").read_text(encoding="utf-8"))
    raw.close()
    assert read_sessions(str(old)) is None


def test_the_early_list_writes_nothing(tmp_path, template):
    path = tmp_path / "store.db"
    with open_store(path) as store:
        store.create_session("Only", template_id=template.id, step_count=template.step_count)
    before, files = path.read_bytes(), sorted(tmp_path.iterdir())
    assert [info.title for info in read_sessions(str(path)) or []] == ["Only"]
    assert path.read_bytes() == before
    assert sorted(tmp_path.iterdir()) == files  # no -wal or -shm left beside it
