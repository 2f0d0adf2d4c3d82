"""The agenda: planned against actual time for every step of the session, and the total.

One row per step: its phase, its timebox (the template's suggestion or its own, with the
extensions), the time its timer ran, a bar of the two, and what is left or over. A running
timer counts on, once a second, from `app.clock()`. Here too the session's settings: the
timebox of a step (t) and the dots each participant has per step (v). Enter goes to a step
(the screen dismisses with its number).
"""

from __future__ import annotations

from typing import Iterable

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from workshop_tui.i18n import N_, _
from workshop_tui import stats, timebox
from workshop_tui.model import SessionData, SessionInfo
from workshop_tui.screens.session_screen import StepPicker
from workshop_tui.widgets.bars import duration, fit, joined_spaces, time_bar
from workshop_tui.widgets.footer import AppFooter
from workshop_tui.widgets.progress_header import ProgressHeader
from workshop_tui.workers import store_work

PLANNED, SPENT, LEFT, PHASE = 7, 7, 11, 10
MIN_BAR, MAX_TITLE = 6, 60


def _left(time: stats.StepTime) -> Content:
    if not time.spent_seconds and not time.running:
        return Content.styled(_("not started"), "dim")
    if time.remaining_seconds < 0:
        return Content.styled(_("+{time} over").format(time=duration(-time.remaining_seconds)), "bold $text-error")
    return Content.styled(_("{time} left").format(time=duration(time.remaining_seconds)), "dim")


class AgendaScreen(StepPicker):
    """Every step's time, planned and spent; Enter goes to the highlighted step."""

    CSS_PATH = "agenda.tcss"
    HELP_TITLE = N_("Agenda")
    HELP_KEYS = (Binding("up,down", "", N_("Choose a step")),)

    BINDINGS = [
        Binding("enter,g", "go", N_("Go to step"), tooltip=N_("Go to the highlighted step")),
        Binding("t", "set_timebox", N_("Timebox"), tooltip=N_("Set the highlighted step's timebox, in minutes")),
        Binding("v", "set_votes", N_("Dots"), tooltip=N_("How many dots each participant has in each step")),
        Binding("escape,f3", "back", N_("Back"), tooltip=N_("Back to where you were")),
    ]

    data: SessionData | None = None

    def compose(self) -> ComposeResult:
        yield ProgressHeader(_("Agenda · {title}").format(title=self.info.title))
        yield Static(id="agenda-heading")
        yield OptionList(id="agenda")
        yield Static(id="agenda-total")
        yield Static(id="agenda-settings")
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.set_interval(1.0, self.tick, name="agenda tick")
        self.reread()

    def on_resize(self) -> None:
        self.show()

    async def refresh_view(self) -> None:
        self.data = await self.session.data()
        self.info = self.data.info
        self.show()
        if not self.loaded:
            # Drawn again once laid out: the rows fit the list's width, known only then.
            self.call_after_refresh(self.show)
        self.loaded = True

    def tick(self) -> None:
        """A running timer counts on; nothing to do while every timer is paused."""
        if self.data is not None and any(state.running_since for state in self.data.step_states):
            self.show()

    # -- drawing -------------------------------------------------------------------------

    def _widths(self) -> tuple[int, int, bool]:
        """The title's and the bar's widths (0: no bar), and whether the phase fits: whole
        titles first, then the bar if it gets `MIN_BAR` cells or more."""
        # The option's own padding takes two cells; cells are joined by one space each.
        width = max(40, (self.query_one(OptionList).scrollable_content_region.width or self.size.width - 4) - 2)
        with_phase = width >= 100
        rest = width - 2 - 3 - PLANNED - SPENT - LEFT - 6 - (PHASE + 1 if with_phase else 0)
        longest = min(MAX_TITLE, max((len(step.title) for step in self.template.steps), default=10))
        if rest - longest < MIN_BAR:  # a narrow screen: whole titles rather than a bar
            return max(10, min(longest, rest + 1)), 0, with_phase
        return longest, rest - longest, with_phase

    def _row(self, time: stats.StepTime, phase: str, scale: float) -> Content:
        title_width, bar_width, with_phase = self._widths()
        here = time.step == self.info.current_step
        mark = Content.styled("▶ " if time.running else ("• " if here else "  "), "bold $accent")
        cells = [mark, fit(Content.styled(f"{time.step:>2}", "bold" if here else ""), 3),
                 fit(Content.styled(time.title, "bold" if here else ""), title_width)]
        if with_phase:
            cells.append(fit(timebox.phase_label(phase), PHASE))
        cells += [fit(duration(time.planned_seconds), PLANNED, right=True),
                  fit(duration(time.spent_seconds), SPENT, right=True)]
        if bar_width:
            cells.append(fit(time_bar(time.planned_seconds, time.spent_seconds, scale, bar_width), bar_width))
        cells.append(fit(_left(time), LEFT))
        return joined_spaces(Content(" ").join(cells))

    def _heading(self) -> Content:
        title_width, bar_width, with_phase = self._widths()

        def heading(text: str) -> Content:
            return Content.styled(text, "bold $text-muted")

        # Over the bar and what is left (without a bar, over what is left only).
        against = _("Spent against planned") if bar_width >= 21 else _("Against plan") if bar_width else _("Remaining")
        cells = [fit("", 2), fit(heading("#"), 3, right=True), fit(heading(_("Step")), title_width)]
        if with_phase:
            cells.append(fit(heading(_("Phase")), PHASE))
        cells += [fit(heading(_("Planned")), PLANNED, right=True), fit(heading(_("Spent")), SPENT, right=True),
                  fit(heading(against), bar_width + 1 + LEFT if bar_width else LEFT)]
        return joined_spaces(Content(" ").join(cells))

    def show(self) -> None:
        if self.data is None:
            return
        times = stats.time_per_step(self.data, self.template, now=self.clock())
        scale = max([1.0, *(max(time.planned_seconds, time.spent_seconds) for time in times)])
        agenda = self.query_one(OptionList)
        highlighted = agenda.highlighted
        agenda.set_options(
            Option(self._row(time, self.data.step_state(time.step).phase, scale), id=f"step-{time.step}")
            for time in times
        )
        agenda.highlighted = highlighted if highlighted is not None else self.info.current_step - 1
        self.query_one("#agenda-heading", Static).update(self._heading())
        planned = sum(time.planned_seconds for time in times)
        spent = sum(time.spent_seconds for time in times)
        total = Content.assemble(
            (_("Total  "), "bold"), (duration(planned), "bold"), _(" planned · "), (duration(spent), "bold"), _(" spent"),
            (_(" · {time} over").format(time=duration(spent - planned)) if spent > planned
             else _(" · {time} left").format(time=duration(planned - spent)),
             "bold $text-error" if spent > planned else "dim"),
        )
        self.query_one("#agenda-total", Static).update(joined_spaces(total))
        dots = self.data.info.votes_per_participant
        # Steps whose template gives them dots of their own vote with those, not the session's.
        own = sorted((state.step, state.dots) for state in self.data.step_states if state.dots is not None)
        own_line = Content(", ").join(
            Content.assemble(_("step {step}: ").format(step=step), (str(count), "bold")) for step, count in own)
        self.query_one("#agenda-settings", Static).update(joined_spaces(Content.assemble(
            _("Dots per participant in each step: "), (str(dots), "bold"),
            *((_(" · except "), own_line) if own else ()),
            (_("   v changes it · t sets the highlighted step's timebox · Enter goes to the step"), "dim"))))

    # -- keys ----------------------------------------------------------------------------

    @property
    def highlighted_step(self) -> int | None:
        index = self.query_one(OptionList).highlighted
        return None if index is None else index + 1

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_go()

    def action_go(self) -> None:
        self.go_to(self.highlighted_step)

    def action_set_timebox(self) -> None:
        from workshop_tui.screens.text_prompt import TextPrompt

        step = self.highlighted_step
        if step is None or self.data is None:
            return
        state = self.data.step_state(step)
        minutes = state.planned_seconds / 60 if state.planned_seconds is not None else (
            self.template.step(step).timebox_minutes if step <= self.template.step_count else 0)

        def chosen(text: str | None) -> None:
            if text is not None:
                self.set_timebox(step, text)

        self.app.push_screen(TextPrompt(_("Timebox of step {step}, in minutes").format(step=step), value=f"{minutes:g}",
                                        placeholder=_("e.g. 15"), confirm=_("Set")), chosen)

    @store_work(N_("Timebox not changed"))
    async def set_timebox(self, step: int, text: str) -> None:
        try:
            seconds = round(float(text.replace(",", ".")) * 60)
        except (ValueError, OverflowError):  # "x", "nan", "1e999"
            self.notify(_("'{text}' is not a number of minutes.").format(text=text), severity="error", markup=False)
            return
        await self.session.set_planned_seconds(step, seconds)
        self.reread()

    def action_set_votes(self) -> None:
        from workshop_tui.screens.session_settings import ask_votes_per_participant

        def saved(info: SessionInfo) -> None:
            self.info = info
            self.reread()

        ask_votes_per_participant(self, self.session, self.info, saved)

    def palette_commands(self) -> Iterable[SystemCommand]:
        if self.can_go:
            yield SystemCommand(_("Go to step"), _("The highlighted step (Enter)"), self.action_go)
        yield SystemCommand(_("Set the timebox…"), _("Of the highlighted step, in minutes (T)"), self.action_set_timebox)
        yield SystemCommand(_("Dots per participant…"), _("How many dots each participant has per step (V)"),
                            self.action_set_votes)
        yield SystemCommand(_("Back"), _("Leave the agenda (Escape)"), self.action_back)
