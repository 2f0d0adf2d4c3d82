"""A step's countdown: the time left in its timebox, running or paused, negative once over.

The widget only shows the step's `StepState` (the store's timer); it never writes. Once a
second it reads the clock it was handed (tests inject one and call `tick`, never sleeping) and
redraws. When a running countdown reaches zero it turns red and posts `TimeUp`, once; the
step screen rings the bell. A step entered already over time shows red, without a signal.
In the large form (presenter mode) the clock is drawn in big digits.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Digits, Static

from workshop_tui.i18n import _
from workshop_tui import timebox
from workshop_tui.model import Clock, StepState
from workshop_tui.widgets.bars import joined_spaces

TICK_SECONDS = 1.0


class TimeboxClock(Vertical):
    """`▶ 12:34 left` while the timer runs; red, and negative, once the time is up."""

    DEFAULT_CSS = """
    TimeboxClock {
        width: auto;
        height: auto;
        padding: 0 1;
        & #clock-text { width: auto; height: 1; text-wrap: nowrap; }
        & #clock-digits { display: none; width: auto; }
        &.-running { color: $text-success; }
        &.-paused { color: $text-muted; }
        &.-over { background: $error; color: auto 95%; text-style: bold; }
        &.-large { padding: 0 2; }
        &.-large #clock-digits { display: block; }
        &.-large #clock-text { text-style: bold; }
    }
    """

    @dataclass
    class TimeUp(Message):
        """The running countdown of `step` has just reached zero."""

        clock: "TimeboxClock"
        step: int

    def __init__(self, *, clock: Clock, hints: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.clock = clock
        self.hints = hints
        self.state: StepState | None = None
        self.minutes = 0
        self._last_remaining: float | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="clock-text", markup=False)
        yield Digits("", id="clock-digits")

    def on_mount(self) -> None:
        self.set_interval(TICK_SECONDS, self.tick, name="timebox tick")

    @property
    def running(self) -> bool:
        return self.state is not None and self.state.running_since is not None

    def remaining(self) -> float:
        if self.state is None:
            return 0.0
        return timebox.remaining_seconds(self.state, self.minutes, self.clock())

    def show(self, state: StepState, minutes: int, *, fresh: bool = False) -> None:
        """Show a step's timer; `fresh` (another step) forgets the last reading, so no signal."""
        if fresh or (self.state is not None and self.state.step != state.step):
            self._last_remaining = None
        self.state = state
        self.minutes = minutes
        self.tick()

    def set_large(self, large: bool) -> None:
        self.set_class(large, "-large")
        self.tick()

    def tick(self) -> None:
        """Read the clock and redraw; signal once when a running countdown reaches zero."""
        if self.state is None:
            return
        remaining = self.remaining()
        crossed = self.running and self._last_remaining is not None and self._last_remaining > 0 >= remaining
        self._last_remaining = remaining
        self._draw(remaining)
        if crossed:
            self.post_message(self.TimeUp(self, self.state.step))

    def _draw(self, remaining: float) -> None:
        over = remaining <= 0 and (self.running or remaining < 0)
        self.set_class(self.running, "-running")
        self.set_class(not self.running, "-paused")
        self.set_class(over, "-over")
        clock = timebox.format_clock(remaining)
        icon = "▶" if self.running else "■"
        large = self.has_class("-large")
        if over:
            label = _("TIME'S UP") if self.running else _("over")
        elif self.running:
            label = _("left")
        else:
            label = _("paused") if self.state.spent_seconds else ""
        if large:
            self.query_one("#clock-text", Static).update(Content(f"{icon} {label or _('ready')}"))
            self.query_one("#clock-digits", Digits).update(clock)
            return
        text = Content.assemble(f"{icon} ", (clock, "bold"), f" {label}" if label else "")
        if self.hints:
            text = Content.assemble(text, ("  F5 " + (_("pause") if self.running else _("start")), "dim"))
        self.query_one("#clock-text", Static).update(joined_spaces(text))
        self.tooltip = (_("Timebox {time}").format(time=timebox.format_clock(timebox.planned_seconds(self.state, self.minutes)))
                        if self.state else None)
