"""How each screen looks, at 80x24 (a laptop terminal) and 160x48 (a big shared screen).

The session holds long, multi-line, unicode, emoji, right-to-left and markup-looking items.
Nothing on screen depends on the clock, and cursors do not blink, so pictures are stable.
Look at every SVG you update: `rsvg-convert file.svg -o /tmp/file.png`.
"""

from __future__ import annotations

import pytest
from test_app_helpers import fill_session, settle

from workshop_tui.app import make_app

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]


@pytest.fixture
def app(store, catalog, template):
    fill_session(store, template)
    store.create_session("Board retreat [draft]", template_id=template.id, step_count=template.step_count,
                         event="Annual meeting", date="2015-11-02")
    workshop = make_app(store, catalog)
    workshop.cursor_blink = False
    return workshop


def keys(*pressed: str):
    """A `run_before` that waits for the store, presses keys, and waits again after each."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_start_screen(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=keys())


@pytest.mark.parametrize("size", SIZES)
def test_step_with_items(snap_compare, app, size):
    # Open the older session ("Partnership workshop", second row) at step 1.
    assert snap_compare(app, terminal_size=size, run_before=keys("down", "enter"))


@pytest.mark.parametrize("size", SIZES)
def test_step_with_an_item_selected(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=keys("down", "enter", "escape", "up"))


def test_step_in_the_projector_theme(snap_compare, app):
    assert snap_compare(app, terminal_size=(160, 48), run_before=keys("down", "enter", "ctrl+t"))


@pytest.mark.parametrize("size", SIZES)
def test_summary(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=keys("down", "enter", "ctrl+s"))


@pytest.mark.parametrize("size", SIZES)
def test_export_dialog(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=keys("down", "enter", "ctrl+s", "e"))


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=keys("down", "enter", "f1"))
