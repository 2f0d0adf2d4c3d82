"""How the participant view looks, at 80x24 (a laptop or a phone held sideways) and 160x48.

The name prompt, the participant's view of a step full of long, unicode and markup-looking
items, and the same step while voting (with the participant's own dots). Look at every SVG
you update: `rsvg-convert file.svg -o /tmp/file.png`.
"""

from __future__ import annotations

import pytest
from helpers.pilot import SIZES, fill_session, keys

from workshop_tui.participant import make_participant_app



@pytest.fixture
def info(store, template):
    return fill_session(store, template)


def participant(store, info, name):
    app = make_participant_app(store, info.id, name)
    app.cursor_blink = False
    return app



@pytest.mark.parametrize("size", SIZES)
def test_the_name_prompt(snap_compare, store, info, size):
    app = participant(store, info, None)
    assert snap_compare(app, terminal_size=size, run_before=keys(*"Zoë"))


@pytest.mark.parametrize("size", SIZES)
def test_the_participant_view(snap_compare, store, info, size):
    store.add_item(info.id, 1, "tool", "A shared folder [for everyone]", author="Zoë")
    app = participant(store, info, "Zoë")
    assert snap_compare(app, terminal_size=size, run_before=keys(*"half typed"))


@pytest.mark.parametrize("size", SIZES)
def test_the_participant_view_while_voting(snap_compare, store, info, size):
    store.set_phase(info.id, 1, "vote")
    tool = next(i for i in store.list_items(info.id, 1) if i.column == "tool")
    store.cast_own_vote(info.id, tool.id, "Zoë")
    store.cast_own_vote(info.id, tool.id, "Zoë")
    app = participant(store, info, "Zoë")
    assert snap_compare(app, terminal_size=size, run_before=keys("escape", "tab", "tab"))
