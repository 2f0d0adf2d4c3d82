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

from workshop_tui.i18n import N_, _
from workshop_tui.widgets.footer import AppFooter

QuitChoice = Literal["save", "discard", "cancel"]


class QuitDialog(ModalScreen[QuitChoice]):
    """Text was typed but not saved (or an edit is open): keep it, drop it, or stay."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS = [
        Binding("s", "choose('save')", N_("Save it"), tooltip=N_("Save the text, then go")),
        Binding("d", "choose('discard')", N_("Discard it"), tooltip=N_("Drop the text, then go")),
        Binding("escape", "choose('cancel')", N_("Cancel"), tooltip=N_("Stay, with the text as it is")),
    ]

    WORDS = {  # by verb: the question and the two buttons
        "quit": (N_("Keep it before you quit?"), N_("Save and quit"), N_("Discard and quit")),
        "leave": (N_("Keep it before you leave?"), N_("Save and leave"), N_("Discard and leave")),
    }

    def __init__(self, pending: str, *, verb: str = "quit") -> None:
        super().__init__()
        self.pending = pending
        self.verb = verb

    def compose(self) -> ComposeResult:
        preview = self.pending if len(self.pending) <= 200 else self.pending[:199] + "…"
        message = Content.assemble(
            _("This text is not saved yet:\n\n"),
            (preview, "bold"),
            "\n\n" + _(self.WORDS.get(self.verb, self.WORDS["quit"])[0]),
        )
        with Vertical(classes="dialog"):
            yield Static(_("Unsaved text"), classes="dialog-title")
            yield Static(message, classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_(self.WORDS.get(self.verb, self.WORDS["quit"])[1]), id="save", variant="primary")
                yield Button(_(self.WORDS.get(self.verb, self.WORDS["quit"])[2]), id="discard", variant="error")
                yield Button(_("Cancel"), id="cancel")
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_choose(event.button.id or "cancel")

    def action_choose(self, choice: str) -> None:
        chosen: QuitChoice = "save" if choice == "save" else "discard" if choice == "discard" else "cancel"
        self.dismiss(chosen)
