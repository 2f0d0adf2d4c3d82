"""The participant view, driven by pilots: joining, their own items and dots, and its limits.

A participant reads everything in their session and changes only their own: the keys for
other people's items are off, a crafted request is refused by the screen and again by the
store, and nothing of the facilitator's (summary, export, phases, timer, other sessions) is
reachable by key or through the command palette. It follows the facilitator's step and phase.
"""

from __future__ import annotations

import time

import pytest
from helpers.pilot import fill_session, palette_hits, screen_text, settle, wait_for

from workshop_tui.participant import ParticipantApp, make_participant_app
from workshop_tui.screens.join_name import JoinNameScreen
from workshop_tui.screens.participant import ParticipantScreen
from workshop_tui.store import open_store
from workshop_tui.widgets.item_column import ItemColumn


@pytest.fixture
def info(store, template):
    return fill_session(store, template)


@pytest.fixture
def other(tmp_path):
    """Another process's connection to the same store file."""
    with open_store(tmp_path / "test.db") as connection:
        yield connection


def participant_app(store, info, name="Zoë") -> ParticipantApp:
    app = make_participant_app(store, info.id, name)
    app.cursor_blink = False
    return app


def column(app, key: str) -> ItemColumn:
    return app.screen.query_one(f"#col-{key}", ItemColumn)


def texts(app, key: str) -> list[str]:
    return [item.text for item in column(app, key).items]


async def select(pilot, key: str, text: str) -> None:
    """Select the item with this text in a column (Escape, Tab to the column, arrows)."""
    app = pilot.app
    screen = app.screen
    await pilot.press("escape")
    while screen.active_column.key != key:
        await pilot.press("tab")
    target = column(app, key)
    target.index = next(i for i, item in enumerate(target.items) if item.text == text)
    await settle(pilot)


async def test_joining_asks_the_name_once_and_opens_the_facilitators_step(store, info):
    store.set_current_step(info.id, 2)

    app = participant_app(store, info, name=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, JoinNameScreen)
        assert store.connected(info.id) == [""]  # here, not named yet
        await pilot.press("enter")
        await settle(pilot)
        assert "Type your name first" in screen_text(app)
        await pilot.press(*" Zoë ", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ParticipantScreen)
        assert app.screen.step == 2
        assert texts(app, "action") == ["Call the curator"]
        assert store.connected(info.id) == ["Zoë"]
        assert "as Zoë" in screen_text(app)
        assert app.focused is app.screen.entry
    assert store.connected(info.id) == []  # left on exit


async def test_a_name_in_use_on_another_screen_is_asked_again(store, info):
    store.claim_name(info.id, "someone-else", "Ana", token="s" * 43)

    app = participant_app(store, info, name="Ana")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, JoinNameScreen)
        assert "Ana is taken by another screen" in screen_text(app)
        await pilot.press("end", *" B.", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ParticipantScreen)
        assert app.participant == "Ana B."


async def test_a_participant_adds_edits_deletes_and_restores_their_own_items(store, info):
    app = participant_app(store, info)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("tab", *"[bold]mine", "enter")
        await settle(pilot)
        saved = [i for i in store.list_items(info.id, 1) if i.author == "Zoë"]
        assert [(i.column, i.text) for i in saved] == [("obstacle", "[bold]mine")]
        assert "[bold]mine  — Zoë" in screen_text(app)

        await select(pilot, "obstacle", "[bold]mine")
        await pilot.press("enter", "end", *" too", "enter")
        await settle(pilot)
        assert store.get_item(saved[0].id).text == "[bold]mine too"

        await pilot.press("delete")
        await settle(pilot)
        assert all(i.id != saved[0].id for i in store.list_items(info.id))
        assert "[bold]mine too" not in texts(app, "obstacle")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.get_item(saved[0].id).text == "[bold]mine too"
        await wait_for(lambda: "[bold]mine too" in texts(app, "obstacle"), pilot)
    # The history names Zoë for each of her changes, the restore (undo) too.
    assert [(e.kind, e.who) for e in store.history(info.id) if e.item_id == saved[0].id] == [
        ("added", "Zoë"), ("edited", "Zoë"), ("deleted", "Zoë"), ("restored", "Zoë")]


async def test_nobody_edits_or_deletes_another_persons_item_not_even_by_crafted_input(store, info):
    app = participant_app(store, info, name="Zoë")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        await select(pilot, "action", "Sign a memorandum of understanding with the museum")  # Ana's
        target = column(app, "action")
        theirs = target.selected_item
        assert theirs.author == "Ana"
        assert target.check_action("edit", ()) is False
        assert target.check_action("delete", ()) is False
        assert target.check_action("move", ()) is False
        shown = {active.binding.action for active in app.active_bindings.values() if active.enabled}
        assert not {"edit", "delete", "move"} & shown
        await pilot.press("delete", "backspace", "enter", "shift+down")
        await settle(pilot)
        assert target.editor is None

        # Crafted: the messages the column would post, posted by hand.
        target.post_message(ItemColumn.DeleteRequested(target, theirs))
        target.post_message(ItemColumn.EditRequested(target, theirs))
        target.post_message(ItemColumn.EditSubmitted(target, theirs, "overwritten"))
        target.post_message(ItemColumn.MoveRequested(target, theirs, 1))
        await settle(pilot)
        # Crafted harder: the screen's own workers called directly, past its checks.
        await screen.delete_item(target, theirs).wait()
        await screen.save_edit(target, theirs, "overwritten").wait()
        await settle(pilot)
        assert store.get_item(theirs.id) == theirs
        assert theirs.text in texts(app, "action")


async def test_an_anonymous_item_is_nobodys_to_delete(store, info):
    app = participant_app(store, info, name="Zoë")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await select(pilot, "action", "[bold]x")  # typed anonymously on the shared screen
        await pilot.press("delete")
        await settle(pilot)
        assert "[bold]x" in [i.text for i in store.list_items(info.id, 1)]


FACILITATOR_WORDS = ("summary", "export", "phase", "timer", "sessions", "speaker", "add a participant", "screenshot",
                     "presenter", "agenda", "follow-up", "merge", "split", "move", "clipboard", "go to step",
                     "rename", "projector")


async def test_no_facilitator_action_by_key_or_in_the_palette(store, info):
    app = participant_app(store, info)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        titles = [command.title for command in app.get_system_commands(screen)]
        assert titles and "Leave the session" in titles
        assert not [t for t in titles if any(word in t.lower() for word in FACILITATOR_WORDS)], titles
        await select(pilot, "action", "Sign a memorandum of understanding with the museum")
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert not [t for t in titles if "edit" in t.lower() or "delete" in t.lower()], titles

        # The palette itself, searched for what a facilitator would look for: no hit.
        assert any("Leave the session" in hit for hit in await palette_hits(pilot, "leave"))  # the search works
        for query in ("export", "summary", "phase", "sessions", "screenshot", "speaker", "timer"):
            assert not [hit for hit in await palette_hits(pilot, query) if query in hit.lower()], query

        # The facilitator's keys do nothing here.
        for key in ("ctrl+s", "ctrl+l", "ctrl+o", "ctrl+g", "f3", "f4", "f5", "f8", "f12", "ctrl+e"):
            await pilot.press(key)
            await settle(pilot)
            assert app.screen is screen, key
        assert isinstance(app.screen, ParticipantScreen)
        assert store.get_session(info.id).current_step == 1
        assert store.step_states(info.id)[1].phase == "brainstorm"
        assert len(store.list_sessions()) == 1


async def test_no_other_session_is_reachable(store, info, template):
    second = store.create_session("Secret board", template_id=template.id, step_count=template.step_count)
    store.add_item(second.id, 1, "action", "confidential", author="Zoë")

    app = participant_app(store, info)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l", "escape", "escape")
        await settle(pilot)
        assert [type(s).__name__ for s in app.screen_stack][1:] == ["ParticipantScreen"]
        assert "confidential" not in screen_text(app)
        assert "Secret board" not in screen_text(app)


async def test_an_unknown_session_ends_the_app_with_one_line(store):
    app = make_participant_app(store, 99, "Zoë")
    async with app.run_test() as pilot:
        await settle(pilot)
    assert app.return_code == 2
    assert app.error_message == "unknown session 99"


async def test_it_follows_the_facilitators_step_and_phase(store, info, other):
    app = participant_app(store, info)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press(*"half typed")
        other.set_current_step(info.id, 2)
        await wait_for(lambda: screen.step == 2, pilot, what="the step to follow")
        await wait_for(lambda: texts(app, "action") == ["Call the curator"], pilot)
        assert "STEP 2" in screen_text(app)
        assert screen.entry.text == "half typed" and app.focused is screen.entry
        other.set_phase(info.id, 2, "vote")
        await wait_for(lambda: screen.phase == "vote", pilot, what="the phase to follow")
        assert "3 of 3 dots left" in screen_text(app)
        other.set_step_dots(info.id, 2, 5)  # this step's own dots (a template's), not the session's
        await wait_for(lambda: "5 of 5 dots left" in screen_text(app), pilot, what="the step's own dots")
        # Ctrl+N is the facilitator's while participants follow.
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert screen.step == 2

        # The facilitator lets them browse: they stay, and move on their own.
        other.set_participants_follow(info.id, False)
        await wait_for(lambda: not screen.following, pilot)
        other.set_current_step(info.id, 5)
        await wait_for(lambda: screen.info.current_step == 5, pilot)
        assert screen.step == 2
        await pilot.press("ctrl+n")
        await wait_for(lambda: screen.step == 3, pilot)
        await pilot.press("ctrl+f")
        await wait_for(lambda: screen.step == 5, pilot)
        other.set_participants_follow(info.id, True)
        other.set_current_step(info.id, 1)
        await wait_for(lambda: screen.step == 1, pilot)


async def test_following_waits_for_an_edit_in_progress(store, info, other):
    app = participant_app(store, info)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press(*"my item", "enter")
        await settle(pilot)
        await select(pilot, "action", "my item")
        await pilot.press("enter", "end", *" (half edited")
        other.set_current_step(info.id, 3)
        await wait_for(lambda: "you follow once your edit" in screen_text(app), pilot)
        assert screen.step == 1 and column(app, "action").editor is not None
        await pilot.press(")", "enter")
        await wait_for(lambda: screen.step == 3, pilot)
        assert any(i.text == "my item (half edited)" for i in store.list_items(info.id, 1))


async def test_dots_only_in_the_vote_phase(store, info, other):
    app = participant_app(store, info)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        await select(pilot, "tool", "Checklist ✅ and handshake 🤝")
        await pilot.press("v")  # no key outside the vote phase: typed, it goes to the input
        await settle(pilot)
        assert store.list_votes(info.id) == []
        assert app.focused is screen.entry and screen.entry.text == "v"
        screen.entry.load_text("")
        await select(pilot, "tool", "Checklist ✅ and handshake 🤝")
        other.set_phase(info.id, 1, "vote")
        await wait_for(lambda: screen.phase == "vote", pilot)
        await pilot.press("v", "v")
        await settle(pilot)
        assert [v.participant for v in store.list_votes(info.id)] == ["Zoë", "Zoë"]
        await wait_for(lambda: "1 of 3 dots left" in screen_text(app), pilot)
        assert column(app, "tool").selected_item is not None
        assert "Ana  ●●" in screen_text(app)
        await pilot.press("w")
        await settle(pilot)
        assert len(store.list_votes(info.id)) == 1
        await pilot.press("v", "v", "v")  # the third is one too many
        await settle(pilot)
        assert len(store.list_votes(info.id)) == 3
        # New items wait while the group votes; the typed text stays in the input.
        before = len(store.list_items(info.id))
        await pilot.press("escape")
        await pilot.press(*"late idea", "enter")
        await settle(pilot)
        assert len(store.list_items(info.id)) == before
        assert screen.entry.text == "late idea"
        other.set_phase(info.id, 1, "discuss")
        await wait_for(lambda: screen.phase == "discuss", pilot)
        await pilot.press("enter")
        await wait_for(lambda: len(store.list_items(info.id)) == before + 1, pilot)


async def test_items_from_elsewhere_appear_quickly_without_touching_typing(store, info, other):
    """Live: what another connection commits reaches the participant's screen, typing untouched.

    How quickly is for the benchmarks (`bench/live_sync.py`), not a bound here: a loaded test
    machine makes any bound flaky.
    """

    app = participant_app(store, info)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press(*"typing")
        delays = []
        for n in range(5):
            committed = time.monotonic()
            other.add_item(info.id, 1, "obstacle", f"[red]live {n}", author="Bo")
            await wait_for(lambda: f"[red]live {n}" in texts(app, "obstacle"), pilot, timeout=2)
            delays.append(time.monotonic() - committed)
            await pilot.pause(0.05)
        print("commit to the participant's screen, seconds:", [round(d, 3) for d in delays])
        assert screen.entry.text == "typing" and app.focused is screen.entry


async def test_the_facilitators_header_counts_the_participants_connected(store, info, other):
    from workshop_tui.app import make_app
    from workshop_tui.widgets.progress_header import ProgressHeader

    facilitator = make_app(store)
    async with facilitator.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the session
        await settle(pilot)
        header = facilitator.screen.query_one(ProgressHeader)
        people = header.query_one("#header-people")
        assert not people.display or "-no-people" in header.classes
        other.heartbeat(info.id, "screen-1", "participant", "Zoë")
        other.heartbeat(info.id, "screen-2", "participant", None)
        await wait_for(lambda: "2 connected" in screen_text(facilitator), pilot, timeout=3)
        other.leave("screen-1")
        await wait_for(lambda: "1 connected" in screen_text(facilitator), pilot, timeout=3)
