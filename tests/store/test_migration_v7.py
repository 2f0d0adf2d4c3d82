"""Schema 7 (templates own their shape): a schema-5 store migrates (through 6, languages) after
a backup, its sessions keep the 8 steps' columns, and every export of them is byte-identical to
what schema 5 wrote.

`tests/data/store_v5/store_v5.sql` is a real schema-5 store and `session*.{wiki,csv,md,json}`
its exports, all written by workshop-tui b32f193 (`tests/data/store_v5/make.py` says how).
"""

from __future__ import annotations

import pytest
from helpers.old_stores import backed_up_version, export_now_and_then, old_store_folder, open_old_store

from workshop_tui.content import load_catalog
from workshop_tui.export import FORMATS, import_file
from workshop_tui.model import COLUMNS
from workshop_tui.store import migrations

DATA = old_store_folder(5)


@pytest.fixture
def migrated(tmp_path):
    store = open_old_store(5, tmp_path)
    yield store
    store.close()


def test_the_store_is_backed_up_and_migrated(migrated):
    assert migrations.SCHEMA_VERSION >= 7
    assert backed_up_version(migrated) == "5"
    assert [info.columns for info in migrated.list_sessions()] == [COLUMNS, COLUMNS]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("session_id", [1, 2])
def test_every_export_is_byte_identical_to_schema_5s(migrated, fmt, session_id):
    now, then = export_now_and_then(migrated, 5, session_id, fmt)
    assert now == then


def test_a_migrated_session_still_takes_items_in_its_three_columns(migrated):
    migrated.add_item(1, 2, "tool", "A shared drive")
    with pytest.raises(Exception, match="unknown column 'strength': use one of action, obstacle, tool"):
        migrated.add_item(1, 2, "strength", "Nope")


@pytest.mark.parametrize("name", ["session1.json", "session1.csv", "session1.wiki"])
def test_files_schema_5_wrote_import_into_the_8_steps_shape(name):
    data = import_file(DATA / name, load_catalog())
    assert data.info.columns == COLUMNS and data.info.template_id == "8-steps-partnership"
