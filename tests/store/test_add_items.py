"""`add_items`: several items in one transaction, each as `add_item` stores one."""

from __future__ import annotations

import pytest

from workshop_tui.model import NewItem, new_id
from workshop_tui.store import InvalidInputError


@pytest.fixture
def session(store):
    return store.create_session("Batch", template_id="8-steps-partnership", step_count=8)


def test_a_batch_is_stored_as_one_add_after_another(store, session):
    store.add_item(session.id, 1, "action", "before", author="Ana")
    store.set_phase(session.id, 2, "private")
    again = new_id()
    items = store.add_items(session.id, [
        NewItem(1, "action", "first", "Zoë", again),
        NewItem(1, "tool", "a tool", None),
        NewItem(2, "obstacle", "a secret", " Bo "),
        NewItem(1, "action", "the same id again", "Zoë", again),
        NewItem(1, "action", "second", "Zoë"),
    ], by="Zoë")
    assert [(i.step, i.column, i.text, i.author, i.position, i.hidden) for i in items] == [
        (1, "action", "first", "Zoë", 1, False),
        (1, "tool", "a tool", None, 0, False),
        (2, "obstacle", "a secret", "Bo", 0, True),
        (1, "action", "first", "Zoë", 1, False),  # stored once
        (1, "action", "second", "Zoë", 2, False),
    ]
    assert [i.text for i in store.step_view(session.id, 1).items if i.column == "action"] == [
        "before", "first", "second"]
    assert {"Zoë", "Bo", "Ana"} <= set(store.get_session(session.id).participants)
    assert [entry.kind for entry in store.history(session.id)].count("added") == 5  # before + four new


@pytest.mark.parametrize("bad", [NewItem(1, "nowhere", "x"), NewItem(1, "action", "   "), NewItem(99, "action", "x")])
def test_one_bad_item_stores_none(store, session, bad):
    with pytest.raises(InvalidInputError):
        store.add_items(session.id, [NewItem(1, "action", "good"), bad])
    assert store.list_items(session.id) == []
