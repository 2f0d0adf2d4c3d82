"""Joining a session: the participant says their name once; it is shown beside their items.

The screen only collects the name; the store decides (`Store.claim_name`): it refuses an
empty name, and a name another participant's screen has claimed (connected or not).
A refused name stays in the box, with the reason under it. Dismisses with the name as stored.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from workshop_tui.i18n import N_, _
from workshop_tui.model import SessionInfo
from workshop_tui.session_store import SessionStore
from workshop_tui.store.errors import StoreError
from workshop_tui.widgets.footer import AppFooter
from workshop_tui.widgets.progress_header import ProgressHeader

MAX_NAME_LENGTH = 60


class JoinNameScreen(Screen[str]):
    """"Your name?" Enter joins the session under it."""

    CSS_PATH = "join_name.tcss"

    BINDINGS = [Binding("enter", "join", N_("Join"), show=True, tooltip=N_("Join the session under this name"))]

    def __init__(self, info: SessionInfo, session: SessionStore, client_id: str, token: str, *, name: str = "",
                 problem: str | None = None) -> None:
        super().__init__()
        self.info = info
        self.session = session
        self.client_id = client_id
        """This screen's identity in the presence table."""
        self.token = token
        """The secret that claims the name."""
        self.typed_name = name
        self.problem = problem

    def compose(self) -> ComposeResult:
        yield ProgressHeader(self.info.title)
        with Center(id="join-center"):
            with Vertical(id="join"):
                yield Static(Content.assemble((_("Join "), "bold"), (self.info.title, "bold $accent")), id="join-title")
                yield Static(self._about(), id="join-about")
                yield Static(Content(_("Your name")), id="join-label")
                with Horizontal(id="join-row"):
                    yield Input(self.typed_name, placeholder=_("as the others know you"),
                                max_length=MAX_NAME_LENGTH, id="join-name")
                    yield Button(_("Join"), id="join-button", variant="primary")
                yield Static(Content(self.problem or ""), id="join-problem")
        yield AppFooter()

    def _about(self) -> Content:
        lines = []
        if self.info.facilitator:
            lines.append(Content.assemble((_("Facilitated by "), "dim"), self.info.facilitator))
        lines.append(Content(
            _("Your name is shown beside the items you add. You can add items, edit and delete your own, "
            "and place your dots when the facilitator opens the vote.")
        ))
        return Content("\n").join(lines)

    def on_mount(self) -> None:
        self.query_one("#join-name", Input).focus()
        self.query_one("#join-problem").display = bool(self.problem)

    @on(Input.Submitted, "#join-name")
    @on(Button.Pressed, "#join-button")
    def action_join(self) -> None:
        name = " ".join(self.query_one("#join-name", Input).value.split())
        if not name:
            self._show_problem(_("Type your name first: it is shown beside your items."))
            return
        self.join(name)

    @work(exclusive=True, group="join")
    async def join(self, name: str) -> None:
        try:
            claimed = await self.session.claim_name(self.client_id, name, token=self.token)
        except StoreError as error:
            self._show_problem(str(error))  # a refused name stays in the box, the reason under it
            return
        self.dismiss(claimed)

    def _show_problem(self, message: str) -> None:
        problem = self.query_one("#join-problem", Static)
        problem.update(Content(message))
        problem.display = True
