"""Export then import gives back the same session: hypothesis over arbitrary typed text.

json restores everything; csv and wikitext give back every item (step, column, order, text,
author, votes, cluster, follow-up with its owner, due date, status and whether it came from last
time), each step's timebox and time
spent, and, for wikitext, the Information section. A wikitext page shows each cell ordered by
votes with clusters together, so its items come back in that order; a csv keeps the session's
order and also gives back each step's phase (for the steps it has rows for). Markdown is export
only: it must hold every item's escaped text.
"""

from __future__ import annotations

import html
import re
from dataclasses import fields, replace
from datetime import UTC

import pytest
from hypothesis import given, settings
from markdown_it import MarkdownIt
from hypothesis import strategies as st
from test_export_wikitext import NOW, author, facilitated, facilitated_entries, piece, session_of, typed_text

from workshop_tui import timebox
from workshop_tui.export import NO_ITEMS, ImportFormatError, export_text, import_text
from workshop_tui.export.common import MAX_INT, one_line
from workshop_tui.export.wording import template_minutes
from workshop_tui.grouping import cell_groups
from workshop_tui.model import COLUMNS, FOLLOWUP_STATUSES, Item, SessionData, SessionInfo, StepState, Vote
from workshop_tui.text import clean_name
from workshop_tui.timebox import PHASES

title = st.lists(piece, min_size=1, max_size=6).map("".join).map(one_line).filter(bool)
field = st.one_of(st.just(""), title)
names = st.lists(author.filter(bool), max_size=4).map(lambda found: tuple(dict.fromkeys(found)))
entry = st.tuples(st.integers(1, 8), st.sampled_from(COLUMNS), typed_text, author)
entries = st.lists(entry, max_size=8)
settings_ = settings(max_examples=120, deadline=None)
facilitated_settings = settings(max_examples=40, deadline=None)


def item_key(data: SessionData) -> list[tuple]:
    return [(i.step, i.column, i.position, i.text, i.author) for i in data.items]


def imported(data: SessionData, catalog, fmt: str, **options) -> SessionData | None:
    """The export read back; None for a session without items, which csv and wikitext refuse
    to import (a table with no items is nothing to import)."""
    text = export_text(data, catalog.default, fmt, **options)
    if not data.items and fmt != "json":
        with pytest.raises(ImportFormatError, match=NO_ITEMS):
            import_text(text, catalog)
        return None
    return import_text(text, catalog)


@settings_
@given(entries=entries, title=title, facilitator=field, event=field, place=field, date=field, people=names)
def test_wikitext_round_trip(catalog, entries, title, facilitator, event, place, date, people):
    data = session_of(catalog.default, entries, title=title, facilitator=facilitator, event=event,
                      place=place, date=date, participants=people)
    back = imported(data, catalog, "wikitext")
    if back is None:
        return
    assert back.info.id == 0 and back.info.template_id == catalog.default.id
    assert item_key(back) == item_key(data)
    info = data.info
    assert (back.info.title, back.info.facilitator, back.info.event, back.info.place, back.info.date,
            back.info.participants, back.info.step_count) == (
        info.title, info.facilitator, info.event, info.place, info.date, info.participants, info.step_count)


@settings_
@given(entries=entries, title=title, votes=st.lists(st.integers(0, 2**31 - 1), min_size=8, max_size=8))
def test_csv_round_trip(catalog, entries, title, votes):
    data = session_of(catalog.default, entries, title=title)
    stamps = [f"2026-11-26T10:{n:02d}:00.000000+00:00" for n in range(len(data.items))]
    data = replace(data, items=tuple(replace(item, votes=votes[n % 8], created_at=stamps[n])
                                     for n, item in enumerate(data.items)))
    back = imported(data, catalog, "csv")
    if back is None:
        return
    assert item_key(back) == item_key(data)
    assert [(i.votes, i.created_at) for i in back.items] == [(i.votes, i.created_at) for i in data.items]
    assert back.info.title == title
    assert back.info.template_id == catalog.default.id and back.info.step_count == 8


def shown(data: SessionData) -> tuple[list[tuple], set[frozenset]]:
    """The items as the summary shows them (each cell by votes, clusters together), numbered anew,
    with all that the wikitext export carries; and the clusters, as sets of those places.

    A cluster's votes are shown once, on the cluster: read back, its first member holds them all
    (at most `MAX_INT`)."""
    items, clusters = [], set()
    for step in range(1, data.info.step_count + 1):
        for column in COLUMNS:
            groups = cell_groups(data.items_for(step, column))
            position = 0
            for group in groups:
                if len(group) > 1:
                    clusters.add(frozenset((step, column, position + n) for n in range(len(group))))
                    total = min(sum(item.votes for item in group), MAX_INT)  # what a database holds
                    group = (replace(group[0], votes=total), *(replace(item, votes=0) for item in group[1:]))
                for item in group:
                    items.append(facilitation_key(item, position))
                    position += 1
    return items, clusters


def facilitation_key(item: Item, position: int | None = None) -> tuple:
    return (item.step, item.column, item.position if position is None else position, item.text, item.author,
            item.votes, item.followup, item.owner, item.due, item.followup_status, item.from_last_time)


def clusters_of(data: SessionData) -> set[frozenset]:
    """The clusters (two or more items) as sets of (step, column, position)."""
    groups: dict[tuple, set] = {}
    for item in data.items:
        if item.cluster_id:
            groups.setdefault((item.step, item.column, item.cluster_id), set()).add((item.step, item.column, item.position))
    return {frozenset(group) for group in groups.values() if len(group) > 1}


def times_of(data: SessionData, template, steps=range(1, 9)) -> list[tuple[int, float]]:
    """Each step's effective timebox and the whole seconds spent up to NOW."""
    return [(timebox.planned_seconds(data.step_state(n), template_minutes(template, n)),
             round(timebox.spent_seconds(data.step_state(n), NOW))) for n in steps]


@facilitated_settings
@given(drawn=facilitated_entries())
def test_wikitext_round_trip_with_votes_clusters_follow_ups_and_times(catalog, drawn):
    entries, marks, states = drawn
    data = facilitated(session_of(catalog.default, entries), marks, states)
    back = imported(data, catalog, "wikitext", now=NOW)
    if back is None:
        return
    items, clusters = shown(data)
    assert [facilitation_key(item) for item in back.items] == items
    assert clusters_of(back) == clusters
    assert times_of(back, catalog.default) == times_of(data, catalog.default)
    assert back.votes == () and all(state.running_since is None for state in back.step_states)


@facilitated_settings
@given(drawn=facilitated_entries())
def test_csv_round_trip_with_votes_clusters_follow_ups_and_times(catalog, drawn):
    entries, marks, states = drawn
    data = facilitated(session_of(catalog.default, entries), marks, states)
    back = imported(data, catalog, "csv", now=NOW)
    if back is None:
        return
    assert [facilitation_key(item) for item in back.items] == [facilitation_key(item) for item in data.items]
    assert clusters_of(back) == clusters_of(data)
    steps = sorted({item.step for item in data.items})  # a csv has rows, and so times, only for these
    assert times_of(back, catalog.default, steps) == times_of(data, catalog.default, steps)
    assert [back.step_state(n).phase for n in steps] == [data.step_state(n).phase for n in steps]
    assert {state.step for state in back.step_states} <= set(steps)


times = st.datetimes(timezones=st.just(UTC)).map(lambda moment: moment.isoformat(timespec="microseconds"))
ids = st.binary(min_size=16, max_size=16).map(bytes.hex)


@st.composite
def full_sessions(draw):
    """Sessions with every field set, votes cast and steps run: what json must restore exactly."""
    found = draw(entries)
    item_ids = draw(st.lists(ids, min_size=len(found), max_size=len(found), unique=True))
    clusters = draw(st.lists(ids, min_size=1, max_size=3))
    items = []
    for item_id, (step, column, text, who) in zip(item_ids, found):
        items.append(Item(id=item_id, step=step, column=column, text=text, author=who,
                          position=draw(st.integers(0, 1000)), votes=draw(st.integers(0, 2**31 - 1)),
                          created_at=draw(times), updated_at=draw(times),
                          cluster_id=draw(st.none() | st.sampled_from(clusters)), followup=draw(st.booleans()),
                          owner=draw(author), due=draw(st.sampled_from(["", "2026-12-01", "next week"])),
                          followup_status=draw(st.sampled_from(FOLLOWUP_STATUSES)), from_last_time=draw(st.booleans())))
    items.sort(key=lambda i: (i.step, COLUMNS.index(i.column), i.position))
    voter = st.sampled_from(["Ana", "Bo Jr", "Émeric", "שלום"])
    votes = [Vote(id=vote_id, item_id=draw(st.sampled_from(item_ids)), participant=draw(voter),
                  created_at=draw(times)) for vote_id in draw(st.lists(ids, max_size=5, unique=True))] if items else []
    states = [StepState(step=step, phase=draw(st.sampled_from(PHASES)),
                        planned_seconds=draw(st.none() | st.integers(0, 24 * 3600)),
                        extra_seconds=draw(st.integers(0, 3600)), spent_seconds=draw(st.floats(0, 86400)),
                        running_since=draw(st.none() | times), anonymous=draw(st.booleans()),
                        dots=draw(st.none() | st.integers(0, 50)))
              for step in draw(st.lists(st.integers(1, 8), max_size=4, unique=True))]
    info = SessionInfo(id=draw(st.integers(1, 10**6)), title=draw(title), template_id="8-steps-partnership",
                       event=draw(field), place=draw(field), date=draw(field), facilitator=draw(field),
                       step_count=8, current_step=draw(st.integers(1, 8)), created_at=draw(times),
                       updated_at=draw(times), item_count=len(items), participants=draw(names),
                       votes_per_participant=draw(st.integers(0, 50)), participants_follow=draw(st.booleans()),
                       speaker=draw(st.sampled_from(["", "Ana", "Bo Jr"])),
                       current_column=draw(st.sampled_from(["", *COLUMNS])),
                       language=draw(st.sampled_from(["", "en", "fr"])))
    return SessionData(info=info, items=tuple(items), votes=tuple(votes), step_states=tuple(states))


@settings(max_examples=80, deadline=None)
@given(data=full_sessions())
def test_json_restores_everything(catalog, data):
    back = import_text(export_text(data, catalog.default, "json"), catalog)
    assert back == replace(data, info=replace(data.info, id=0))


def test_json_knows_every_field_of_the_model():
    """A tripwire: a new model field must be taught to the json importer (and to the strategy above)."""
    assert {f.name for f in fields(SessionInfo)} == {
        "id", "title", "template_id", "event", "place", "date", "facilitator", "step_count", "current_step",
        "created_at", "updated_at", "item_count", "participants", "votes_per_participant", "participants_follow",
        "speaker", "current_column", "language", "columns"}
    # `hidden`: an export holds only revealed items, so it is always false and never read back.
    assert {f.name for f in fields(Item)} == {
        "id", "step", "column", "text", "author", "position", "votes", "created_at", "updated_at", "session_id",
        "cluster_id", "followup", "owner", "due", "hidden", "followup_status", "from_last_time"}
    assert {f.name for f in fields(Vote)} == {"id", "item_id", "participant", "created_at"}
    assert {f.name for f in fields(StepState)} == {
        "step", "phase", "planned_seconds", "extra_seconds", "spent_seconds", "running_since", "anonymous", "dots"}
    # `hidden_counts`: items not in the file, counted ("unrevealed"); nothing to restore.
    assert {f.name for f in fields(SessionData)} == {"info", "items", "votes", "step_states", "hidden_counts"}


RENDER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def rendered_list_items(page: str) -> list[str]:
    """What each list item of a markdown page shows once rendered (a real CommonMark renderer,
    not our escape function): its text, line breaks as newlines, references decoded."""
    items = re.findall(r"<li>(.*?)</li>", RENDER.render(page), flags=re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<br\s*/?>", "\n", item))) for item in items]


@pytest.mark.parametrize("typed, written", [
    ("*not emphasis*", "\\*not emphasis\\*"),
    ("a | b", "a \\| b"),
    ("<b>raw</b> & co", "&lt;b\\>raw&lt;/b\\> &amp; co"),
    ("# not a heading", "\\# not a heading"),
    ("[link](http://x.example)", "\\[link\\]\\(http\\://x\\.example\\)"),
    ("line\nbreak", "line<br>break"),
    ("  spaced  ", "&#32;&#32;spaced&#32;&#32;"),
])
def test_markdown_escapes_what_it_must(catalog, typed, written):
    """Expectations written out by hand: the exported bullet, character for character."""
    data = session_of(catalog.default, [(1, "action", typed, None)], title="T")
    assert f"- {written}\n" in export_text(data, catalog.default, "markdown")


@settings(max_examples=60, deadline=None)
@given(entries=st.lists(entry, min_size=1, max_size=6), title=title)
def test_markdown_holds_every_item_as_typed(catalog, entries, title):
    """Rendered by a real CommonMark renderer, every item reads exactly as typed, author after."""
    data = session_of(catalog.default, entries, title=title)
    page = export_text(data, catalog.default, "markdown")
    heading = html.unescape(re.sub(r"<[^>]+>", "", RENDER.render(page.splitlines()[0]))).strip()
    assert heading == title.strip()
    shown = rendered_list_items(page)
    for item in data.items:
        author = clean_name(item.author)
        assert (f"{item.text} — {author}" if author else item.text) in shown


def test_the_store_round_trip_for_every_format(store, session, catalog):
    texts = ["=SUM(A1)", "'=quoted", "a | b {{!}}", "line\nbreak", "  spaced  ", "😀 שלום e\u0301"]
    for number, text in enumerate(texts):
        store.add_item(session.id, number % 8 + 1, COLUMNS[number % 3], text, author=["Ana", None][number % 2])
    original = store.session_data(session.id)
    for fmt in ("json", "csv", "wikitext"):
        imported = store.import_session(import_text(export_text(original, catalog.default, fmt), catalog))
        back = store.session_data(imported.id)
        assert item_key(back) == item_key(original), fmt
        assert back.info.title == original.info.title, fmt
        if fmt != "csv":  # a csv holds items only: participants with no item are not in it
            assert back.info.participants == original.info.participants, fmt
