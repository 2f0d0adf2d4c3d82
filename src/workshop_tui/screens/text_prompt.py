"""Ask for one line of text (a new title, a participant's name): dismisses with it, or None."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from workshop_tui.i18n import N_, _
from workshop_tui.widgets.footer import AppFooter


class TextPrompt(ModalScreen[str | None]):
    """One labelled line; Enter confirms, Escape cancels. Empty text is not accepted."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, title: str, *, value: str = "", placeholder: str = "", confirm: str = N_("OK")) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder
        self.confirm_label = confirm

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.title_text), classes="dialog-title")
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_(self.confirm_label), id="confirm", variant="primary")
                yield Button(_("Cancel"), id="cancel")
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        text = " ".join(self.query_one(Input).value.split())
        if not text:
            self.notify(_("Type something first, or press Escape to cancel."), severity="warning")
            return
        self.dismiss(text)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
