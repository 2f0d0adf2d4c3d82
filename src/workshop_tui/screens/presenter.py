"""The presenter view, for a second terminal on the shared screen: `workshop-tui present SESSION`.

Read-only. It shows the step the facilitator is on (the session's `current_step`), with its
prompt, phase, timer and three columns, large; whenever anyone commits (the live loop of every
`SessionScreen`) it re-reads that step, so items, step changes, phases and the timer follow
the facilitator's process within the poll interval. The countdown runs locally from the
stored timer and the clock. Every few seconds it tells the store it is connected, as a
"presenter" (`heartbeat`), and says goodbye (`leave`) when it quits.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from workshop_tui.i18n import N_, _
from workshop_tui.model import HEARTBEAT_SECONDS, StepView, new_id
from workshop_tui.screens.session_screen import SessionScreen
from workshop_tui.store.errors import NotFoundError
from workshop_tui.widgets.footer import AppFooter
from workshop_tui.widgets.progress_header import ProgressHeader
from workshop_tui.widgets.step_board import StepBoard
from workshop_tui.widgets.timebox import TimeboxClock
from workshop_tui.workers import store_work

ROLE = "presenter"


class PresenterScreen(SessionScreen[None]):
    """One session's current step, large and read-only, following the facilitator."""

    CSS_PATH = ["step_board.tcss", "presenter.tcss"]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (36, "-tall")]
    HELP_TITLE = N_("Presenter view")

    step: int | None = None
    client_id = ""

    @property
    def board(self) -> StepBoard:
        return self.query_one(StepBoard)

    def compose(self) -> ComposeResult:
        yield ProgressHeader(self.info.title)
        yield StepBoard(self.template, clock=self.clock, read_only=True, id="board")
        yield Static(id="presenter-status")
        yield AppFooter()

    def on_mount(self) -> None:
        self.client_id = new_id()
        self.query_one("#presenter-status", Static).update(
            Content.assemble((_("Presenter view"), "bold"), (_(" · follows the facilitator · Ctrl+Q closes it"), "dim")))
        self.set_interval(HEARTBEAT_SECONDS, self.heartbeat, name="presenter heartbeat")
        self.heartbeat()
        self.reread()

    # -- following the facilitator -------------------------------------------------------

    async def refresh_view(self) -> None:
        """Read the facilitator's step (moving along if they moved) and show what changed."""
        try:
            live = await self.session.live_step(self.step or 1, follow=lambda info: True)
        except NotFoundError:
            self.query_one("#presenter-status", Static).update(
                Content.styled(_("This session no longer exists. Ctrl+Q closes the presenter view."), "bold"))
            return
        await self.show(live.view)
        self.loaded = True

    async def show(self, view: StepView) -> None:
        board = self.board
        moved = view.step != self.step
        self.info = view.info
        self.step = view.step
        header = self.query_one(ProgressHeader)
        header.set_title(view.info.title)
        header.set_step(view.step, view.info.step_count)
        board.step = view.step
        board.state = view.state
        board.show_hidden(view.hidden_counts)  # private writing: how many each, never what
        if moved:
            await board.show_items(view.items)
        else:
            await board.sync(view.items)

    def on_timebox_clock_time_up(self, event: TimeboxClock.TimeUp) -> None:
        # The facilitator's terminal rings; the shared screen shows it (the clock turns red).
        self.notify(_("Time is up for step {step}.").format(step=event.step), title=_("Timebox"), severity="warning")

    # -- presence ------------------------------------------------------------------------

    @store_work(N_("Not shown as connected"), group="presence", background=True)
    async def heartbeat(self) -> None:
        # Wall-clock time: presence is compared across processes, whatever clock the view runs on.
        await self.session.heartbeat(self.client_id, ROLE)

    async def before_quit(self) -> None:
        """Called by the app before it quits: this screen is no longer connected."""
        self.session.leave(self.client_id)
