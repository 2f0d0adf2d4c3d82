"""How each screen looks, at 80x24 (a laptop terminal) and 160x48 (a big shared screen).

The session holds long, multi-line, unicode, emoji, right-to-left and markup-looking items.
Nothing on screen depends on the real clock (the facilitation pictures inject a fixed one), and
cursors do not blink, so pictures are stable.
Look at every SVG you update: `rsvg-convert file.svg -o /tmp/file.png`.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from helpers.pilot import SIZES, fill_session, keys

from workshop_tui.app import make_app



@pytest.fixture
def app(store, catalog, template):
    fill_session(store, template)
    store.create_session("Board retreat [draft]", template_id=template.id, step_count=template.step_count,
                         event="Annual meeting", date="2015-11-02")
    workshop = make_app(store, catalog)
    workshop.cursor_blink = False
    return workshop



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


# -- facilitating: a session with a timer, clusters, dots and follow-ups, at a fixed time -------------

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=timezone.utc)


@pytest.fixture
def facilitated(store, catalog, template):
    """Step 1 in the vote phase with dots and a cluster; timers run or ran; follow-ups in steps 5 and 8."""
    info = fill_session(store, template)
    items = {item.text: item for item in store.list_items(info.id)}
    store.cluster_items([items["[bold]x"].id, items["[@click=app.quit]x[/]"].id])
    memo = items["Sign a memorandum of understanding with the museum"].id
    for voter, item in (("Ana", memo), ("Bo", memo), ("Ana", items["[bold]x"].id), ("Émeric", memo),
                        ("Bo", items["Checklist ✅ and handshake 🤝"].id)):
        store.cast_vote(item, voter)
    store.start_timer(info.id, 2, now=NOW - timedelta(minutes=40))
    store.pause_timer(info.id, 2, now=NOW - timedelta(minutes=27, seconds=30))
    store.extend_timer(info.id, 2, 5 * 60)
    store.start_timer(info.id, 1, now=NOW - timedelta(minutes=16, seconds=20))  # runs, 1:20 over
    store.set_phase(info.id, 1, "vote")
    plan = store.add_item(info.id, 5, "action", "Draft the [agreement] with the museum's lawyer", author="Bo")
    store.set_followup(plan.id, owner="Bo", due="2026-12-04")
    review = store.add_item(info.id, 8, "tool", "A yearly review of the partnership", author="Ana")
    store.set_followup(review.id, owner="Ana", due="2027-06-30")
    store.set_followup(items["Call the curator"].id, owner=None)
    workshop = make_app(store, catalog, clock=lambda: NOW)
    workshop.cursor_blink = False
    return workshop


@pytest.mark.parametrize("size", SIZES)
def test_step_voting(snap_compare, facilitated, size):
    # Ana speaks: two of her three dots are placed; the memorandum has three.
    assert snap_compare(facilitated, terminal_size=size, run_before=keys("enter", "ctrl+o", "down", "enter",
                                                                         "escape", "up"))


@pytest.mark.parametrize("size", SIZES)
def test_step_with_a_cluster(snap_compare, facilitated, size):
    # Back to clustering: the cluster of two is one entry; a third item is marked to join it.
    assert snap_compare(facilitated, terminal_size=size,
                        run_before=keys("enter", "f9", "escape", "up", "space", "down"))


@pytest.mark.parametrize("size", SIZES)
def test_presenter_mode(snap_compare, facilitated, size):
    assert snap_compare(facilitated, terminal_size=size, run_before=keys("enter", "f12"))


@pytest.mark.parametrize("size", SIZES)
def test_followups_view(snap_compare, facilitated, size):
    assert snap_compare(facilitated, terminal_size=size, run_before=keys("enter", "f4"))


@pytest.mark.parametrize("size", SIZES)
def test_agenda(snap_compare, facilitated, size):
    assert snap_compare(facilitated, terminal_size=size, run_before=keys("enter", "f3"))


@pytest.mark.parametrize("size", SIZES)
def test_summary_with_statistics(snap_compare, facilitated, size):
    assert snap_compare(facilitated, terminal_size=size, run_before=keys("enter", "ctrl+s", "end"))
