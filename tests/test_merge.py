"""Merging two sessions, as the seed's table gathers two workshops: both sessions' items per step
and column, an item that appears in both only once, authors and votes kept; vote records, clusters,
follow-ups and step times carried into the merged session."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from test_export_wikitext import session_of

from workshop_tui.merge import merge_sessions, same_text_key
from workshop_tui.model import COLUMNS, SessionData, StepState, Vote

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


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


# -- what facilitating recorded ----------------------------------------------------------------


def with_votes(data: SessionData, *cast: tuple[str, str], prefix: str = "v") -> SessionData:
    """The session with vote records (item text, voter), each item's votes counting its records."""
    by_text = {item.text: item for item in data.items}
    votes = tuple(Vote(id=f"{prefix}{n}", item_id=by_text[text].id, participant=voter,
                       created_at=f"2026-11-26T10:00:{n:02d}+00:00") for n, (text, voter) in enumerate(cast))
    counts = Counter(vote.item_id for vote in votes)
    return replace(data, items=tuple(replace(item, votes=counts[item.id]) for item in data.items), votes=votes)


def clustered(data: SessionData, **groups: str) -> SessionData:
    """The session with items (by text) put into clusters: clustered(data, a="c1", b="c1")."""
    return replace(data, items=tuple(replace(item, cluster_id=groups.get(item.text, item.cluster_id))
                                     for item in data.items))


def merged_clusters(data: SessionData) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for item in data.items:
        if item.cluster_id:
            groups.setdefault(item.cluster_id, set()).add(item.text)
    return {frozenset(group) for group in groups.values()}


def test_vote_records_follow_their_items(template):
    berlin = with_votes(session_of(template, [(4, "action", "Shared", "Ana"), (4, "action", "Berlin", None)],
                                   participants=("Ana",)), ("Shared", "Ana"), ("Berlin", "Ana"))
    mexico = with_votes(session_of(template, [(4, "action", "shared", "Bo"), (4, "action", "Mexico", None)]),
                        ("shared", "Bo"), ("shared", "Cyd"), ("Mexico", "Bo"), prefix="w")
    merged = merge_sessions(berlin, mexico, title="Both", now=NOW)
    by_id = {item.id: item for item in merged.items}
    assert [(by_id[v.item_id].text, v.participant) for v in merged.votes] == [
        ("Shared", "Ana"), ("Berlin", "Ana"), ("Shared", "Bo"), ("Shared", "Cyd"), ("Mexico", "Bo")]
    assert [(item.text, item.votes) for item in merged.items] == [("Shared", 3), ("Berlin", 1), ("Mexico", 1)]
    assert Counter(v.item_id for v in merged.votes) == Counter({i.id: i.votes for i in merged.items})


def test_a_session_merged_with_itself_keeps_ids_unique(template, store):
    data = with_votes(session_of(template, [(1, "action", "a", None), (2, "tool", "b", None)]), ("a", "Ana"), ("b", "Bo"))
    copy = replace(data, items=data.items + (replace(data.items[0], id="f" * 32, text="only in the copy", votes=0),))
    merged = merge_sessions(data, copy, title="Twice", now=NOW)
    assert len({item.id for item in merged.items}) == len(merged.items) == 3
    assert len({vote.id for vote in merged.votes}) == len(merged.votes) == 4
    assert [(item.text, item.votes) for item in merged.items] == [("a", 2), ("only in the copy", 0), ("b", 2)]
    restored = store.session_data(store.import_session(merged).id)
    assert len(restored.votes) == 4 and [i.votes for i in restored.items] == [2, 0, 2]
    clashing = replace(copy, items=(replace(data.items[0], text="different", id=data.items[1].id),))
    assert len({i.id for i in merge_sessions(data, clashing, title="x", now=NOW).items}) == 3


def test_clusters_of_both_sessions_are_joined(template):
    entries = [(3, "obstacle", text, None) for text in ("money", "budget", "time")]
    first = clustered(session_of(template, entries + [(3, "tool", "grants", None)]), money="A1", budget="A1")
    others = [(3, "obstacle", text, None) for text in ("BUDGET", "funds", "people", "staff")]
    second = clustered(session_of(template, others),
                       BUDGET="B1", funds="B1", people="A1", staff="A1")  # the same id as first's, unrelated
    merged = merge_sessions(first, second, title="x", now=NOW)
    assert merged_clusters(merged) == {frozenset({"money", "budget", "funds"}), frozenset({"people", "staff"})}
    ids = {item.text: item.cluster_id for item in merged.items}
    assert ids["money"] == "A1" and ids["people"] not in ("A1", None) and ids["time"] is None
    assert ids["grants"] is None


def test_a_leftover_cluster_of_one_stays_as_it_was_unless_its_id_is_taken(template):
    first = clustered(session_of(template, [(1, "tool", t, None) for t in ("a", "b", "c")]), a="X", b="X", c="Y")
    assert merge_sessions(first, session_of(template, []), title="x", now=NOW).items == first.items
    second = clustered(session_of(template, [(1, "tool", "d", None)]), d="X")
    merged = merge_sessions(first, second, title="x", now=NOW)
    assert [(i.text, i.cluster_id) for i in merged.items] == [("a", "X"), ("b", "X"), ("c", "Y"), ("d", None)]


def test_follow_ups_come_from_either_side(template):
    first = session_of(template, [(5, "action", "Sign", None), (5, "action", "Draft", None)])
    first = replace(first, items=(replace(first.items[0], followup=True, owner="Ana", due="2026-12-01"), first.items[1]))
    second = session_of(template, [(5, "action", "sign", None), (5, "action", "draft", None)])
    second = replace(second, items=tuple(replace(i, followup=True, owner="Bo", due="2027-01-01") for i in second.items))
    merged = merge_sessions(first, second, title="x", now=NOW)
    assert [(i.text, i.followup, i.owner, i.due) for i in merged.items] == [
        ("Sign", True, "Ana", "2026-12-01"), ("Draft", True, "Bo", "2027-01-01")]


def test_step_times_add_up_and_running_timers_stop(template):
    started = (NOW - timedelta(minutes=2)).isoformat()
    first = replace(session_of(template, []), step_states=(
        StepState(step=1, phase="vote", planned_seconds=600, spent_seconds=300),
        StepState(step=2, phase="discuss", spent_seconds=60, running_since=started)))
    second = replace(session_of(template, [], step_count=10), step_states=(
        StepState(step=1, phase="discuss", planned_seconds=1200, extra_seconds=60, spent_seconds=400),
        StepState(step=9, phase="cluster", spent_seconds=30, running_since=started)))
    merged = merge_sessions(first, second, title="x", now=NOW)
    assert merged.step_states == (
        StepState(step=1, phase="vote", planned_seconds=600, spent_seconds=700),
        StepState(step=2, phase="discuss", spent_seconds=180),
        StepState(step=9, phase="cluster", spent_seconds=150))
    assert merged.info.step_count == 10


def test_settings_of_the_merged_session(template):
    first = replace(session_of(template, []), info=replace(session_of(template, []).info, votes_per_participant=2,
                                                           participants_follow=False))
    second = replace(first, info=replace(first.info, votes_per_participant=5, participants_follow=True))
    info = merge_sessions(first, second, title="x", now=NOW).info
    assert (info.votes_per_participant, info.participants_follow) == (5, False)


def test_the_cli_merge_carries_everything_through_the_store(store, session, template):
    other = store.create_session("Other", template_id=template.id, step_count=8)
    a = store.add_item(session.id, 3, "obstacle", "Money", author="Ana")
    b = store.add_item(session.id, 3, "obstacle", "Budget")
    c = store.add_item(other.id, 3, "obstacle", "money")
    d = store.add_item(other.id, 3, "obstacle", "Time")
    store.cluster_items([a.id, b.id])
    store.cluster_items([c.id, d.id])
    store.cast_vote(a.id, "Ana")
    store.cast_vote(c.id, "Bo")
    store.set_followup(d.id, owner="Cyd", due="2026-12-15")
    store.start_timer(session.id, 3, now=NOW - timedelta(minutes=5))
    store.pause_timer(session.id, 3, now=NOW)
    store.start_timer(other.id, 3, now=NOW - timedelta(minutes=1))
    merged = merge_sessions(store.session_data(session.id), store.session_data(other.id), title="Both", now=NOW)
    back = store.session_data(store.import_session(merged).id)
    assert [(i.text, i.votes, i.followup, i.owner) for i in back.items] == [
        ("Money", 2, False, None), ("Budget", 0, False, None), ("Time", 0, True, "Cyd")]
    assert len({i.cluster_id for i in back.items}) == 1 and back.items[0].cluster_id
    assert sorted(v.participant for v in back.votes) == ["Ana", "Bo"]
    assert back.step_state(3).spent_seconds == 360 and back.step_state(3).running_since is None


# Texts unique per cell within a session, so each original's merged item is found by its text.
entries = st.lists(entry, max_size=10, unique_by=lambda e: (e[0], e[1], same_text_key(e[2])))
marks = st.tuples(st.none() | st.sampled_from(["c1", "c2"]), st.lists(st.sampled_from(["Ana", "Bo"]), max_size=2))


@st.composite
def facilitated_sessions(draw, catalog, prefix):
    data = session_of(catalog.default, draw(entries))
    items, votes = [], []
    for item in data.items:
        cluster, voters = draw(marks)
        items.append(replace(item, cluster_id=cluster, votes=len(voters)))
        votes += [Vote(id=f"{prefix}{len(votes) + n}", item_id=item.id, participant=voter)
                  for n, voter in enumerate(voters)]
    return replace(data, items=tuple(items), votes=tuple(votes))


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_votes_and_clusters_survive_any_merge(catalog, data):
    a, b = data.draw(facilitated_sessions(catalog, "a")), data.draw(facilitated_sessions(catalog, "b"))
    merged = merge_sessions(a, b, title="m", now=NOW)
    assert len({i.id for i in merged.items}) == len(merged.items)
    assert len({v.id for v in merged.votes}) == len(merged.votes) == len(a.votes) + len(b.votes)
    assert Counter(v.item_id for v in merged.votes) == Counter({i.id: i.votes for i in merged.items if i.votes})
    cell = {item.id: (item.step, item.column) for item in merged.items}
    for source in (a, b):
        for one in source.items:
            for other in source.items:
                together = one.cluster_id and one.cluster_id == other.cluster_id and cell_of(one) == cell_of(other)
                if together and one is not other:
                    x, y = merged_item(merged, one), merged_item(merged, other)
                    assert x.cluster_id and x.cluster_id == y.cluster_id
    assert all(cell[v.item_id] for v in merged.votes)


def cell_of(item):
    return item.step, item.column


def merged_item(merged: SessionData, item):
    """The merged item an original became (its text's key, in its cell)."""
    key = same_text_key(item.text)
    return next(m for m in merged.items if cell_of(m) == cell_of(item) and same_text_key(m.text) == key)
