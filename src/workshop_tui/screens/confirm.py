"""A yes/no question: `ConfirmDialog` dismisses with True (go ahead) or False (leave it)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from workshop_tui.i18n import N_, _
from workshop_tui.widgets.footer import AppFooter


class ConfirmDialog(ModalScreen[bool]):
    """Asks before something that cannot be undone (deleting, overwriting)."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS = [
        Binding("y", "confirm", N_("Yes")),
        Binding("escape,n", "cancel", N_("No")),
    ]

    def __init__(self, title: str, message: Content | str, *, confirm: str = N_("Yes"), danger: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.message = message if isinstance(message, Content) else Content(message)
        self.confirm_label = confirm
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.title_text), classes="dialog-title")
            yield Static(self.message, classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_(self.confirm_label), id="confirm", variant="error" if self.danger else "primary")
                yield Button(_("Cancel"), id="cancel")
        yield AppFooter()

    def on_mount(self) -> None:
        # A dangerous choice is never the one Enter picks by default.
        self.query_one("#cancel" if self.danger else "#confirm", Button).focus()

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
