"""The fast csv and wikitext writers, and the store's lean read for them, give exactly the bytes
the exporters gave before (`tests/helpers/export_reference.py`), whatever a session or a store
holds: markup, formulas, line breaks, clusters, votes, follow-ups, private items, and control
characters another program put straight into the database.
"""

from __future__ import annotations

import sqlite3
import tempfile
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import export_reference as reference
from workshop_tui import export
from workshop_tui.content import load_catalog
from workshop_tui.export import wikimarkup, wikitext
from workshop_tui.export.rows import rows_of
from workshop_tui.model import Item, SessionData, SessionInfo, SessionRows, StepState, new_id
from workshop_tui.store import open_store
from workshop_tui.text import clean_text, safe

CATALOG = load_catalog()
TEMPLATES = sorted(CATALOG.templates.values(), key=lambda template: template.id)
NOW = datetime(2026, 12, 4, 0, 30, tzinfo=timezone.utc)
HOSTILE = ["[bold]", "|", "||", "{{", "}}", "{|", "|}", "=cmd", "+1", "-2", "@SUM(A1)", "'=x", "''", "'''", "~~~~",
           "!!", "__NOTOC__", "----", "<b>", "&amp;", "\n", "\t", " ", "* ", "# ", ":", ";", ",", '"', "é", "😀",
           "\u00a0", "\u2028", "x"]
CONTROLS = ["\x00", "\x01", "\x1b[31m", "\x7f", "\x85", "\u202e", "\u2066", "\r", "\r\n", "\x0b", "\x1c", "\x1e",
            "\x1f"]
typed = st.lists(st.sampled_from(HOSTILE) | st.text(max_size=4), min_size=1, max_size=6).map("".join)
dirty = st.lists(st.sampled_from(HOSTILE + CONTROLS) | st.text(max_size=3), min_size=1, max_size=6).map("".join)


def _clean(text: str) -> str:
    """Text as the store keeps it (what `import_session` and `add_item` store)."""
    cleaned = clean_text(text).strip("\n")
    return cleaned if cleaned.strip() else "x"


@st.composite
def sessions(draw) -> tuple[SessionData, object]:
    template = draw(st.sampled_from(TEMPLATES))
    keys = template.column_keys
    count = draw(st.integers(0, 25))
    items = []
    for _ in range(count):
        followup = draw(st.booleans())
        items.append(Item(
            id=new_id(), step=draw(st.integers(1, template.step_count + 2)), column=draw(st.sampled_from(keys)),
            text=_clean(draw(typed)), author=draw(st.sampled_from([None, "", "Ana", "=Bo", "a,b", " Cy ", "[x]"])),
            position=draw(st.integers(0, 4)), votes=draw(st.sampled_from([0, 0, 0, 1, 2, 5])),
            created_at=draw(st.sampled_from(["2026-12-03T10:00:00+00:00", "", "=1+1"])),
            cluster_id=draw(st.sampled_from([None, None, None, "c1", "c2"])), followup=followup,
            owner=draw(st.sampled_from([None, "Ana", "-x", "a,b"])) if followup else None,
            due=draw(st.sampled_from(["", "2026-12-15", "@due", "soon, maybe"])) if followup else "",
            followup_status=draw(st.sampled_from(["open", "done", "dropped", "carried"])) if followup else "open",
            from_last_time=followup and draw(st.booleans())))
    steps = draw(st.lists(st.integers(1, template.step_count), unique=True, max_size=3))
    states = tuple(StepState(step=step, phase=draw(st.sampled_from(["brainstorm", "vote", "discuss"])),
                             planned_seconds=draw(st.sampled_from([None, 600, 1001])),
                             spent_seconds=draw(st.sampled_from([0.0, 75.0])),
                             running_since=draw(st.sampled_from([None, "2026-12-04T00:20:00+00:00"])))
                   for step in sorted(steps))
    info = SessionInfo(id=1, title=_clean(draw(typed)), template_id=template.id, step_count=template.step_count,
                       facilitator=draw(st.sampled_from(["", "Anne-Laure", "=x"])), columns=keys,
                       participants=("Ana", "a,b"), language=draw(st.sampled_from(["", "en", "fr"])))
    hidden = draw(st.dictionaries(st.integers(1, template.step_count), st.integers(0, 3), max_size=2))
    return SessionData(info=info, items=tuple(items), step_states=states, hidden_counts=hidden), template


@settings(max_examples=300, deadline=None)
@given(drawn=sessions(), fmt=st.sampled_from(export.ROW_FORMATS))
def test_every_session_exports_as_before(drawn, fmt):
    data, template = drawn
    expected = reference.export_text(data, template, fmt, now=NOW)
    assert export.export_text(data, template, fmt, now=NOW) == expected
    assert export.export_text(rows_of(data), template, fmt, now=NOW) == expected


@settings(max_examples=100, deadline=None)
@given(drawn=sessions())
def test_markdown_reads_each_cell_once_and_exports_as_before(drawn):
    data, template = drawn
    assert export.export_text(data, template, "markdown", now=NOW) == reference.export_text(
        data, template, "markdown", now=NOW)


def test_a_session_header_holding_control_characters_exports_as_before(template):
    """The store makes a session's header safe; a header made another way still gives one field
    a value in csv (the file's own separators dropped) and what the old exporters gave."""
    info = SessionInfo(id=1, title="\x1f=x\x1e \x01Title\x1b", template_id=template.id, step_count=2)
    item = Item(id=new_id(), step=1, column="action", text="=cmd", author="Ana")
    data = SessionData(info=info, items=(item,), hidden_counts={2: 1})
    for fmt in export.ROW_FORMATS:
        assert export.export_text(data, template, fmt, now=NOW) == reference.export_text(data, template, fmt, now=NOW)
    lines = export.export_text(data, template, "csv", now=NOW).splitlines()
    assert len(lines) == 3 and all(line.count('","') == 16 for line in lines[1:])


@settings(max_examples=100, deadline=None)
@given(drawn=sessions())
def test_the_summary_table_publishing_puts_in_a_page_is_as_before(drawn):
    data, template = drawn
    assert wikitext.summary_table(data, template, now=NOW) == reference.summary_table(data, template, now=NOW)


ESCAPE_ALPHABET = st.sampled_from(list("ab '~!_-*#:;+}{=|&<>[]\n\r\t\u00a0é😀\x01\x1c\x85\u202e")) | st.characters()


@settings(max_examples=1000, deadline=None)
@given(text=st.text(ESCAPE_ALPHABET, max_size=30), extra=st.sampled_from(["", ","]))
def test_escape_is_as_before(text, extra):
    assert wikimarkup.escape(text, extra=extra) == reference.escape(text, extra=extra)


@settings(max_examples=1000, deadline=None)
@given(text=st.text(ESCAPE_ALPHABET, max_size=30))
def test_a_text_written_as_it_is_needs_neither_escaping_nor_cleaning(text):
    if not wikimarkup.needs_escape(text):
        assert reference.escape(safe(text)) == text


# -- through a store: what another program may have written straight into it -----------------

_DIRTY_FIELDS = ("text", "author", "owner", "due", "created_at", "followup_status", "cluster_id", "column")


def _store_session(store, data: SessionData) -> int:
    """The session stored (its steps stretched to hold every item, as a store requires)."""
    steps = max([data.info.step_count, *(item.step for item in data.items)])
    info = replace(data.info, step_count=steps, title=f"Session {data.info.title}")
    return store.import_session(replace(data, info=info)).id


def _make_dirty(path: Path, changes: list[tuple[int, str, str]], hide: list[int]) -> None:
    """Write straight into the SQLite file, as another program could: fields with control
    characters, items hidden as if written privately."""
    connection = sqlite3.connect(path)
    try:
        ids = [row[0] for row in connection.execute("SELECT id FROM items ORDER BY step, \"column\", position")]
        for index, field, value in changes:
            if ids:
                connection.execute(f'UPDATE items SET "{field}" = ? WHERE id = ?', (value, ids[index % len(ids)]))
        for index in hide:
            if ids:
                connection.execute("UPDATE items SET hidden = 1 WHERE id = ?", (ids[index % len(ids)],))
        connection.commit()
    finally:
        connection.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=sessions(), changes=st.lists(st.tuples(st.integers(0, 50), st.sampled_from(_DIRTY_FIELDS), dirty),
                                          max_size=4),
       hide=st.lists(st.integers(0, 50), max_size=2))
def test_a_store_exports_through_the_lean_read_as_through_session_data(drawn, changes, hide):
    data, template = drawn
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "store.db"
        with open_store(path) as store:
            session_id = _store_session(store, data)
        _make_dirty(path, changes, hide)
        with open_store(path) as store:
            full, lean = store.session_data(session_id), store.session_rows(session_id)
    assert isinstance(lean, SessionRows)
    assert (lean.info, lean.step_states, lean.hidden_counts) == (full.info, full.step_states, full.hidden_counts)
    for fmt in export.ROW_FORMATS:
        assert export.export_text(lean, template, fmt, now=NOW) == reference.export_text(full, template, fmt, now=NOW)


def test_the_lean_read_is_for_csv_and_wikitext_only(store, session, template):
    rows = store.session_rows(session.id)
    for fmt in ("markdown", "json"):
        try:
            export.export_text(rows, template, fmt)
        except ValueError as error:
            assert "Store.session_data" in str(error)
        else:
            raise AssertionError(f"{fmt} exported from rows without votes")
