"""Carrying follow-ups over in the app: continue a session from the start screen, see what came
from last time on its steps, close each as done or dropped (or open it again) in the follow-ups
view; the history names who was at the keyboard."""

from __future__ import annotations

from datetime import datetime, timezone

from helpers.pilot import press, record_notifications, screen_text, settle, type_text, wait_for

from workshop_tui.app import make_app
from workshop_tui.screens.followups import FollowupsScreen
from workshop_tui.screens.start import StartScreen
from workshop_tui.screens.step import StepScreen
from workshop_tui.screens.text_prompt import TextPrompt

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)


def berlin(store, session):
    sign = store.add_item(session.id, 5, "action", "Sign the [bold]agreement", author="Ana")
    store.add_item(session.id, 5, "action", "Not a commitment", author="Bo")
    meet = store.add_item(session.id, 2, "action", "Meet the chapter", author="Bo")
    store.set_followup(sign.id, owner="Ana", due="2026-12-15")
    store.set_followup(meet.id, owner="Bo")
    store.set_followup_status(meet.id, "done")
    return sign, meet


async def test_continue_from_the_start_screen_then_close_what_came_from_last_time(store, session):
    sign, meet = berlin(store, session)
    app = make_app(store, clock=lambda: T0)
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        shown = record_notifications(app)
        assert isinstance(app.screen, StartScreen)
        await press(pilot, "ctrl+o")
        assert isinstance(app.screen, TextPrompt)
        assert "Continue “Partnership workshop” in a new session: its open" in screen_text(app)
        await type_text(pilot, "Mexico [follow-up]")
        await press(pilot, "enter")
        step = app.screen
        assert isinstance(step, StepScreen)
        mexico = store.find_session("Mexico [follow-up]")
        assert ("information", "Session continued: 1 open follow-up carried over from “Partnership workshop”.") in shown
        carried = store.list_items(mexico.id)
        assert [(i.text, i.from_last_time, i.followup_status) for i in carried] == [
            ("Sign the [bold]agreement", True, "open")]
        assert store.get_item(sign.id).followup_status == "carried"

        # The step shows it as from last time, with its owner and due date.
        await press(pilot, "ctrl+n", "ctrl+n", "ctrl+n", "ctrl+n")
        text = screen_text(app)
        assert step.step == 5 and "Sign the [bold]agreement" in text
        assert "↻ from last time: Ana, by 2026-12-15" in text

        # The follow-ups view closes it as done, then dropped, then opens it again.
        await press(pilot, "f4")
        assert isinstance(app.screen, FollowupsScreen)
        text = screen_text(app)
        assert "1 follow-up, 1 open" in text and "↻ Sign the [bold]agreement" in text and "↻ from last time" in text
        await press(pilot, "ctrl+d")
        assert store.get_item(carried[0].id).followup_status == "done"
        assert "1 follow-up, 0 open" in screen_text(app) and "done" in screen_text(app)
        await press(pilot, "ctrl+x")
        assert store.get_item(carried[0].id).followup_status == "dropped"
        await press(pilot, "ctrl+o")
        assert store.get_item(carried[0].id).followup_status == "open"
        await press(pilot, "ctrl+d", "escape")
        assert app.screen is step
        await wait_for(lambda: "↻ from last time: Ana, by 2026-12-15 · done ✓" in screen_text(app), pilot,
                       what="the step to show the follow-up done")
    statuses = [(e.detail["status"], e.who) for e in store.history(mexico.id) if e.kind == "status"]
    # The session starts with its facilitator at the keyboard.
    assert statuses == [("done", "Anne-Laure"), ("dropped", "Anne-Laure"), ("open", "Anne-Laure"),
                        ("done", "Anne-Laure")]


async def test_continuing_needs_a_title_and_escape_changes_nothing(store, session):
    berlin(store, session)
    app = make_app(store, clock=lambda: T0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+o")
        await press(pilot, "enter")  # no title: the prompt stays, saying so
        assert isinstance(app.screen, TextPrompt)
        await press(pilot, "escape")
        assert isinstance(app.screen, StartScreen)
    assert [s.title for s in store.list_sessions()] == ["Partnership workshop"]
    assert {i.followup_status for i in store.list_followups(session.id)} == {"open", "done"}


async def test_a_carried_follow_up_cannot_be_closed_where_it_was_carried_from(store, session):
    sign, meet = berlin(store, session)
    store.continue_session(session.id, "Mexico")
    app = make_app(store, clock=lambda: T0)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await press(pilot, "down", "enter")  # the older session, second in the list
        assert isinstance(app.screen, StepScreen) and app.screen.info.id == session.id
        await press(pilot, "f4")
        table_text = screen_text(app)
        assert "carried" in table_text
        await press(pilot, "down" if "Meet the chapter" in table_text.split("Sign")[0] else "up")
        await press(pilot, "ctrl+d", "ctrl+x", "delete")  # none of them is offered on a carried one
    assert store.get_item(sign.id).followup_status == "carried" and store.get_item(sign.id).followup


async def test_the_history_names_the_speaker_at_the_facilitators_keyboard(store, session):
    app = make_app(store, clock=lambda: T0)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, StepScreen)
        await type_text(pilot, "By nobody in particular")
        await press(pilot, "enter")
        await press(pilot, "ctrl+o")
        await press(pilot, "down", "enter")  # Speaker: Ana
        await settle(pilot)
        await type_text(pilot, "Said by Ana")
        await press(pilot, "enter")
    assert [(e.kind, e.text, e.who) for e in store.history(session.id)] == [
        ("added", "By nobody in particular", "Anne-Laure"), ("added", "Said by Ana", "Ana")]  # the facilitator first
