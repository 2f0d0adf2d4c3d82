"""The fast paths the benchmarks asked for give exactly what the plain paths give.

Reading items as tuples (no ORM objects), skipping the tie-breakers the index does not cover,
the exporters' shortcuts for text with nothing to escape, fields that cannot be formulas, and
cells without clusters or votes: each is checked against the slower way it replaces.
"""

from __future__ import annotations

import re
from dataclasses import fields, replace

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import select

from workshop_tui.export import csv as csv_export
from workshop_tui.export import wikimarkup
from workshop_tui.grouping import cell_groups
from workshop_tui.model import Item, SessionData, new_id
from workshop_tui.store.fast_reads import ITEM_FIELDS, _sqlite_item, item_from_row
from workshop_tui.store.queries import ordered
from workshop_tui.store.rows import to_item
from workshop_tui.store.tables import ItemRow


def test_item_fields_are_the_dataclass_fields():
    assert set(ITEM_FIELDS) == {field.name for field in fields(Item)}


def test_items_read_as_tuples_equal_items_read_through_the_orm(store, session):
    plain = store.add_item(session.id, 1, "action", "plain", author="Ana")
    marked = store.add_item(session.id, 5, "tool", "with everything")
    store.set_followup(marked.id, owner="Bo", due="2026-12-15")
    store.cast_vote(marked.id, "Ana")
    other = store.add_item(session.id, 5, "tool", "clustered")
    store.cluster_items([marked.id, other.id])
    with store._read() as db:
        through_orm = [to_item(row) for row in db.exec(ordered(select(ItemRow))).all()]
    data = store.session_data(session.id)
    assert list(data.items) == through_orm
    assert [i.followup for i in data.items] == [False, True, False]
    assert all(type(i.followup) is bool for i in data.items)
    assert data.items[1].owner == "Bo" and data.items[1].votes == 1 and data.items[1].cluster_id
    assert store.step_view(session.id, 5).items == tuple(through_orm[1:])
    assert store.list_items(session.id, step=1) == [plain]


def test_hydrated_items_behave_like_constructed_ones():
    core = ("a" * 32, 3, 2, "tool", "text", None, 7, 2, "c1", True, "Bo", "2026-12-15", "t0", "t1", True, "done",
            True)
    built = Item(**dict(zip(ITEM_FIELDS, core)))
    sqlite = core[:9] + (1,) + core[10:14] + (1, "done", 1)  # sqlite3 gives booleans as 0 and 1
    for item in (item_from_row(core), _sqlite_item(sqlite)):
        assert item == built and hash(item) == hash(built) and repr(item) == repr(built)
        assert item.followup is True and item.hidden is True and item.from_last_time is True
        assert replace(item, text="x") == replace(built, text="x")


def test_items_sharing_a_place_keep_the_store_order(store, session):
    """A hand-made import can give two items one position: creation time, then id, decide."""
    items = [Item(id=new_id(), step=1, column="action", text=f"t{n}", position=0, created_at=stamp)
             for n, stamp in enumerate(["2026-01-03T00:00:00", "2026-01-01T00:00:00", "2026-01-02T00:00:00"])]
    info = replace(session, id=0, title="Ties")
    stored = store.import_session(SessionData(info=info, items=tuple(items)))
    assert [i.text for i in store.session_data(stored.id).items] == ["t1", "t2", "t0"]
    assert [i.text for i in store.step_view(stored.id, 1).items] == ["t1", "t2", "t0"]


def _slow_escape(text: str, extra: str = "") -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")  # a bare CR is a line break too
    return "<br />".join(wikimarkup._escape_line(part, extra) for part in lines)


WIKI_ALPHABET = st.sampled_from(list("ab '~!_-*#:;+}{=|&<>[]\n\t\u00a0é😀")) | st.characters()


@settings(max_examples=500, deadline=None)
@given(text=st.text(WIKI_ALPHABET, max_size=30), extra=st.sampled_from(["", ","]))
def test_wikitext_escape_fast_path_is_exact(text, extra):
    assert wikimarkup.escape(text, extra=extra) == _slow_escape(text, extra)


_FORMULA = re.compile(r"^'*[=+\-@\t\r\n]")


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.sampled_from(list("'=+-@\t\r\nab1")) | st.characters(), max_size=8))
def test_csv_neutralise_fast_path_is_exact(text):
    assert csv_export.neutralise(text) == ("'" + text if _FORMULA.match(text) else text)


@settings(max_examples=200, deadline=None)
@given(positions=st.lists(st.integers(0, 20), max_size=12), votes=st.lists(st.integers(0, 3), max_size=12),
       clusters=st.lists(st.sampled_from([None, None, "a", "b"]), max_size=12))
def test_cell_groups_fast_path_matches_the_general_one(positions, votes, clusters):
    items = [Item(id=str(n), step=1, column="action", text=str(n), position=p,
                  votes=votes[n] if n < len(votes) else 0, cluster_id=clusters[n] if n < len(clusters) else None)
             for n, p in enumerate(positions)]
    groups: dict[object, list[Item]] = {}
    for index, item in enumerate(sorted(items, key=lambda item: item.position)):
        groups.setdefault(item.cluster_id or index, []).append(item)
    ranked = [tuple(sorted(group, key=lambda item: -item.votes)) for group in groups.values()]
    assert cell_groups(items) == sorted(ranked, key=lambda group: -sum(item.votes for item in group))
