"""Leaving with unsaved text: `QuitDialog` dismisses with "save", "discard" or "cancel"."""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from workshop_tui.widgets.footer import AppFooter

QuitChoice = Literal["save", "discard", "cancel"]


class QuitDialog(ModalScreen[QuitChoice]):
    """Text was typed but not saved (or an edit is open): keep it, drop it, or stay."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS = [
        Binding("s", "choose('save')", "Save it", tooltip="Save the text, then go"),
        Binding("d", "choose('discard')", "Discard it", tooltip="Drop the text, then go"),
        Binding("escape", "choose('cancel')", "Cancel", tooltip="Stay, with the text as it is"),
    ]

    def __init__(self, pending: str, *, verb: str = "quit") -> None:
        super().__init__()
        self.pending = pending
        self.verb = verb

    def compose(self) -> ComposeResult:
        preview = self.pending if len(self.pending) <= 200 else self.pending[:199] + "…"
        message = Content.assemble(
            "This text is not saved yet:\n\n",
            (preview, "bold"),
            "\n\nKeep it before you " + self.verb + "?",
        )
        with Vertical(classes="dialog"):
            yield Static("Unsaved text", classes="dialog-title")
            yield Static(message, classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"Save and {self.verb}", id="save", variant="primary")
                yield Button(f"Discard and {self.verb}", id="discard", variant="error")
                yield Button("Cancel", id="cancel")
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_choose(event.button.id or "cancel")

    def action_choose(self, choice: str) -> None:
        chosen: QuitChoice = "save" if choice == "save" else "discard" if choice == "discard" else "cancel"
        self.dismiss(chosen)
