"""Templates own their shape: a four-column, five-step template dropped into the user templates
folder makes sessions of its shape, which the store keeps, every export writes with the
template's headings (the wikitext read by a real parser, mwparserfromhell) and every importer
reads back exactly; an unknown heading or column is one line; merge refuses two shapes."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.templates import FOUR_COLUMNS, SIX_COLUMNS, write_template
from test_export_wikitext import expected_bullets, rendered_table
from workshop_tui import locations
from workshop_tui.content import load_catalog
from workshop_tui.export import ImportFormatError, export_text, import_text
from workshop_tui.export.wikitext import summary_table
from workshop_tui.merge import ShapeError, merge_sessions
from workshop_tui.store import InvalidInputError
from workshop_tui.store.store import Store

KEYS = tuple(key for key, _, _ in FOUR_COLUMNS)


@pytest.fixture
def shaped(isolated_dirs):
    write_template(locations.user_templates_dir(), "four-by-five", FOUR_COLUMNS, 5)
    write_template(locations.user_templates_dir(), "six-by-two", SIX_COLUMNS, 2)
    catalog = load_catalog()
    assert catalog.problems == ()
    return catalog


def _filled(store: Store, catalog) -> int:
    template = catalog.get("four-by-five")
    info = store.create_session("Retro | four", template_id=template.id, step_count=template.step_count,
                                columns=template.column_keys, facilitator="Ana", participants=["Bo"])
    first = store.add_item(info.id, 1, "keep", "Daily notes", author="Ana")
    second = store.add_item(info.id, 1, "keep", "Daily [bold]notes[/bold] too", author="Bo")
    store.add_item(info.id, 2, "drop", "{{long}} meetings | ||", author="Bo")
    store.add_item(info.id, 3, "add", "=SUM(A1) a formula")
    idea = store.add_item(info.id, 5, "idea", "Line one\nline two 🎉", author="Ana")
    store.cluster_items([first.id, second.id])
    store.set_phase(info.id, 1, "vote")
    store.cast_vote(first.id, "Bo")
    store.set_followup(idea.id, owner="Bo", due="2026-12-24")
    return info.id


def _same(a, b) -> None:
    """Two sessions hold the same items: where, what, whose, votes, clusters, follow-ups."""
    def seen(data):
        clusters = {}
        return [(i.step, i.column, i.position, i.text, i.author, i.votes, i.followup, i.owner, i.due,
                 clusters.setdefault(i.cluster_id, len(clusters)) if i.cluster_id else None) for i in data.items]

    assert seen(a) == seen(b)
    assert (a.info.columns, a.info.template_id, a.info.step_count) == (b.info.columns, b.info.template_id, b.info.step_count)


def test_the_store_keeps_the_shape_and_refuses_other_columns(store, shaped):
    session_id = _filled(store, shaped)
    info = store.get_session(session_id)
    assert info.columns == KEYS and info.step_count == 5
    with pytest.raises(InvalidInputError, match="unknown column 'action': use one of keep, drop, add, idea"):
        store.add_item(session_id, 1, "action", "Not here")
    with pytest.raises(InvalidInputError, match="1 to 6 columns, not 7"):
        store.create_session("Too wide", template_id="x", step_count=1, columns=tuple("abcdefg"))
    with pytest.raises(InvalidInputError, match="column key"):
        store.create_session("Bad key", template_id="x", step_count=1, columns=("Not A Key",))


def test_wikitext_has_the_templates_headings_and_renders_every_cell(store, shaped):
    data = store.session_data(_filled(store, shaped))
    template = shaped.for_session(data.info)
    page = export_text(data, template, "wikitext")
    header, rows = rendered_table(page, KEYS)
    assert header == ["STAGES", "KEEP doing", "DROP it", "ADD this", "WILD | IDEAS"]
    assert [label.split(":")[0] for label, _ in rows] == [f"STEP {n}" for n in range(1, 6)]
    for number, (_, cells) in enumerate(rows, start=1):
        for key in KEYS:
            assert cells[key] == expected_bullets(data.items_for(number, key))
    _same(import_text(page, shaped), data)


def test_csv_and_json_write_the_shape_and_import_back_exactly(store, shaped):
    data = store.session_data(_filled(store, shaped))
    template = shaped.for_session(data.info)
    text = export_text(data, template, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["column"] for row in rows] == ["keep", "keep", "drop", "add", "idea"]
    assert rows[3]["text"] == "'=SUM(A1) a formula"
    _same(import_text(text, shaped), data)
    restored = import_text(export_text(data, template, "json"), shaped)
    assert restored.items == tuple(replace(item, session_id=0) for item in data.items)
    assert restored.info.columns == KEYS
    markdown = export_text(data, template, "markdown")
    assert "**WILD \\| IDEAS**" in markdown or "**WILD | IDEAS**" in markdown


def test_a_round_trip_through_the_store_gives_the_same_session(store, shaped):
    data = store.session_data(_filled(store, shaped))
    template = shaped.for_session(data.info)
    for fmt in ("wikitext", "csv", "json"):
        again = store.session_data(store.import_session(import_text(export_text(data, template, fmt), shaped)).id)
        _same(again, data)
        assert summary_table(again, shaped.for_session(again.info)) == summary_table(data, template)


def test_csv_headings_and_labels_map_back_through_the_template(shaped):
    text = ('step,step_title,column,text\r\n1,Stage 1 of four-by-five,KEEP doing,a\r\n'
            '2,Stage 2 of four-by-five,Ideas,b\r\n3,,drop,c\r\n')
    data = import_text(text, shaped)
    assert data.info.template_id == "four-by-five"
    assert [(i.step, i.column, i.text) for i in data.items] == [(1, "keep", "a"), (2, "idea", "b"), (3, "drop", "c")]


def test_an_unknown_column_or_heading_is_one_line(store, shaped):
    with pytest.raises(ImportFormatError, match=r"line 3: unknown column 'Feelings': no template has it "
                                                r"\(the template 'four-by-five' has keep \(KEEP doing\)"):
        import_text("step,step_title,column,text\r\n1,Stage 1 of four-by-five,keep,a\r\n"
                    "2,Stage 2 of four-by-five,Feelings,b\r\n", shaped)
    data = store.session_data(_filled(store, shaped))
    page = export_text(data, shaped.for_session(data.info), "wikitext").replace("ADD this", "SOMETHING else")
    with pytest.raises(ImportFormatError) as refused:
        import_text(page, shaped)
    assert str(refused.value).startswith("the summary table's heading: unknown column 'SOMETHING else': no template")
    assert "\n" not in str(refused.value)


def test_merge_refuses_two_shapes_in_one_line(store, shaped, template):
    four = store.session_data(_filled(store, shaped))
    three = store.session_data(store.create_session("Three", template_id=template.id, step_count=8).id)
    with pytest.raises(ShapeError) as refused:
        merge_sessions(four, three, title="Both")
    assert str(refused.value) == ("'Retro | four' and 'Three' have different columns (keep, drop, add, idea / action, "
                                  "obstacle, tool): only sessions of the same shape merge; nothing was merged")
    merged = merge_sessions(four, four, title="Twice")
    assert merged.info.columns == KEYS and len(merged.items) == len(four.items)


def test_a_session_whose_template_is_gone_keeps_its_columns(store, shaped, catalog):
    data = store.session_data(_filled(store, shaped))
    template = catalog.for_session(data.info)  # the bundled catalog: no four-by-five there
    assert template.column_keys == KEYS
    header, _ = rendered_table(export_text(data, template, "wikitext"), KEYS)
    assert header[1:] == ["KEEP", "DROP", "ADD", "IDEA"]  # the keys, as the template that made it is gone


typed = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(str.strip)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st.lists(st.tuples(st.integers(1, 2), st.sampled_from([key for key, _, _ in SIX_COLUMNS]), typed),
                        min_size=1, max_size=12),
       fmt=st.sampled_from(["wikitext", "csv", "json"]))
def test_any_items_of_a_six_column_session_come_back(shaped, entries, fmt):
    from workshop_tui.model import Item, SessionData, SessionInfo
    from workshop_tui.text import clean_item_text

    template = shaped.get("six-by-two")
    items, counts = [], {}
    for number, (step, column, text) in enumerate(entries):
        counts[(step, column)] = counts.get((step, column), -1) + 1
        items.append(Item(id=f"{number:032x}", step=step, column=column, text=clean_item_text(text),
                          position=counts[(step, column)]))
    items.sort(key=lambda i: (i.step, template.column_keys.index(i.column), i.position))
    data = SessionData(info=SessionInfo(id=1, title="Six", template_id=template.id, step_count=2,
                                        columns=template.column_keys, item_count=len(items)), items=tuple(items))
    back = import_text(export_text(data, template, fmt), shaped)
    assert back.info.columns == template.column_keys
    assert [(i.step, i.column, i.text) for i in back.items] == [(i.step, i.column, i.text) for i in items]


def test_continuing_a_session_keeps_its_shape(store, shaped):
    first = _filled(store, shaped)
    second = store.continue_session(first, "Next time")
    assert second.columns == KEYS and second.template_id == "four-by-five"
    assert [(i.column, i.text) for i in store.list_items(second.id)] == [("idea", "Line one\nline two 🎉")]
