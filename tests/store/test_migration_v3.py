"""Schema 3 (safe in the room): a schema-2 store migrates with everything it holds, on SQLite and on
PostgreSQL, after a backup (SQLite), and then does what schema 3 adds.

`tests/data/store_v2.sql` is a real schema-2 store, dumped by `sqlite3 .dump` from workshop-tui at
schema 2. SQLite loads it as it is. PostgreSQL cannot run a SQLite dump (0/1 booleans, ids
without sequences), so there a fresh store is taken back to schema 2 by undoing exactly what
migration 3 adds, checked against the dump's tables and columns, and filled with the dump's rows.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy

from workshop_tui.store import migrations, open_store

DUMP = Path(__file__).parents[1] / "data" / "store_v2.sql"
BOOLEANS = {("sessions", "participants_follow"), ("items", "followup")}
UNDO_3 = [  # and every later migration: back to schema 2
    "ALTER TABLE step_states DROP COLUMN dots",
    "ALTER TABLE sessions DROP COLUMN column_keys",
    "ALTER TABLE sessions DROP COLUMN language",
    "DROP TABLE wiki_targets",
    "ALTER TABLE items DROP COLUMN followup_status",
    "ALTER TABLE items DROP COLUMN from_last_time",
    "DROP TABLE item_history",
    "DROP TABLE name_claims",
    "ALTER TABLE items DROP COLUMN hidden",
    "ALTER TABLE step_states DROP COLUMN anonymous",
    "ALTER TABLE sessions DROP COLUMN speaker",
    "ALTER TABLE sessions DROP COLUMN current_column",
    "UPDATE store_meta SET value = '2' WHERE key = 'schema_version'",
]


def _dump() -> sqlite3.Connection:
    raw = sqlite3.connect(":memory:")
    raw.executescript(DUMP.read_text(encoding="utf-8"))
    return raw


def _columns(raw: sqlite3.Connection) -> dict[str, set[str]]:
    tables = [row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {table: {row[1] for row in raw.execute(f'PRAGMA table_info("{table}")')} for table in tables}


def _make_v2_store(location: str, backend: str) -> None:
    if backend == "sqlite":
        raw = sqlite3.connect(location)
        raw.executescript(DUMP.read_text(encoding="utf-8"))
        raw.close()
        return
    with open_store(location):
        pass  # a schema-3 store, empty
    engine = sqlalchemy.create_engine(location.replace("postgresql://", "postgresql+psycopg://", 1))
    source = _dump()
    try:
        with engine.begin() as connection:
            for statement in UNDO_3:
                connection.exec_driver_sql(statement)
            inspector = sqlalchemy.inspect(connection)
            v2 = {table: {c["name"] for c in inspector.get_columns(table)} for table in inspector.get_table_names()}
            assert v2 == _columns(source)  # the same tables and columns as a real schema-2 store
            for table in ("sessions", "participants", "items", "step_states", "presence", "votes"):
                cursor = source.execute(f'SELECT * FROM "{table}"')
                names = [column[0] for column in cursor.description]
                rows = [{name: bool(value) if (table, name) in BOOLEANS else value for name, value in zip(names, row)}
                        for row in cursor]
                quoted = ", ".join(f'"{name}"' for name in names)
                marks = ", ".join(f":{name}" for name in names)
                connection.execute(sqlalchemy.text(f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})'), rows)
            for table in ("sessions", "participants"):
                connection.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    finally:
        source.close()
        engine.dispose()


def test_a_schema_2_store_migrates_with_everything_it_holds(backend, location):
    assert migrations.SCHEMA_VERSION >= 3  # migrated through 3 and every later version
    _make_v2_store(location, backend)
    with open_store(location) as store:
        if backend == "sqlite":
            assert store.backup_made is not None and store.backup_made.exists()
        info = store.find_session("Wikimania 2015 follow-up")
        assert (info.current_step, info.votes_per_participant, info.participants) == (5, 4, ("Asaf", "Nathalie"))
        assert (info.speaker, info.current_column) == ("", "")
        data = store.session_data(info.id)
        assert [(i.step, i.column, i.text, i.author, i.votes, i.followup) for i in data.items] == [
            (1, "action", "Identify WHY you need a partner", "Asaf", 2, False),
            (1, "action", "List what each side brings", "Nathalie", 0, False),
            (1, "obstacle", "No time [bold]", "Nathalie", 1, False),
            (5, "action", "Sign the agreement", "Asaf", 0, True),
            (7, "tool", "Survey | metrics", None, 0, False),
        ]
        assert not any(item.hidden for item in data.items) and data.hidden_counts == {}
        assert data.items[0].cluster_id == data.items[1].cluster_id is not None
        assert (data.items[3].owner, data.items[3].due) == ("Asaf", "2015-08-01")
        assert sorted(vote.participant for vote in data.votes) == ["Asaf", "Asaf", "Nathalie"]
        state = data.step_state(1)
        assert (state.phase, state.spent_seconds, state.anonymous) == ("discuss", 1020.0, False)
        # What schema 3 adds works on the migrated store.
        store.set_phase(info.id, 2, "private")
        hidden = store.add_item(info.id, 2, "tool", "a private tool", author="Asaf")
        assert hidden.hidden and store.step_view(info.id, 2).hidden_counts == {"Asaf": 1}
        store.claim_name(info.id, "screen", "Asaf", token="t" * 43)
        assert [claim.name for claim in store.list_claims(info.id)] == ["Asaf"]
        assert store.set_resume_point(info.id, column="tool", speaker="Nathalie").speaker == "Nathalie"
        assert store.reveal_step(info.id, 2) == 1
        assert store.create_session("New", template_id="t", step_count=8).id == info.id + 1
    with open_store(location) as again:  # migrated once: opens without another backup
        assert again.backup_made is None
    if backend == "sqlite":
        backup = sqlite3.connect(store.backup_made)
        assert backup.execute("SELECT value FROM store_meta WHERE key = 'schema_version'").fetchone() == ("2",)
        assert backup.execute("SELECT count(*) FROM items").fetchone() == (5,)
        backup.close()


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_schema_1_store_migrates_through_2_to_3(backend, tmp_path):
    path = tmp_path / "v1.db"
    raw = sqlite3.connect(path)
    raw.executescript((Path(__file__).parents[1] / "data" / "store_v1.sql").read_text(encoding="utf-8"))
    raw.close()
    with open_store(path) as store:
        info = store.find_session("Wikimania 2015 follow-up")
        assert [item.text for item in store.list_items(info.id)] == [
            "Identify WHY you need a partner", "No time [bold]", "Survey | metrics"]
        assert store.step_states(info.id)[1].anonymous is False
        assert store.get_session(info.id).speaker == ""
