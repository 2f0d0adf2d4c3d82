"""Importing json: exact restore, tolerance for later versions, refusal of wrong types and values."""

from __future__ import annotations

import copy
import json

import pytest

from workshop_tui.export import ImportFormatError, import_text

ITEM = {"id": "a" * 32, "step": 2, "column": "tool", "text": "Slides", "author": "Ana", "position": 0,
        "votes": 2, "created_at": "2026-11-26T10:00:00.000000+00:00",
        "updated_at": "2026-11-26T10:05:00.000000+00:00", "session_id": 7}
VALID = {
    "format": "workshop-tui/session",
    "version": 1,
    "session": {"id": 7, "title": "Berlin", "template_id": "8-steps-partnership", "event": "WMCON",
                "place": "Berlin", "date": "2015-05-15", "facilitator": "Anne", "step_count": 8,
                "current_step": 3, "created_at": "2026-11-26T09:00:00+00:00", "updated_at": "",
                "item_count": 1, "participants": ["Ana", "Bo"]},
    "items": [ITEM],
}


def load(catalog, payload):
    return import_text(json.dumps(payload), catalog)


def changed(path: str, value, *, delete: bool = False) -> dict:
    payload = copy.deepcopy(VALID)
    *parents, key = path.split(".")
    target = payload
    for parent in parents:
        target = target[int(parent)] if isinstance(target, list) else target[parent]
    index = int(key) if isinstance(target, list) else key
    if delete:
        del target[index]
    else:
        target[index] = value
    return payload


def test_a_valid_file_is_restored_exactly(catalog):
    data = load(catalog, VALID)
    assert data.info.id == 0 and data.info.title == "Berlin" and data.info.current_step == 3
    assert data.info.participants == ("Ana", "Bo") and data.info.item_count == 1
    item = data.items[0]
    assert (item.id, item.step, item.column, item.text, item.author, item.votes, item.created_at, item.updated_at,
            item.session_id) == ("a" * 32, 2, "tool", "Slides", "Ana", 2, ITEM["created_at"], ITEM["updated_at"], 0)


def test_later_versions_and_unknown_keys_are_tolerated(catalog):
    payload = changed("version", 3)
    payload["clusters"] = [{"name": "x"}]
    payload["session"]["timers"] = {"step": 3}
    payload["items"][0]["vote_records"] = ["Ana", "Bo"]
    assert load(catalog, payload).items[0].text == "Slides"


def test_missing_optional_keys_take_defaults(catalog):
    payload = {"format": "workshop-tui/session", "session": {},
               "items": [{"step": 9, "column": "action", "text": "late"}, {"step": 1, "column": "tool", "text": "t"}]}
    data = load(catalog, payload)
    assert data.info.title == "Imported session" and data.info.template_id == catalog.default.id
    assert data.info.step_count == 9 and data.info.current_step == 1
    assert (data.info.votes_per_participant, data.info.participants_follow) == (3, True)
    assert data.votes == () and data.step_states == () and not data.items[0].followup
    assert [(i.step, i.text, i.author, i.votes, len(i.id)) for i in data.items] == [(1, "t", None, 0, 32), (9, "late", None, 0, 32)]
    assert load(catalog, {"format": "workshop-tui/session", "session": {"title": "Empty"}}).items == ()


def test_votes_and_step_states_are_read(catalog):
    payload = changed("votes", [{"id": "v1", "item_id": "a" * 32, "participant": " Bo ", "created_at": ""}])
    payload["step_states"] = [{"step": 2, "phase": "discuss", "planned_seconds": None, "spent_seconds": 61,
                               "running_since": "2026-11-26T10:00:00+00:00", "future": 1}]
    data = load(catalog, payload)
    assert [(v.id, v.item_id, v.participant) for v in data.votes] == [("v1", "a" * 32, "Bo")]
    state = data.step_state(2)
    assert (state.phase, state.planned_seconds, state.extra_seconds, state.spent_seconds, state.running_since) == (
        "discuss", None, 0, 61.0, "2026-11-26T10:00:00+00:00")


def test_nulls_count_as_missing(catalog):
    data = load(catalog, changed("items.0.author", None))
    assert data.items[0].author is None
    assert load(catalog, changed("session.event", None)).info.event == ""


def test_text_is_cleaned_as_the_store_cleans_it(catalog):
    data = load(catalog, changed("items.0.text", "\n\x1b[31mred\x07\r\nline\n"))
    assert data.items[0].text == "[31mred\nline"
    assert load(catalog, changed("session.title", "  Two\n lines\x1b ")).info.title == "Two lines"


@pytest.mark.parametrize(
    "payload, message",
    [
        ([1, 2], "not a workshop-tui json export"),
        ({"format": "other"}, "not a workshop-tui json export"),
        ("just a string", "not a workshop-tui json export"),
        (changed("version", "1"), '"version" should be a whole number'),
        (changed("version", 0), '"version" is 0, outside 1-'),
        (changed("session", [1]), '"session" should be an object'),
        (changed("session", None, delete=True), '"session" is missing'),
        (changed("items", {"a": 1}), '"items" should be a list'),
        (changed("items.0", "text"), "item 1: expected an object"),
        (changed("session.title", 5), 'session: "title" should be text, not the number'),
        (changed("session.step_count", 0), '"step_count" is 0, outside 1-50'),
        (changed("session.step_count", 51), "outside 1-50"),
        (changed("session.step_count", 1), "an item is in step 2, but the session has 1 steps"),
        (changed("session.step_count", 8.0), '"step_count" should be a whole number'),
        (changed("session.current_step", 9), '"current_step" is 9, outside 1-8'),
        (changed("session.current_step", True), "should be a whole number, not true/false"),
        (changed("session.participants", "Ana"), '"participants" should be a list'),
        (changed("session.participants", ["Ana", 3]), "should be a list of texts"),
        (changed("session.created_at", "yesterday"), "is not an ISO 8601 time"),
        (changed("items.0.step", 0), 'item 1: "step" is 0, outside 1-50'),
        (changed("items.0.step", None, delete=True), 'item 1: "step" is missing'),
        (changed("items.0.column", "ideas"), "item 1: the column 'ideas' is not one of action, obstacle, tool"),
        (changed("items.0.column", None, delete=True), 'item 1: "column" is missing'),
        (changed("items.0.text", "  \n "), "item 1: an item needs some text"),
        (changed("items.0.text", None, delete=True), 'item 1: "text" is missing'),
        (changed("items.0.text", "x" * 10_001), "at most 10,000 characters"),
        (changed("items.0.text", ["list"]), '"text" should be text, not a list'),
        (changed("items.0.votes", -1), '"votes" is -1, outside 0-'),
        (changed("items.0.votes", 2**31), "outside 0-2147483647"),
        (changed("items.0.position", "0"), '"position" should be a whole number'),
        (changed("items.0.id", "../../etc"), "the id '../../etc' is not 1-32 letters"),
        (changed("items.0.id", "x" * 33), "is not 1-32 letters"),
        (changed("items.0.author", 1), '"author" should be text'),
        (changed("items.0.updated_at", "2026-13-45"), "is not an ISO 8601 time"),
        (changed("items.0.followup", "yes"), '"followup" should be true or false'),
        (changed("items.0.cluster_id", "a b"), "the cluster_id 'a b' is not 1-32 letters"),
        (changed("items", [ITEM, ITEM]), "the file holds the item id 'aaaa"),
        (changed("session.votes_per_participant", 51), '"votes_per_participant" is 51, outside 0-50'),
        (changed("session.participants_follow", 1), '"participants_follow" should be true or false'),
        (changed("votes", [{"item_id": "b" * 32, "participant": "Ana"}]), "vote 1: it is for item 'bbbb"),
        (changed("votes", [{"item_id": "a" * 32, "participant": " "}]), 'vote 1: "participant" is empty'),
        (changed("votes", [{"item_id": "a" * 32}]), 'vote 1: "participant" is missing'),
        (changed("votes", [{"id": "v", "item_id": "a" * 32, "participant": "A"}] * 2), "the file holds the vote id 'v' twice"),
        (changed("step_states", [{"step": 2, "phase": "dance"}]), "the phase 'dance' is not one of private, brainstorm"),
        (changed("step_states", [{"step": 9}]), 'step state 1: "step" is 9, outside 1-8'),
        (changed("step_states", [{"step": 2}, {"step": 2}]), "the file holds two step states for step 2"),
        (changed("step_states", [{"step": 2, "spent_seconds": -1}]), '"spent_seconds" is -1, outside 0-'),
        (changed("step_states", [{"step": 2, "planned_seconds": 1.5}]), '"planned_seconds" should be a whole number'),
        (changed("step_states", [{"step": 2, "running_since": "now"}]), "is not an ISO 8601 time"),
        (changed("step_states", "none"), '"step_states" should be a list'),
    ],
)
def test_wrong_types_and_values_are_refused_in_one_line(catalog, payload, message):
    with pytest.raises(ImportFormatError) as error:
        import_text(json.dumps(payload), catalog, fmt="json")
    assert message in str(error.value) and "\n" not in str(error.value)


@pytest.mark.parametrize(
    "text, message",
    [
        ('{"format": "workshop-tui/session", "session": {', "not valid json"),
        ('{"format": "workshop-tui/session", "session": {"title": "\\ud800"}}', "lone surrogate"),
        ('{"format": "workshop-tui/session", "session": {}, "items": [{"step": 1' + "0" * 5000 + "}]}",
         "not valid json"),
        ('{"format": "workshop-tui/session", "session": {"step_count": NaN}}', "should be a whole number"),
        ('{"format": "workshop-tui/session", "session": {"step_count": 1e999}}', "should be a whole number"),
        ('{"format": "workshop-tui/session", "x": ' + "[" * 100_000 + "]" * 100_000 + "}", "not valid json"),
    ],
)
def test_broken_and_hostile_json_is_refused(catalog, text, message):
    with pytest.raises(ImportFormatError, match=message):
        import_text(text, catalog)
