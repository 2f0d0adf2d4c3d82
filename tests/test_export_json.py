"""The json export: every field of the session and its items, enough to restore it exactly."""

from __future__ import annotations

import json
from dataclasses import fields, replace

from workshop_tui.export import export_text, import_text
from workshop_tui.model import Item, SessionInfo


def test_it_holds_every_field(store, session, catalog):
    store.add_item(session.id, 1, "action", "Ask why", author="Ana")
    store.add_item(session.id, 3, "tool", "😀 a wiki\npage")
    data = store.session_data(session.id)
    payload = json.loads(export_text(data, catalog.default, "json"))
    assert payload["format"] == "workshop-tui/session" and payload["version"] == 1
    # `columns` only for a shape other than the 8 steps' (a file from before templates had one reads as it did)
    assert set(payload["session"]) == {f.name for f in fields(SessionInfo)} - {"columns"}
    assert payload["session"]["participants"] == ["Ana", "Bo"]
    assert [set(item) for item in payload["items"]] == [{f.name for f in fields(Item)}] * 2
    assert payload["votes"] == [] and payload["step_states"] == []
    assert payload["items"][1]["text"] == "😀 a wiki\npage"


def test_a_store_session_is_restored_exactly(store, session, catalog):
    first = store.add_item(session.id, 1, "action", "Ask why", author="Ana")
    second = store.add_item(session.id, 1, "action", "Then listen")
    third = store.add_item(session.id, 2, "tool", "Slides", author="Bo")
    store.move_item(first.id, 1)
    store.set_current_step(session.id, 4)
    store.cluster_items([first.id, second.id])
    store.cast_vote(third.id, "Ana")
    store.cast_vote(first.id, "Bo")
    store.set_followup(third.id, owner="Bo", due="2026-12-01")
    store.set_phase(session.id, 2, "vote")
    store.set_planned_seconds(session.id, 2, 600)
    store.set_votes_per_participant(session.id, 5)
    store.set_participants_follow(session.id, False)
    data = store.session_data(session.id)
    back = import_text(export_text(data, catalog.default, "json"), catalog)
    assert back.info == replace(data.info, id=0)
    assert back.items == tuple(replace(item, session_id=0) for item in data.items)
    assert back.votes == data.votes and len(back.votes) == 2
    assert back.step_states == data.step_states and back.step_state(2).phase == "vote"
    restored = store.session_data(store.import_session(back).id)
    key = lambda d: [(i.step, i.column, i.position, i.text, i.author, i.votes, i.followup, i.owner, i.due,
                      i.cluster_id is not None) for i in d.items]
    assert key(restored) == key(data)
    assert [(v.participant, v.created_at) for v in restored.votes] == [
        (v.participant, v.created_at) for v in data.votes]
    assert restored.step_states == data.step_states
    assert (restored.info.votes_per_participant, restored.info.participants_follow) == (5, False)


def test_the_text_is_readable_utf8(catalog, template):
    from test_export_wikitext import session_of

    text = export_text(session_of(template, [(1, "tool", "Prévost 😀", None)]), template, "json")
    assert "Prévost 😀" in text and text.endswith("}\n")
    empty = session_of(template, [])
    assert export_text(empty, template, "json") == export_text(empty, template, "json")  # no export time in it
