"""The history: every change to an item recorded once, with who and when, in the change's own
transaction; the session at any recorded moment is exactly what it held then."""

from __future__ import annotations

from dataclasses import replace

from workshop_tui.export import export_text
from workshop_tui.store import open_store


def new_session(store, template):
    return store.create_session("History", template_id=template.id, step_count=template.step_count,
                                facilitator="Anne-Laure", participants=["Ana", "Bo"])


def kinds(store, session_id):
    return [(entry.kind, entry.who) for entry in store.history(session_id)]


def test_each_kind_of_change_is_recorded_once_with_who(store, template):
    info = new_session(store, template)
    a = store.add_item(info.id, 1, "action", "List WHY", author="Ana", by="Ana")
    b = store.add_item(info.id, 1, "action", "Ask around")
    c = store.add_item(info.id, 1, "action", "Third")
    store.edit_item(a.id, "List WHY we need a partner", by="Anne-Laure")
    store.set_author(b.id, "Bo")
    store.move_item(c.id, -2, by="Anne-Laure")
    deleted = store.delete_item(b.id)
    store.restore_item(deleted)
    store.cluster_items([a.id, b.id])
    store.split_cluster(a.id)
    store.cast_vote(a.id, "Bo")
    store.withdraw_vote(a.id, "Bo")
    store.set_followup(a.id, owner="Ana", due="2026-12-15")
    store.clear_followup(a.id)
    store.edit_own_item(info.id, a.id, "Ana", "List WHY, by Ana")
    store.delete_own_item(info.id, a.id, "Ana")

    assert kinds(store, info.id) == [
        ("added", "Ana"), ("added", None), ("added", None),
        ("edited", "Anne-Laure"), ("author", None), ("moved", "Anne-Laure"),
        ("deleted", None), ("restored", None),
        ("clustered", None), ("clustered", None), ("split", None), ("split", None),
        ("voted", "Bo"), ("unvoted", "Bo"), ("followup", None), ("unfollowup", None),
        ("edited", "Ana"), ("deleted", "Ana"),
    ]
    entries = store.history(info.id)
    assert entries[3].detail == {"was": "List WHY"} and entries[3].text == "List WHY we need a partner"
    assert entries[12].detail["participant"] == "Bo"
    assert [e.at for e in entries] == sorted(e.at for e in entries)
    # Nothing that changes nothing is recorded: an edit to the same text, a follow-up cleared twice.
    store.edit_item(c.id, "Third")
    store.clear_followup(c.id)
    assert len(store.history(info.id)) == len(entries)


def test_the_session_at_each_recorded_moment_is_what_it_held_then(store, template, catalog):
    info = new_session(store, template)
    held = []  # (moment, session data) after each change

    def after(change):
        change()
        held.append((store.history(info.id)[-1].at, store.session_data(info.id)))

    items = []
    after(lambda: items.append(store.add_item(info.id, 1, "action", "First", author="Ana")))
    after(lambda: items.append(store.add_item(info.id, 1, "action", "Second | pipe", author="Bo")))
    after(lambda: items.append(store.add_item(info.id, 2, "tool", "Blog post")))
    after(lambda: store.edit_item(items[0].id, "First, reworded"))
    after(lambda: store.move_item(items[1].id, -1))
    after(lambda: store.cluster_items([items[0].id, items[1].id]))
    after(lambda: store.set_phase(info.id, 1, "vote"))  # not an item change: no moment of its own
    held.pop()
    after(lambda: store.cast_vote(items[0].id, "Bo"))
    after(lambda: store.set_followup(items[2].id, owner="Ana", due="2026-12-15"))
    deleted = []
    after(lambda: deleted.append(store.delete_item(items[2].id)))
    after(lambda: store.restore_item(deleted[0]))
    after(lambda: store.delete_item(items[0].id))

    assert len(store.history_moments(info.id)) == len(held)
    for moment, then in held:
        at = store.session_data_at(info.id, moment)
        assert at.items == then.items, moment
        assert sorted(at.votes, key=lambda v: v.id) == sorted(
            (replace(v, created_at=v.created_at) for v in then.votes), key=lambda v: v.id)
        plain = replace(then, step_states=at.step_states)  # timers are not part of the history
        for fmt in ("csv", "wikitext", "markdown"):
            assert export_text(at, template, fmt) == export_text(plain, template, fmt)
    before_anything = store.session_data_at(info.id, "2000-01-01T00:00:00.000000+00:00")
    assert before_anything.items == ()


def test_private_items_stay_private_in_the_history_and_anonymous_ones_lose_their_author(store, template):
    info = new_session(store, template)
    store.set_phase(info.id, 2, "private")
    secret = store.add_item(info.id, 2, "obstacle", "My secret worry", author="Ana", by="Ana")
    entry = store.history(info.id)[-1]
    assert entry.private and entry.text == "" and entry.kind == "added"
    moment = entry.at
    assert store.session_data_at(info.id, moment).items == ()
    assert store.session_data_at(info.id, moment).hidden_counts == {2: 1}

    store.reveal_step(info.id, 2, anonymous=True)
    entries = store.history(info.id)
    assert [(e.kind, e.who) for e in entries] == [("added", None), ("revealed", None)]
    assert entries[0].private and not entries[1].private and entries[1].text == "My secret worry"
    later = store.session_data_at(info.id, entries[-1].at)
    assert [(i.id, i.text, i.author) for i in later.items] == [(secret.id, "My secret worry", None)]
    # Not even the moment it was written keeps Ana's name.
    assert store.session_data_at(info.id, moment).hidden_counts == {2: 1}


def test_an_imported_session_starts_its_history_when_imported(store, template, catalog):
    info = new_session(store, template)
    store.add_item(info.id, 1, "action", "Kept", author="Ana")
    copy = store.import_session(store.session_data(info.id), title="Copy")
    entries = store.history(copy.id)
    assert [(e.kind, e.text, e.detail) for e in entries] == [("added", "Kept", {"imported": True})]
    assert store.session_data_at(copy.id, entries[0].at).items == store.session_data(copy.id).items


def test_deleting_a_session_deletes_its_history(store, template):
    info = new_session(store, template)
    store.add_item(info.id, 1, "action", "Gone soon")
    store.delete_session(info.id)
    other = new_session(store, template)
    assert store.history(other.id) == []


def test_an_older_store_gets_a_history_of_what_it_holds(backend, location):
    from test_migration_v3 import _make_v2_store

    _make_v2_store(location, backend)
    with open_store(location) as store:
        info = store.find_session("Wikimania 2015 follow-up")
        entries = store.history(info.id)
        items = store.session_data(info.id).items
        assert sorted(e.item_id for e in entries) == sorted(i.id for i in items)
        assert {(e.kind, e.who, tuple(e.detail)) for e in entries} == {("added", None, ("before_history",))}
        latest = max(e.at for e in entries)
        assert store.session_data_at(info.id, latest).items == items
