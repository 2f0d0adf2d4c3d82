"""`SessionScreen`: a screen that shows one session, and the one live loop of every such screen.

It is handed what it needs when it is made (as the app builds it): the session's store, bound
to the session (`SessionStore`), the session as last read (`info`), its template and the
clock. Whenever anyone commits (`StoreChanged`) it re-reads what it shows and redraws what
changed (`refresh_view`, each screen's own), in one exclusive worker: a change arriving while
a re-read is under way starts it again, so bursts of changes cost one re-read, not one each.
A screen that draws its own saves itself (`REREAD_OWN_LATER`) checks them once a burst of
them is over, so a big step's re-read never lands between two saves; coming back to a screen
re-reads it at once.
Its header shows how many participants are connected, as the app tells it
(`ParticipantsConnected`).
"""

from __future__ import annotations

from time import monotonic
from typing import Any, Callable, TypeVar

from textual.css.query import NoMatches
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer

from workshop_tui.i18n import N_
from workshop_tui.content import Template
from workshop_tui.messages import ParticipantsConnected, StoreChanged
from workshop_tui.model import Clock, SessionInfo
from workshop_tui.session_store import SessionStore
from workshop_tui.widgets.progress_header import ProgressHeader
from workshop_tui.workers import store_work

ResultT = TypeVar("ResultT")
ScreenT = TypeVar("ScreenT", bound=Screen)
OWN_CHANGE_REREAD_SECONDS = 0.5  # after this screen's last own save, the re-read that checks them
OWN_CHANGE_REREAD_MAX_SECONDS = 5.0  # ... and at the latest this long after the first one


class SessionScreen(Screen[ResultT]):
    """One session on screen, kept up to date with the store."""

    REREAD_OWN_LATER = False
    """Whether this screen draws its own saves itself, so a change that is only this process's
    is re-read once a burst of saves is over rather than after each (a re-read of a big step
    would slow the next save down)."""

    info: reactive[SessionInfo] = reactive(lambda: SessionInfo(id=0, title="", template_id=""), init=False)
    """The session as last read (set when the screen is made)."""

    def __init__(self, session: SessionStore, info: SessionInfo, template: Template, *, clock: Clock) -> None:
        super().__init__()
        self.session = session
        self.set_reactive(SessionScreen.info, info)
        self.template = template
        self.clock = clock
        self.loaded = False
        """Set once the first read is drawn: changes before it are in that read anyway."""
        self._later: Timer | None = None
        self._later_since = 0.0

    def view(self, kind: Callable[..., ScreenT], **options: Any) -> ScreenT:
        """Another screen of this session (summary, agenda, follow-ups), handed what this one holds."""
        return kind(self.session, self.info, self.template, clock=self.clock, **options)

    def on_participants_connected(self, event: ParticipantsConnected) -> None:
        for header in self.query(ProgressHeader):
            header.set_connected(event.count)

    # -- the live loop -------------------------------------------------------------------

    def on_store_changed(self, event: StoreChanged) -> None:
        if not self.loaded:
            return
        if event.own and self.REREAD_OWN_LATER and self.is_current:
            now = monotonic()
            if self._later is None:
                self._later_since = now
                self._later = self.set_timer(OWN_CHANGE_REREAD_SECONDS, self.reread, name="re-read own changes")
            elif now - self._later_since < OWN_CHANGE_REREAD_MAX_SECONDS:
                self._later.reset()  # still saving: check once the burst is over
            return
        self.reread()

    def on_screen_resume(self) -> None:
        # Back from another screen or a dialog, which may have saved what this one shows (a
        # follow-up cleared in F4): read it now, not when the live loop next notices.
        if self.loaded:
            self.reread()

    def reread(self) -> None:
        """Re-read what the screen shows, now (a re-read under way starts again)."""
        if self._later is not None:
            self._later.stop()
            self._later = None
        self._reread()

    @store_work(N_("Cannot read the session"), group="live", exclusive=True)
    async def _reread(self) -> None:
        try:
            await self.refresh_view()
        except NoMatches:
            if self.taken_down:
                return  # read while the screen was being closed: nothing to draw on
            raise

    @property
    def taken_down(self) -> bool:
        """Whether the screen has left the app's stack (it is being removed, or was), or the
        app is shutting down (its screens' widgets go while a re-read may still be under way)."""
        return not self.is_attached or not self.app.is_running or self not in self.app.screen_stack

    async def refresh_view(self) -> None:
        """Re-read what this screen shows and redraw only what changed; never touch focus or typing."""


class StepPicker(SessionScreen["int | None"]):
    """A view of the whole session (the agenda, the follow-ups) that may send the facilitator to
    a step: it dismisses with that step's number (`go_to`), or None (Escape, `action_back`).
    Opened from the summary, it only shows (`can_go` off)."""

    def __init__(self, session: SessionStore, info: SessionInfo, template: Template, *, clock: Clock,
                 can_go: bool = True) -> None:
        super().__init__(session, info, template, clock=clock)
        self.can_go = can_go

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.can_go if action == "go" else True

    def go_to(self, step: int | None) -> None:
        if step is not None and self.can_go:
            self.dismiss(step)

    def action_back(self) -> None:
        self.dismiss(None)
