"""Private writing (issue 12): items written in the `private` phase stay with their author until
the facilitator reveals the step, on SQLite and on PostgreSQL.

Hidden items are never handed to anyone but their author: `step_view(..., viewer=)` gives a
participant their own, everyone gets only counts (`hidden_counts`), and `session_data`,
`list_items` and so every export leave them out. Revealing shows them all at once, credited,
or without their authors when the step is anonymous.
"""

from __future__ import annotations

import pytest

from workshop_tui.store import InvalidInputError, NotAllowedError, NotFoundError, open_store


@pytest.fixture
def private_step(store, session):
    """Step 2 in private writing: Ana wrote two items, Bo one, and one item is anonymous."""
    store.add_item(session.id, 2, "action", "visible before", author="Bo")
    store.set_phase(session.id, 2, "private")
    ana1 = store.add_item(session.id, 2, "action", "Ana's secret", author="Ana")
    ana2 = store.add_item(session.id, 2, "tool", "Ana's tool", author="Ana")
    bo = store.add_item(session.id, 2, "obstacle", "Bo's worry", author="Bo")
    nobody = store.add_item(session.id, 2, "obstacle", "typed on the shared screen")
    return session, (ana1, ana2, bo, nobody)


def test_items_added_in_the_private_phase_are_hidden_and_others_are_not(store, session, private_step):
    _, (ana1, ana2, bo, nobody) = private_step
    assert all(item.hidden for item in (ana1, ana2, bo, nobody))
    assert store.add_item(session.id, 3, "action", "another step").hidden is False
    store.set_phase(session.id, 2, "brainstorm")  # moved on without revealing: new items are visible
    assert store.add_item(session.id, 2, "action", "after").hidden is False


def test_everyone_sees_only_counts_and_each_author_their_own(store, private_step):
    session, (ana1, ana2, bo, nobody) = private_step
    shared = store.step_view(session.id, 2)
    assert [item.text for item in shared.items] == ["visible before"]
    assert shared.hidden_counts == {"Ana": 2, "Bo": 1, "": 1}
    for_ana = store.step_view(session.id, 2, viewer="Ana")
    assert {item.text for item in for_ana.items} == {"visible before", "Ana's secret", "Ana's tool"}
    assert for_ana.hidden_counts == shared.hidden_counts
    for_bo = store.step_view(session.id, 2, viewer="Bo")
    assert {item.text for item in for_bo.items} == {"visible before", "Bo's worry"}
    # Nobody is "" or a name that is nobody's: neither sees the anonymous hidden item.
    for viewer in ("", "  ", "ana", "Zoë"):
        assert [item.text for item in store.step_view(session.id, 2, viewer=viewer).items] == ["visible before"]
    assert [item.text for item in store.list_items(session.id)] == ["visible before"]
    data = store.session_data(session.id)
    assert [item.text for item in data.items] == ["visible before"] and data.hidden_counts == {2: 4}


def test_participants_edit_and_delete_their_own_hidden_items_and_nobody_votes_on_them(store, private_step):
    session, (ana1, ana2, bo, _) = private_step
    assert store.edit_own_item(session.id, ana1.id, "Ana", "Ana's better secret").hidden is True
    deleted = store.delete_own_item(session.id, ana2.id, "Ana")
    assert store.step_view(session.id, 2).hidden_counts == {"Ana": 1, "Bo": 1, "": 1}
    assert store.restore_item(deleted).hidden is True  # undo, still private
    with pytest.raises(NotAllowedError, match="your own"):
        store.delete_own_item(session.id, bo.id, "Ana")
    with pytest.raises(NotAllowedError, match="your own"):
        store.edit_own_item(session.id, bo.id, "Ana", "overwritten")
    store.set_phase(session.id, 2, "vote")
    before = store.step_view(session.id, 2, viewer="Bo")
    with pytest.raises(NotAllowedError, match="not revealed"):
        store.cast_own_vote(session.id, bo.id, "Bo")
    with pytest.raises(NotAllowedError, match="not revealed"):
        store.cast_vote(bo.id, "Ana")
    with pytest.raises(NotAllowedError, match="not revealed"):
        store.set_followup(bo.id, owner="Bo")
    visible = store.list_items(session.id, 2)[0]
    with pytest.raises(NotAllowedError, match="not revealed"):
        store.cluster_items([visible.id, bo.id])
    assert store.step_view(session.id, 2, viewer="Bo") == before
    assert store.list_votes(session.id) == []


def test_reveal_shows_everything_at_once_credited_after_what_was_visible(store, private_step):
    session, (ana1, ana2, bo, nobody) = private_step
    visible_before = store.list_items(session.id, 2)[0]
    assert store.reveal_step(session.id, 2) == 4
    view = store.step_view(session.id, 2)
    assert view.state.phase == "brainstorm" and view.hidden_counts == {}
    assert not any(item.hidden for item in view.items)
    by_text = {item.text: item for item in view.items}
    assert by_text["Ana's secret"].author == "Ana" and by_text["Bo's worry"].author == "Bo"
    assert by_text["typed on the shared screen"].author is None
    action = [item.text for item in view.items if item.column == "action"]
    assert action == ["visible before", "Ana's secret"]
    assert by_text["visible before"] == visible_before  # untouched
    assert store.session_data(session.id).hidden_counts == {}
    assert store.reveal_step(session.id, 2) == 0  # nothing left to reveal: a no-op
    store.set_phase(session.id, 2, "vote")
    assert store.cast_vote(by_text["Bo's worry"].id, "Ana").votes == 1


def test_an_anonymous_step_reveals_items_without_their_authors(store, private_step):
    session, (ana1, *_rest) = private_step
    assert store.set_step_anonymous(session.id, 2, True).anonymous is True
    assert store.step_states(session.id)[2].anonymous is True
    assert store.step_states(session.id)[2].phase == "private"  # the phase is kept
    # Before revealing, authors are kept (the author still edits their own items).
    assert store.edit_own_item(session.id, ana1.id, "Ana", "still mine").author == "Ana"
    store.reveal_step(session.id, 2)
    items = store.list_items(session.id, 2)
    assert {item.text: item.author for item in items} == {
        "visible before": "Bo",  # written visibly, before private writing: credited as it was
        "still mine": None, "Ana's tool": None, "Bo's worry": None, "typed on the shared screen": None,
    }
    with pytest.raises(NotAllowedError):  # truly anonymous: no longer anyone's to delete
        store.delete_own_item(session.id, ana1.id, "Ana")


def test_an_undone_delete_after_the_reveal_comes_back_visible(store, private_step):
    session, (ana1, *_rest) = private_step
    store.set_step_anonymous(session.id, 2, True)
    deleted = store.delete_own_item(session.id, ana1.id, "Ana")
    store.reveal_step(session.id, 2)
    restored = store.restore_item(deleted)
    assert restored.hidden is False and restored.author is None
    assert store.step_view(session.id, 2).hidden_counts == {}


def test_refusals_change_nothing(store, session, private_step):
    data = store.session_data(session.id)
    with pytest.raises(InvalidInputError):
        store.reveal_step(session.id, 99)
    with pytest.raises(NotFoundError):
        store.reveal_step(999, 1)
    with pytest.raises(InvalidInputError):
        store.set_step_anonymous(session.id, 0, True)
    with pytest.raises(InvalidInputError):
        store.step_view(session.id, 99, viewer="Ana")
    assert store.session_data(session.id) == data


def test_another_process_sees_a_reveal(store, session, private_step, location):
    with open_store(location) as other:
        token = other.change_token()
        assert other.step_view(session.id, 2).hidden_counts
        store.reveal_step(session.id, 2)
        assert other.change_token() != token
        assert other.step_view(session.id, 2).hidden_counts == {}
        assert len(other.step_view(session.id, 2).items) == 5


def test_import_session_keeps_the_new_fields_and_never_imports_hidden_items(store, session, private_step):
    from dataclasses import replace

    store.set_step_anonymous(session.id, 3, True)
    store.set_resume_point(session.id, column="tool", speaker="Bo")
    data = store.session_data(session.id)
    hidden_item = replace(data.items[0], id="f" * 32, text="smuggled", hidden=True)
    copy = store.import_session(replace(data, items=(*data.items, hidden_item)), title="Copy")
    assert (copy.speaker, copy.current_column) == ("Bo", "tool")
    assert store.step_states(copy.id)[3].anonymous is True
    assert store.step_states(copy.id)[2].phase == "private"
    imported = store.list_items(copy.id)
    assert not any(item.hidden for item in imported) and "smuggled" in {item.text for item in imported}


def test_the_fast_reads_give_a_viewer_what_the_orm_gives(store, private_step):
    """`step_view` reads tuples straight into Items (SQLite's cursor, PostgreSQL's Core): same Items."""
    from sqlmodel import select

    from workshop_tui.store.rows import to_item
    from workshop_tui.store.tables import ItemRow

    session, _ = private_step
    with store._read() as db:
        rows = db.exec(select(ItemRow).where(ItemRow.session_id == session.id, ItemRow.step == 2)).all()
        through_orm = {row.id: to_item(row) for row in rows}
    for viewer in (None, "Ana", "Bo"):
        items = store.step_view(session.id, 2, viewer=viewer).items
        expected = {i for i, item in through_orm.items() if not item.hidden or (viewer and item.author == viewer)}
        assert {item.id for item in items} == expected
        assert all(item == through_orm[item.id] for item in items)
        assert all(type(item.hidden) is bool for item in items)
