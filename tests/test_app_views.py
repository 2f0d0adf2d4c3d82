"""The facilitation views: follow-ups (the dialog and the list), the agenda, and the summary's
statistics, with the clock injected."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from helpers.pilot import open_step, press, record_notifications, screen_text, settle, type_text

from workshop_tui.app import make_app
from workshop_tui.screens.agenda import AgendaScreen
from workshop_tui.screens.followup_dialog import FollowupDialog
from workshop_tui.screens.followups import FollowupsScreen
from workshop_tui.screens.summary import SummaryScreen
from workshop_tui.widgets.session_stats import SessionStatsView

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)


async def test_mark_a_follow_up_with_owner_and_due_date_and_list_edit_clear_them(store, session):
    plan = store.add_item(session.id, 5, "action", "Write the [plan]", author="Ana")
    store.add_item(session.id, 5, "action", "Not a commitment", author="Bo")
    store.set_current_step(session.id, 5)

    app = make_app(store, clock=lambda: T0)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = await open_step(pilot)
        assert "ends in commitments" in screen_text(app)
        await press(pilot, "escape", "up", "ctrl+f")
        assert isinstance(app.screen, FollowupDialog)
        assert "Write the [plan]" in screen_text(app)
        await press(pilot, "enter", "up", "enter")  # owner: Bo (the speaker, the facilitator, is listed last)
        await press(pilot, "tab")
        await type_text(pilot, "next friday")
        await press(pilot, "enter")
        # Not a date: the dialog stays, saying why in one line, with what was typed.
        assert isinstance(app.screen, FollowupDialog)
        assert "“next friday” is not a date: write it as YYYY-MM-DD" in screen_text(app)
        assert not store.get_item(plan.id).followup
        await press(pilot, "ctrl+a", "ctrl+k")
        await type_text(pilot, "2026-12-04")
        await press(pilot, "enter")
        saved = store.get_item(plan.id)
        assert (saved.followup, saved.owner, saved.due) == (True, "Bo", "2026-12-04")
        assert app.screen is screen
        assert "⚑ follow-up: Bo, by" in screen_text(app) and "2026-12-04" in screen_text(app)

        await press(pilot, "f4")
        assert isinstance(app.screen, FollowupsScreen)
        text = screen_text(app)
        assert "1 follow-up" in text and "Write the [plan]" in text and "Bo" in text and "2026-12-04" in text
        assert "Not a commitment" not in text
        await press(pilot, "enter")  # edit: the due date moves
        assert isinstance(app.screen, FollowupDialog)
        await press(pilot, "tab", "ctrl+a", "ctrl+k")  # the owner first, as the help says; Tab: the date
        await type_text(pilot, "2026-12-11")
        await press(pilot, "enter")
        assert isinstance(app.screen, FollowupsScreen)
        assert store.get_item(plan.id).due == "2026-12-11" and "2026-12-11" in screen_text(app)
        await press(pilot, "delete")  # clear: the item stays, as an item
        assert not store.get_item(plan.id).followup and store.get_item(plan.id).owner is None
        assert "No follow-ups yet" in screen_text(app)
        await press(pilot, "escape")
        assert app.screen is screen
        assert "⚑ follow-up" not in screen_text(app)


async def test_a_due_date_typed_after_tab_is_saved(store, session):
    """Issue 12 item 3: the cursor started in Due; Tab went to the buttons, and the date typed
    there went nowhere while Enter saved the follow-up without it."""
    plan = store.add_item(session.id, 1, "action", "Sign the agreement", author="Ana")
    app = make_app(store, clock=lambda: T0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_step(pilot)
        await press(pilot, "escape", "ctrl+f")
        dialog = app.screen
        assert isinstance(dialog, FollowupDialog)
        assert app.focused is dialog.query_one("#followup-owner")  # first, as the help lists it
        await press(pilot, "tab")
        await type_text(pilot, "2015-08-01")
        await press(pilot, "enter")
        assert app.screen is not dialog
    assert store.get_item(plan.id).due == "2015-08-01"


async def test_a_date_typed_on_a_button_goes_to_the_due_date_and_a_bad_one_saves_nothing(store, session):
    plan = store.add_item(session.id, 1, "action", "Sign the agreement", author="Ana")
    app = make_app(store, clock=lambda: T0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_step(pilot)
        await press(pilot, "escape", "ctrl+f", "tab", "tab")  # one Tab too many: the Save button
        dialog = app.screen
        assert dialog.focused is dialog.query_one("#save")
        await type_text(pilot, "2015-13-01")
        assert dialog.due_input.value == "2015-13-01" and dialog.focused is dialog.due_input
        await press(pilot, "enter")
        assert app.screen is dialog
        assert "“2015-13-01” is not a date" in screen_text(app) and "Nothing was saved" in screen_text(app)
        assert not store.get_item(plan.id).followup
        await press(pilot, "escape")
    assert not store.get_item(plan.id).followup


async def test_the_follow_ups_view_goes_to_a_follow_ups_step(store, session):
    item = store.add_item(session.id, 8, "tool", "A yearly review", author="Ana")
    store.set_followup(item.id, owner="Ana", due="2027-01-15")

    app = make_app(store, clock=lambda: T0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_step(pilot)
        await press(pilot, "f4", "ctrl+g")
        assert app.screen is screen and screen.step == 8


async def test_the_agenda_shows_planned_against_spent_time_per_step_and_the_total(store, session):
    clock = [T0]
    store.start_timer(session.id, 1, now=T0 - timedelta(minutes=17))
    store.pause_timer(session.id, 1, now=T0)  # step 1: 17 minutes of a 15-minute timebox
    store.extend_timer(session.id, 2, 5 * 60)
    store.start_timer(session.id, 2, now=T0 - timedelta(minutes=4))  # step 2 runs: 4 of 15 minutes
    store.set_current_step(session.id, 2)

    app = make_app(store, clock=lambda: clock[0])
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = await open_step(pilot)
        await press(pilot, "f3")
        agenda = app.screen
        assert isinstance(agenda, AgendaScreen)
        lines = screen_text(app).splitlines()
        step1 = next(line for line in lines if "Preliminary Work" in line)
        step2 = next(line for line in lines if "Getting to know each other" in line)
        assert "15:00" in step1 and "17:00" in step1 and "+2:00 over" in step1
        assert "15:00" in step2 and "4:00" in step2 and "11:00 left" in step2 and "▶" in step2
        assert "not started" in next(line for line in lines if "Communicate" in line)
        assert "1:45:00 planned" in screen_text(app) and "21:00 spent" in screen_text(app)
        # A running timer counts on, from the app's clock.
        clock[0] += timedelta(minutes=1)
        agenda.tick()
        await pilot.pause()
        assert "5:00" in next(line for line in screen_text(app).splitlines() if "Getting to know" in line)
        # t: a step's own timebox; v: the dots per participant.
        await press(pilot, "down", "t", "ctrl+a", "ctrl+k", "2", "0", "enter")
        assert store.step_states(session.id)[3].planned_seconds == 20 * 60
        assert "20:00" in next(line for line in screen_text(app).splitlines() if "Find common ground" in line)
        await press(pilot, "v", "ctrl+a", "ctrl+k", "7", "enter")
        assert store.get_session(session.id).votes_per_participant == 7
        assert "Dots per participant in each step: 7" in screen_text(app)
        await press(pilot, "v", "ctrl+a", "ctrl+k", "9", "9", "enter")  # refused by the store, one line
        assert store.get_session(session.id).votes_per_participant == 7
        notes = record_notifications(app)
        await press(pilot, "v", "ctrl+a", "ctrl+k", "²", "enter")  # a digit to isdigit(), not a number
        assert store.get_session(session.id).votes_per_participant == 7
        assert any("'²' is not a number of dots" in message for _, message in notes), notes
        for nonsense in ("1e999", "nan"):  # overflow and not-a-number: one line, nothing changed
            await press(pilot, "t", "ctrl+a", "ctrl+k", *nonsense, "enter")
            assert store.step_states(session.id)[3].planned_seconds == 20 * 60
            assert any(f"'{nonsense}' is not a number of minutes" in message for _, message in notes), notes
        await press(pilot, "enter")  # go to the highlighted step
        assert app.screen is screen and screen.step == 3


async def test_the_summary_draws_the_session_statistics(store, session):
    store.add_item(session.id, 1, "action", "One", author="Ana")
    store.add_item(session.id, 1, "obstacle", "Two", author="Ana")
    voted = store.add_item(session.id, 1, "tool", "Three", author="Bo")
    store.add_item(session.id, 2, "action", "Four")
    store.add_item(session.id, 2, "action", "Five")
    store.cast_vote(voted.id, "Ana")
    store.start_timer(session.id, 1, now=T0 - timedelta(minutes=20))
    store.pause_timer(session.id, 1, now=T0)

    app = make_app(store, clock=lambda: T0)
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        await open_step(pilot)
        await press(pilot, "ctrl+s", "end")
        assert isinstance(app.screen, SummaryScreen)
        view = app.screen.query_one(SessionStatsView)
        assert view.stats is not None and view.stats.item_total == 5
        lines = screen_text(app).splitlines()
        assert any("5 items · 1 dot · 0 clusters · 0 follow-ups · 20:00 spent of 1:40:00 planned" in line
                   for line in lines)
        items = [line for line in lines if line.strip().startswith(("1 Preliminary", "2 Getting"))]
        assert "3" in items[0] and "1·1·1" in items[0] and "2·0·0" in items[1]
        ana = next(line for line in lines if line.strip().startswith("Ana"))
        assert "2 items · 1 dot" in ana
        anonymous = next(line for line in lines if line.strip().startswith("Anonymous"))
        assert "2 items" in anonymous
        # Anonymous comes apart, after a rule, after everyone named.
        names = [index for index, line in enumerate(lines) if line.strip().startswith(("Ana", "Bo", "Anonymous"))]
        assert lines[names[-1] - 1].strip().startswith("╌")
        time1 = [line for line in lines if line.strip().startswith("1 Preliminary")][-1]
        assert "20:00/15:00" in time1 and "+5:00" in time1


async def test_the_summary_orders_items_by_votes_and_keeps_clusters_together(store, session):
    low = store.add_item(session.id, 1, "action", "Low", author="Ana")
    high = store.add_item(session.id, 1, "action", "High", author="Bo")
    a = store.add_item(session.id, 1, "action", "Grouped A")
    b = store.add_item(session.id, 1, "action", "Grouped B")
    store.cluster_items([a.id, b.id])
    for voter in ("Ana", "Bo"):
        store.cast_vote(high.id, voter)
    store.cast_vote(a.id, "Ana")
    del low

    app = make_app(store, clock=lambda: T0)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await open_step(pilot)
        await press(pilot, "ctrl+s")
        text = screen_text(app)
        order = [text.index(word) for word in ("High", "Cluster of 2", "Grouped A", "Grouped B", "Low")]
        assert order == sorted(order)


async def test_the_agenda_says_which_steps_vote_with_dots_of_their_own(store, session):
    store.set_votes_per_participant(session.id, 3)
    store.set_step_dots(session.id, 6, 2)
    store.set_step_dots(session.id, 2, 5)
    app = make_app(store, clock=lambda: T0)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await open_step(pilot)
        await press(pilot, "f3")
        assert isinstance(app.screen, AgendaScreen)
        assert "Dots per participant in each step: 3 · except step 2: 5, step 6: 2" in screen_text(app)
        await press(pilot, "v", "ctrl+a", "ctrl+k", "4", "enter")  # the session's: the steps' own stay
        assert "Dots per participant in each step: 4 · except step 2: 5, step 6: 2" in screen_text(app)
        assert store.step_states(session.id)[2].dots == 5
