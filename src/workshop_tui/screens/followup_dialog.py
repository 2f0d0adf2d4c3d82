"""An item's follow-up: who owns it and when it is due. Dismisses with a `FollowupChoice` or None.

Focus goes as the help says: Owner first, Tab to the due date, Tab to the buttons. Nothing typed
is dropped: a character typed while a button has focus goes to the due date (with focus), and a
due date that is not a date keeps the dialog open with one line saying so; nothing is saved.

The dialog only collects the choice. `ask_followup` shows it, saves the choice in the
session's store, and while the store refuses it (a date that is not YYYY-MM-DD) shows it again
with the store's one-line reason and the values as typed. (Callbacks rather than `push_screen_wait`,
so no worker sits waiting on a dialog.)
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from datetime import date
from typing import Callable

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from workshop_tui.i18n import N_, _
from workshop_tui.model import Item
from workshop_tui.session_store import SessionStore
from workshop_tui.store.errors import InvalidInputError
from workshop_tui.widgets.footer import AppFooter
from workshop_tui.workers import run_store_work


@dataclass(frozen=True)
class FollowupChoice:
    """What the dialog collected: an owner ("" for nobody yet) and a due date as typed, or clear."""

    owner: str = ""
    due: str = ""
    clear: bool = False


class FollowupDialog(ModalScreen["FollowupChoice | None"]):
    """Owner (a participant) and due date (YYYY-MM-DD) of a follow-up; Enter saves."""

    CSS_PATH = ["dialogs.tcss", "followup_dialog.tcss"]
    HELP_TITLE = N_("Follow-up dialog")
    HELP_KEYS = (Binding("tab", "", N_("Owner, then due date (YYYY-MM-DD), then buttons")),
                 Binding("enter", "", N_("Save (in the due date)")))

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), tooltip=N_("Close without changing the follow-up"))]

    def __init__(self, item: Item, participants: tuple[str, ...], *, owner: str = "", due: str = "",
                 error: str = "") -> None:
        super().__init__()
        self.item = item
        self.participants = tuple(dict.fromkeys([*participants, *([owner] if owner else [])]))
        self.owner = owner
        self.due = due
        self.error = error

    def compose(self) -> ComposeResult:
        text = self.item.text if len(self.item.text) <= 300 else self.item.text[:299] + "…"
        with Vertical(classes="dialog"):
            yield Static(Content(_("Follow-up · step {step}").format(step=self.item.step)), classes="dialog-title")
            yield Static(Content(text), classes="dialog-message followup-text")
            with Horizontal(classes="followup-row"):
                yield Label(_("Owner"), classes="followup-label")
                yield Select([(Content(name), name) for name in self.participants], prompt=_("Nobody yet"),
                             value=self.owner if self.owner else Select.NULL, compact=True, id="followup-owner")
            with Horizontal(classes="followup-row"):
                yield Label(_("Due"), classes="followup-label")
                yield Input(self.due, placeholder="YYYY-MM-DD", compact=True, select_on_focus=False, id="followup-due")
            yield Static(Content(self.error), id="followup-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save"), id="save", variant="primary")
                if self.item.followup:
                    yield Button(_("Clear follow-up"), id="clear", variant="warning")
                yield Button(_("Cancel"), id="cancel")
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#followup-error").display = bool(self.error)
        # In the order the help gives: the owner first (the due date when it was refused).
        (self.due_input if self.error else self.query_one("#followup-owner", Select)).focus()

    @property
    def due_input(self) -> Input:
        return self.query_one("#followup-due", Input)

    def _choice(self) -> FollowupChoice:
        owner = self.query_one("#followup-owner", Select).value
        return FollowupChoice(owner=owner if isinstance(owner, str) else "", due=self.due_input.value.strip())

    def on_key(self, event: events.Key) -> None:
        # A date typed after one Tab too many (a button has focus) still lands in the due date.
        if event.is_printable and isinstance(self.focused, Button):
            event.stop()
            due = self.due_input
            due.focus()
            due.insert_text_at_cursor(event.character or "")

    def show_error(self, message: str) -> None:
        error = self.query_one("#followup-error", Static)
        error.update(Content(message))
        error.display = True
        self.due_input.focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        choice = self._choice()
        if choice.due and not is_date(choice.due):
            self.show_error(_("“{due}” is not a date: write it as YYYY-MM-DD (for example 2026-12-15). "
                              "Nothing was saved.").format(due=choice.due))
            return
        self.dismiss(choice)

    @on(Button.Pressed, "#clear")
    def action_clear(self) -> None:
        self.dismiss(FollowupChoice(clear=True))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def is_date(text: str) -> bool:
    """Whether `text` is a calendar date written YYYY-MM-DD."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def ask_followup(asker: Widget, session: SessionStore, item: Item, participants: tuple[str, ...], *,
                 on_saved: Callable[[Item], object] | None = None, default_owner: str = "",
                 owner: str | None = None, due: str | None = None, error: str = "") -> None:
    """Ask for the follow-up of `item`, then save it (in a worker of `asker`) and call `on_saved`.

    While the store refuses the choice (a date that is not YYYY-MM-DD) the dialog comes back
    with the store's one-line reason and the values as typed.
    """
    owner = (item.owner or default_owner or "") if owner is None else owner
    due = item.due if due is None else due

    async def save(choice: FollowupChoice) -> None:
        try:
            if choice.clear:
                saved = await session.clear_followup(item)
            else:
                saved = await session.set_followup(item, owner=choice.owner or None, due=choice.due)
        except InvalidInputError as refused:
            ask_followup(asker, session, item, participants, on_saved=on_saved, owner=choice.owner, due=choice.due,
                         error=str(refused))
            return
        if choice.clear:
            asker.notify(_("No longer a follow-up."))
        else:
            if saved.owner and saved.due:
                text = _("Follow-up for {owner}, due {due}.")
            elif saved.owner:
                text = _("Follow-up for {owner}.")
            else:
                text = _("Follow-up, due {due}.") if saved.due else _("Follow-up.")
            asker.notify(text.format(owner=saved.owner, due=saved.due), markup=False)
        if on_saved is not None:
            result = on_saved(saved)
            if inspect.isawaitable(result):
                await result

    def chosen(choice: FollowupChoice | None) -> None:
        if choice is not None:
            run_store_work(asker, save(choice), _("Follow-up not saved"))

    asker.app.push_screen(FollowupDialog(item, participants, owner=owner, due=due, error=error), chosen)
