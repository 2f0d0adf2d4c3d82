"""A six-column template (the most a template may have) on screen at 80x24 and 160x48: the step
screen with items in every column, and the summary. Look at every SVG you update:
`rsvg-convert file.svg -o /tmp/file.png`."""

from __future__ import annotations

import pytest
from helpers.pilot import SIZES, keys
from helpers.templates import SIX_COLUMNS, write_template

from workshop_tui import locations
from workshop_tui.app import make_app
from workshop_tui.content import load_catalog



@pytest.fixture
def app(store, isolated_dirs):
    write_template(locations.user_templates_dir(), "six-ws", SIX_COLUMNS, 3, title="The six questions")
    catalog = load_catalog()
    template = catalog.get("six-ws")
    info = store.create_session("Six Ws", template_id=template.id, step_count=template.step_count,
                                columns=template.column_keys, facilitator="Ana", participants=["Bo"])
    texts = {"who": ["The volunteers", "Partners [bold]too[/bold]"], "what": ["A photo contest"],
             "when": ["Every May"], "where": ["Online and in 3 cities"],
             "why": ["More pictures of monuments on Commons, with free licences"], "how": ["Wiki Loves 🏛️"]}
    for key, items in texts.items():
        for text in items:
            store.add_item(info.id, 1, key, text, author="Bo")
    store.add_item(info.id, 2, "how", "A jury")
    workshop = make_app(store, catalog)
    workshop.cursor_blink = False
    return workshop



@pytest.mark.parametrize("size", SIZES)
def test_six_columns_on_a_step(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=keys("enter"))


@pytest.mark.parametrize("size", SIZES)
def test_six_columns_in_the_summary(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=keys("enter", "ctrl+s"))
