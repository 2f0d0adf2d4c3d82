"""Where an item is typed: a compact text area in which Enter saves and a paste keeps its lines.

Textual's `Input` keeps only the first line of a paste. This is a `TextArea`, so pasting
several lines keeps them all, as ONE item with line breaks (never split into several items:
what was pasted is what is stored). Ctrl+J adds a line break by hand. It grows to a few lines
and then scrolls.

`ItemEditor` is the same box used to edit an item in place: Enter saves, Escape cancels.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Callable

from textual import events, on
from textual.binding import Binding
from textual.message import Message
from textual.timer import Timer
from textual.widgets import TextArea

from workshop_tui.i18n import N_
from workshop_tui.text import clean_text

SLOW_SAVE_SECONDS = 0.15


def typed_format_character(event: events.Key) -> str | None:
    """A format character typed as part of the text (the joiner U+200D inside 👩🏽‍🚀, a flag's tag
    characters, a soft hyphen), which `TextArea` drops because it is not `isprintable()`; None
    for anything else. Bidirectional controls stay out (`clean_text` drops them everywhere)."""
    character = event.character
    if (character and len(character) == 1 and not character.isprintable()
            and unicodedata.category(character) == "Cf" and clean_text(character) == character):
        return character
    return None


class ItemInput(TextArea):
    """A one-line-high text area that grows with its text; Enter posts `Submitted`."""

    DEFAULT_CSS = """
    ItemInput {
        height: auto;
        min-height: 1;
        max-height: 5;
        width: 1fr;
        min-width: 12;
        padding: 0 1;
        &.-textual-compact { background: $boost; }
        &.-saving { color: $text-muted; }
        &.item-editor { padding: 0; max-height: 12; scrollbar-size-vertical: 1; }
    }
    """

    BINDINGS = [
        Binding("enter", "submit", N_("Add"), tooltip=N_("Save the typed text as an item")),
        Binding("ctrl+j", "line_break", N_("Line break"), show=False, tooltip=N_("Add a line break inside the item")),
    ]

    @dataclass
    class Submitted(Message):
        """Enter was pressed with some text in the box."""

        item_input: "ItemInput"
        text: str

        @property
        def control(self) -> "ItemInput":
            return self.item_input

    @dataclass
    class ColumnSwitch(Message):
        """Tab (`step` 1) or Shift+Tab (-1): type into the next or previous column."""

        item_input: "ItemInput"
        step: int

        @property
        def control(self) -> "ItemInput":
            return self.item_input

    def __init__(
        self, text: str = "", *, placeholder: str = "", id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(text, soft_wrap=True, tab_behavior="focus", compact=True, show_line_numbers=False,
                         highlight_cursor_line=False, placeholder=placeholder, id=id, classes=classes)
        self._dim_timer: Timer | None = None
        self._backlog: list[tuple[str, int]] = []
        """Enters (with where the text stood) and Tabs typed while a save was under way, in order."""

    def on_mount(self) -> None:
        self.move_cursor(self.document.end)

    async def _on_key(self, event: events.Key) -> None:
        # Enter, Ctrl+J and Tab are handled here, in the order the keys arrived, not as bindings
        # (which run only after the key has bubbled up to the app): keys typed in a burst
        # ("text, Enter, Tab, more text, Enter", a fast typist, a terminal's paste of keys) save
        # each text, in the column chosen just before its Enter, exactly as when typed slowly.
        if event.key in ("enter", "ctrl+j"):
            event.stop()
            event.prevent_default()
            self.action_submit() if event.key == "enter" else self.action_line_break()
            return
        if event.key == "tab" and self.complete is not None and not self.saving and self.cursor_location[0] == 0:
            completed = self.complete(self.text, self.cursor_location[1])
            if completed is not None:
                event.stop()
                event.prevent_default()
                text, cursor = completed
                self.load_text(text)
                self.move_cursor((0, cursor))
                return
        if event.key in ("tab", "shift+tab") and self.switches_columns:
            event.stop()
            event.prevent_default()
            step = -1 if event.key == "shift+tab" else 1
            if self.saving:
                self._backlog.append(("tab", step))  # after the Enters typed before it
            else:
                (self.parent or self).post_message(self.ColumnSwitch(self, step))
            return
        joiner = typed_format_character(event)
        if joiner is not None and not self.read_only:
            event.stop()
            event.prevent_default()
            start, end = self.selection
            self._replace_via_keyboard(joiner, start, end)
            return
        await super()._on_key(event)

    complete: "Callable[[str, int], tuple[str, int] | None] | None" = None
    """Tab completing a name: (text, cursor) -> (completed text, new cursor), None when nothing fits."""

    switches_columns = True
    """Tab and Shift+Tab move to the next or previous column (not in an item being edited)."""

    saving = False
    """True from Enter until the store has the text: typing goes on meanwhile."""

    def action_submit(self) -> None:
        if self.saving:
            # An Enter typed during a save: it ends an item here, sent once the save is done.
            self._backlog.append(("enter", len(self.text)))
            return
        self._submit(self.text)

    def _submit(self, text: str) -> None:
        if text.strip() and not self.read_only:
            # Posted to the parent, so it travels up ahead of any key typed after the Enter.
            (self.parent or self).post_message(self.Submitted(self, text))
            if self.switches_columns:
                self.saving = True  # from now, not from when the save starts

    def action_line_break(self) -> None:
        if not self.read_only:
            self.insert("\n")

    def set_saving(self, saving: bool) -> None:
        """Mark a save under way: the text stays (dimmed, if the save is slow) until the store has it."""
        self.saving = saving
        if self._dim_timer is not None:
            self._dim_timer.stop()
            self._dim_timer = None
        if saving:
            # A save takes a few ms; restyling the box costs about as much, so only a slow one dims it.
            self._dim_timer = self.set_timer(SLOW_SAVE_SECONDS, lambda: self.add_class("-saving"))
        elif self.has_class("-saving"):
            self.remove_class("-saving")

    def remove_saved(self, saved: str) -> None:
        """Take saved text out of the box, keeping anything typed after it meanwhile; then send
        what was typed during the save (each text up to its Enter, the Tabs between them)."""
        self.saving = False
        text = self.text
        if text.startswith(saved):
            rest = text[len(saved):].lstrip("\n")
            cut = len(text) - len(rest)
            self.load_text(rest)
            self.move_cursor(self.document.end)
            self._backlog[:] = [(kind, max(0, value - cut) if kind == "enter" else value)
                                for kind, value in self._backlog]
        while self._backlog and not self.saving:
            kind, value = self._backlog.pop(0)
            if kind == "tab":
                (self.parent or self).post_message(self.ColumnSwitch(self, value))
            else:
                self._submit(self.text[:value])

    def refused(self) -> None:
        """The screen would not take the text (voting is on): it stays, nothing is waiting."""
        self.set_saving(False)
        self._backlog.clear()

    def save_failed(self) -> None:
        """The save failed: the text stays, all of it; Enters typed meanwhile are dropped."""
        self._backlog.clear()


class ItemEditor(ItemInput):
    """An item's text, opened for editing in place: Enter saves, Escape cancels."""

    switches_columns = False

    BINDINGS = [
        Binding("enter", "submit", N_("Save edit"), tooltip=N_("Save the changed text")),
        Binding("escape", "cancel", N_("Cancel edit"), tooltip=N_("Leave the item as it was")),
    ]

    @dataclass
    class Cancelled(Message):
        """Escape was pressed: the edit is dropped."""

        editor: "ItemEditor"

        @property
        def control(self) -> "ItemEditor":
            return self.editor

    def __init__(self, text: str, *, item_id: str) -> None:
        super().__init__(text, classes="item-editor")
        self.item_id = item_id
        self.original = text

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled(self))

    @on(events.Click)
    def _keep_focus(self, event: events.Click) -> None:
        # A click inside the editor must not bubble to the list row (which would take focus).
        event.stop()
