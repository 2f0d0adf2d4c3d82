"""The head of a step: its title, its countdown, and the phase it is in.

`FacilitationBar` owns how a step's timer and phase are shown: the `TimeboxClock` ticks on
its own from the clock it was handed (and posts `TimeboxClock.TimeUp` once at zero), the
`PhaseBar` lights the phase and says what it allows. Its parent sets `step` (and the template
gives the title and the suggested timebox), `state` (the step's phase and timer as stored)
and `large` (presenter mode). It never writes: the facilitator's keys act on the store, and
the bar is handed the state the store returned.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from workshop_tui.i18n.words import step_label
from workshop_tui.content import Step, Template
from workshop_tui.model import COLUMNS, PHASES, Clock, StepState
from workshop_tui.widgets.phase_bar import PhaseBar
from workshop_tui.widgets.timebox import TimeboxClock


def step_title(number: int, step: Step | None) -> Content:
    """`STEP 3  Find common ground`."""
    return Content.assemble((step_label(number), "bold $accent"), "  ", (step.title if step else "", "bold"))


def brainstorm_labels(template: Template) -> tuple[str, ...]:
    """The column labels a brainstorm names; none for the 8 steps' columns (the usual words)."""
    return () if template.column_keys == COLUMNS else tuple(column.label for column in template.columns)


class FacilitationBar(Vertical):
    """`STEP 3  Find common ground      ▶ 12:34 left`, then the phase bar."""

    DEFAULT_CSS = """
    FacilitationBar {
        height: auto;
    }
    """

    step: reactive[int] = reactive(1, init=False)
    state: reactive[StepState] = reactive(lambda: StepState(step=1), init=False)
    large: reactive[bool] = reactive(False, init=False)
    """Presenter mode: a large clock, no key hints."""

    def __init__(self, template: Template, *, clock: Clock, hints: bool = True) -> None:
        super().__init__()
        self.template = template
        self.clock = clock
        self.hints = hints
        """Whether the keys are shown (the facilitator's screen; not the presenter's)."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="step-head"):
            yield Static(id="step-title")
            yield TimeboxClock(clock=self.clock, hints=self.hints, id="timebox")
        yield PhaseBar(hints=self.hints, labels=brainstorm_labels(self.template), id="phase")

    @property
    def step_of_template(self) -> Step | None:
        return self.template.step(self.step) if self.step <= self.template.step_count else None

    @property
    def minutes(self) -> int:
        step = self.step_of_template
        return step.timebox_minutes if step else 0

    @property
    def phase_bar(self) -> PhaseBar:
        return self.query_one(PhaseBar)

    def watch_step(self) -> None:
        self.query_one("#step-title", Static).update(step_title(self.step, self.step_of_template))

    def watch_state(self, state: StepState) -> None:
        # The clock forgets its last reading when the step changes: no signal for a step entered late.
        self.query_one(TimeboxClock).show(state, self.minutes)
        step = self.step_of_template
        self.phase_bar.show(state.phase, self.step, step.phases if step else PHASES)

    def watch_large(self, large: bool) -> None:
        self.query_one(TimeboxClock).set_large(large)
        self.phase_bar.set_hints(self.hints and not large)
