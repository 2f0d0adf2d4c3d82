"""The summary's read (`store/summary_read.py`) gives exactly what `session_data` gives, its items
sharing their repeated words; on PostgreSQL it is `session_data` itself."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from workshop_tui.model import Item, SessionData, new_id
from workshop_tui.store import open_store


def fill(store, session_id: int) -> None:
    store.add_item(session_id, 1, "action", "first", author="Ana")
    store.add_item(session_id, 1, "action", "second", author="Ana")
    store.add_item(session_id, 1, "tool", "anonymous")
    edited = store.add_item(session_id, 2, "obstacle", "typo", author="Bo")
    store.edit_item(edited.id, "fixed")
    voted = store.add_item(session_id, 3, "tool", "with a follow-up", author="Bo")
    store.set_followup(voted.id, owner="Bo", due="2026-12-15")
    store.cast_vote(voted.id, "Ana")
    other = store.add_item(session_id, 3, "tool", "clustered")
    store.cluster_items([voted.id, other.id])
    store.set_phase(session_id, 4, "private")
    store.add_item(session_id, 4, "action", "written privately", author="Ana")  # hidden: in neither read
    store.set_step_dots(session_id, 2, 3)


def test_the_summary_read_is_session_data(store, session):
    fill(store, session.id)
    data = store.summary_data(session.id)
    assert data == store.session_data(session.id)
    assert data.hidden_counts == {4: 1} and "written privately" not in [item.text for item in data.items]


def test_repeated_words_are_held_once(store, session):
    fill(store, session.id)
    items = store.summary_data(session.id).items
    actions = [item for item in items if item.column == "action"]
    assert len(actions) == 2 and actions[0].column is actions[1].column and actions[0].author is actions[1].author
    assert any(item.updated_at is item.created_at for item in items)
    assert next(item for item in items if item.text == "fixed").updated_at != next(
        item for item in items if item.text == "fixed").created_at
    for item in items:
        assert (item.updated_at is item.created_at) == (item.updated_at == item.created_at)
        assert type(item.followup) is bool and type(item.hidden) is bool and type(item.from_last_time) is bool


def test_columns_in_the_sessions_order_and_stored_control_characters_cleaned(store, template, tmp_path):
    info = store.create_session("Tools first", template_id=template.id, step_count=8, columns=("tool", "action"))
    store.add_item(info.id, 1, "action", "an action")
    bell = store.add_item(info.id, 1, "tool", "a tool")
    raw = sqlite3.connect(tmp_path / "test.db")
    with raw:
        raw.execute("UPDATE items SET text = ? WHERE id = ?", ("a \x07bell\x1b[31m", bell.id))
    raw.close()
    data = store.summary_data(info.id)
    assert data == store.session_data(info.id)
    assert [item.column for item in data.items] == ["tool", "action"]
    assert "\x07" not in data.items[0].text and "\x1b" not in data.items[0].text


def test_on_postgresql_the_same(pg_location, template):
    with open_store(pg_location) as store:
        info = store.create_session("On PostgreSQL", template_id=template.id, step_count=8)
        fill(store, info.id)
        assert store.summary_data(info.id) == store.session_data(info.id)


def test_items_sharing_a_place_keep_the_store_order(store, session):
    """A hand-made import can give two items one position: creation time, then id, decide."""
    items = [Item(id=new_id(), step=1, column="action", text=f"t{n}", position=0, created_at=stamp)
             for n, stamp in enumerate(["2026-01-03T00:00:00", "2026-01-01T00:00:00", "2026-01-02T00:00:00"])]
    items.append(Item(id=new_id(), step=1, column="action", text="after", position=1, created_at="2025-01-01T00:00:00"))
    stored = store.import_session(SessionData(info=replace(session, id=0, title="Ties"), items=tuple(items)))
    data = store.summary_data(stored.id)
    assert [i.text for i in data.items] == ["t1", "t2", "t0", "after"]
    assert data == store.session_data(stored.id)
