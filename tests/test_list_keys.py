"""A sentence typed on a list screen by mistake changes nothing: the start screen's sessions
(no rename, continue or delete, not even "day" = Delete then Yes) and the follow-ups view (no
status change, no clear). Typed at human speed and in a burst. The changes those screens make
are on Ctrl keys and Delete; in the follow-ups view Ctrl+Z undoes them, latest first."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from helpers.pilot import screen_text, settle

from workshop_tui.app import make_app
from workshop_tui.screens.followups import FollowupsScreen
from workshop_tui.screens.start import StartScreen
from workshop_tui.screens.step import StepScreen

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)
# Every letter, the old keys among them (c, d, n, r, x, o, e, g, s, h, y) and "-".
SENTENCE = "today we decided: yes - the quick brown fox jumps over a lazy dog, carry on"


async def type_sentence(pilot, burst: bool) -> None:
    if burst:
        await pilot.press(*SENTENCE)
    else:
        for key in SENTENCE:
            await pilot.press(key)
            await settle(pilot)
    await settle(pilot)


def state(store) -> list[tuple]:
    """Every session with its items and each follow-up's owner, due date and status."""
    return [(info.title, [(i.id, i.text, i.followup, i.owner, i.due, i.followup_status)
                          for i in store.list_items(info.id)])
            for info in store.list_sessions()]


def with_followups(store, session):
    done = store.add_item(session.id, 5, "action", "Sign the agreement", author="Ana")
    store.set_followup(done.id, owner="Ana", due="2026-12-15")
    store.set_followup_status(done.id, "done")
    still = store.add_item(session.id, 8, "action", "Plan the next meeting", author="Bo")
    store.set_followup(still.id, owner="Bo", due="2027-01-10")
    return done, still


@pytest.mark.parametrize("burst", [False, True], ids=["human speed", "burst"])
async def test_a_sentence_typed_on_the_session_list_changes_nothing(store, session, burst):
    with_followups(store, session)
    store.create_session("Second", template_id=session.template_id, step_count=session.step_count)
    before = state(store)
    app = make_app(store, clock=lambda: T0)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        await type_sentence(pilot, burst)
        assert isinstance(app.screen, StartScreen)  # no dialog, no prompt, no form took the words
        assert state(store) == before


@pytest.mark.parametrize("burst", [False, True], ids=["human speed", "burst"])
async def test_a_sentence_typed_on_the_follow_ups_changes_nothing(store, session, burst):
    with_followups(store, session)
    before = state(store)
    app = make_app(store, clock=lambda: T0)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "f4")
        await settle(pilot)
        assert isinstance(app.screen, FollowupsScreen)
        for row in range(2):  # on each follow-up: the done one and the open one
            await pilot.press("home" if row == 0 else "down")
            await type_sentence(pilot, burst)
            assert isinstance(app.screen, FollowupsScreen)
            assert state(store) == before


async def test_follow_up_changes_are_undone_latest_first(store, session):
    done, still = with_followups(store, session)
    app = make_app(store, clock=lambda: T0)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "f4")
        await settle(pilot)
        # Rows by step: "Sign the agreement" (done) first, then "Plan the next meeting" (open).
        await pilot.press("down", "ctrl+d")
        await settle(pilot)
        assert store.get_item(still.id).followup_status == "done"
        await pilot.press("delete")
        await settle(pilot)
        assert not store.get_item(still.id).followup
        await pilot.press("home", "ctrl+o")
        await settle(pilot)
        assert store.get_item(done.id).followup_status == "open"

        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.get_item(done.id).followup_status == "done"
        await pilot.press("ctrl+z")
        await settle(pilot)
        back = store.get_item(still.id)
        assert (back.followup, back.owner, back.due, back.followup_status) == (True, "Bo", "2027-01-10", "done")
        assert "Plan the next meeting" in screen_text(app)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.get_item(still.id).followup_status == "open"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "Nothing to undo" in screen_text(app) or not app.screen.undo_stack
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, StepScreen)
    kinds = [(e.kind, e.detail.get("status")) for e in store.history(session.id) if e.item_id == still.id]
    # The clear's undo brings it back with its status (done) in one transaction: two entries.
    assert kinds[-5:] == [("status", "done"), ("unfollowup", None), ("followup", None), ("status", "done"),
                          ("status", "open")]
