"""Joining a session: the participant says their name once; it is shown beside their items.

The screen only collects the name; the store decides (`Store.claim_name`): it refuses an
empty name, and a name another participant's screen has claimed (connected or not).
A refused name stays in the box, with the reason under it. Dismisses with the name as stored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from workshop_tui.model import SessionInfo
from workshop_tui.store.errors import StoreError
from workshop_tui.widgets.footer import AppFooter
from workshop_tui.widgets.progress_header import ProgressHeader

if TYPE_CHECKING:
    from workshop_tui.participant import ParticipantApp

MAX_NAME_LENGTH = 60


class JoinNameScreen(Screen[str]):
    """"Your name?" Enter joins the session under it."""

    CSS_PATH = "join_name.tcss"

    BINDINGS = [Binding("enter", "join", "Join", show=True, tooltip="Join the session under this name")]

    def __init__(self, info: SessionInfo, *, name: str = "", problem: str | None = None) -> None:
        super().__init__()
        self.info = info
        self.typed_name = name
        self.problem = problem

    def compose(self) -> ComposeResult:
        yield ProgressHeader(self.info.title)
        with Center(id="join-center"):
            with Vertical(id="join"):
                yield Static(Content.assemble(("Join ", "bold"), (self.info.title, "bold $accent")), id="join-title")
                yield Static(self._about(), id="join-about")
                yield Static(Content("Your name"), id="join-label")
                with Horizontal(id="join-row"):
                    yield Input(self.typed_name, placeholder="as the others know you",
                                max_length=MAX_NAME_LENGTH, id="join-name")
                    yield Button("Join", id="join-button", variant="primary")
                yield Static(Content(self.problem or ""), id="join-problem")
        yield AppFooter()

    def _about(self) -> Content:
        lines = []
        if self.info.facilitator:
            lines.append(Content.assemble(("Facilitated by ", "dim"), self.info.facilitator))
        lines.append(Content(
            "Your name is shown beside the items you add. You can add items, edit and delete your own, "
            "and place your dots when the facilitator opens the vote."
        ))
        return Content("\n").join(lines)

    def on_mount(self) -> None:
        field = self.query_one("#join-name", Input)
        field.cursor_blink = getattr(self.app, "cursor_blink", True)
        field.focus()
        self.query_one("#join-problem").display = bool(self.problem)

    @on(Input.Submitted, "#join-name")
    @on(Button.Pressed, "#join-button")
    def action_join(self) -> None:
        name = " ".join(self.query_one("#join-name", Input).value.split())
        if not name:
            self._show_problem("Type your name first: it is shown beside your items.")
            return
        self.join(name)

    @work(exclusive=True, group="join")
    async def join(self, name: str) -> None:
        app = cast("ParticipantApp", self.app)
        assert app.store is not None
        try:
            claimed = await app.call_store(app.claim, self.info.id, name)
        except StoreError as error:
            self._show_problem(str(error))
            return
        self.dismiss(claimed)

    def _show_problem(self, message: str) -> None:
        problem = self.query_one("#join-problem", Static)
        problem.update(Content(message))
        problem.display = True
