"""`StoreApp`: what the facilitator's and the participant's apps are, on the store's side.

- The store: handed over open (tests), or as a callable that opens it in a thread worker after
  the first frame (the command line), so the first frame never waits for SQLAlchemy. One that
  cannot be opened ends the app with one line (`error_message`) and exit status 2.
- One store thread (`store_calls`): screens are handed `Sessions` / `SessionStore`s whose
  calls run there, in the order asked, and wait for the store if it is not open yet.
- One live loop on the app's side: the store's change token is polled and every screen is
  told of a commit (`StoreChanged`, the screen on top first).
- One error path: a store call that fails posts `StoreFailed`, shown here as one notification
  (the same failure is not repeated while it is on screen); anything else ends the app loudly.
- Quitting asks first when typed text is not saved, and lets screens finish what must not be
  left behind (`before_quit`: a running step timer, a presence).
"""

from __future__ import annotations

import asyncio
import gc
import time
from typing import TYPE_CHECKING, Callable, Union

from textual import events, work
from textual.app import App
from textual.timer import Timer
from textual.widgets import Input, TextArea

from workshop_tui.i18n import _, current
from workshop_tui.idle_gc import IdleCollector
from workshop_tui.content import Catalog, Template, load_catalog
from workshop_tui.messages import StoreChanged, StoreFailed
from workshop_tui.model import Clock, SessionInfo, utc_now
from workshop_tui.session_store import Sessions
from workshop_tui.store.errors import InvalidInputError, NotAllowedError, StoreError
from workshop_tui.store_calls import StoreCalls

if TYPE_CHECKING:
    from workshop_tui.store.store import Store

StoreSource = Union["Store", Callable[[], "Store"]]
FAILURE_SHOWN_SECONDS = 5.0  # a notification's time on screen: the same failure is not repeated meanwhile


class StoreApp(App[None]):
    """An app on a workshop store: opened after the first frame, called in order, watched live."""

    CSS_PATH = "app.tcss"
    TITLE = "workshop-tui"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    QUIT_VERB = "quit"
    LIVE_POLL_SECONDS = 0.05
    IDLE_GC_CHECK_SECONDS = 0.25

    cursor_blink: bool = True
    """Tests turn this off so snapshots never catch a cursor mid-blink (every text box, as it
    takes focus: `on_descendant_focus`)."""

    def __init__(self, store: StoreSource, catalog: Catalog | None = None, *, clock: Clock | None = None,
                 preview: Callable[[], list[SessionInfo] | None] | None = None,
                 thread_name: str = "workshop-store") -> None:
        super().__init__()
        self.catalog = catalog or load_catalog()
        self.clock: Clock = clock or utc_now
        """The current time (UTC) for timeboxes; tests inject it."""
        self.store_calls = StoreCalls(thread_name)
        self.sessions = Sessions(self.store_calls, preview)
        """Every session of the store, as the screens reach it (calls wait for the store to open)."""
        self.error_message: str | None = None
        """Why the app ended with exit status 2 (the store could not be opened), for the command line."""
        self._store_source: Callable[[], Store] | None = None
        if callable(store):
            self._store_source = store
        else:
            self.store_calls.opened(store)
        self._live_timer: Timer | None = None
        self._last_token: int | None = None
        self._checking = False
        self._failures_shown: dict[tuple[str, str], float] = {}
        self._quit_anyway = False
        self.idle_gc = IdleCollector()
        """Full garbage collections between keys, not during them (started with the live loop)."""

    @property
    def store(self) -> Store | None:
        """The store, once open."""
        return self.store_calls.store

    def template_for(self, info: SessionInfo) -> Template:
        """A session's template, in the session's shape and the language in use; one no longer
        installed falls back to the default."""
        return self.catalog.for_session(info).localized(current())

    # -- opening and closing the store ---------------------------------------------------

    def open_store_after_first_frame(self) -> None:
        """Open the store (if the command line handed over how) once the first frame is drawn:
        an import in a thread would hold the GIL while that frame is being made."""
        if self.store is None:
            self.screen.call_after_refresh(self._open_store)
        else:
            self.store_opened()

    @work(thread=True, name="open the store")
    def _open_store(self) -> None:
        # A StoreError (or OSError) is the user's problem: one line, exit status 2. Anything
        # else is a bug, and the worker ends the app with its traceback.
        assert self._store_source is not None
        try:
            store = self._store_source()
        except (StoreError, OSError) as error:
            self.call_from_thread(self._store_failed, str(error) or type(error).__name__)
            return
        self.call_from_thread(self._opened, store)

    def _opened(self, store: Store) -> None:
        self.store_calls.opened(store)
        if store.backup_made is not None:
            self.notify(_("The store was upgraded; the old one is kept at {path}").format(path=store.backup_made), markup=False)
        self.store_opened()

    def store_opened(self) -> None:
        """The store is open: start watching it for changes."""
        if self._live_timer is None:
            self._live_timer = self.set_interval(self.LIVE_POLL_SECONDS, self._check_for_changes, name="live updates")
            # Everything loaded so far (Textual, SQLAlchemy, the templates) lives as long as the
            # app: keep it out of the garbage collector's full passes, which would otherwise
            # stop the screen for 100-250 ms now and then, in the middle of a live update.
            gc.freeze()
            # And the full passes still needed wait for a pause between keys (`idle_gc`).
            self.idle_gc.start()
            self.set_interval(self.IDLE_GC_CHECK_SECONDS, self.idle_gc.tick, name="idle collections")

    def _store_failed(self, message: str) -> None:
        self.error_message = message.splitlines()[0] if message else _("cannot open the store")
        self.exit(return_code=2)

    def on_unmount(self) -> None:
        # Let queued writes finish before the process ends, then release the store.
        self.idle_gc.stop()
        gc.unfreeze()
        self.store_calls.shutdown()
        if self._store_source is not None and self.store is not None:
            self.store.close()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent) and not event.is_forwarded:
            self.idle_gc.saw_input()
        await super().on_event(event)

    async def wait_for_store(self) -> None:
        """Wait until every store call asked for so far has finished."""
        await self.store_calls.on_store(lambda store: None)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if not self.cursor_blink and isinstance(event.widget, (Input, TextArea)):
            event.widget.cursor_blink = False

    # -- live: one poll, every screen told ----------------------------------------------

    async def _check_for_changes(self) -> None:
        """Tell every screen when anyone has committed (the first reading only sets the mark).

        The change token is cheap to read (SQLite's `PRAGMA data_version`), so polling it costs
        next to nothing; screens then re-read only what they show and redraw what changed.
        """
        store = self.store
        if store is None or self._checking:
            return
        self._checking = True
        try:
            token = await asyncio.to_thread(store.change_token)
        except StoreError:
            return  # unreadable for now: the next poll tries again, and a screen's next call says why
        finally:
            self._checking = False
        if token != self._last_token:
            seen, self._last_token = self._last_token, token
            if seen is not None:
                own = store.only_own_changes(seen, token)
                for screen in reversed(self.screen_stack):  # what is shown re-reads first
                    screen.post_message(StoreChanged(own))
                self.after_change()

    def after_change(self) -> None:
        """Called once the screens have been told of a change."""

    # -- the one error path --------------------------------------------------------------

    def on_store_failed(self, event: StoreFailed) -> None:
        """A store call failed: one notification, not repeated while the same one is on screen
        (nor ever, for a call in the background)."""
        message = str(event.error)
        now = time.monotonic()
        shown = self._failures_shown.get((event.failure, message))
        if shown is not None and (event.background or now - shown < FAILURE_SHOWN_SECONDS):
            return
        self._failures_shown[(event.failure, message)] = now
        refused = isinstance(event.error, (NotAllowedError, InvalidInputError))
        self.notify(message, title=event.failure, severity="warning" if refused else "error", markup=False)

    # -- quitting ------------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Quit; if some text was typed but not saved, ask whether to keep it."""
        from workshop_tui.screens.quit import QuitDialog

        if isinstance(self.screen, QuitDialog):
            return  # already asking
        pending = [screen for screen in self.screen_stack if getattr(screen, "pending_text", lambda: "")()]
        if not pending:
            await self._quit()
            return

        async def chosen(choice: str | None) -> None:
            if choice == "discard":
                await self._quit()
            elif choice == "save":
                for screen in pending:
                    if not await screen.save_pending():
                        return  # the error is shown; stay so nothing is lost
                await self._quit()

        await self.push_screen(QuitDialog(pending[-1].pending_text(), verb=self.QUIT_VERB), chosen)

    async def _quit(self) -> None:
        # Screens finish what must not be left behind (a running step timer, a presence). If
        # that fails the app stays, saying so; quitting again quits anyway.
        if self.store is not None:
            for screen in reversed(self.screen_stack):
                before_quit = getattr(screen, "before_quit", None)
                if before_quit is None or self._quit_anyway:
                    continue
                try:
                    await before_quit()
                except StoreError as error:
                    self._quit_anyway = True
                    failure = _("Not done before you leave (Ctrl+Q again to leave anyway)") if self.QUIT_VERB == "leave" \
                        else _("Not done before you quit (Ctrl+Q again to quit anyway)")
                    self.post_message(StoreFailed(failure, error))
                    return
            await self.wait_for_store()
        self.exit()
