"""The help screen: every key of the screen it was asked on, read from the bindings themselves.

The app hands it the screen underneath and its own keys. Sections come from that screen: its
`help_sections()` if it has one (the step screen splits typing from facilitating), else its
own keys under its `HELP_TITLE`; then one section for each kind of widget on it that has a
`HELP_TITLE` (columns, the step list, the speaker menu...), with the keys it binds and the
`HELP_KEYS` it lists besides (arrows, say). So help can never disagree with what the keys do,
and no screen needs to be known here. It also says how pasting works and that typed text is
shown exactly as typed.
"""

from __future__ import annotations

import dataclasses
from typing import Iterable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from workshop_tui.i18n import N_, _
from workshop_tui.widgets.footer import AppFooter

NOTES = (
    N_("Typing an item: Enter saves it to the highlighted column, as the current speaker. "
    "The text leaves the input line only once it is saved; if saving fails it stays there."),
    N_("Pasting several lines keeps every line: they become ONE item with line breaks (a paste is "
    "never split into several items). Ctrl+J adds a line break by hand."),
    N_("Selecting (Escape): Enter edits, Delete deletes (Ctrl+Z undoes). A letter typed there goes back to "
    "the input with it: no sentence acts as commands. @Na + Tab credits one item to Nathalie."),
    N_("Items, titles and names are shown exactly as typed: [bold] or [link=x] is text, not formatting."),
    N_("The mouse works too: click a column, an item, a step in the list, or a button."),
    N_("Ctrl+P opens the command palette: every action, and \"Go to step N\" for each step."),
    N_("Facilitating: the timer (F5) follows you from step to step and rings once at zero; the phases (F8) "
    "decide what a step allows. `workshop-tui present SESSION` in a second terminal follows this one."),
)

Section = tuple[str, list[Binding]]


def own_bindings(bindings: Iterable[BindingType]) -> list[Binding]:
    return [binding for binding in bindings if isinstance(binding, Binding)]


def widget_section(kind: type[DOMNode]) -> Section | None:
    """The help of one kind of widget: the `HELP_TITLE` it has (or inherits), the `HELP_KEYS`
    listed besides its bindings, and the keys bound by it and its bases up to that title's."""
    classes: list[type] = []
    for base in kind.__mro__:
        classes.append(base)
        if "HELP_TITLE" in base.__dict__:
            break
    else:
        return None
    bindings: list[Binding] = []
    for base in reversed(classes):
        bindings += base.__dict__.get("HELP_KEYS", ())
        # A hidden key that only repeats a screen's own (listed with the screen) is left out.
        bindings += [binding for binding in own_bindings(base.__dict__.get("BINDINGS", ()))
                     if binding.show or not binding.action.startswith("screen.")]
    return classes[-1].__dict__["HELP_TITLE"], bindings


def screen_sections(screen: Screen) -> list[Section]:
    """What the help lists for `screen`: its own keys, then its widgets' keys, kind by kind."""
    sections = getattr(screen, "help_sections", None)
    found: list[Section] = list(sections()) if sections is not None else [
        widget_section(type(screen)) or (_("This screen"), own_bindings(screen.BINDINGS))]
    seen: set[type] = set()
    for widget in screen.query("*"):
        if type(widget) not in seen:
            seen.add(type(widget))
            section = widget_section(type(widget))
            if section is not None and section[0] not in (title for title, _bindings in found):
                found.append(section)
    return [(title, bindings) for title, bindings in found if bindings]


class HelpScreen(ModalScreen[None]):
    """Every key of the screen underneath; Escape, F1 or Q closes it."""

    CSS_PATH = "help.tcss"

    BINDINGS = [Binding("escape,f1,q", "close", N_("Close help"))]

    def __init__(self, screen: Screen, everywhere: Iterable[BindingType], palette_key: str = "ctrl+p") -> None:
        super().__init__()
        palette = Binding(palette_key, "command_palette", _("Command palette"))
        self.sections = [(_("Everywhere"), [*own_bindings(everywhere), palette]), *screen_sections(screen)]

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(Content.styled(_("Help: every key, and how typing works"), "bold"), id="help-title")
            with VerticalScroll(id="help-body"):
                yield Static(self._notes(), id="help-notes")
                with Grid(id="help-grid"):
                    for title, bindings in self.sections:
                        with Vertical(classes="help-section"):
                            yield Static(Content.styled(_(title), "bold $accent"), classes="help-heading")
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
                grid.add_row(Text(self._keys(binding)), Text(_(binding.tooltip or binding.description)))
        return grid

    def _notes(self) -> Content:
        lines = [Content.styled(_("Good to know"), "bold $accent")]
        lines.extend(Content.assemble(("• ", "$accent"), _(note)) for note in NOTES)
        return Content("\n").join(lines)

    def action_close(self) -> None:
        self.dismiss()
