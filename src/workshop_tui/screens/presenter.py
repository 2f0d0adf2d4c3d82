"""The presenter view, for a second terminal on the shared screen: `workshop-tui present SESSION`.

Read-only. It shows the step the facilitator is on (the session's `current_step`), with its
prompt, phase, timer and three columns, large; whenever anyone commits (the app's live
updates) it re-reads that step, so items, step changes, phases and the timer follow the
facilitator's process within the poll interval. The countdown runs locally from the stored
timer and `app.clock()`. Every few seconds it tells the store it is connected, as a
"presenter" (`store.heartbeat`), and says goodbye (`store.leave`) when it quits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import work
from textual.app import ComposeResult
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Static

from workshop_tui.model import SessionInfo, StepView, new_id
from workshop_tui.store.errors import NotFoundError, StoreError
from workshop_tui.widgets.footer import AppFooter
from workshop_tui.widgets.progress_header import ProgressHeader
from workshop_tui.widgets.step_board import StepBoard
from workshop_tui.widgets.timebox import TimeboxClock
from workshop_tui.model import HEARTBEAT_SECONDS

if TYPE_CHECKING:
    from workshop_tui.app import WorkshopApp

ROLE = "presenter"


class PresenterScreen(Screen[None]):
    """One session's current step, large and read-only, following the facilitator."""

    CSS_PATH = ["step_board.tcss", "presenter.tcss"]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (36, "-tall")]

    def __init__(self, info: SessionInfo) -> None:
        super().__init__()
        self.info = info
        self.template = cast("WorkshopApp", self.app).template_for(info.template_id)
        self.step: int | None = None
        self.client_id = new_id()
        self._started = False
        self._heartbeat_failed = False
        self._refreshing = False
        self._refresh_again = False

    @property
    def workshop(self) -> WorkshopApp:
        return cast("WorkshopApp", self.app)

    @property
    def board(self) -> StepBoard:
        return self.query_one(StepBoard)

    def compose(self) -> ComposeResult:
        yield ProgressHeader(self.info.title)
        yield StepBoard(self.template, read_only=True, id="board")
        yield Static(id="presenter-status")
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#presenter-status", Static).update(
            Content.assemble(("Presenter view", "bold"), (" · follows the facilitator · Ctrl+Q closes it", "dim")))
        if self.workshop.store is not None:
            self.start()

    def on_workshop_app_store_ready(self) -> None:
        self.start()

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        self.set_interval(HEARTBEAT_SECONDS, self.heartbeat, name="presenter heartbeat")
        self.heartbeat()
        self.refresh_from_store()

    # -- following the facilitator -------------------------------------------------------

    def on_workshop_app_store_changed(self) -> None:
        if not self._started:
            return
        if self._refreshing:
            self._refresh_again = True
        else:
            self.refresh_from_store()

    @work(group="live")
    async def refresh_from_store(self) -> None:
        """Read the facilitator's step (moving along if they moved) and show what changed."""
        store = self.workshop.store
        assert store is not None
        self._refreshing = True
        try:
            while True:
                self._refresh_again = False
                try:
                    view = await self.workshop.call_store(store.step_view, self.info.id, self.step or 1)
                    if view.info.current_step != view.step:
                        view = await self.workshop.call_store(store.step_view, self.info.id, view.info.current_step)
                except NotFoundError:
                    self.query_one("#presenter-status", Static).update(
                        Content.styled("This session no longer exists. Ctrl+Q closes the presenter view.", "bold"))
                    return
                except StoreError:
                    return  # unreadable for now: the next change tries again
                if self.is_attached and self.app.is_running:
                    try:
                        await self.show(view)
                    except NoMatches:
                        return  # the app is quitting
                if not self._refresh_again:
                    return
        finally:
            self._refreshing = False

    async def show(self, view: StepView) -> None:
        board = self.board
        moved = view.step != self.step
        self.info = view.info
        self.step = view.step
        header = self.query_one(ProgressHeader)
        header.set_title(view.info.title)
        header.set_step(view.step, view.info.step_count)
        if moved:
            board.show_step(view.step)
        await board.show_state(view.state, fresh=moved)
        if moved:
            await board.show_items(list(view.items))
        else:
            await board.sync(view.items)

    def on_timebox_clock_time_up(self, event: TimeboxClock.TimeUp) -> None:
        # The facilitator's terminal rings; the shared screen shows it (the clock turns red).
        self.notify(f"Time is up for step {event.step}.", title="Timebox", severity="warning")

    # -- presence ------------------------------------------------------------------------

    @work(group="presence")
    async def heartbeat(self) -> None:
        store = self.workshop.store
        if store is None:
            return
        try:
            # Wall-clock time: presence is compared across processes, whatever clock the view runs on.
            await self.workshop.call_store(store.heartbeat, self.info.id, self.client_id, ROLE)
        except StoreError as error:
            if not self._heartbeat_failed:  # say it once; the view itself works on
                self._heartbeat_failed = True
                self.notify(f"Not shown as connected: {error}", severity="warning", markup=False)

    async def before_quit(self) -> None:
        """Called by the app before it quits: this screen is no longer connected."""
        store = self.workshop.store
        if store is not None and self._started:
            try:
                await self.workshop.call_store(store.leave, self.client_id)
            except StoreError:
                pass  # the heartbeat goes stale on its own
