"""Text whose characters take other than one cell each (emoji with a variation selector, joined
emoji, flags, combining marks, East Asian wide characters) in the summary and on the step
screen: every line is exactly as wide as its widget, and each border stays in its column.

Widths are Rich's (`cell_len`, grapheme-aware), which is what Textual lays out and draws with.
"""

from __future__ import annotations

import random

import pytest
from rich.cells import cell_len

from helpers.pilot import open_step, press
from helpers.templates import SIX_COLUMNS, write_template

from workshop_tui import locations
from workshop_tui.app import make_app
from workshop_tui.content import load_catalog
from workshop_tui.widgets.summary_grid import SummaryGrid

HARD = [
    "Wiki Loves 🏛️",  # U+1F3DB and U+FE0F: two cells as a pair, one without the selector
    "❤️ and ✔️ and ☎️",
    "👩‍💻 👨‍👩‍👧‍👦 joined by U+200D",
    "🇫🇷🇩🇪 flags",
    "👍🏽 a skin tone",
    "1️⃣ keycap",
    "e\u0301te\u0301 combining accents, Z\u0324\u0354\u0367\u0311algo",
    "中文和日本語の文字 漢字",
    "한국어 텍스트",
    "ｆｕｌｌ　ｗｉｄｔｈ",
    "\ufe0f a lone selector, a lone joiner \u200d, a zero-width space \u200b",
    "🏛️🏛️🏛️🏛️🏛️🏛️🏛️🏛️🏛️🏛️🏛️🏛️🏛️🏛️🏛️🏛️🏛️🏛️🏛️🏛️",
    "中" * 40,
]
PIECES = [*"ab é中🏛🤝", "🏛️", "❤️", "👩‍💻", "🇫🇷", "e\u0301", "\u200d", "\ufe0f", "\u200b", "  "]


def random_texts(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40))).strip() or "x" for _ in range(count)]


def six_column_app(store, texts: list[str]):
    write_template(locations.user_templates_dir(), "six-ws", SIX_COLUMNS, 2, title="The six questions")
    catalog = load_catalog()
    template = catalog.get("six-ws")
    info = store.create_session("Six Ws", template_id=template.id, step_count=template.step_count,
                                columns=template.column_keys, facilitator="Ana", participants=["Bo"])
    for n, text in enumerate(texts):
        store.add_item(info.id, 1, template.column_keys[n % len(template.column_keys)], text, author="Bo")
    app = make_app(store, catalog)
    app.cursor_blink = False
    return app


def assert_every_line_is_the_width(app, width: int) -> None:
    strips = app.screen._compositor.render_strips()
    assert strips and all(strip.cell_length == width for strip in strips), \
        [(y, strip.cell_length) for y, strip in enumerate(strips) if strip.cell_length != width]


def text_at(strip, x: int) -> str:
    return "".join(segment.text for segment in strip.crop(x, x + 1))


def assert_borders_in_their_columns(app, widget) -> None:
    """The widget's left and right borders are drawn in its region's first and last column on
    every line between its top and bottom borders."""
    strips = app.screen._compositor.render_strips()
    region, seen = widget.region, widget.parent.region  # the part of it its container shows
    rows = range(max(region.y + 1, seen.y), min(region.bottom - 1, seen.bottom))
    assert rows
    for y in rows:
        left, right = text_at(strips[y], region.x), text_at(strips[y], region.right - 1)
        assert (left, right) == ("│", "│"), (y, left, right, [segment.text for segment in strips[y]])


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
@pytest.mark.parametrize("texts", [HARD, random_texts(60)], ids=["hard", "random"])
async def test_the_summary_draws_every_line_at_its_width(store, isolated_dirs, size, texts):
    app = six_column_app(store, texts)
    async with app.run_test(size=size) as pilot:
        await open_step(pilot)
        await press(pilot, "ctrl+s")
        grid = app.screen.query_one(SummaryGrid)
        width = grid.content_region.width
        for y in range(grid.virtual_size.height):
            assert grid.render_line(y).cell_length == width, y
        assert_every_line_is_the_width(app, size[0])
        assert_borders_in_their_columns(app, grid)
        # Scrolled down through the whole table: every line on screen, the same.
        for _ in range(4):
            await press(pilot, "pagedown")
            assert_every_line_is_the_width(app, size[0])


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
@pytest.mark.parametrize("texts", [HARD, random_texts(60)], ids=["hard", "random"])
async def test_the_step_screen_draws_every_line_at_its_width(store, isolated_dirs, size, texts):
    from workshop_tui.widgets.item_column import ItemColumn

    app = six_column_app(store, texts)
    async with app.run_test(size=size) as pilot:
        await open_step(pilot)
        assert_every_line_is_the_width(app, size[0])
        columns = list(app.screen.query(ItemColumn))
        assert len(columns) == 6
        for column in columns:
            assert_borders_in_their_columns(app, column)


def test_rich_counts_a_variation_selector_pair_as_two_cells():
    """What the tests above rely on: Rich measures a grapheme, not its code points."""
    assert cell_len("🏛️") == 2 and cell_len("🏛") == 1 and cell_len("👩‍💻") == 2 and cell_len("e\u0301") == 1
