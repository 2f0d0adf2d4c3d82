"""The session store: sessions, participants, items, and what it refuses."""

from __future__ import annotations

import sqlite3

import pytest

from workshop_tui.model import new_id
from workshop_tui.store import InvalidInputError, NotFoundError, open_store
from workshop_tui.text import MAX_ITEM_LENGTH

sqlite_only = pytest.mark.parametrize("backend", ["sqlite"])


def test_new_store_file_is_created_with_the_pragmas(tmp_path):
    path = tmp_path / "new.db"
    with open_store(path) as store:
        with store._engine.connect() as connection:
            pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
            assert pragma("journal_mode") == "wal"
            assert pragma("synchronous") == 2  # FULL
            assert pragma("foreign_keys") == 1
            assert pragma("busy_timeout") >= 5000
    assert path.exists()


def test_default_location_is_the_user_data_dir(isolated_dirs, monkeypatch):
    from workshop_tui import locations

    with open_store() as store:
        assert store.db_path == locations.default_db_path()
    assert str(locations.default_db_path()).startswith(str(isolated_dirs))
    monkeypatch.setenv("WORKSHOP_TUI_DB", str(isolated_dirs / "env.db"))
    with open_store() as store:
        assert store.db_path == isolated_dirs / "env.db"


@sqlite_only
def test_writes_begin_immediate_and_reads_deferred(store, session):
    statements: list[str] = []
    from sqlalchemy import event

    event.listen(store._engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    store.add_item(session.id, 1, "action", "x")
    store.list_items(session.id)
    begins = [s for s in statements if s.startswith("BEGIN")]
    assert begins == ["BEGIN IMMEDIATE", "BEGIN"]


def test_create_list_get_and_find_sessions(store, session):
    other = store.create_session("Second", template_id="t", step_count=8, date="2015-07-19")
    listed = {info.id: info for info in store.list_sessions()}
    assert set(listed) == {session.id, other.id}
    assert listed[session.id].participants == ("Ana", "Bo")
    assert listed[session.id].facilitator == "Anne-Laure"
    assert store.find_session(str(other.id)).title == "Second"
    assert store.find_session("Second").id == other.id
    assert store.find_session("  Second ").id == other.id


def test_find_session_refuses_unknown_and_ambiguous(store, session):
    with pytest.raises(NotFoundError, match="unknown session 'nope'"):
        store.find_session("nope")
    store.create_session("Twin", template_id="t", step_count=8)
    store.create_session("Twin", template_id="t", step_count=8)
    with pytest.raises(NotFoundError, match="2 sessions are titled 'Twin'"):
        store.find_session("Twin")
    with pytest.raises(NotFoundError):
        store.get_session(999)


def test_rename_update_and_delete_session(store, session):
    store.add_item(session.id, 1, "tool", "wiki")
    assert store.rename_session(session.id, "Renamed").title == "Renamed"
    assert store.update_session(session.id, place="Mexico City").place == "Mexico City"
    with pytest.raises(InvalidInputError):
        store.rename_session(session.id, "   ")
    with pytest.raises(InvalidInputError):
        store.update_session(session.id, colour="red")
    store.delete_session(session.id)
    assert store.list_sessions() == []
    with pytest.raises(NotFoundError):
        store.list_items(session.id)


def test_add_item_keeps_text_author_and_order(store, session):
    first = store.add_item(session.id, 3, "obstacle", "No budget", author="Cyd")
    second = store.add_item(session.id, 3, "obstacle", "Legal issues")
    assert (first.position, second.position) == (0, 1)
    assert [i.text for i in store.list_items(session.id, 3)] == ["No budget", "Legal issues"]
    assert store.get_session(session.id).participants == ("Ana", "Bo", "Cyd")
    assert store.get_session(session.id).item_count == 2


def test_the_same_client_id_is_stored_once(store, session):
    item_id = new_id()
    store.add_item(session.id, 1, "action", "Enter", item_id=item_id)
    store.add_item(session.id, 1, "action", "Enter", item_id=item_id)
    assert [i.id for i in store.list_items(session.id)] == [item_id]


@pytest.mark.parametrize(
    "typed",
    ["[bold]x", "[@click=app.quit]x[/]", "{{!}} || ~~~~", "שלום עולם", "e\u0301\u0301", "🤝🏽 partner", "x" * MAX_ITEM_LENGTH],
)
def test_text_is_stored_as_typed(store, session, typed):
    item = store.add_item(session.id, 2, "tool", typed)
    assert store.get_item(item.id).text == typed


def test_control_characters_are_dropped_and_newlines_kept(store, session):
    item = store.add_item(session.id, 2, "tool", "a\x1b[31mred\x07\x9b\r\nnext\tline")
    assert item.text == "a[31mred\nnext\tline"


@pytest.mark.parametrize("bad", ["", "   ", "\n\t\n", "\x1b\x07"])
def test_empty_items_are_refused(store, session, bad):
    with pytest.raises(InvalidInputError, match="empty"):
        store.add_item(session.id, 1, "action", bad)
    assert store.list_items(session.id) == []


def test_bad_step_column_and_length_are_refused(store, session):
    with pytest.raises(InvalidInputError, match="step 9 is outside 1-8"):
        store.add_item(session.id, 9, "action", "x")
    with pytest.raises(InvalidInputError, match="step 0"):
        store.add_item(session.id, 0, "action", "x")
    with pytest.raises(InvalidInputError, match="unknown column 'idea'"):
        store.add_item(session.id, 1, "idea", "x")
    with pytest.raises(InvalidInputError, match="at most"):
        store.add_item(session.id, 1, "action", "x" * (MAX_ITEM_LENGTH + 1))
    with pytest.raises(NotFoundError):
        store.add_item(12345, 1, "action", "x")
    assert store.list_items(session.id) == []


def test_edit_delete_restore_and_move(store, session):
    a = store.add_item(session.id, 1, "action", "a")
    b = store.add_item(session.id, 1, "action", "b")
    c = store.add_item(session.id, 1, "action", "c")
    assert store.edit_item(b.id, "B!").text == "B!"
    with pytest.raises(InvalidInputError):
        store.edit_item(b.id, "  ")
    assert [i.text for i in store.move_item(c.id, -1)] == ["a", "c", "B!"]
    assert [i.text for i in store.move_item(a.id, 5)] == ["c", "B!", "a"]
    removed = store.delete_item(b.id)
    assert [i.text for i in store.list_items(session.id)] == ["c", "a"]
    with pytest.raises(NotFoundError):
        store.edit_item(b.id, "gone")
    store.restore_item(removed)
    assert [i.text for i in store.list_items(session.id)] == ["c", "B!", "a"]
    assert store.get_item(b.id) == removed.item


def test_participants_and_authors(store, session):
    assert store.add_participant(session.id, "Dee") == ("Ana", "Bo", "Dee")
    assert store.add_participant(session.id, " Dee ") == ("Ana", "Bo", "Dee")
    item = store.add_item(session.id, 1, "action", "x", author="Ana")
    assert store.set_author(item.id, None).author is None
    assert store.set_author(item.id, "Eve").author == "Eve"
    assert store.remove_participant(session.id, "Bo") == ("Ana", "Dee", "Eve")
    with pytest.raises(InvalidInputError):
        store.add_participant(session.id, " ")


def test_current_step_is_remembered(store, session, location):
    store.set_current_step(session.id, 5)
    with pytest.raises(InvalidInputError):
        store.set_current_step(session.id, 9)
    store.close()
    with open_store(location) as reopened:
        assert reopened.get_session(session.id).current_step == 5


@sqlite_only
def test_every_change_is_committed_when_made(store, session, tmp_path):
    item = store.add_item(session.id, 4, "tool", "committed")
    # A second, independent connection sees it at once: nothing waits for a later commit.
    raw = sqlite3.connect(tmp_path / "test.db")
    assert raw.execute("SELECT text FROM items WHERE id = ?", (item.id,)).fetchone() == ("committed",)
    raw.close()


def test_change_token_moves_when_another_store_writes(store, session, location):
    before = store.change_token()
    with open_store(location) as other:
        other.add_item(session.id, 1, "action", "from elsewhere")
    assert store.change_token() != before


def test_a_writer_whose_clock_is_behind_still_moves_the_change_token(store, session, location, monkeypatch):
    from workshop_tui.store import rows

    store.add_item(session.id, 1, "action", "stamped now")
    before = store.change_token()
    newest = store.get_session(session.id).updated_at
    # Another machine (or this one after NTP stepped the clock back) writes with its clock far behind.
    monkeypatch.setattr(rows, "now_iso", lambda: "2000-01-01T00:00:00.000000+00:00")
    with open_store(location) as other:
        other.add_item(session.id, 1, "action", "from a slow clock")
    assert store.change_token() != before
    assert store.get_session(session.id).updated_at > newest


def test_later_than_steps_past_the_newest_stamp():
    from workshop_tui.store.queries import later_than

    assert later_than(None, "2026-11-26T10:00:00.000000+00:00") == "2026-11-26T10:00:00.000000+00:00"
    assert later_than("2026-11-26T09:00:00.000000+00:00", "2026-11-26T10:00:00.000000+00:00").startswith("2026-11-26T10")
    assert later_than("2026-11-26T11:00:00.000000+00:00", "2026-11-26T10:00:00.000000+00:00") == \
        "2026-11-26T11:00:00.000001+00:00"
    assert later_than("not a stamp", "2026-11-26T10:00:00.000000+00:00") == "2026-11-26T10:00:00.000000+00:00"


def test_import_session_keeps_everything_and_renames_taken_ids(store, session):
    store.add_item(session.id, 1, "action", "one", author="Ana")
    store.set_current_step(session.id, 3)
    data = store.session_data(session.id)
    copy = store.import_session(data, title="Copy")
    copied = store.session_data(copy.id)
    assert copied.info.current_step == 3
    assert copied.info.participants == data.info.participants
    (original,), (restored,) = data.items, copied.items
    assert restored.id != original.id  # the original still holds that id
    assert (restored.text, restored.author, restored.created_at) == (original.text, original.author, original.created_at)


def test_store_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "newer.db"
    with open_store(path):
        pass
    raw = sqlite3.connect(path)
    raw.execute("UPDATE store_meta SET value = '99' WHERE key = 'schema_version'")
    raw.commit()
    raw.close()
    before = path.read_bytes()
    from workshop_tui.store import StoreOpenError

    with pytest.raises(StoreOpenError, match="newer workshop-tui"):
        open_store(path)
    assert path.read_bytes() == before


def test_older_store_is_backed_up_then_migrated(tmp_path, monkeypatch):
    from workshop_tui.store import migrations

    path = tmp_path / "old.db"
    with open_store(path) as store:
        info = store.create_session("Old", template_id="t", step_count=8)
        store.add_item(info.id, 1, "action", "kept")
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", migrations.SCHEMA_VERSION + 1)
    monkeypatch.setitem(
        migrations.MIGRATIONS, migrations.SCHEMA_VERSION, ["CREATE TABLE extra_probe (id INTEGER PRIMARY KEY)"]
    )
    with open_store(path) as store:
        assert store.backup_made is not None and store.backup_made.parent == tmp_path
        assert [i.text for i in store.list_items(info.id)] == ["kept"]
    raw = sqlite3.connect(path)
    assert raw.execute("SELECT value FROM store_meta WHERE key='schema_version'").fetchone() == (
        str(migrations.SCHEMA_VERSION),
    )
    raw.close()
    backup = sqlite3.connect(store.backup_made)
    assert backup.execute("SELECT text FROM items").fetchall() == [("kept",)]
    assert backup.execute("SELECT value FROM store_meta WHERE key='schema_version'").fetchone() == (
        str(migrations.SCHEMA_VERSION - 1),
    )
    backup.close()


def test_own_changes_are_told_apart_from_another_writers(store, session, location):
    """The app re-reads at once for other writers' commits, later for its own (already drawn)."""
    seen = store.change_token()
    store.add_item(session.id, 1, "action", "mine")
    store.add_item(session.id, 1, "action", "mine too")
    mine = store.change_token()
    # Two commits of our own in a row: both ours (SQLite). On PostgreSQL, never claimed.
    assert store.only_own_changes(seen, mine) is (store.backend == "sqlite")
    assert not store.only_own_changes(mine, mine)  # nothing happened
    with open_store(location) as other:
        other.add_item(session.id, 1, "action", "someone else's")
    store.add_item(session.id, 1, "action", "mine after theirs")
    assert not store.only_own_changes(mine, store.change_token())  # theirs is in between
