"""Schema 7 (templates own their shape): a schema-5 store migrates (through 6, languages) after
a backup, its sessions keep the 8 steps' columns, and every export of them is byte-identical to
what schema 5 wrote.

`tests/data/store_v5/store_v5.sql` is a real schema-5 store and `session*.{wiki,csv,md,json}`
its exports, all written by workshop-tui b32f193 (`tests/data/store_v5/make.py` says how).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest

from workshop_tui.content import load_catalog
from workshop_tui.export import EXTENSIONS, FORMATS, export_text, import_file
from workshop_tui.model import COLUMNS
from workshop_tui.store import migrations, open_store

DATA = Path(__file__).parents[1] / "data" / "store_v5"
T0 = datetime(2026, 12, 3, 14, 0, tzinfo=timezone.utc)  # the `now` make.py exported at


@pytest.fixture
def migrated(tmp_path):
    path = tmp_path / "v5.db"
    raw = sqlite3.connect(path)
    raw.executescript((DATA / "store_v5.sql").read_text(encoding="utf-8"))
    raw.close()
    store = open_store(path)
    yield store
    store.close()


def test_the_store_is_backed_up_and_migrated(migrated):
    assert migrations.SCHEMA_VERSION >= 7
    assert migrated.backup_made is not None and migrated.backup_made.exists()
    backup = sqlite3.connect(migrated.backup_made)
    assert backup.execute("SELECT value FROM store_meta WHERE key = 'schema_version'").fetchone() == ("5",)
    backup.close()
    assert [info.columns for info in migrated.list_sessions()] == [COLUMNS, COLUMNS]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("session_id", [1, 2])
def test_every_export_is_byte_identical_to_schema_5s(migrated, fmt, session_id):
    catalog = load_catalog()
    data = migrated.session_data(session_id)
    expected = (DATA / f"session{session_id}{EXTENSIONS[fmt]}").read_bytes()
    assert export_text(data, catalog.for_session(data.info), fmt, now=T0).encode("utf-8") == expected


def test_a_migrated_session_still_takes_items_in_its_three_columns(migrated):
    migrated.add_item(1, 2, "tool", "A shared drive")
    with pytest.raises(Exception, match="unknown column 'strength': use one of action, obstacle, tool"):
        migrated.add_item(1, 2, "strength", "Nope")


@pytest.mark.parametrize("name", ["session1.json", "session1.csv", "session1.wiki"])
def test_files_schema_5_wrote_import_into_the_8_steps_shape(name):
    data = import_file(DATA / name, load_catalog())
    assert data.info.columns == COLUMNS and data.info.template_id == "8-steps-partnership"
