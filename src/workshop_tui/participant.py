"""The participant's app: one session, one person, their own items and votes; nothing else.

`make_participant_app(store, session_id, name=None)` builds the `ParticipantApp` that
`workshop-tui join` runs in a terminal and `workshop-tui serve` runs once per browser. It is a
separate, smaller app than the facilitator's `WorkshopApp`, so nothing of the facilitator's
reaches it by inheritance: no start screen (no other sessions), no summary or export, no
phase, timer or step controls, and a command palette that lists only what a participant may
do. The store enforces the same limits (`store/participation.py`).

What it shares with `WorkshopApp` is the machinery (`store_app.StoreAppMixin`): every store
call runs on one store thread, in order (`call_store`), and the store's change token is polled
every 100 ms, posting `WorkshopApp.StoreChanged` to the screens, so a participant sees everyone's items, and follows
the facilitator's step and phase, as soon as they are committed. It says it is here
(`store.heartbeat`, role "participant") every few seconds, so the facilitator can count the
people connected, and says goodbye (`store.leave`) when it closes.
"""

from __future__ import annotations

import gc
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Callable, Iterable, Union

from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from workshop_tui.app import WorkshopApp
from workshop_tui.claim_token import new_token
from workshop_tui.content import Catalog, load_catalog
from workshop_tui.model import SessionInfo, new_id
from workshop_tui.store.errors import StoreError
from workshop_tui.model import HEARTBEAT_SECONDS
from workshop_tui.store_app import StoreAppMixin
from workshop_tui.store_calls import StoreCalls

if TYPE_CHECKING:
    from workshop_tui.store.store import Store

StoreSource = Union["Store", Callable[[], "Store"]]

LIVE_POLL_SECONDS = 0.1
"""How often the store's change token is read (the facilitator's app, on the shared screen, polls
twice as often; dozens of participant processes on one machine poll at half the cost)."""

ROLE = "participant"


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class ParticipantApp(StoreAppMixin, App[None]):
    """One participant in one session: reads everything, changes only their own."""

    CSS_PATH = "app.tcss"
    TITLE = "workshop-tui"
    QUIT_VERB = "leave"
    StoreChanged = WorkshopApp.StoreChanged
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    BINDINGS = [
        Binding("ctrl+q", "quit", "Leave", priority=True, id="quit",
                tooltip="Leave the session (asks first if text is not saved)"),
        Binding("f1", "toggle_keys", "Keys", id="keys", tooltip="Show or hide every key you can press here"),
    ]

    cursor_blink: bool = True
    """Tests turn this off so snapshots never catch a cursor mid-blink."""

    def __init__(
        self,
        store: StoreSource,
        session_id: int,
        name: str | None = None,
        *,
        catalog: Catalog | None = None,
        clock: Callable[[], datetime] | None = None,
        token: str | None = None,
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
        self.session_id = session_id
        self.participant: str | None = None
        """The participant's name once they have joined (None until then)."""
        self.catalog = catalog or load_catalog()
        self.clock: Callable[[], datetime] = clock or _utc_now
        self.client_id = new_id()
        """This screen's identity in the presence table (one per process, never shown)."""
        self.claim_token = token or new_token()
        """The secret that claims the participant's name (`Store.claim_name`); never shown."""
        self.error_message: str | None = None
        self._asked_name = name
        self.store_calls = StoreCalls("participant-store")
        self._live_timer: Timer | None = None
        self._last_token: int | None = None
        self._checking = False

    def compose(self) -> ComposeResult:
        yield Static("Joining the session…", id="joining")

    # -- start and stop ------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.store is None:
            self.call_after_refresh(self._open_store)
        else:
            self.call_after_refresh(self._store_opened, self.store)

    def _store_opened(self, store: Store) -> None:
        self.store = store
        self.load_session()

    @work(exclusive=True, group="join")
    async def load_session(self) -> None:
        store = self.store
        assert store is not None
        try:
            info = await self.call_store(store.get_session, self.session_id)
            self._last_token = await self.call_store(store.change_token)
        except StoreError as error:
            self._store_failed(str(error))
            return
        self._live_timer = self.set_interval(LIVE_POLL_SECONDS, self._check_for_changes, name="live updates")
        self.set_interval(HEARTBEAT_SECONDS, self.heartbeat, name="heartbeat")
        if self._asked_name:
            try:
                # Claiming the name also records this screen as connected.
                self.participant = await self.call_store(self.claim, info.id, self._asked_name)
            except StoreError as error:
                self._ask_name(info, problem=str(error))
            else:
                self._show_session(info)
        else:
            self._ask_name(info)
        self.heartbeat()  # connected from now on, named or not yet

    def claim(self, session_id: int, name: str) -> str:
        """Claim `name` for this screen (a store call: run it with `call_store`)."""
        assert self.store is not None
        return self.store.claim_name(session_id, self.client_id, name, token=self.claim_token)

    def _ask_name(self, info: SessionInfo, problem: str | None = None) -> None:
        from workshop_tui.screens.join_name import JoinNameScreen

        def joined(name: str | None) -> None:
            if name:
                self.participant = name
                self._show_session(info)

        self.push_screen(JoinNameScreen(info, name=self._asked_name or "", problem=problem), joined)

    def _show_session(self, info: SessionInfo) -> None:
        from workshop_tui.screens.participant import ParticipantScreen

        assert self.participant is not None
        self.push_screen(ParticipantScreen(info, self.participant))
        # Everything made so far (Textual, SQLAlchemy, this screen) lives as long as the app:
        # keep it out of the garbage collector's full passes, which would otherwise stop the
        # screen for 100-250 ms now and then, in the middle of a live update.
        self.call_after_refresh(gc.freeze)

    def on_unmount(self) -> None:
        # Let queued writes finish, say goodbye (the facilitator's count drops at once), close.
        gc.unfreeze()
        if self.store is not None:
            self.store_calls.submit(self._leave)
        self.store_calls.shutdown()
        if self._owns_store and self.store is not None:
            self.store.close()

    # -- presence ------------------------------------------------------------------------

    @work(exclusive=True, group="heartbeat")
    async def heartbeat(self) -> None:
        try:
            await self.call_store(self._beat)
        except StoreError:
            pass  # a store that cannot be written right now: the next beat tries again

    def _beat(self) -> None:
        assert self.store is not None
        self.store.heartbeat(self.session_id, self.client_id, ROLE, self.participant)

    def _leave(self) -> None:
        assert self.store is not None
        try:
            self.store.leave(self.client_id)
        except StoreError:
            pass  # forgotten after 15 s anyway

    # -- actions -------------------------------------------------------------------------

    def action_toggle_keys(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    # -- command palette -----------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Only what a participant may do: no screenshots (a file on the host), no facilitator actions."""
        yield SystemCommand("Leave the session", "Close your screen (Ctrl+Q)", self.action_quit)
        yield SystemCommand("Keys", "Show or hide every key you can press here (F1)", self.action_toggle_keys)
        yield SystemCommand("Theme", "Change the colours of your screen", self.action_change_theme)
        commands = getattr(screen, "palette_commands", None)
        if commands is not None:
            yield from commands()


def make_participant_app(
    store: StoreSource,
    session_id: int,
    name: str | None = None,
    clock: Callable[[], datetime] | None = None,
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
