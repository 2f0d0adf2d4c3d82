"""What a step shows, on the facilitator's screen and the presenter's alike.

The step's title and its countdown, the phase bar, the brief (introduction, prompts and, for
the facilitator only, the notes) and the three columns. The board only draws: screens hand it
the step number, the step's `StepState` and the items (`show_items` to redraw, `sync` to
change only what differs). Its styles live in `screens/step_board.tcss`, which both screens load.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from workshop_tui.content import Step, Template
from workshop_tui.model import COLUMNS, Item, StepState
from workshop_tui.widgets.group_column import GroupColumn
from workshop_tui.widgets.phase_bar import PhaseBar
from workshop_tui.widgets.timebox import TimeboxClock


def brief_content(step: Step | None, *, presenting: bool = False) -> Content:
    """The step's introduction, prompts and facilitator's note; presenting, the prompts alone."""
    if step is None:
        return Content("")
    parts: list[Content] = []
    if step.introduction and not (presenting and step.prompts):
        parts.append(Content.styled(step.introduction, "italic"))
    parts.extend(Content.assemble(("• ", "$accent"), prompt) for prompt in step.prompts)
    if step.notes and not presenting:
        parts.append(Content.assemble(("Facilitator note: ", "bold dim"), (step.notes, "dim")))
    return Content("\n").join(parts)


class StepBoard(Vertical):
    """Title and timer, phase, brief, and the three columns of one step."""

    def __init__(self, template: Template, *, read_only: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.template = template
        self.read_only = read_only
        self.number = 1
        self.state = StepState(step=1)
        self.presenting = read_only

    def compose(self) -> ComposeResult:
        with Horizontal(id="step-head"):
            yield Static(id="step-title")
            yield TimeboxClock(hints=not self.read_only, id="timebox")
        yield PhaseBar(hints=not self.read_only, id="phase")
        with VerticalScroll(id="brief"):
            yield Static(id="step-brief")
        with Horizontal(id="columns"):
            for key in COLUMNS:
                yield GroupColumn(key, self.template.column(key).label, id=f"col-{key}", read_only=self.read_only)

    def on_mount(self) -> None:
        self.query_one("#brief").can_focus = False
        self.set_presenting(self.presenting)

    @property
    def step(self) -> Step | None:
        return self.template.step(self.number) if self.number <= self.template.step_count else None

    @property
    def minutes(self) -> int:
        step = self.step
        return step.timebox_minutes if step else 0

    @property
    def clock(self) -> TimeboxClock:
        return self.query_one(TimeboxClock)

    @property
    def phase_bar(self) -> PhaseBar:
        return self.query_one(PhaseBar)

    @property
    def columns(self) -> list[GroupColumn]:
        return list(self.query(GroupColumn))

    # -- drawing -------------------------------------------------------------------------

    def show_step(self, number: int) -> None:
        """Draw what depends on the step number only: title and brief."""
        self.number = number
        step = self.step
        title = Content.assemble((f"STEP {number}", "bold $accent"), "  ", (step.title if step else "", "bold"))
        self.query_one("#step-title", Static).update(title)
        self.query_one("#step-brief", Static).update(brief_content(step, presenting=self.presenting))
        self.query_one("#brief", VerticalScroll).scroll_home(animate=False)

    async def show_state(self, state: StepState, *, fresh: bool = False) -> None:
        """The step's phase and timer; `fresh` when the step shown has just changed."""
        self.state = state
        self.clock.show(state, self.minutes, fresh=fresh)
        self.phase_bar.show(state.phase, self.number)
        for column in self.columns:
            await column.set_phase(state.phase)

    def set_presenting(self, presenting: bool) -> None:
        """Presenter mode: the prompts without notes, no keys, a large clock, roomier columns."""
        self.presenting = presenting
        self.set_class(presenting, "-presenting")
        self.clock.set_large(presenting)
        self.phase_bar.set_hints(not presenting)
        self.query_one("#step-brief", Static).update(brief_content(self.step, presenting=presenting))

    async def show_items(self, items: list[Item]) -> None:
        for column in self.columns:
            await column.show_items([item for item in items if item.column == column.key])

    async def sync(self, items: list[Item] | tuple[Item, ...]) -> None:
        for column in self.columns:
            await column.sync([item for item in items if item.column == column.key])
