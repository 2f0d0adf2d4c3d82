"""Select mode is safe: a sentence typed on a selected item lands in the input, whole.

Issue 12, item 1: Escape then `good idea` typed quickly deleted an item (`d`), opened an editor
(`e`), and said `unknown item 01936e98…`. Now no letter acts on an item: a printable key that is
no binding of the column goes to the input, carrying its character, and so does every key after
it, at human speed and in a burst. Delete and Backspace delete (Ctrl+Z undoes, and says so);
acting on an item that has gone says so in plain words; a participant's Enter or Delete on
someone else's item gets a plain line.
"""

from __future__ import annotations

import pytest
from helpers.pilot import fill_session, open_step, record_notifications, settle, wait_for
from textual import events

from workshop_tui.app import make_app
from workshop_tui.participant import make_participant_app
from workshop_tui.widgets.item_column import ItemColumn

SIZE = (120, 36)
SENTENCE = "good idea, see my desk"  # d, e, s, m, k... every letter that was once a key


@pytest.fixture
def info(store, template):
    return fill_session(store, template)


def snapshot(store, session_id):
    return sorted((i.id, i.step, i.column, i.text, i.author, i.position, i.cluster_id) for i in
                  store.list_items(session_id))


def burst(app, keys) -> None:
    """Hand the app every key at once, as a fast typist or a terminal's paste of keys does: no
    key waits for the one before it to be handled."""
    for key in keys:
        character = CHARACTERS.get(key, key if len(key) == 1 else None)
        event = events.Key(key, character)
        event.set_sender(app)
        app.post_message(event)


NAMES = {" ": "space", ",": "comma", ".": "full_stop"}
CHARACTERS = {name: character for character, name in NAMES.items()}


def keys_of(text: str) -> list[str]:
    return [NAMES.get(ch, ch) for ch in text]


@pytest.mark.parametrize("speed", ["human", "burst"])
async def test_escape_then_a_sentence_lands_in_the_input_and_changes_no_item(store, info, speed):
    before = snapshot(store, info.id)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_step(pilot)
        await pilot.press("escape")
        assert isinstance(app.focused, ItemColumn)
        assert app.focused.selected_item is not None
        if speed == "human":
            for key in keys_of(SENTENCE):
                await pilot.press(key)
                await pilot.pause(0.02)
        else:
            burst(app, keys_of(SENTENCE))
        await settle(pilot)
        await wait_for(lambda: screen.entry.text == SENTENCE, pilot,
                       what=f"the sentence in the input (it holds {screen.entry.text!r})")
        assert app.focused is screen.entry
        assert not screen.editing
        assert snapshot(store, info.id) == before


async def test_a_burst_of_escape_and_a_sentence_from_typing_lands_whole(store, info):
    before = snapshot(store, info.id)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_step(pilot)
        assert app.focused is screen.entry
        burst(app, ["escape", *keys_of(SENTENCE)])
        await settle(pilot)
        await wait_for(lambda: screen.entry.text == SENTENCE, pilot, what="the sentence in the input")
        assert snapshot(store, info.id) == before


async def test_delete_and_backspace_delete_and_say_how_to_undo(store, info):
    app = make_app(store)
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_step(pilot)
        await pilot.press("escape", "up")
        doomed = screen.active_column.selected_item
        await pilot.press("backspace")
        await settle(pilot)
        assert doomed.id not in {i.id for i in store.list_items(info.id)}
        assert any("Ctrl+Z undoes it" in message for _, message in notes)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.get_item(doomed.id).text == doomed.text
        second = screen.active_column.selected_item
        await pilot.press("delete")
        await settle(pilot)
        assert second.id not in {i.id for i in store.list_items(info.id)}


async def test_acting_on_an_item_someone_else_deleted_says_so_plainly(store, info):
    app = make_app(store)
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_step(pilot)
        await pilot.press("escape")
        gone = screen.active_column.selected_item
        app._live_timer.pause()  # the other screen's delete is not read back before the key
        store.delete_item(gone.id)
        await pilot.press("delete")
        await settle(pilot)
        shown = " ".join(message for _, message in notes)
        assert "no longer there" in shown
        assert gone.id not in shown and gone.id[:8] not in shown


async def test_a_participant_typing_on_a_selected_item_types_and_is_told_about_others_items(store, info):
    before = snapshot(store, info.id)
    app = make_participant_app(store, info.id, "Zoë")
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("escape")
        column = screen.active_column
        column.index = 0  # Ana's
        await settle(pilot)
        assert column.selected_item.author == "Ana"
        await pilot.press("delete")
        await pilot.press("enter")
        await settle(pilot)
        assert ("information", ": This item is Ana's: you can edit and delete only your own.") in notes
        burst(app, keys_of(SENTENCE))
        await settle(pilot)
        await wait_for(lambda: screen.entry.text == SENTENCE, pilot, what="the sentence in the input")
        assert snapshot(store, info.id) == before
