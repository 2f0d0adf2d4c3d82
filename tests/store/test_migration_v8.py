"""Schema 8 (a step's own dots): a schema-7 store migrates after a backup, every step of its
sessions votes with the session's dots (no step has its own), every export of them is
byte-identical to what schema 7 wrote, and a step given its own dots keeps them apart from the
session's and from every other step's.

`tests/data/store_v7/store_v7.sql` is a real schema-7 store and `session*.{wiki,csv,md,json}`
its exports, all written by workshop-tui d7b5627 (`tests/data/store_v7/make.py` says how).
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from helpers.old_stores import EXPORTED_AT, backed_up_version, export_now_and_then, old_store_folder, open_old_store

from workshop_tui.content import load_catalog
from workshop_tui.export import FORMATS, export_text, import_text
from workshop_tui.model import step_dots
from workshop_tui.store import InvalidInputError, migrations

DATA = old_store_folder(7)


@pytest.fixture
def migrated(tmp_path):
    store = open_old_store(7, tmp_path)
    yield store
    store.close()


def test_the_store_is_backed_up_and_migrated(migrated):
    assert migrations.SCHEMA_VERSION == 8
    assert backed_up_version(migrated) == "7"
    for info in migrated.list_sessions():
        assert all(state.dots is None for state in migrated.step_states(info.id).values())


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("session_id", [1, 2])
def test_every_export_is_byte_identical_to_schema_7s(migrated, fmt, session_id):
    now, then = export_now_and_then(migrated, 7, session_id, fmt)
    assert now == then


def test_a_french_session_of_a_template_translated_since_exports_in_french_now(migrated):
    data = migrated.session_data(1)
    assert (data.info.template_id, data.info.language) == ("swot", "fr")
    text = export_text(data, load_catalog().for_session(data.info), "markdown", now=EXPORTED_AT)
    assert "*Analyse SWOT*" in text and "*SWOT analysis*" not in text


def test_older_steps_vote_with_the_sessions_dots(migrated):
    assert migrated.get_session(1).votes_per_participant == 5  # what schema 7's step screen left
    assert migrated.votes_left(1, 1, "Bo") == 1 and migrated.votes_left(1, 2, "Bo") == 5


def test_a_steps_own_dots_leave_the_session_and_the_other_steps_alone(migrated):
    migrated.set_votes_per_participant(1, 3)
    state = migrated.set_step_dots(1, 2, 2)
    assert (state.step, state.dots) == (2, 2)
    info = migrated.get_session(1)
    assert info.votes_per_participant == 3  # the session's, untouched
    assert [step_dots(info, s) for s in migrated.step_states(1).values()] == [3, 2, 3, 3, 3]
    assert migrated.votes_left(1, 2, "Cy") == 2 and migrated.votes_left(1, 3, "Cy") == 3
    item = migrated.add_item(1, 2, "weakness", "Old tools")
    migrated.set_phase(1, 2, "vote")
    migrated.cast_vote(item.id, "Cy")
    migrated.cast_own_vote(1, item.id, "Cy")  # a participant's own dot follows the same rule
    with pytest.raises(InvalidInputError, match="all 2 votes in step 2"):
        migrated.cast_vote(item.id, "Cy")
    migrated.set_step_dots(1, 2, None)  # back to the session's
    assert migrated.votes_left(1, 2, "Cy") == 1
    with pytest.raises(InvalidInputError, match="0 to 50"):
        migrated.set_step_dots(1, 2, 51)


def test_a_steps_own_dots_go_through_json_and_merge(migrated):
    catalog = load_catalog()
    migrated.set_step_dots(1, 3, 4)
    data = migrated.session_data(1)
    text = export_text(data, catalog.for_session(data.info), "json", now=EXPORTED_AT)
    states = {state["step"]: state for state in json.loads(text)["step_states"]}
    assert states[3]["dots"] == 4 and "dots" not in states[1]  # only a step that has its own
    restored = migrated.import_session(import_text(text, catalog))
    assert {n: s.dots for n, s in migrated.step_states(restored.id).items()} == {1: None, 2: None, 3: 4, 4: None, 5: None}
    bad = text.replace('"dots": 4', '"dots": 99')
    with pytest.raises(Exception, match='"dots" is 99, outside 0-50'):
        import_text(bad, catalog)


def test_merging_keeps_a_steps_own_dots():
    from workshop_tui.merge import merge_sessions
    from workshop_tui.model import SessionData, SessionInfo, StepState

    info = SessionInfo(id=0, title="A", template_id="swot", step_count=2)
    first = SessionData(info=info, step_states=(StepState(step=1, dots=2),))
    second = SessionData(info=replace(info, title="B"), step_states=(StepState(step=1, dots=4), StepState(step=2, dots=1)))
    merged = merge_sessions(first, second, title="A+B", now=EXPORTED_AT)
    assert {state.step: state.dots for state in merged.step_states} == {1: 4, 2: 1}
