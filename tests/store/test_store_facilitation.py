"""Phases, timeboxes, clusters, dot votes, follow-ups and presence in the store."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from workshop_tui import timebox
from workshop_tui.store import InvalidInputError, open_store

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)


def test_phases_move_and_are_remembered(store, session):
    assert store.step_states(session.id)[2].phase == "brainstorm"
    assert store.set_phase(session.id, 2, "vote").phase == "vote"
    assert store.step_states(session.id)[2].phase == "vote"
    assert store.step_states(session.id)[3].phase == "brainstorm"
    with pytest.raises(InvalidInputError, match="unknown phase"):
        store.set_phase(session.id, 2, "party")
    with pytest.raises(InvalidInputError):
        store.set_phase(session.id, 9, "vote")


def test_timer_start_pause_extend_with_an_injected_clock(store, session):
    store.start_timer(session.id, 1, now=T0)
    state = store.pause_timer(session.id, 1, now=T0 + timedelta(minutes=4))
    assert state.spent_seconds == 240 and state.running_since is None
    store.extend_timer(session.id, 1, 300)
    store.start_timer(session.id, 1, now=T0 + timedelta(minutes=10))
    state = store.step_states(session.id)[1]
    later = T0 + timedelta(minutes=12)
    assert timebox.spent_seconds(state, later) == 360
    assert timebox.planned_seconds(state, 15) == 20 * 60
    assert timebox.remaining_seconds(state, 15, later) == 14 * 60
    assert timebox.remaining_seconds(state, 15, T0 + timedelta(minutes=40)) < 0


def test_the_timer_follows_the_facilitator_and_only_one_runs(store, session):
    assert store.carry_timer(session.id, 2, now=T0) == []  # no timer running: nothing starts
    assert store.step_states(session.id)[2].running_since is None
    store.start_timer(session.id, 1, now=T0)
    moved = store.carry_timer(session.id, 2, now=T0 + timedelta(minutes=3))
    assert {state.step for state in moved} == {1, 2}
    # Two quick moves (2 -> 3 -> 4) before anything else: the timer ends on step 4 alone.
    store.carry_timer(session.id, 3, now=T0 + timedelta(minutes=4))
    store.carry_timer(session.id, 4, now=T0 + timedelta(minutes=6))
    states = store.step_states(session.id)
    assert [n for n, state in states.items() if state.running_since] == [4]
    assert (states[1].spent_seconds, states[2].spent_seconds, states[3].spent_seconds) == (180, 60, 120)
    with pytest.raises(InvalidInputError):
        store.carry_timer(session.id, 9, now=T0)


def test_clusters_merge_and_split(store, session):
    a = store.add_item(session.id, 3, "obstacle", "No money", author="Ana")
    b = store.add_item(session.id, 3, "obstacle", "no budget", author="Bo")
    c = store.add_item(session.id, 3, "obstacle", "Lack of funds")
    other = store.add_item(session.id, 3, "tool", "Grants")
    members = store.cluster_items([a.id, b.id])
    assert {m.id for m in members} == {a.id, b.id} and len({m.cluster_id for m in members}) == 1
    members = store.cluster_items([c.id, b.id])  # joins the existing cluster
    assert {m.id for m in members} == {a.id, b.id, c.id}
    assert [m.text for m in members] == ["No money", "no budget", "Lack of funds"]
    with pytest.raises(InvalidInputError, match="same step and column"):
        store.cluster_items([a.id, other.id])
    with pytest.raises(InvalidInputError, match="at least two"):
        store.cluster_items([a.id])
    split = store.split_cluster(a.id)
    assert {m.cluster_id for m in split} == {None}


def test_dot_votes_cast_withdraw_and_budget(store, session):
    store.set_votes_per_participant(session.id, 2)
    a = store.add_item(session.id, 4, "action", "Name a project lead")
    b = store.add_item(session.id, 4, "action", "Write the scope")
    assert store.cast_vote(a.id, "Ana").votes == 1
    assert store.cast_vote(a.id, "Ana").votes == 2
    assert store.votes_left(session.id, 4, "Ana") == 0
    with pytest.raises(InvalidInputError, match="used all 2 votes"):
        store.cast_vote(b.id, "Ana")
    assert store.cast_vote(b.id, "Bo").votes == 1
    assert store.votes_left(session.id, 5, "Ana") == 2  # the budget is per step
    assert store.withdraw_vote(a.id, "Ana").votes == 1
    with pytest.raises(InvalidInputError, match="no vote"):
        store.withdraw_vote(b.id, "Ana")
    with pytest.raises(InvalidInputError, match="needs a participant"):
        store.cast_vote(a.id, "  ")
    assert sorted((v.participant, v.item_id == a.id) for v in store.list_votes(session.id, 4)) == [
        ("Ana", True), ("Bo", False)]


def test_a_steps_own_dots_are_its_alone(store, session):
    store.set_votes_per_participant(session.id, 2)
    assert store.set_step_dots(session.id, 4, 3).dots == 3
    item = store.add_item(session.id, 4, "action", "Name a project lead")
    for _ in range(3):
        store.cast_vote(item.id, "Ana")
    with pytest.raises(InvalidInputError, match="used all 3 votes in step 4"):
        store.cast_vote(item.id, "Ana")
    assert store.votes_left(session.id, 5, "Ana") == 2 and store.get_session(session.id).votes_per_participant == 2
    assert store.session_data(session.id).step_state(4).dots == 3
    assert store.set_step_dots(session.id, 4, None).dots is None
    assert store.votes_left(session.id, 4, "Ana") == 0


def test_the_same_vote_id_counts_once(store, session):
    item = store.add_item(session.id, 1, "tool", "x")
    store.cast_vote(item.id, "Ana", vote_id="v" * 32)
    assert store.cast_vote(item.id, "Ana", vote_id="v" * 32).votes == 1


def test_followups_with_owner_and_due_date(store, session):
    item = store.add_item(session.id, 5, "action", "Sign the agreement")
    marked = store.set_followup(item.id, owner="Ana", due="2026-12-15")
    assert (marked.followup, marked.owner, marked.due) == (True, "Ana", "2026-12-15")
    assert [i.id for i in store.list_followups(session.id)] == [item.id]
    with pytest.raises(InvalidInputError, match="not a date"):
        store.set_followup(item.id, owner="Ana", due="next week")
    assert store.clear_followup(item.id).followup is False
    assert store.list_followups(session.id) == []


def test_session_data_and_import_carry_everything(store, session):
    a = store.add_item(session.id, 8, "action", "Plan the next project", author="Ana")
    b = store.add_item(session.id, 8, "action", "Next project plan")
    store.cluster_items([a.id, b.id])
    store.cast_vote(a.id, "Bo")
    store.set_followup(a.id, owner="Bo", due="2027-01-31")
    store.set_phase(session.id, 8, "discuss")
    store.start_timer(session.id, 8, now=T0)
    store.set_votes_per_participant(session.id, 5)
    data = store.session_data(session.id)
    copy = store.session_data(store.import_session(data, title="Copy").id)
    assert copy.info.votes_per_participant == 5
    assert copy.step_states == data.step_states
    (vote,) = copy.votes
    assert vote.participant == "Bo" and vote.item_id in {i.id for i in copy.items}
    first = next(i for i in copy.items if i.text == "Plan the next project")
    assert (first.followup, first.owner, first.due, first.votes) == (True, "Bo", "2027-01-31", 1)
    assert len({i.cluster_id for i in copy.items}) == 1


def test_presence_counts_recent_screens(store, session):
    store.heartbeat(session.id, "c1", "participant", "Ana", now=T0)
    store.heartbeat(session.id, "c2", "participant", None, now=T0)
    store.heartbeat(session.id, "p1", "presenter", None, now=T0)
    assert sorted(store.connected(session.id, now=T0 + timedelta(seconds=5))) == ["", "Ana"]
    assert store.connected(session.id, role="presenter", now=T0) == [""]
    assert store.connected(session.id, now=T0 + timedelta(minutes=5)) == []
    store.leave("c1")
    assert store.connected(session.id, now=T0) == [""]


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_version_1_store_migrates_with_a_backup(backend, tmp_path):
    import sqlite3
    from pathlib import Path

    path = tmp_path / "v1.db"
    raw = sqlite3.connect(path)
    raw.executescript((Path(__file__).parents[1] / "data" / "store_v1.sql").read_text(encoding="utf-8"))
    raw.close()
    with open_store(path) as store:
        assert store.backup_made is not None and store.backup_made.exists()
        info = store.find_session("Wikimania 2015 follow-up")
        assert info.votes_per_participant == 3 and info.participants_follow is True
        items = store.list_items(info.id)
        assert [i.text for i in items] == ["Identify WHY you need a partner", "No time [bold]", "Survey | metrics"]
        assert items[0].followup is False and items[0].cluster_id is None
        store.cast_vote(items[0].id, "Asaf")
        store.set_phase(info.id, 1, "vote")
    backup = sqlite3.connect(store.backup_made)
    assert backup.execute("SELECT value FROM store_meta WHERE key = 'schema_version'").fetchone() == ("1",)
    assert backup.execute("SELECT count(*) FROM items").fetchone() == (3,)
    backup.close()


def test_undo_of_a_delete_brings_its_votes_back(store, session):
    item = store.add_item(session.id, 4, "tool", "Shared drive")
    store.cast_vote(item.id, "Ana")
    store.cast_vote(item.id, "Bo")
    deleted = store.delete_item(item.id)
    assert store.list_votes(session.id) == [] and store.votes_left(session.id, 4, "Ana") == 3
    assert store.restore_item(deleted).votes == 2
    assert sorted(v.participant for v in store.list_votes(session.id, 4)) == ["Ana", "Bo"]
    assert store.votes_left(session.id, 4, "Ana") == 2
