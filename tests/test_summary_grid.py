"""The summary of a big session: drawn line by line (only what is on screen is built), scrolled
with the keys as before, with the statistics below it still reachable, and every item there.

A big session's rows below the screen are first guessed, then counted after the first frame:
whichever way, the table ends up exactly as tall as what Textual draws (hypothesis), and a
row scrolled to before it is counted is drawn where its count puts it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual import events

from helpers.pilot import open_step, press, screen_text, settle

from workshop_tui.app import make_app
from workshop_tui.model import Item, NewItem
from workshop_tui.screens.summary import SummaryScreen
from workshop_tui.widgets import summary_grid
from workshop_tui.widgets.session_stats import SessionStatsView
from workshop_tui.widgets.summary_grid import Cell, Layout, SummaryGrid, column_spans, entry_content

COUNT = 600  # 25 items a cell: the table is many screens tall


def fill(store, session, template):
    items = [NewItem(step, column, f"Item {step}.{column}.{n}: ask the partner's board about the joint project",
                     author="Ana" if n % 2 else None)
             for step in range(1, template.step_count + 1) for column in template.column_keys
             for n in range(COUNT // (template.step_count * len(template.column_keys)))]
    store.add_items(session.id, items)


@pytest.mark.parametrize("counted_at_once", [SummaryGrid.COUNTED_AT_ONCE, 10], ids=["counted", "guessed-then-counted"])
async def test_a_big_summary_builds_only_what_is_on_screen_and_scrolls_to_everything(store, session, template,
                                                                                    monkeypatch, counted_at_once):
    fill(store, session, template)
    monkeypatch.setattr(SummaryGrid, "COUNTED_AT_ONCE", counted_at_once)
    built = []
    content = summary_grid.entry_content
    monkeypatch.setattr(summary_grid, "entry_content", lambda entry: built.append(entry) or content(entry))
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_step(pilot)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, SummaryScreen)
        grid = app.screen.query_one(SummaryGrid)
        assert grid.size.height > 3 * 36  # laid out whole: many screens
        assert "Item 1.action.0:" in screen_text(app)
        assert 0 < len(built) < 36 * len(template.columns)  # only the entries on screen were built
        assert "Statistics" not in screen_text(app)
        assert app.screen.query_one(SessionStatsView).stats.item_total == COUNT  # drawn, below the table
        layout = grid.layout_at(grid.content_region.width)
        assert all(layout.exact) and layout.tops == Layout.of(grid._rows, layout.width).tops  # counted by now

        # Page down reaches further items; End the statistics; Home back to the headings.
        await press(pilot, "pagedown", "pagedown")
        assert "Item 1.action.0:" not in screen_text(app)
        await press(pilot, "end")
        assert "Statistics" in screen_text(app) and f"{COUNT} items" in screen_text(app)
        await press(pilot, "pageup")
        last = f"Item {template.step_count}.{template.column_keys[-1]}.{COUNT // 24 - 1}:"
        assert last in screen_text(app)  # the table's last line is drawn where its height says
        await press(pilot, "home")
        assert "KEY STEPS" in screen_text(app)
        # The mouse wheel over the table scrolls the summary.
        before = app.screen.query_one("#summary").scroll_y
        grid.post_message(events.MouseScrollDown(grid, 10, 5, 0, 1, 0, False, False, False, 12, 20))
        await settle(pilot)
        assert app.screen.query_one("#summary").scroll_y > before


def test_the_step_column_keeps_its_words_and_the_columns_fill_the_width():
    spans = column_spans(77, 3)
    assert spans[0] == (0, 18) and sum(width for _x, width in spans) == 77
    assert [x for x, _width in spans] == [0, 18, 37, 57]
    wide = column_spans(153, 3)
    assert wide[0][1] == 27 and sum(width for _x, width in wide) == 153


async def test_a_row_scrolled_to_before_it_is_counted_is_counted_then_drawn(store, session, template, monkeypatch):
    fill(store, session, template)
    monkeypatch.setattr(SummaryGrid, "COUNTED_AT_ONCE", 10)
    monkeypatch.setattr(SummaryGrid, "_count_next_row", lambda grid: None)  # never counted after the frame
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_step(pilot)
        await press(pilot, "ctrl+s")
        grid = app.screen.query_one(SummaryGrid)
        layout = grid.layout_at(grid.content_region.width)
        assert not all(layout.exact)  # below the screen: guessed
        await press(pilot, "end")
        assert all(layout.exact) and grid.size.height == Layout.of(grid._rows, layout.width).tops[-1]
        assert "Statistics" in screen_text(app) and f"{COUNT} items" in screen_text(app)
        await press(pilot, "pageup")
        assert f"Item {template.step_count}.{template.column_keys[-1]}.{COUNT // 24 - 1}:" in screen_text(app)


WORDS = st.text(alphabet=st.sampled_from(list("ab cd   xyz-.,\n•éŻ🤝中")), min_size=1, max_size=60)
ITEM = st.builds(
    lambda text, author, votes, cluster, followup: Item(
        id="", step=1, column="c", text=text, author=author, position=0, votes=votes,
        cluster_id=cluster, followup=followup, owner="Ana" if followup else None, due="2026-12-01" if followup else ""),
    WORDS, st.sampled_from([None, "Ana", "Bo Bo"]), st.integers(0, 3), st.sampled_from([None, "k1", "k2"]),
    st.booleans())
ROWS = st.lists(st.lists(st.lists(ITEM, max_size=6), min_size=2, max_size=2), min_size=1, max_size=5)


def grid_rows(cells: list[list[list[Item]]]) -> list[list[Cell]]:
    from textual.content import Content

    rows = [[Cell(content=Content("KEY STEPS")), Cell(content=Content("ONE")), Cell(content=Content("TWO"))]]
    rows += [[Cell(content=Content(f"STEP {n}: a step"))] + [Cell(list(items)) for items in row]
             for n, row in enumerate(cells, start=1)]
    return rows


@settings(max_examples=150, deadline=None)
@given(ROWS, st.integers(min_value=20, max_value=120), st.integers(min_value=0, max_value=40))
def test_guessed_rows_once_counted_are_as_tall_as_textual_draws_them(cells, width, counted_above):
    rows = grid_rows(cells)  # fresh cells: nothing counted yet
    layout = Layout.of(rows, width, counted_above=counted_above)
    assert all(top < counted_above for top, exact in zip(layout.tops, layout.exact) if exact)
    for row in layout.guessed:  # one at a time, as after each refresh
        layout.count(rows, row)
    assert all(layout.exact)
    exact = Layout.of(grid_rows(cells), width)
    assert (layout.tops, layout.heights) == (exact.tops, exact.heights)
    # ... and each row is as tall as its tallest cell's entries wrapped by Textual, one after another.
    for row, cells_of_row in enumerate(rows[1:], start=1):
        drawn = [sum(len(entry_content(entry).wrap(max(span - 2, 1))) for entry in cell.entries)
                 for cell, (_x, span) in zip(cells_of_row[1:], exact.columns[1:])]
        step = len(cells_of_row[0].content.wrap(max(exact.columns[0][1] - 2, 1)))
        assert exact.heights[row] == max([step, *drawn])
