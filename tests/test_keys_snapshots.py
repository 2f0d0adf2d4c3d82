"""How the screens issue 12's keys work changed look, at 80x24 and 160x48: a step written privately
(counts, never texts) on the facilitator's screen and the presenter, the follow-up dialog
refusing a date, and a step with an emoji sequence in a column and `@Name` completed in the input.
Look at every SVG you update: `rsvg-convert file.svg -o /tmp/file.png`.
"""

from __future__ import annotations

import pytest
from helpers.pilot import SIZES, fill_session, keys

from workshop_tui.app import make_app
from workshop_tui.presenter import make_presenter_app




@pytest.fixture
def private(store, template):
    info = fill_session(store, template)
    store.set_phase(info.id, 1, "private")
    for column, text, author in (("action", "Ana's secret", "Ana"), ("tool", "Ana's other secret", "Ana"),
                                 ("obstacle", "Bo's secret", "Bo"), ("action", "nobody's secret", None)):
        store.add_item(info.id, 1, column, text, author=author)
    return info


@pytest.mark.parametrize("size", SIZES)
def test_step_written_privately(snap_compare, store, private, size):
    app = make_app(store)
    app.cursor_blink = False
    assert snap_compare(app, terminal_size=size, run_before=keys("enter"))


@pytest.mark.parametrize("size", SIZES)
def test_presenter_written_privately(snap_compare, store, private, size):
    app = make_presenter_app(store, private)
    assert snap_compare(app, terminal_size=size, run_before=keys())


@pytest.mark.parametrize("size", SIZES)
def test_followup_dialog_refuses_a_date(snap_compare, store, template, size):
    fill_session(store, template)
    app = make_app(store)
    app.cursor_blink = False
    assert snap_compare(app, terminal_size=size,
                        run_before=keys("enter", "escape", "ctrl+f", "tab", *"2015-13-01", "enter"))


@pytest.mark.parametrize("size", SIZES)
def test_step_with_an_emoji_sequence_and_a_name_completed(snap_compare, store, template, size):
    info = fill_session(store, template)
    store.add_item(info.id, 1, "action", "Launch 🎉👩🏽\u200d🚀 party ❤️ 👍🏽", author="Émeric")
    app = make_app(store)
    app.cursor_blink = False
    assert snap_compare(app, terminal_size=size, run_before=keys("enter", "@", "A", "tab", *"thanks"))
