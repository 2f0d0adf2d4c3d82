"""Session statistics for the summary screen: items per step and column, contributions per
participant (anonymous apart), time per step against the plan, votes per step. Pure: built from
a SessionData, the clock passed in."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from hypothesis import given, settings
from test_export_session import MINUTES, SCRIPT, run_workshop
from test_export_wikitext import NOW, facilitated, facilitated_entries, session_of

from workshop_tui import stats
from workshop_tui.model import COLUMNS, StepState, Vote


def test_the_scripted_workshop(store, session, template):
    data = run_workshop(store, session)
    result = stats.session_stats(data, template, now=NOW)
    assert [step.total for step in result.items] == [len(SCRIPT[n]) for n in range(1, 9)]
    assert result.items[0].counts == (2, 2, 1) and result.items[0].count("obstacle") == 2
    assert result.items[0].title == "Preliminary Work" and result.item_total == 24
    assert [(c.name, c.items, c.votes_cast) for c in result.contributions] == [
        ("Ana", 6, 4), ("Bo", 6, 4), ("Cyd", 5, 3)]
    assert result.anonymous.name is None and result.anonymous.items == 7 and result.anonymous.votes_cast == 0
    assert [time.spent_seconds for time in result.times] == [MINUTES[n] * 60 for n in range(1, 9)]
    assert [time.running for time in result.times] == [False] * 7 + [True]
    assert result.times[1].planned_seconds == 8 * 60 and result.times[1].over_seconds == 60
    assert result.times[4].planned_seconds == 20 * 60 and result.times[4].share == 22 / 20
    assert result.planned_total == sum(t.planned_seconds for t in result.times)
    assert result.spent_total == 99 * 60
    votes = {step.step: step for step in result.votes}
    assert (votes[1].votes, votes[1].voted_items, votes[1].top_votes, votes[1].voters) == (4, 3, 2, ("Ana", "Bo", "Cyd"))
    assert (votes[8].votes, votes[8].voters) == (2, ("Ana", "Bo"))  # Cyd withdrew hers
    assert votes[2].votes == 0 and votes[2].voters == () and result.vote_total == 11
    assert (result.followups, result.clusters) == (4, 3)
    later = stats.time_per_step(data, template, now=NOW + timedelta(minutes=10))
    assert later[7].spent_seconds == 16 * 60 and later[7].remaining_seconds == -6 * 60


def test_participants_with_nothing_yet_and_authors_who_are_not_participants(template):
    data = session_of(template, [(1, "action", "a", "Zoe"), (1, "tool", "b", None), (2, "tool", "c", "Zoe")],
                      participants=("Ana", "Bo"))
    data = replace(data, votes=(Vote(id="v", item_id=data.items[0].id, participant="Yann"),))
    named, anonymous = stats.contributions(data)
    assert [(c.name, c.counts, c.votes_cast) for c in named] == [
        ("Ana", (0, 0, 0), 0), ("Bo", (0, 0, 0), 0), ("Zoe", (1, 0, 1), 0), ("Yann", (0, 0, 0), 1)]
    assert anonymous.counts == (0, 0, 1)


def test_an_empty_session_and_steps_beyond_the_template(template):
    empty = stats.session_stats(session_of(template, []), template, now=NOW)
    assert [step.total for step in empty.items] == [0] * 8 and empty.contributions == ()
    assert [time.planned_seconds for time in empty.times] == [s.timebox_minutes * 60 for s in template.steps]
    assert all(time.spent_seconds == 0 and not time.running for time in empty.times)
    assert (empty.vote_total, empty.followups, empty.clusters) == (0, 0, 0)
    late = session_of(template, [(10, "tool", "late", None)], step_count=10)
    result = stats.session_stats(late, template, now=NOW)
    assert len(result.items) == 10 and result.items[9].title == "" and result.items[9].total == 1
    assert result.times[9].planned_seconds == 0 and result.times[9].share is None


def test_a_running_timer_counts_up_to_now(template):
    state = StepState(step=3, spent_seconds=60, running_since=(NOW - timedelta(minutes=4)).isoformat())
    data = replace(session_of(template, []), step_states=(state,))
    assert stats.time_per_step(data, template, now=NOW)[2].spent_seconds == 300
    assert stats.time_per_step(data, template, now=NOW + timedelta(minutes=1))[2].spent_seconds == 360


@settings(max_examples=25, deadline=None)
@given(drawn=facilitated_entries())
def test_the_counts_add_up(catalog, drawn):
    entries, marks, states = drawn
    data = facilitated(session_of(catalog.default, entries), marks, states)
    result = stats.session_stats(data, catalog.default, now=NOW)
    assert result.item_total == len(data.items)
    assert sum(c.items for c in result.contributions) + result.anonymous.items == len(data.items)
    for column in COLUMNS:
        assert sum(step.count(column) for step in result.items) == sum(1 for i in data.items if i.column == column)
    assert result.vote_total == sum(item.votes for item in data.items)
    assert result.followups == sum(1 for item in data.items if item.followup)
    assert all(time.spent_seconds >= 0 for time in result.times)
