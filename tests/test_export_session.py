"""A scripted eight-step session, run through the real store with the clock injected: timers,
phases, clusters, dot votes and follow-ups. Its wikitext, csv and json exports carry all of it,
each reads back, and the json import restores the session field by field (ids apart)."""

from __future__ import annotations

import csv
import io
from dataclasses import fields, replace
from datetime import timedelta

import pytest
from test_export_wikitext import (
    NOW,
    expected_bullets,
    expected_followups,
    rendered_followups,
    rendered_table,
)
from test_import_roundtrip import clusters_of, facilitation_key, shown, times_of

from workshop_tui.export import export_text, import_text
from workshop_tui.export.wording import format_duration
from workshop_tui.model import COLUMNS, SessionData

# Per step: (column, text, author) brainstormed, what is clustered, who votes on what, follow-ups.
SCRIPT = {
    1: [("action", "Identify WHY you need to partner", "Ana"), ("action", "Map the organisations | who does what", "Bo"),
        ("obstacle", "Lack of time", None), ("obstacle", "No time, really", "Cyd"), ("tool", "[[Grants]] pages", None)],
    2: [("action", "Meet the people in charge", "Ana"), ("obstacle", "Different cultures", "Bo"),
        ("tool", "Presentation {{of}} the movement", "Cyd")],
    3: [("action", "Find a win-win", "Ana"), ("action", "Write it down", None), ("obstacle", "Diverging goals", "Bo")],
    4: [("action", "Project team on both sides", "Cyd"), ("tool", "''Project charter'' template", None)],
    5: [("action", "Sign the agreement", "Ana"), ("action", "Share the plan\nwith everyone", "Bo"),
        ("action", "=Budget the plan", None), ("obstacle", "Legal review takes ~~~~ weeks", "Cyd")],
    6: [("action", "Announce it on the blog", "Bo"), ("tool", "Mailing list & <b>newsletter</b>", None)],
    7: [("action", "Evaluate against the goals", "Ana"), ("obstacle", "No baseline", None)],
    8: [("action", "Run a retrospective", "Cyd"), ("action", "Plan the next project", "Ana"),
        ("tool", "A wiki page", "Bo")],
}
CLUSTERS = {1: [("Lack of time", "No time, really")], 3: [("Find a win-win", "Write it down")],
            5: [("Sign the agreement", "Share the plan\nwith everyone")]}
VOTES = {1: [("Ana", "Identify WHY you need to partner"), ("Bo", "Lack of time"), ("Cyd", "No time, really"),
             ("Cyd", "Identify WHY you need to partner")],
         5: [("Ana", "Sign the agreement"), ("Bo", "Sign the agreement"), ("Cyd", "=Budget the plan"),
             ("Ana", "Share the plan\nwith everyone"), ("Bo", "Legal review takes ~~~~ weeks")],
         8: [("Ana", "Plan the next project"), ("Bo", "Plan the next project"), ("Cyd", "Run a retrospective")]}
FOLLOWUPS = {"Sign the agreement": ("Ana | Legal", "2026-12-15"), "=Budget the plan": ("Bo, Jr", "2027-01-31"),
             "Plan the next project": ("Cyd", ""), "Run a retrospective": (None, "2027-03-01")}
MINUTES = {1: 17, 2: 9, 3: 15, 4: 12, 5: 22, 6: 10, 7: 8, 8: 6}  # step 8's timer still runs at NOW
START = NOW - timedelta(minutes=sum(MINUTES.values()))


def run_workshop(store, session) -> SessionData:
    """The workshop as the facilitator runs it, every step through its four phases."""
    store.add_participant(session.id, "Cyd")
    store.set_votes_per_participant(session.id, 2)
    store.set_participants_follow(session.id, False)
    clock = START
    for step, entries in SCRIPT.items():
        store.set_current_step(session.id, step)
        store.start_timer(session.id, step, now=clock)
        ids = {text: store.add_item(session.id, step, column, text, author=author).id for column, text, author in entries}
        store.set_phase(session.id, step, "cluster")
        for group in CLUSTERS.get(step, []):
            store.cluster_items([ids[text] for text in group])
        store.set_phase(session.id, step, "vote")
        for voter, text in VOTES.get(step, []):
            store.cast_vote(ids[text], voter)
        store.set_phase(session.id, step, "discuss")
        for text, (owner, due) in FOLLOWUPS.items():
            if text in ids:
                store.set_followup(ids[text], owner=owner, due=due)
        if step == 5:
            store.extend_timer(session.id, step, 300)
        if step == 2:
            store.set_planned_seconds(session.id, step, 8 * 60)
        clock += timedelta(minutes=MINUTES[step])
        if step < 8:
            store.pause_timer(session.id, step, now=clock)
    assert clock == NOW
    store.withdraw_vote(ids["Run a retrospective"], "Cyd")  # changed her mind
    return store.session_data(session.id)


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory):
    """One store for this module's tests: running the workshop once keeps them fast."""
    from workshop_tui.store import open_store

    opened = open_store(tmp_path_factory.mktemp("workshop") / "test.db")
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def workshop(shared_store, catalog):
    template = catalog.default
    session = shared_store.create_session("Partnership workshop", template_id=template.id,
                                          step_count=template.step_count, facilitator="Anne-Laure",
                                          participants=["Ana", "Bo"], event="Wikimania", date="2026-11-26")
    return run_workshop(shared_store, session)


@pytest.fixture
def store(shared_store):
    return shared_store


def test_the_script_ran_as_written(workshop):
    data = workshop
    assert len(data.items) == sum(len(entries) for entries in SCRIPT.values()) and len(data.votes) == 11
    assert {state.step: state.phase for state in data.step_states} == {n: "discuss" for n in range(1, 9)}
    assert data.step_state(8).running_since == (NOW - timedelta(minutes=6)).isoformat()
    assert sum(1 for item in data.items if item.followup) == 4
    assert len({item.cluster_id for item in data.items if item.cluster_id}) == 3


def test_wikitext_carries_everything_and_reads_back(workshop, catalog, store):
    template = catalog.default
    page = export_text(workshop, template, "wikitext", now=NOW)
    _, rows = rendered_table(page)  # the real parser: every typed text, owner and due date as typed
    for step, (label, columns) in enumerate(rows, start=1):
        planned = {2: 8, 5: template.step(5).timebox_minutes + 5}.get(step, template.step(step).timebox_minutes)
        assert label.split("\n")[-1] == f"Timebox {planned} min · spent {MINUTES[step]} min"
        for key in COLUMNS:
            assert columns[key] == expected_bullets(workshop.items_for(step, key))
    assert rendered_followups(page) == expected_followups(workshop) == [
        "☐ Sign the agreement — owner: Ana | Legal, due 2026-12-15 (step 5)",
        "☐ =Budget the plan — owner: Bo, Jr, due 2027-01-31 (step 5)",
        "☐ Plan the next project — owner: Cyd (step 8)",
        "☐ Run a retrospective — due 2027-03-01 (step 8)"]
    assert '* <span class="cluster">\'\'\'Cluster of 2 items\'\'\'</span> <small class="votes">(3 votes)</small>' in page
    back = import_text(page, catalog)
    items, clusters = shown(workshop)
    assert [facilitation_key(item) for item in back.items] == items
    assert clusters_of(back) == clusters and len(clusters) == 3
    assert times_of(back, template) == times_of(workshop, template)
    assert (back.info.title, back.info.facilitator, back.info.participants) == (
        workshop.info.title, workshop.info.facilitator, workshop.info.participants)
    restored = store.session_data(store.import_session(back).id)
    assert [facilitation_key(item) for item in restored.items] == items and clusters_of(restored) == clusters


def test_csv_carries_everything_and_reads_back(workshop, catalog):
    text = export_text(workshop, catalog.default, "csv", now=NOW)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == len(workshop.items)
    sign = next(row for row in rows if row["text"] == "Sign the agreement")
    assert (sign["votes"], sign["cluster"], sign["followup"], sign["owner"], sign["due"]) == (
        "2", "3", "yes", "Ana | Legal", "2026-12-15")
    assert (sign["step_phase"], sign["step_planned_minutes"], sign["step_spent_minutes"]) == ("discuss", "20", "22")
    assert next(row for row in rows if row["text"] == "'=Budget the plan")["owner"] == "Bo, Jr"
    assert {row["step_spent_minutes"] for row in rows if row["step"] == "8"} == {"6"}  # the running timer, to NOW
    assert sorted({row["cluster"] for row in rows}) == ["", "1", "2", "3"]
    back = import_text(text, catalog)
    assert [facilitation_key(item) for item in back.items] == [facilitation_key(item) for item in workshop.items]
    assert clusters_of(back) == clusters_of(workshop)
    assert times_of(back, catalog.default) == times_of(workshop, catalog.default)
    assert [back.step_state(n).phase for n in range(1, 9)] == ["discuss"] * 8


def test_markdown_carries_everything(workshop, catalog):
    page = export_text(workshop, catalog.default, "markdown", now=NOW)
    assert "*Timebox 20 min · spent 22 min*" in page and "*Timebox 8 min · spent 9 min*" in page
    # A cluster's votes once, on the cluster (its members' 2 + 1), none on the members.
    assert "- **Cluster of 2 items** (3 votes)\n  - Sign the agreement — *Ana* (follow-up, owner: Ana " in page
    assert "- [ ] \\=Budget the plan — owner: Bo, Jr, due 2027\\-01\\-31 (step 5)" in page


def test_json_import_restores_the_session_field_by_field(workshop, catalog, store):
    text = export_text(workshop, catalog.default, "json", now=NOW)
    restored = store.session_data(store.import_session(import_text(text, catalog)).id)
    assert restored.info.id != workshop.info.id
    for name in (f.name for f in fields(restored.info)):
        if name not in ("id", "updated_at"):  # an import is a change: the store stamps it
            assert getattr(restored.info, name) == getattr(workshop.info, name), name
    assert len(restored.items) == len(workshop.items)
    for before, after in zip(workshop.items, restored.items):
        for name in (f.name for f in fields(after)):
            if name not in ("id", "session_id"):
                assert getattr(after, name) == getattr(before, name), (before.text, name)
    place = {item.id: (item.step, item.column, item.position) for item in (*workshop.items, *restored.items)}
    vote_key = lambda data: [(place[v.item_id], v.participant, v.created_at) for v in data.votes]  # noqa: E731
    assert vote_key(restored) == vote_key(workshop) and len(restored.votes) == 11
    assert restored.step_states == workshop.step_states  # step 8's timer still runs, from the same moment


def test_the_json_export_of_a_running_timer_does_not_depend_on_now(workshop, catalog):
    assert export_text(workshop, catalog.default, "json", now=NOW) == export_text(
        workshop, catalog.default, "json", now=NOW + timedelta(hours=1))
    later = export_text(workshop, catalog.default, "wikitext", now=NOW + timedelta(minutes=30))
    assert f"spent {format_duration(36 * 60)}" in later


def test_a_vote_with_no_participant_left_is_still_restored(workshop, catalog, store):
    """Removing a participant keeps their votes; the import lists them again (it knows no better)."""
    gone = replace(workshop, info=replace(workshop.info, participants=("Ana", "Bo")))
    restored = store.session_data(store.import_session(import_text(export_text(gone, catalog.default, "json"),
                                                                   catalog)).id)
    assert len(restored.votes) == 11 and restored.info.participants == ("Ana", "Bo", "Cyd")
