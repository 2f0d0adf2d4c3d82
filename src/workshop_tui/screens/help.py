"""The help screen: every key on every screen, read from the bindings themselves.

Built from each class's `BINDINGS`, so it can never disagree with what the keys do. It also
says how pasting works and that typed text is shown exactly as typed.
"""

from __future__ import annotations

import dataclasses
from typing import Iterable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from workshop_tui.widgets.footer import AppFooter

NOTES = (
    "Typing an item: Enter saves it to the highlighted column, as the current speaker. "
    "The text leaves the input line only once it is saved; if saving fails it stays there.",
    "Pasting several lines keeps every line: they become ONE item with line breaks (a paste is "
    "never split into several items). Ctrl+J adds a line break by hand.",
    "Items, titles and names are shown exactly as typed: [bold] or [link=x] is text, not formatting.",
    "The mouse works too: click a column, an item, a step in the list, or a button.",
    "Ctrl+P opens the command palette: every action, and \"Go to step N\" for each step.",
    "Facilitating: the timer (F5) follows you from step to step and rings once at zero; the phases (F8) "
    "decide what a step allows. `workshop-tui present SESSION` in a second terminal follows this one.",
)


def _sections() -> list[tuple[str, list[Binding]]]:
    from workshop_tui.app import WorkshopApp
    from workshop_tui.screens.agenda import AgendaScreen
    from workshop_tui.screens.export_dialog import ExportDialog
    from workshop_tui.screens.followup_dialog import FollowupDialog
    from workshop_tui.screens.followups import FollowupsScreen
    from workshop_tui.screens.start import FormField, StartScreen
    from workshop_tui.screens.step import StepScreen
    from workshop_tui.screens.step_facilitation import FACILITATION_ACTIONS
    from workshop_tui.screens.summary import SummaryScreen
    from workshop_tui.widgets.group_column import GroupColumn
    from workshop_tui.widgets.item_column import ItemColumn
    from workshop_tui.widgets.item_input import ItemEditor, ItemInput
    from workshop_tui.widgets.session_table import SessionTable
    from workshop_tui.widgets.step_list import StepList

    palette = Binding(WorkshopApp.COMMAND_PALETTE_BINDING, "command_palette", "Command palette")
    step_keys = _own(StepScreen.BINDINGS)

    def facilitating(binding: Binding) -> bool:
        return binding.action.split("(")[0] in FACILITATION_ACTIONS

    return [
        ("Everywhere", [*_own(WorkshopApp.BINDINGS), palette]),
        ("Start screen", [*_own(SessionTable.BINDINGS), *_own(StartScreen.BINDINGS), *_own(FormField.BINDINGS)]),
        ("A step: typing", [*_own(ItemInput.BINDINGS), *[b for b in step_keys if not facilitating(b)]]),
        ("A step: items selected (Escape)", [
            Binding("up,down", "", "Select an item"),
            # The step's own keys work here too; the column repeats them only to hide them.
            *[b for b in _own(ItemColumn.BINDINGS) if b.show or b.key in ("left", "right")],
            *_own(GroupColumn.BINDINGS),
        ]),
        ("A step: facilitating", [b for b in step_keys if facilitating(b)]),
        ("Editing an item", _own(ItemEditor.BINDINGS)),
        ("Step list (Ctrl+G)", [Binding("up,down", "", "Choose a step"), *_own(StepList.BINDINGS)]),
        ("Speaker menu (Ctrl+O)", [
            Binding("up,down", "", "Choose who is speaking (or anonymous, or add someone)"),
            Binding("enter", "", "Pick"),
            Binding("escape", "", "Close the menu"),
        ]),
        ("Summary", _own(SummaryScreen.BINDINGS)),
        ("Agenda (F3)", [Binding("up,down", "", "Choose a step"), *_own(AgendaScreen.BINDINGS)]),
        ("Follow-ups (F4)", [Binding("up,down", "", "Choose a follow-up"), *_own(FollowupsScreen.BINDINGS)]),
        ("Follow-up dialog (f)", [Binding("tab", "", "Owner, due date, buttons"),
                                  Binding("enter", "", "Save (in the due date)"), *_own(FollowupDialog.BINDINGS)]),
        ("Export dialog", _own(ExportDialog.BINDINGS)),
    ]


def _own(bindings: Iterable[object]) -> list[Binding]:
    return [b for b in bindings if isinstance(b, Binding)]


class HelpScreen(ModalScreen[None]):
    """Every key; Escape, F1 or Q closes it."""

    CSS_PATH = "help.tcss"

    BINDINGS = [Binding("escape,f1,q", "close", "Close help")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(Content.styled("Help: every key, and how typing works", "bold"), id="help-title")
            with VerticalScroll(id="help-body"):
                yield Static(self._notes(), id="help-notes")
                with Grid(id="help-grid"):
                    for title, bindings in _sections():
                        with Vertical(classes="help-section"):
                            yield Static(Content.styled(title, "bold $accent"), classes="help-heading")
                            yield Static(self._keys_table(bindings))
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def _keys(self, binding: Binding) -> str:
        keys = [self.app.get_key_display(dataclasses.replace(binding, key=key.strip(), key_display=None))
                for key in binding.key.split(",")]
        return ", ".join(dict.fromkeys(keys))

    def _keys_table(self, bindings: list[Binding]) -> Table:
        """One row per key: what to press, and what it does (wrapping under itself)."""
        grid = Table.grid(padding=(0, 2))
        grid.add_column(width=14, no_wrap=True, style="bold")
        grid.add_column(ratio=1)
        for binding in bindings:
            if binding.description:
                grid.add_row(Text(self._keys(binding)), Text(binding.tooltip or binding.description))
        return grid

    def _notes(self) -> Content:
        lines = [Content.styled("Good to know", "bold $accent")]
        lines.extend(Content.assemble(("• ", "$accent"), note) for note in NOTES)
        return Content("\n").join(lines)

    def action_close(self) -> None:
        self.dismiss()
