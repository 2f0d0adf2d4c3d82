"""What a step shows, on the facilitator's screen and the presenter's alike.

The step's title, countdown and phase (a `FacilitationBar`), the brief (introduction, prompts
and, for the facilitator only, the notes) and the three columns. The board only draws: its
screen sets `step`, `state` (the step's phase and timer as stored), `presenting` and `column`
(the column typed into, lit), and hands it the items (`show_items` to redraw, `sync` to
change only what differs). Its styles live in `screens/step_board.tcss`, which both screens load.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from workshop_tui.i18n import _
from workshop_tui.content import Step, Template
from workshop_tui.model import Clock, Item, StepState
from workshop_tui.widgets.facilitation_bar import FacilitationBar
from workshop_tui.widgets.group_column import GroupColumn
from workshop_tui.widgets.phase_bar import PhaseBar


def brief_content(step: Step | None, *, presenting: bool = False, notes: bool = True) -> Content:
    """The step's introduction, prompts and facilitator's note (`notes`: not for participants);
    presenting, the prompts alone."""
    if step is None:
        return Content("")
    parts: list[Content] = []
    if step.introduction and not (presenting and step.prompts):
        parts.append(Content.styled(step.introduction, "italic"))
    parts.extend(Content.assemble(("• ", "$accent"), prompt) for prompt in step.prompts)
    if step.notes and notes and not presenting:
        parts.append(Content.assemble((_("Facilitator note: "), "bold dim"), (step.notes, "dim")))
    return Content("\n").join(parts)


class StepBoard(Vertical):
    """Title and timer, phase, brief, and the three columns of one step."""

    step: reactive[int] = reactive(1, init=False)
    state: reactive[StepState] = reactive(lambda: StepState(step=1), init=False)
    presenting: reactive[bool] = reactive(False, init=False)
    """Presenter mode: the prompts without notes, no keys, a large clock, roomier columns."""
    column: reactive[int] = reactive(0, init=False)
    """The column typed into (an index into the template's columns): its border is lit."""

    def __init__(self, template: Template, *, clock: Clock, read_only: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.template = template
        self.clock = clock
        self.read_only = read_only
        self.set_reactive(StepBoard.presenting, read_only)

    def compose(self) -> ComposeResult:
        yield FacilitationBar(self.template, clock=self.clock, hints=not self.read_only).data_bind(
            StepBoard.step, StepBoard.state, large=StepBoard.presenting)
        with VerticalScroll(id="brief"):
            yield Static(id="step-brief")
        with Horizontal(id="columns"):
            for column in self.template.columns:
                yield GroupColumn(column.key, column.label, id=f"col-{column.key}", read_only=self.read_only)

    def on_mount(self) -> None:
        self.query_one("#brief").can_focus = False
        self.watch_presenting(self.presenting)
        self.watch_column(self.column)

    @property
    def template_step(self) -> Step | None:
        return self.template.step(self.step) if self.step <= self.template.step_count else None

    @property
    def bar(self) -> FacilitationBar:
        return self.query_one(FacilitationBar)

    @property
    def columns(self) -> list[GroupColumn]:
        return list(self.query(GroupColumn))

    # -- drawing -------------------------------------------------------------------------

    def watch_step(self) -> None:
        self.query_one("#step-brief", Static).update(brief_content(self.template_step, presenting=self.presenting))
        self.query_one("#brief", VerticalScroll).scroll_home(animate=False)

    def watch_state(self, state: StepState) -> None:
        for column in self.columns:
            column.phase = state.phase

    def watch_presenting(self, presenting: bool) -> None:
        self.set_class(presenting, "-presenting")
        self.query_one("#step-brief", Static).update(brief_content(self.template_step, presenting=presenting))

    def watch_column(self, active: int) -> None:
        for index, column in enumerate(self.columns):
            column.set_class(index == active, "-active")

    def show_hidden(self, counts: dict[str, int]) -> None:
        """How many unrevealed items each person has written in the step (private writing)."""
        self.query_one(PhaseBar).show_hidden(counts)

    async def show_items(self, items: list[Item] | tuple[Item, ...]) -> None:
        for column in self.columns:
            await column.show_items([item for item in items if item.column == column.key])

    async def sync(self, items: list[Item] | tuple[Item, ...]) -> None:
        for column in self.columns:
            await column.sync([item for item in items if item.column == column.key])
