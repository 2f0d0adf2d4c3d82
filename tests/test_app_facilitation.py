"""Facilitating a step: the timebox (with an injected clock, never slept on), phases, clusters,
dot votes and presenter mode, driven with the keys a facilitator presses."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from unittest.mock import Mock

from helpers.pilot import open_step, press, screen_text, settle, type_text

from workshop_tui.app import make_app
from workshop_tui.screens.step import StepScreen
from workshop_tui.widgets.group_column import GroupColumn
from workshop_tui.widgets.item_input import ItemInput
from workshop_tui.widgets.step_list import StepList
from workshop_tui.widgets.timebox import TimeboxClock

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)


class Clock:
    """The app's clock, moved by hand."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def recorded_notes(app) -> list[str]:
    """Every notification's text, from now on."""
    notes: list[str] = []
    original = app.notify

    def notify(message, *args, **kwargs):
        notes.append(str(message))
        return original(message, *args, **kwargs)

    app.notify = notify
    return notes


async def choose_speaker(pilot, moves: int) -> None:
    """Pick the speaker `moves` rows below the current one in the picker (the facilitator is first,
    then the participants, then anonymous)."""
    await press(pilot, "ctrl+o", *["down"] * moves, "enter")


def add_items(store, session, *rows):
    return [store.add_item(session.id, 1, column, text, author=author) for column, text, author in rows]


# -- timebox --------------------------------------------------------------------------------


async def test_the_timebox_signals_once_at_zero_without_touching_the_typing(store, session):
    clock = Clock()

    app = make_app(store, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_step(pilot)
        app.bell = Mock()
        notes = recorded_notes(app)
        timer = screen.query_one(TimeboxClock)
        await press(pilot, "f5")
        assert store.step_states(session.id)[1].running_since == T0.isoformat()
        await type_text(pilot, "half typed")
        clock.advance(15 * 60 - 1)
        timer.tick()
        await pilot.pause()
        assert "0:01" in screen_text(app) and not timer.has_class("-over")
        app.bell.assert_not_called()
        clock.advance(2)
        timer.tick()
        await pilot.pause()
        app.bell.assert_called_once()
        assert timer.has_class("-over")
        text = screen_text(app)
        assert "-0:01" in text and "TIME'S UP" in text
        assert any("Time is up for step 1" in note for note in notes)
        assert app.focused is screen.entry and screen.entry.text == "half typed"
        clock.advance(30)
        timer.tick()
        await pilot.pause()
        app.bell.assert_called_once()  # once, not every second of overtime
        assert "-0:31" in screen_text(app)


async def test_start_pause_extend_and_the_time_spent_on_each_step(store, session):
    clock = Clock()

    app = make_app(store, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_step(pilot)
        timer = screen.query_one(TimeboxClock)
        assert "15:00" in screen_text(app) and timer.has_class("-paused")  # never started by itself
        await press(pilot, "f5")
        assert timer.has_class("-running")
        clock.advance(120)
        await press(pilot, "f5")
        state = store.step_states(session.id)[1]
        assert (state.spent_seconds, state.running_since) == (120, None)
        assert "13:00" in screen_text(app)
        await press(pilot, "f6", "f7")  # +1 and +5 minutes, even while typing
        assert store.step_states(session.id)[1].extra_seconds == 360
        assert "19:00" in screen_text(app)
        await press(pilot, "f5")
        clock.advance(60)
        await press(pilot, "ctrl+n")  # the running timer follows the facilitator
        states = store.step_states(session.id)
        assert (states[1].spent_seconds, states[1].running_since) == (180, None)
        assert states[2].running_since == clock.now.isoformat()
        clock.advance(30)
        await press(pilot, "ctrl+b", "ctrl+n")
        states = store.step_states(session.id)
        assert states[1].spent_seconds == 180 and states[2].spent_seconds == 30
        assert states[2].running_since is not None
        clock.advance(45)
        await press(pilot, "ctrl+l")  # leaving the session pauses it
        states = store.step_states(session.id)
        assert (states[2].spent_seconds, states[2].running_since) == (75, None)
        assert not any(state.running_since for state in states.values())


async def test_quitting_pauses_a_running_timer(store, session):
    clock = Clock()

    app = make_app(store, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_step(pilot)
        await press(pilot, "f5")
        clock.advance(90)
        await pilot.press("ctrl+q")
        await pilot.pause()
    state = store.step_states(session.id)[1]
    assert (state.spent_seconds, state.running_since) == (90, None)


# -- phases ---------------------------------------------------------------------------------


async def test_phases_change_what_the_step_allows(store, session):
    a, b, c = add_items(store, session, ("action", "first", "Ana"), ("action", "second", "Bo"),
                        ("action", "third", None))
    store.cast_vote(c.id, "Ana")
    store.cast_vote(c.id, "Bo")
    store.cast_vote(b.id, "Ana")

    app = make_app(store, clock=Clock())
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_step(pilot)
        notes = recorded_notes(app)
        column = screen.query_one("#col-action", GroupColumn)
        assert "BRAINSTORM" in screen_text(app)
        assert "Quantity first; no judging yet" in screen_text(app)
        await press(pilot, "escape")  # items selected: no dots, no merging while brainstorming
        assert app.focused is column
        assert column.check_action("vote", ()) is False and column.check_action("mark", ()) is False
        assert column.check_action("move", ()) is True
        await press(pilot, "v", "space")  # no keys here now: typed, they go to the input
        assert len(store.list_votes(session.id, 1)) == 3 and not column.marked
        assert app.focused is screen.entry and screen.entry.text == "v "
        screen.entry.load_text("")
        await press(pilot, "escape")

        await press(pilot, "f8")
        assert store.step_states(session.id)[1].phase == "cluster"
        assert "CLUSTER" in screen_text(app) and "merge and split clusters" in screen_text(app)
        assert column.check_action("mark", ()) is True and column.check_action("move", ()) is False

        await press(pilot, "f8")  # vote: dots on items, and new items wait
        assert store.step_states(session.id)[1].phase == "vote"
        assert column.check_action("vote", ()) is True
        await press(pilot, "escape")
        await type_text(pilot, "an idea while voting")
        await press(pilot, "enter")
        assert screen.entry.text == "an idea while voting"
        assert [item.text for item in store.list_items(session.id, 1)] == ["first", "second", "third"]
        assert any("new items wait" in note for note in notes)

        await press(pilot, "f8")  # discuss: ordered by votes
        assert store.step_states(session.id)[1].phase == "discuss"
        assert [row.item.text for row in column.rows] == ["third", "second", "first"]
        await press(pilot, "f8")
        assert any("last phase" in note for note in notes)
        await press(pilot, "f9", "f9")
        assert store.step_states(session.id)[1].phase == "cluster"
        assert [row.item.text for row in column.rows] == ["first", "second", "third"]
        await press(pilot, "f9", "f9")
        assert any("first phase" in note for note in notes)
        # Adding works again, with the text typed while voting (entering the vote phase selected items).
        await press(pilot, "escape", "enter")
        assert [item.text for item in store.list_items(session.id, 1)][-1] == "an idea while voting"


# -- clusters -------------------------------------------------------------------------------


async def test_merge_marked_items_into_a_cluster_and_split_it(store, session):
    add_items(store, session, ("obstacle", "No budget", "Ana"), ("obstacle", "[b]Board[/b] says no", "Bo"),
              ("obstacle", "Slow replies", None), ("obstacle", "Money is short", "Bo"))
    store.set_phase(session.id, 1, "cluster")

    app = make_app(store, clock=Clock())
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_step(pilot)
        await press(pilot, "tab", "escape")
        column = screen.query_one("#col-obstacle", GroupColumn)
        assert app.focused is column and len(column.rows) == 4
        await press(pilot, "up", "up", "up", "space")  # mark "No budget"
        assert column.rows[0].marked and "◆ No budget" in screen_text(app)
        await press(pilot, "down", "down", "down", "ctrl+k")  # merge it with "Money is short"
        items = {item.text: item for item in store.list_items(session.id, 1)}
        assert items["No budget"].cluster_id and items["No budget"].cluster_id == items["Money is short"].cluster_id
        assert items["Slow replies"].cluster_id is None
        assert [row.ids for row in column.rows][0] == (items["No budget"].id, items["Money is short"].id)
        assert len(column.rows) == 3 and column.rows[0].is_cluster
        text = screen_text(app)
        assert "Cluster of 2" in text and "No budget" in text and "Money is short" in text
        assert "— Ana" in text and "[b]Board[/b] says no" in text
        assert "4 items · 1 cluster" in text
        # Grow the cluster: mark the cluster, merge with the board.
        await press(pilot, "up", "up")
        assert column.selected_group is not None and len(column.selected_group) == 2
        await press(pilot, "space", "down", "ctrl+k")
        clusters = {item.cluster_id for item in store.list_items(session.id, 1) if item.text != "Slow replies"}
        assert len(clusters) == 1 and None not in clusters
        assert len(column.rows) == 2 and "Cluster of 3" in screen_text(app)
        # Editing a cluster row asks to split first; splitting gives the items back.
        notes = recorded_notes(app)
        await press(pilot, "up", "up", "enter")
        assert column.editor is None and any("split it" in note for note in notes)
        await press(pilot, "ctrl+x")
        assert all(item.cluster_id is None for item in store.list_items(session.id, 1))
        assert len(column.rows) == 4 and "Cluster of" not in screen_text(app)


# -- dot votes ------------------------------------------------------------------------------


async def test_cast_and_withdraw_dots_and_refuse_when_none_are_left(store, session):
    first, second = add_items(store, session, ("tool", "Shared calendar", "Bo"), ("tool", "Wiki page", None))
    store.set_phase(session.id, 1, "vote")
    store.set_votes_per_participant(session.id, 2)

    app = make_app(store, clock=Clock())
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_step(pilot)
        notes = recorded_notes(app)
        await press(pilot, "tab", "tab", "escape")
        column = screen.query_one("#col-tool", GroupColumn)
        assert app.focused is column
        await choose_speaker(pilot, 3)  # anonymous (after the facilitator, Ana and Bo)
        await press(pilot, "escape")
        await press(pilot, "v")  # nobody is speaking: whose dot would it be?
        assert store.list_votes(session.id, 1) == []
        assert any("Choose who is voting" in note for note in notes)
        await press(pilot, "ctrl+o", "up", "up", "enter")  # Ana
        assert screen.speaker == "Ana"
        assert "Ana: ●● 2 of 2 dots left" in screen_text(app)
        await press(pilot, "escape", "up", "v", "v")
        assert store.get_item(first.id).votes == 2
        assert "Ana: ○○ 0 of 2 dots left" in screen_text(app)
        assert "●●" in next(line for line in screen_text(app).splitlines() if "Shared calendar" in line)
        await press(pilot, "down", "v")  # none left: refused, clearly
        assert store.get_item(second.id).votes == 0
        assert any("Ana has used all 2 votes in step 1" in note for note in notes)
        await press(pilot, "w")  # nothing of Ana's on the wiki page to take back
        assert any("Ana has no dot on this item" in note for note in notes)
        await press(pilot, "up", "w")
        assert store.get_item(first.id).votes == 1 and store.votes_left(session.id, 1, "Ana") == 1
        await press(pilot, "down", "v")
        assert store.get_item(second.id).votes == 1
        await choose_speaker(pilot, 1)  # Bo, after Ana, has his own dots
        await press(pilot, "escape", "v")
        assert store.get_item(second.id).votes == 2
        assert "Bo: ●○ 1 of 2 dots left" in screen_text(app)
        assert [(v.participant, v.item_id) for v in store.list_votes(session.id, 1)] == [
            ("Ana", first.id), ("Ana", second.id), ("Bo", second.id)]


async def test_dots_per_participant_is_a_session_setting(store, session):
    app = make_app(store, clock=Clock())
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_step(pilot)
        screen.action_set_votes()
        await settle(pilot)
        await press(pilot, "ctrl+a", "ctrl+k", "5", "enter")
        assert store.get_session(session.id).votes_per_participant == 5
        assert screen.info.votes_per_participant == 5


# -- presenter mode -------------------------------------------------------------------------


async def test_presenter_mode_hides_the_controls_and_shows_the_step_large(store, session):
    add_items(store, session, ("action", "Call the museum", "Ana"))
    store.set_current_step(session.id, 2)  # step 2 has a facilitator's note

    app = make_app(store, clock=Clock())
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_step(pilot)
        assert "Facilitator note" in screen_text(app)
        await press(pilot, "f12")
        assert screen.has_class("-presenter") and screen.presenting
        assert not screen.query_one(StepList).display and not screen.query_one("#entry").display
        assert screen.query_one(TimeboxClock).has_class("-large")
        text = screen_text(app)
        assert "Facilitator note" not in text and "F8 next phase" not in text
        assert "How do we make the first contact" in text  # the prompts stay
        assert not isinstance(app.focused, ItemInput)
        footer = {active.binding.action for active in screen.active_bindings.values() if active.binding.show}
        assert footer <= {"toggle_presenter", "next_step", "toggle_timer", "next_phase", "quit", "help"}
        await press(pilot, "ctrl+n", "f8")  # the facilitator still drives
        assert screen.step == 3 and store.step_states(session.id)[3].phase == "cluster"
        assert screen.presenting
        await press(pilot, "f12")
        assert not screen.presenting and not screen.has_class("-presenter")
        assert app.focused is screen.entry and screen.query_one("#entry").display
        assert "F8 next phase" in screen_text(app)
        await press(pilot, "f12", "escape")  # Escape leaves it too
        assert not screen.presenting


async def test_the_footer_keeps_quit_and_help_at_80_columns(store, session):
    add_items(store, session, ("action", "Call the museum", "Ana"))
    store.set_phase(session.id, 1, "cluster")

    app = make_app(store, clock=Clock())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step(pilot)
        for keys in ((), ("escape",), ("f8",), ("f8",)):
            await press(pilot, *keys)
            footer = screen_text(app).splitlines()[-1]
            assert "^q Quit" in footer and "f1 Help" in footer, footer


async def test_every_new_action_is_in_the_help_and_the_palette(store, session):
    from workshop_tui.screens.agenda import AgendaScreen
    from workshop_tui.screens.followups import FollowupsScreen
    from workshop_tui.screens.help import screen_sections

    def listed(screen) -> set[str]:
        """The actions the help lists for `screen` (built from that screen's keys)."""
        return {binding.action for _, bindings in screen_sections(screen) for binding in bindings}

    add_items(store, session, ("action", "Call the museum", "Ana"))
    app = make_app(store, clock=Clock())
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_step(pilot)
        assert {binding.action for binding in (*StepScreen.BINDINGS, *GroupColumn.BINDINGS)} <= listed(screen)
        for key, kind in (("f3", AgendaScreen), ("f4", FollowupsScreen)):
            await press(pilot, key)
            assert isinstance(app.screen, kind)
            assert {binding.action for binding in kind.BINDINGS} <= listed(app.screen)
            await press(pilot, "escape")
        assert app.screen is screen
        titles = {command.title for command in app.get_system_commands(screen)}
        for title in ("Start the timer", "Timebox +1 minute", "Timebox +5 minutes", "Next phase",
                      "Previous phase", "Phase: Vote", "Presenter mode", "Agenda", "Follow-ups",
                      "Dots per participant…"):
            assert title in titles
        await press(pilot, "escape")
        titles = {command.title for command in app.get_system_commands(screen)}
        assert "Follow-up…" in titles
        await press(pilot, "f1")
        pages = [screen_text(app)]
        for _ in range(3):
            await press(pilot, "pagedown")
            pages.append(screen_text(app))
        help_text = "\n".join(pages)
        assert "Place one of the speaker's dots" in help_text
        assert "A step: facilitating" in help_text and "Start or pause the step's timer" in help_text


async def test_row_content_is_literal(store, session):
    [item] = add_items(store, session, ("action", "[@click=app.quit]x[/]", "[bold]Ana"))
    store.set_followup(item.id, owner="[red]Bo", due="2026-12-01")

    app = make_app(store, clock=Clock())
    async with app.run_test(size=(120, 36)) as pilot:
        await open_step(pilot)
        rendered = screen_text(app)
        assert "[@click=app.quit]x[/]" in rendered and "[bold]Ana" in rendered and "[red]Bo" in rendered
