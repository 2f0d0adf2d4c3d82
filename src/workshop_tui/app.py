"""The Textual app: `make_app(store, catalog)` builds the `WorkshopApp` the CLI and tests run.

The app owns three things every screen shares: the store (opened in a thread worker after the
first frame when the CLI hands over a callable), the catalog of templates, and one "store
thread" on which every store call runs, in the order the screens asked for them. Screens
`await app.call_store(...)` from `@work` workers, so the interface never waits on the
database and a second Enter can never overtake the first (`store_app.StoreAppMixin`, shared
with the participant's app, with the change polling and the quit that asks first).

It also owns what is the same on every screen: Ctrl+Q (which asks before dropping typed text),
F1 help, the light "projector" theme, and the command palette, which lists each screen's own
commands (`palette_commands()`) beside Textual's.
"""

from __future__ import annotations

import gc
from datetime import datetime, timezone
from functools import partial
from typing import TYPE_CHECKING, Callable, Iterable, Union

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.theme import Theme
from textual.timer import Timer

from workshop_tui.content import Catalog, load_catalog
from workshop_tui.store.errors import StoreError
from workshop_tui.store_app import StoreAppMixin
from workshop_tui.store_calls import StoreCalls

if TYPE_CHECKING:
    from workshop_tui.store.store import Store

StoreSource = Union["Store", Callable[[], "Store"]]

DARK_THEME = "textual-dark"
LIVE_POLL_SECONDS = 0.05
PRESENCE_POLL_SECONDS = 2.0  # participants connected: a screen gone quiet drops out after 15 s
PRESENCE_AFTER_CHANGE_SECONDS = 0.3


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)

# A light theme for projectors and big shared screens: white paper, near-black ink, and
# saturated dark accents that survive a washed-out beamer.
PROJECTOR_THEME = Theme(
    name="projector",
    primary="#0b3d91",
    secondary="#5a2a82",
    accent="#b34700",
    warning="#8a5a00",
    error="#b00020",
    success="#00692e",
    foreground="#000000",
    background="#ffffff",
    surface="#f4f4f4",
    panel="#e4e8f0",
    dark=False,
    variables={
        "footer-key-foreground": "#0b3d91",
        "block-cursor-background": "#0b3d91",
        "block-cursor-foreground": "#ffffff",
        "block-cursor-blurred-background": "#c9d6ee",
        "block-cursor-blurred-foreground": "#000000",
        "input-selection-background": "#0b3d91 35%",
    },
)


class WorkshopApp(StoreAppMixin, App[None]):
    """Runs workshop sessions on a shared screen, keeping every word in the store."""

    CSS_PATH = "app.tcss"
    TITLE = "workshop-tui"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit", tooltip="Quit (asks first if text is not saved)"),
        Binding("f1", "help", "Help", id="help", tooltip="Every key, on every screen"),
        Binding("ctrl+t", "toggle_projector", "Light theme", show=False, id="projector",
                tooltip="Switch between the light projector theme and the dark theme"),
    ]

    cursor_blink: bool = True
    """Tests turn this off so snapshots never catch a cursor mid-blink."""

    class StoreReady(Message):
        """Posted to the start screen once the store is open."""

    class StoreChanged(Message):
        """Someone (this process or another) committed to the store: screens re-read what they show."""

        def __init__(self, own: bool = False) -> None:
            super().__init__()
            self.own = own
            """Only this process committed since the last change: the screen that saved has
            drawn it already, and may re-read a little later, once a burst of saves is over."""

    def __init__(
        self, store: StoreSource, catalog: Catalog | None = None, *, clock: Callable[[], datetime] | None = None
    ) -> None:
        super().__init__()
        self.store: Store | None = None
        self._store_source: Callable[[], Store] | None = None
        self._owns_store = False
        if hasattr(store, "list_sessions"):
            self.store = store  # type: ignore[assignment]
        else:
            self._store_source = store  # type: ignore[assignment]
            self._owns_store = True
        self.catalog = catalog or load_catalog()
        self.clock: Callable[[], datetime] = clock or _utc_now
        self.error_message: str | None = None
        self.store_calls = StoreCalls("workshop-store")
        self._live_timer: Timer | None = None
        self._last_token: int | None = None
        self._checking = False
        self._counting = False
        self._dark_theme = DARK_THEME

    # -- start and stop ------------------------------------------------------------------

    async def on_mount(self) -> None:
        if self.store is not None:
            self.start_live_updates()
        self.register_theme(PROJECTOR_THEME)
        for problem in self.catalog.problems:
            self.notify(problem, title="Template skipped", severity="warning", markup=False)
        screen = self.first_screen()
        await self.push_screen(screen)
        if self.store is None:
            # After the first screen's first frame: it is drawn before SQLAlchemy loads (an
            # import in a thread would hold the GIL while the frame is being made).
            screen.call_after_refresh(self._open_store)

    def first_screen(self) -> Screen:
        """The screen the app opens on: the start screen (the presenter's app opens on its view)."""
        from workshop_tui.screens.start import StartScreen

        return StartScreen()

    def _store_opened(self, store: Store) -> None:
        self.store = store
        self.start_live_updates()
        if store.backup_made is not None:
            self.notify(f"The store was upgraded; the old one is kept at {store.backup_made}", markup=False)
        for screen in self.screen_stack:
            screen.post_message(self.StoreReady())

    def on_unmount(self) -> None:
        # Let queued writes finish before the process ends, then release the store.
        gc.unfreeze()
        self.store_calls.shutdown()
        if self._owns_store and self.store is not None:
            self.store.close()

    # -- live updates --------------------------------------------------------------------

    def start_live_updates(self) -> None:
        """Watch the store; every screen learns of any commit within `LIVE_POLL_SECONDS`.

        The store's change token is cheap to read (SQLite's `PRAGMA data_version`), so polling
        it costs next to nothing; screens then re-read only what they show and redraw only
        what changed.
        """
        if self._live_timer is None:
            self._live_timer = self.set_interval(LIVE_POLL_SECONDS, self._check_for_changes, name="live updates")
            self.set_interval(PRESENCE_POLL_SECONDS, self._count_participants, name="participants connected")
            # Everything loaded so far (Textual, SQLAlchemy, the templates) lives as long as the
            # app: keep it out of the garbage collector's full passes, which would otherwise
            # stop the screen for 100-250 ms now and then, in the middle of a live update.
            gc.freeze()

    def _after_change(self) -> None:
        # Someone may have joined or left; counted once the screens have re-read.
        self.set_timer(PRESENCE_AFTER_CHANGE_SECONDS, self._count_participants, name="count after change")

    async def _count_participants(self) -> None:
        """Show, on the header of the session on screen, how many participants are connected.

        Participants' screens (`workshop-tui join`, `serve`) say they are alive every few
        seconds; a screen showing a session keeps it in `info`.
        """
        from workshop_tui.widgets.progress_header import ProgressHeader

        if not self.screen_stack or not self.is_running:
            return  # starting or quitting
        screen = self.screen
        session_id = getattr(getattr(screen, "info", None), "id", None)
        if self.store is None or self._counting or not isinstance(session_id, int):
            return
        self._counting = True
        try:
            names = await self.call_store(self.store.connected, session_id)
        except (StoreError, RuntimeError):
            return  # unreadable for now (the next count tries again), or the app is closing
        finally:
            self._counting = False
        if screen.is_attached:
            for header in screen.query(ProgressHeader):
                header.set_connected(len(names))

    # -- app-wide actions ----------------------------------------------------------------

    def action_help(self) -> None:
        from workshop_tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_projector(self) -> None:
        """Switch between the light projector theme and the dark theme used before it."""
        if self.theme == PROJECTOR_THEME.name:
            self.theme = self._dark_theme
        else:
            self._dark_theme = self.theme
            self.theme = PROJECTOR_THEME.name

    # -- command palette -----------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help: every key", "Show the help screen", self.action_help)
        yield SystemCommand(
            "Projector theme (light, high contrast)",
            "Toggle the light theme that reads well on a projector",
            self.action_toggle_projector,
        )
        commands = getattr(screen, "palette_commands", None)
        if commands is not None:
            yield from commands()
        else:
            # Dialogs and help: their own keys, by description.
            for binding in screen.BINDINGS:
                if isinstance(binding, Binding) and binding.description:
                    yield SystemCommand(binding.description, binding.tooltip or binding.description,
                                        partial(screen.run_action, binding.action))


def make_app(
    store: StoreSource, catalog: Catalog | None = None, *, clock: Callable[[], datetime] | None = None
) -> WorkshopApp:
    """The app, for the command line and the tests alike.

    `store` is an open `Store`, or a zero-argument callable that opens one; the callable runs
    in a thread after the first frame, and a `StoreError` from it ends the app with return
    code 2 and `error_message` set. `catalog` defaults to the bundled and user templates.
    `clock` returns the current time (UTC) for timeboxes; tests inject it.
    """
    return WorkshopApp(store, catalog, clock=clock)
