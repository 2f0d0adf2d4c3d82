"""How a continued session looks (80x24 and 160x48): the step with a follow-up from last time,
closed as done, and the follow-ups view with what came from last time and each one's status.

Look at every SVG you update: `rsvg-convert file.svg -o /tmp/file.png`.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from helpers.pilot import fill_session
from helpers.pilot import SIZES, keys

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


@pytest.fixture
def with_history(store, catalog, template, monkeypatch):
    """A session whose changes were made a minute apart from 09:00 UTC (the clock the store reads
    is replaced, so the history's times are the same on every run), shown in UTC."""
    import time
    from datetime import timedelta

    from workshop_tui.store import queries, sessions

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    ticks = iter(range(10_000))

    def clock() -> str:
        return (NOW - timedelta(hours=1) + timedelta(minutes=next(ticks))).isoformat(timespec="microseconds")

    monkeypatch.setattr(queries, "now_iso", clock)
    monkeypatch.setattr(sessions, "now_iso", clock)
    info = store.create_session("Partnership workshop", template_id=template.id, step_count=template.step_count,
                                facilitator="Anne-Laure Prévost", participants=["Ana", "Bo"], date="2015-07-19")
    why = store.add_item(info.id, 1, "action", "Ask [bold]why[/bold] we need a partner", author="Ana", by="Ana")
    store.edit_item(why.id, "List WHY we need a partner", by="Bo")
    calendar = store.add_item(info.id, 2, "tool", "A shared calendar", author="Bo", by="Bo")
    store.add_item(info.id, 3, "obstacle", "Different timelines", author="Ana")
    store.cast_vote(calendar.id, "Ana")
    store.set_followup(why.id, owner="Ana", due="2026-12-15")
    store.delete_item(calendar.id)
    workshop = make_app(store, catalog, clock=lambda: NOW)
    workshop.cursor_blink = False
    yield workshop
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("size", SIZES)
def test_the_history_of_a_session(snap_compare, with_history, size):
    assert snap_compare(with_history, terminal_size=size, run_before=keys("enter", "ctrl+s", "h"))


@pytest.mark.parametrize("size", SIZES)
def test_the_summary_at_a_moment(snap_compare, with_history, size):
    # Right after the dot on the calendar, before it was deleted.
    assert snap_compare(with_history, terminal_size=size, run_before=keys("enter", "ctrl+s", "h", "up", "up", "enter"))


@pytest.fixture
def publishing(store, catalog, template, monkeypatch):
    """A session last published to a page of Meta-Wiki: the dialog proposes it again (no network)."""
    from workshop_tui.wiki import PASSWORD_ENV

    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    info = fill_session(store, template)
    store.set_wiki_target(info.id, "https://meta.wikimedia.org/w/api.php", "Partnerships/8 Steps workshop, Berlin",
                          "AnneLaure@workshop-tui")
    workshop = make_app(store, catalog, clock=lambda: NOW)
    workshop.cursor_blink = False
    return workshop


@pytest.mark.parametrize("size", SIZES)
def test_the_publish_dialog(snap_compare, publishing, size):
    assert snap_compare(publishing, terminal_size=size, run_before=keys("enter", "ctrl+s", "e", "ctrl+o"))
