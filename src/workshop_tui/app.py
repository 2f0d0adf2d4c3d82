"""The facilitator's app: `make_app(store, catalog)` builds the `WorkshopApp` the CLI and tests run.

A `StoreApp` (the store opened after the first frame, one store thread, live updates, one
error path, the quit that asks first) that opens on the start screen and builds the screens
of a session when one is chosen, handing each what it needs: the session's store, its
template, the clock. It also owns what is the same on every screen: Ctrl+Q, F1 help (built
from the keys of the screen it is asked on), the light "projector" theme, the count of
participants connected (told to the session's screen by a message), and the command palette,
which lists each screen's own commands (`palette_commands()`) beside Textual's and finds them
by the words of their help too (`palette.SearchableCommands`).
"""

from __future__ import annotations

from functools import partial
from typing import Callable, Iterable

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from workshop_tui.i18n import N_, _
from workshop_tui.content import Catalog
from workshop_tui.messages import ParticipantsConnected
from workshop_tui.screens.help import HelpScreen
from workshop_tui.screens.session_screen import SessionScreen
from workshop_tui.screens.start import StartScreen
from workshop_tui.model import Clock, SessionInfo
from workshop_tui.palette import SearchableCommands, TextualWords, translated
from workshop_tui.store_app import StoreApp, StoreSource
from workshop_tui.workers import store_work

DARK_THEME = "textual-dark"
PRESENCE_POLL_SECONDS = 2.0  # participants connected: a screen gone quiet drops out after 15 s
PRESENCE_AFTER_CHANGE_SECONDS = 0.3

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


class WorkshopApp(TextualWords, StoreApp):
    """Runs workshop sessions on a shared screen, keeping every word in the store."""

    COMMANDS = {SearchableCommands}
    # The shared screen everyone watches notices a commit within 25 ms (12 on average); a
    # poll is one cheap read (SQLite's data_version), 40 a second. Participants' screens keep 50.
    LIVE_POLL_SECONDS = 0.025

    BINDINGS = [
        Binding("ctrl+q", "quit", N_("Quit"), priority=True, id="quit", tooltip=N_("Quit (asks first if text is not saved)")),
        Binding("f1", "help", N_("Help"), id="help", tooltip=N_("Every key of this screen")),
        Binding("ctrl+t", "toggle_projector", N_("Light theme"), show=False, id="projector",
                tooltip=N_("Switch between the light projector theme and the dark theme")),
    ]

    def __init__(self, store: StoreSource, catalog: Catalog | None = None, *, clock: Clock | None = None,
                 preview: Callable[[], list[SessionInfo] | None] | None = None) -> None:
        super().__init__(store, catalog, clock=clock, preview=preview)
        self._dark_theme = DARK_THEME
        self._counting = False

    async def on_mount(self) -> None:
        self.register_theme(PROJECTOR_THEME)
        for problem in self.catalog.problems:
            self.notify(problem, title=_("Template skipped"), severity="warning", markup=False)
        await self.push_screen(self.first_screen())
        self.open_store_after_first_frame()

    def first_screen(self) -> Screen:
        """The screen the app opens on: the start screen (the presenter's app opens on its view)."""
        return StartScreen(self.sessions, self.catalog)

    def store_opened(self) -> None:
        super().store_opened()
        self.set_interval(PRESENCE_POLL_SECONDS, self._count_participants, name="participants connected")

    # -- a session's screens -------------------------------------------------------------

    def on_start_screen_open_session(self, event: StartScreen.OpenSession) -> None:
        from workshop_tui.screens.step import StepScreen  # here: the first frame need not wait for it

        info = event.info
        self.push_screen(StepScreen(self.sessions.session(info.id), info, self.template_for(info),
                                    clock=self.clock))

    # -- participants connected ----------------------------------------------------------

    def after_change(self) -> None:
        # Someone may have joined or left; counted once the screens have re-read.
        self.set_timer(PRESENCE_AFTER_CHANGE_SECONDS, self._count_participants, name="count after change")

    def _count_participants(self) -> None:
        """Tell the session's screen on top how many participants are connected.

        Participants' screens (`workshop-tui join`, `serve`) say they are alive every few seconds.
        """
        screen = self.screen if self.screen_stack and self.is_running else None
        if isinstance(screen, SessionScreen) and not self._counting:
            self._counting = True
            self.count_participants(screen)

    @store_work(N_("Participants not counted"), group="presence", background=True)
    async def count_participants(self, screen: SessionScreen) -> None:
        try:
            names = await screen.session.connected()
        finally:
            self._counting = False
        if screen.is_attached:
            screen.post_message(ParticipantsConnected(len(names)))

    # -- app-wide actions ----------------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen, self.BINDINGS))

    def action_toggle_projector(self) -> None:
        """Switch between the light projector theme and the dark theme used before it."""
        if self.theme == PROJECTOR_THEME.name:
            self.theme = self._dark_theme
        else:
            self._dark_theme = self.theme
            self.theme = PROJECTOR_THEME.name

    # -- command palette -----------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from translated(super().get_system_commands(screen))  # Textual's, in our words
        yield SystemCommand(_("Help: every key"), _("Show the help screen"), self.action_help)
        yield SystemCommand(
            _("Projector theme (light, high contrast)"),
            _("Toggle the light theme that reads well on a projector"),
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


def make_app(store: StoreSource, catalog: Catalog | None = None, *, clock: Clock | None = None,
             preview: Callable[[], list[SessionInfo] | None] | None = None) -> WorkshopApp:
    """The app, for the command line and the tests alike.

    `store` is an open `Store`, or a zero-argument callable that opens one; the callable runs
    in a thread after the first frame, and a `StoreError` from it ends the app with return
    code 2 and `error_message` set. `catalog` defaults to the bundled and user templates.
    `clock` returns the current time (UTC) for timeboxes; tests inject it. `preview` reads the
    list of sessions before the store is open (`store.quick_list`), for the start screen.
    """
    return WorkshopApp(store, catalog, clock=clock, preview=preview)

