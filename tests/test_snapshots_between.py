"""How a continued session looks (80x24 and 160x48): the step with a follow-up from last time,
closed as done, and the follow-ups view with what came from last time and each one's status.

Look at every SVG you update: `rsvg-convert file.svg -o /tmp/file.png`.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from helpers.pilot import fill_session
from test_snapshots import SIZES, keys

from workshop_tui.app import make_app

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=timezone.utc)


@pytest.fixture
def continued(store, catalog, template):
    """Berlin's follow-ups (one done there) carried into a follow-up session; one closed as done there."""
    info = fill_session(store, template)
    items = {item.text: item for item in store.list_items(info.id)}
    plan = store.add_item(info.id, 5, "action", "Draft the [agreement] with the museum's lawyer", author="Bo")
    store.set_followup(plan.id, owner="Bo", due="2026-12-04")
    budget = store.add_item(info.id, 5, "obstacle", "No budget line for 2027 yet", author="Émeric")
    store.set_followup(budget.id, owner="Émeric", due="2027-01-31")
    review = store.add_item(info.id, 8, "tool", "A yearly review of the partnership", author="Ana")
    store.set_followup(review.id, owner="Ana", due="2027-06-30")
    store.set_followup(items["Call the curator"].id, owner="Ana")
    store.set_followup_status(items["Call the curator"].id, "done")
    mexico = store.continue_session(info.id, "Partnership workshop, follow-up", date="2015-07-19")
    carried = {item.text: item for item in store.list_items(mexico.id)}
    store.set_followup_status(carried["Draft the [agreement] with the museum's lawyer"].id, "done")
    store.add_item(mexico.id, 5, "action", "Sign the agreement at the museum's board meeting", author="Ana")
    workshop = make_app(store, catalog, clock=lambda: NOW)
    workshop.cursor_blink = False
    return workshop


@pytest.mark.parametrize("size", SIZES)
def test_a_step_with_follow_ups_from_last_time(snap_compare, continued, size):
    assert snap_compare(continued, terminal_size=size,
                        run_before=keys("enter", "ctrl+n", "ctrl+n", "ctrl+n", "ctrl+n"))


@pytest.mark.parametrize("size", SIZES)
def test_the_follow_ups_of_a_continued_session(snap_compare, continued, size):
    assert snap_compare(continued, terminal_size=size, run_before=keys("enter", "f4"))
