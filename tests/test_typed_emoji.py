"""Typed emoji are stored exactly, and a row holding one keeps its column's border in place.

Issue 12, item 11: typing `🎉👩🏽‍🚀` stored it without the joiner U+200D (Textual's text area
inserts only `isprintable()` characters), and in tmux a row holding such a sequence lost its
right border (tmux draws it four cells wide where Rich measures two).
"""

from __future__ import annotations

import unicodedata

from helpers.pilot import settle, wait_for
from textual._xterm_parser import XTermParser

from workshop_tui.app import make_app
from workshop_tui.participant import make_participant_app
from workshop_tui.widgets.item_column import ItemColumn
from workshop_tui.widgets.rows import drawn

ASTRONAUT = "🎉👩🏽\u200d🚀"
SEQUENCES = ASTRONAUT + " ❤️ 👍🏽 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f done"


def type_as_a_terminal(app, text: str) -> None:
    """Send `text` through Textual's own terminal parser, as typed in a real terminal."""
    for event in XTermParser().feed(text):
        event.set_sender(app)
        app.post_message(event)


def terminal_width(text: str) -> int:
    """How wide a terminal that measures code point by code point (tmux, wcwidth) draws `text`."""
    width = 0
    for character in text:
        if unicodedata.combining(character) or unicodedata.category(character) in ("Cf", "Mn", "Me"):
            continue
        if 0x1F3FB <= ord(character) <= 0x1F3FF:
            width += 2  # a skin tone alone is a wide emoji to such a terminal
            continue
        width += 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1
    return width


async def test_typing_an_emoji_sequence_stores_it_exactly(store, session):
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        type_as_a_terminal(app, ASTRONAUT)
        await wait_for(lambda: app.screen.entry.text == ASTRONAUT, pilot,
                       what=f"the emoji in the input (it holds {app.screen.entry.text!r})")
        await pilot.press("enter")
        await settle(pilot)
    assert [item.text for item in store.list_items(session.id)] == [ASTRONAUT]


async def test_a_participant_types_the_joiner_too(store, session):
    app = make_participant_app(store, session.id, "Ana")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        type_as_a_terminal(app, ASTRONAUT)
        await wait_for(lambda: app.screen.entry.text == ASTRONAUT, pilot, what="the emoji in the input")
        await pilot.press("enter")
        await settle(pilot)
    assert [item.text for item in store.list_items(session.id)] == [ASTRONAUT]


async def test_rows_with_emoji_sequences_keep_the_column_border_in_place(store, session):
    store.add_item(session.id, 1, "action", SEQUENCES, author="Ana")
    store.add_item(session.id, 1, "action", "plain text", author="Bo")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        column = app.screen.query_one("#col-action", ItemColumn)
        width = column.region.width
        strips = column.render_lines(column.region.reset_offset)
        lines = ["".join(segment.text for segment in strip) for strip in strips]
        holding = [line for line in lines if "done" in line or "🎉" in line]
        assert holding, lines
        for line in lines:
            assert terminal_width(line) == width, (line, terminal_width(line), width)
    assert store.list_items(session.id)[0].text == SEQUENCES  # drawn simply, stored exactly


def test_drawing_keeps_every_base_character():
    assert drawn(ASTRONAUT) == "🎉👩🚀"
    assert drawn("plain [bold] text") == "plain [bold] text"
    assert drawn("Zürich, 東京, مرحبا") == "Zürich, 東京, مرحبا"
