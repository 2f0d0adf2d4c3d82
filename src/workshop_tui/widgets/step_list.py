"""The side list of a workshop's steps: where we are, how much each step holds, jump to any."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workshop_tui.i18n import N_
from workshop_tui.content import Template


class StepList(OptionList):
    """One line per step: its number, title and item count; Enter or a click jumps to it."""

    HELP_TITLE = N_("Step list (Ctrl+G)")
    HELP_KEYS = (Binding("up,down", "", N_("Choose a step")),)

    DEFAULT_CSS = """
    StepList {
        width: 32;
        height: 1fr;
        border: none;
        border-right: vkey $foreground 20%;
        padding: 0;
        background: $panel;
        & > .option-list--option { padding: 0 1; }
        &:focus { border: none; border-right: vkey $accent; }
    }
    """

    BINDINGS = [
        Binding("enter", "select", N_("Go to step"), tooltip=N_("Go to the highlighted step")),
        Binding("escape", "screen.focus_input", N_("Back"), tooltip=N_("Back to typing, on the same step")),
    ]

    @dataclass
    class StepChosen(Message):
        """The user picked a step to go to."""

        step_list: "StepList"
        number: int

        @property
        def control(self) -> "StepList":
            return self.step_list

    def __init__(self, template: Template, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.template = template
        self.current = 1
        self.counts: dict[int, int] = {}

    def on_mount(self) -> None:
        self._rebuild()

    def choose(self) -> None:
        """Take the focus to choose a step (`-choosing` shows the list on a narrow screen)."""
        self.add_class("-choosing")
        self.highlighted = self.current - 1
        self.focus()

    def on_blur(self) -> None:
        self.remove_class("-choosing")

    def show(self, current: int, counts: dict[int, int]) -> None:
        """Mark the current step and show each step's item count."""
        if (current, counts) == (self.current, self.counts) and self.option_count:
            return
        self.current = current
        self.counts = dict(counts)
        self._rebuild()

    def _rebuild(self) -> None:
        options = [
            Option(self._prompt(step.number, step.title), id=f"step-{step.number}") for step in self.template.steps
        ]
        self.set_options(options)
        self.highlighted = self.current - 1

    def on_resize(self) -> None:
        self._rebuild()

    def _prompt(self, number: int, title: str) -> Content:
        """`▶ 3 Title` and the item count; a long title wraps under itself, not under the number."""
        here = number == self.current
        width = max(8, (self.scrollable_content_region.width or 30) - 2 - 4 - 3)
        lines = Content(title).wrap(width) or [Content("")]
        count = self.counts.get(number, 0)
        # Each styled run starts at a character, never at a space (pictures of the screen drop a
        # run's leading spaces): the alignment goes with the marker, the indent is a run of its own.
        style = "bold" if here else "dim"
        prefix = Content.assemble((f"{'▶' if here else ' '}{' ' * (2 - len(str(number)))}", "bold $accent"),
                                  (f"{number} ", style))
        counted = str(count) if count else "·"
        rows = []
        for index, line in enumerate(lines):
            line = line.stylize("bold") if here else line
            head = prefix if index == 0 else Content.styled("    ", "dim")
            tail = Content.assemble(" " * (3 - len(counted)), (counted, "dim")) if index == 0 else Content("")
            rows.append(Content.assemble(head, line.pad_right(width - line.cell_length), tail))
        return Content("\n").join(rows)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.StepChosen(self, event.option_index + 1))
