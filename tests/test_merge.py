"""Merging two sessions, as the seed's table gathers two workshops: both sessions' items per step
and column, an item that appears in both only once, authors and votes kept."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st
from test_export_wikitext import session_of

from workshop_tui.merge import merge_sessions, same_text_key
from workshop_tui.model import COLUMNS


def test_an_item_in_both_is_kept_once_with_the_first_author_and_both_votes(template):
    berlin = session_of(template, [(2, "tool", "Shared idea", "Ana"), (2, "tool", "Berlin only", None)],
                        title="Berlin", event="WMCON 2015", facilitator="Anne-Laure", participants=("Ana",))
    mexico = session_of(template, [(2, "tool", "shared   IDEA", "Bo"), (2, "tool", "Mexico only", "Cyd"),
                                   (5, "action", "Sign", None)],
                        title="Mexico", event="Wikimania 2015", facilitator="Anne-Laure", participants=("Bo", "Ana"))
    berlin = replace(berlin, items=tuple(replace(item, votes=2) for item in berlin.items))
    mexico = replace(mexico, items=tuple(replace(item, votes=3) for item in mexico.items))
    merged = merge_sessions(berlin, mexico, title="Both")
    assert [(i.step, i.text, i.author, i.votes, i.position) for i in merged.items] == [
        (2, "Shared idea", "Ana", 5, 0), (2, "Berlin only", None, 2, 1), (2, "Mexico only", "Cyd", 3, 2),
        (5, "Sign", None, 3, 0)]
    info = merged.info
    assert (info.id, info.title, info.event, info.facilitator, info.participants) == (
        0, "Both", "WMCON 2015; Wikimania 2015", "Anne-Laure", ("Ana", "Bo"))


def test_the_second_author_fills_in_when_the_first_has_none(template):
    first = session_of(template, [(1, "action", "Ask", None)])
    second = session_of(template, [(1, "action", "ask", "Bo")])
    assert [(i.text, i.author) for i in merge_sessions(first, second, title="x").items] == [("Ask", "Bo")]


def test_a_sessions_own_repeated_items_are_kept(template):
    first = session_of(template, [(1, "action", "Ask", "Ana"), (1, "action", "ask", "Bo")])
    assert [(i.text, i.author) for i in merge_sessions(first, session_of(template, []), title="x").items] == [
        ("Ask", "Ana"), ("ask", "Bo")]
    second = session_of(template, [(1, "action", "ASK", "Cyd"), (1, "action", "ASK", "Dee"), (1, "action", "ASK", None)])
    merged = merge_sessions(first, second, title="x")
    assert [(i.text, i.author) for i in merged.items] == [("Ask", "Ana"), ("ask", "Bo"), ("ASK", None)]


def test_same_column_only(template):
    first = session_of(template, [(1, "action", "Time", None)])
    second = session_of(template, [(1, "obstacle", "Time", None), (2, "action", "Time", None)])
    assert len(merge_sessions(first, second, title="x").items) == 3


def test_more_steps_in_either_session_are_kept(template):
    first = session_of(template, [(1, "action", "a", None)])
    second = session_of(template, [(10, "tool", "late", None)], step_count=10)
    merged = merge_sessions(first, second, title="x")
    assert merged.info.step_count == 10 and [i.step for i in merged.items] == [1, 10]


entry = st.tuples(st.integers(1, 8), st.sampled_from(COLUMNS), st.sampled_from(["a", "A", "b", " b ", "c", "d e"]),
                  st.sampled_from([None, "Ana", "Bo"]))


@settings(max_examples=150, deadline=None)
@given(first=st.lists(entry, max_size=10), second=st.lists(entry, max_size=10))
def test_merging_is_a_union_of_both_sessions(catalog, first, second):
    a, b = session_of(catalog.default, first), session_of(catalog.default, second)
    merged = merge_sessions(a, b, title="m")
    for step in range(1, 9):
        for column in COLUMNS:
            want_a = Counter(same_text_key(i.text) for i in a.items_for(step, column))
            want_b = Counter(same_text_key(i.text) for i in b.items_for(step, column))
            got = merged.items_for(step, column)
            assert Counter(same_text_key(i.text) for i in got) == want_a | want_b
            kept_first = a.items_for(step, column)
            assert [i.text for i in got[: len(kept_first)]] == [i.text for i in kept_first]
            assert [i.position for i in got] == list(range(len(got)))
    assert sum(i.votes for i in merged.items) == sum(i.votes for i in (*a.items, *b.items))
    assert merge_sessions(a, session_of(catalog.default, []), title="m").items == a.items
