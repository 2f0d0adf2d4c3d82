"""The summary of a big session: drawn line by line (only what is on screen is built), scrolled
with the keys as before, with the statistics below it still reachable, and every item there."""

from __future__ import annotations

from textual import events

from helpers.pilot import open_step, press, screen_text, settle

from workshop_tui.app import make_app
from workshop_tui.model import NewItem
from workshop_tui.screens.summary import SummaryScreen
from workshop_tui.widgets import summary_grid
from workshop_tui.widgets.summary_grid import SummaryGrid, column_spans

COUNT = 600  # 25 items a cell: the table is many screens tall


def fill(store, session, template):
    items = [NewItem(step, column, f"Item {step}.{column}.{n}: ask the partner's board about the joint project",
                     author="Ana" if n % 2 else None)
             for step in range(1, template.step_count + 1) for column in template.column_keys
             for n in range(COUNT // (template.step_count * len(template.column_keys)))]
    store.add_items(session.id, items)


async def test_a_big_summary_builds_only_what_is_on_screen_and_scrolls_to_everything(store, session, template,
                                                                                    monkeypatch):
    fill(store, session, template)
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
