"""The participant's app: one session, one person, their own items and votes; nothing else.

`make_participant_app(store, session_id, name=None)` builds the `ParticipantApp` that
`workshop-tui join` runs in a terminal and `workshop-tui serve` runs once per browser. It is a
separate, smaller app than the facilitator's `WorkshopApp`, so nothing of the facilitator's
reaches it by inheritance: no start screen (no other sessions), no summary or export, no
phase, timer or step controls, and a command palette that lists only what a participant may
do. The store enforces the same limits (`store/participation.py`), and the participant's
screen is handed a `ParticipantStore`, which changes only what is theirs.

What it shares with `WorkshopApp` is the base (`store_app.StoreApp`): every store call runs
on one store thread, in order; the store's change token is polled (every 100 ms here) and the
screens are told of every commit, so a participant sees everyone's items, and follows the
facilitator's step and phase, as soon as they are committed; one error path. It says it is
here (`heartbeat`, role "participant") every few seconds, so the facilitator can count the
people connected, and says goodbye (`leave`) when it closes.
"""

from __future__ import annotations

import gc
from typing import Iterable

from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from workshop_tui.i18n import N_, _
from workshop_tui.claim_token import new_token
from workshop_tui.content import Catalog
from workshop_tui.model import HEARTBEAT_SECONDS, Clock, SessionInfo, new_id
from workshop_tui.screens.join_name import JoinNameScreen
from workshop_tui.screens.participant import ParticipantScreen
from workshop_tui.store.errors import StoreError
from workshop_tui.palette import TextualWords
from workshop_tui.store_app import StoreApp, StoreSource
from workshop_tui.workers import store_work

ROLE = "participant"


class ParticipantApp(TextualWords, StoreApp):
    """One participant in one session: reads everything, changes only their own."""

    QUIT_VERB = "leave"
    LIVE_POLL_SECONDS = 0.1
    """How often the store's change token is read (the facilitator's app, on the shared screen,
    polls twice as often; dozens of participant processes on one machine poll at half the cost)."""

    BINDINGS = [
        Binding("ctrl+q", "quit", N_("Leave"), priority=True, id="quit",
                tooltip=N_("Leave the session (asks first if text is not saved)")),
        Binding("f1", "toggle_keys", N_("Keys"), id="keys", tooltip=N_("Show or hide every key you can press here")),
    ]

    def __init__(self, store: StoreSource, session_id: int, name: str | None = None, *,
                 catalog: Catalog | None = None, clock: Clock | None = None, token: str | None = None) -> None:
        super().__init__(store, catalog, clock=clock, thread_name="participant-store")
        self.session = self.sessions.session(session_id)
        self.participant: str | None = None
        """The participant's name once they have joined (None until then)."""
        self.client_id = new_id()
        """This screen's identity in the presence table (one per process, never shown)."""
        self.claim_token = token or new_token()
        """The secret that claims the participant's name (`Store.claim_name`); never shown."""
        self._asked_name = name

    def compose(self) -> ComposeResult:
        yield Static(_("Joining the session…"), id="joining")

    def on_mount(self) -> None:
        self.open_store_after_first_frame()

    def store_opened(self) -> None:
        super().store_opened()
        self.load_session()

    @work(exclusive=True, group="join", name="join the session")
    async def load_session(self) -> None:
        try:
            info = await self.session.info()
        except StoreError as error:
            self._store_failed(str(error))  # a session that cannot be read: one line, exit status 2
            return
        self.set_interval(HEARTBEAT_SECONDS, self.heartbeat, name="heartbeat")
        problem = None
        if self._asked_name:
            try:
                # Claiming the name also records this screen as connected.
                self.participant = await self.session.claim_name(self.client_id, self._asked_name,
                                                                 token=self.claim_token)
            except StoreError as error:
                problem = str(error)
        if self.participant:
            self._show_session(info, self.participant)
        else:
            self._ask_name(info, problem)
        self.heartbeat()  # connected from now on, named or not yet

    def _ask_name(self, info: SessionInfo, problem: str | None = None) -> None:
        def joined(name: str | None) -> None:
            if name:
                self.participant = name
                self._show_session(info, name)

        self.push_screen(JoinNameScreen(info, self.session, self.client_id, self.claim_token,
                                        name=self._asked_name or "", problem=problem), joined)

    def _show_session(self, info: SessionInfo, name: str) -> None:
        self.push_screen(ParticipantScreen(self.session.as_participant(name), info,
                                           self.template_for(info), clock=self.clock))
        # Everything made so far (this screen too) lives as long as the app: out of the
        # garbage collector's full passes, which would stop the screen now and then.
        self.call_after_refresh(gc.freeze)

    def on_unmount(self) -> None:
        # Before the base lets queued writes finish and closes the store: say goodbye, so the
        # facilitator's count drops at once.
        if self.store is not None:
            self.session.leave(self.client_id)

    # -- presence ------------------------------------------------------------------------

    @store_work(N_("Not shown as connected"), group="heartbeat", exclusive=True, background=True)
    async def heartbeat(self) -> None:
        await self.session.heartbeat(self.client_id, ROLE, self.participant)

    # -- keys and the command palette ----------------------------------------------------

    def action_toggle_keys(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Only what a participant may do: no screenshots (a file on the host), no facilitator actions."""
        yield SystemCommand(_("Leave the session"), _("Close your screen (Ctrl+Q)"), self.action_quit)
        yield SystemCommand(_("Keys"), _("Show or hide every key you can press here (F1)"), self.action_toggle_keys)
        yield SystemCommand(_("Theme"), _("Change the colours of your screen"), self.action_change_theme)
        commands = getattr(screen, "palette_commands", None)
        if commands is not None:
            yield from commands()


def make_participant_app(
    store: StoreSource,
    session_id: int,
    name: str | None = None,
    clock: Clock | None = None,
    *,
    catalog: Catalog | None = None,
    token: str | None = None,
) -> ParticipantApp:
    """The participant view of one session, for `join`, `serve` and the tests.

    `store` is an open `Store` or a zero-argument callable that opens one (in a thread, after
    the first frame). `name` skips the question "your name?" (`join --as`); a name another
    screen has claimed is refused and asked again. A session that cannot be read ends
    the app with return code 2 and `error_message` set. `token` is the secret that claims the
    name (`claim_token.terminal_token()` for `join`); None: a new one, for this screen alone.
    """
    return ParticipantApp(store, session_id, name, catalog=catalog, clock=clock, token=token)
