"""The start screen: resume a saved session, continue one (a new session that brings its open
follow-ups), or fill in the form to start a new one.

It is handed the store's sessions (`Sessions`) and the catalog of templates. Shows "Opening
the store…" until the first list arrives (the store opens after the first frame; the list
waits for it), then lists the sessions. Rename and delete (after a confirmation) act on the
highlighted row. Opening a session posts `OpenSession`: the app builds the session's screen.
This module must stay cheap to import: no SQLAlchemy here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Input, Select, Static

from workshop_tui.i18n import N_, _, ngettext
from workshop_tui.content import Catalog
from workshop_tui.model import SessionInfo
from workshop_tui.session_store import Sessions
from workshop_tui.widgets.footer import AppFooter
from workshop_tui.widgets.progress_header import ProgressHeader
from workshop_tui.widgets.session_form import SessionForm
from workshop_tui.widgets.template_about import about
from workshop_tui.widgets.session_table import SessionTable
from workshop_tui.workers import store_work


class StartScreen(Screen[None]):
    """Sessions on the left (or above), the new-session form on the right (or below)."""

    CSS_PATH = "start.tcss"
    AUTO_FOCUS = ""  # focus goes to the list or the form once the sessions are loaded
    HELP_TITLE = N_("Start screen")

    BINDINGS = [
        # No letters: a sentence typed here by mistake must not rename, continue or delete.
        Binding("ctrl+n", "new_session", N_("New"), tooltip=N_("Go to the new-session form")),
        Binding("ctrl+o", "continue_session", N_("Continue"),
                tooltip=N_("A new session following up the highlighted one: its open follow-ups come along")),
        Binding("f2", "rename_session", N_("Rename"), tooltip=N_("Rename the highlighted session")),
        Binding("delete", "delete_session", N_("Delete"), key_display="Del",
                tooltip=N_("Delete the highlighted session (asks first)")),
        # Priority: a Tab typed in a burst moves on before the next characters arrive.
        Binding("tab", "app.focus_next", N_("Next field"), show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", N_("Previous field"), show=False, priority=True),
        Binding("escape", "focus_sessions", N_("Sessions"), show=False, tooltip=N_("Back to the list of sessions")),
    ]

    @dataclass
    class OpenSession(Message):
        """Open this session (the app builds its screen)."""

        info: SessionInfo

    def __init__(self, sessions: Sessions, catalog: Catalog) -> None:
        super().__init__()
        self.sessions = sessions
        self.catalog = catalog
        self.loaded = False
        """Set once the sessions are listed (the store is open)."""
        self._opened: int | None = None
        """The session opened last, highlighted again on the way back."""

    def compose(self) -> ComposeResult:
        catalog = self.catalog
        yield ProgressHeader(_("workshop-tui · start or resume a workshop"))
        with Horizontal(id="start-body"):
            with Vertical(id="sessions-pane"):
                yield Static(_("Opening the store…"), id="sessions-status")
                yield SessionTable(id="sessions")
            with Vertical(id="side"):
                # Disabled until the store is open; made so, not set in `on_mount`: one styling
                # pass of the whole form less before the first frame.
                yield SessionForm(catalog, id="new-session", disabled=True)
                with VerticalScroll(id="about"):
                    yield Static(about(catalog.default), id="about-text")
        yield AppFooter()

    @on(Select.Changed, "#field-template")
    def _template_changed(self, event: Select.Changed) -> None:
        template = self.catalog.templates.get(str(event.value)) or self.catalog.default
        self.query_one("#about-text", Static).update(about(template))
        self.query_one(SessionForm).show_template(template)

    def on_mount(self) -> None:
        self.query_one("#new-session").border_title = _("New session")
        self.query_one("#about").border_title = _("About the workshop")
        self.query_one(SessionTable).display = False
        self.call_after_refresh(self.preview_sessions)  # after the first frame, never before it
        self.load_sessions()

    def on_screen_resume(self) -> None:
        # Back from a session: the list, with that session highlighted, has the focus.
        if self.loaded and self.is_mounted:
            self.load_sessions(select=self._opened or self._selected_id(), focus_list=True)

    def on_store_changed(self) -> None:
        # A session made, renamed or filled elsewhere: redraw the list, leave the focus be.
        # Only while it is on top (`is_current` is also true under a screen laid over it);
        # coming back to it reloads the list anyway (`on_screen_resume`).
        if self.app.screen is self:
            self.load_sessions(select=self._selected_id(), live=True)

    # -- loading -------------------------------------------------------------------------

    @store_work(N_("Cannot list the sessions"), group="sessions", exclusive=True)
    async def load_sessions(self, select: int | None = None, focus_list: bool = False, live: bool = False) -> None:
        sessions = await self.sessions.list()
        select = self._selected_id() if select is None else select  # the row chosen in the early list
        self.show_sessions(sessions, select=select, focus_list=focus_list, live=live)
        self.loaded = True

    def preview_sessions(self) -> None:
        """The list straight from the file while the store opens (keys wait for the store). On
        this thread: a few milliseconds, done before the store's import starts competing."""
        sessions = self.sessions.preview()
        if sessions:
            self.show_preview(sessions)

    def show_preview(self, sessions: list[SessionInfo]) -> None:
        if self.loaded or not self.is_attached:
            return  # the store was quicker: its list is shown
        table = self.query_one(SessionTable)
        table.show(sessions)
        table.display = True
        self.query_one("#sessions-status", Static).display = False
        table.focus()

    def show_sessions(
        self, sessions: list[SessionInfo], *, select: int | None = None, focus_list: bool = False, live: bool = False
    ) -> None:
        table = self.query_one(SessionTable)
        status = self.query_one("#sessions-status", Static)
        first_load = self.query_one("#new-session").disabled
        self.query_one("#new-session").disabled = False
        table.show(sessions, select=select)
        table.display = bool(sessions)
        status.display = not sessions
        status.update(_("No sessions yet. Fill in the form to start your first workshop."))
        if not live and (first_load or focus_list or not sessions):
            if sessions:
                table.focus()
            else:
                self.query_one(SessionForm).title_field.focus()
        self.refresh_bindings()

    def _selected_id(self) -> int | None:
        selected = self.query_one(SessionTable).selected
        return selected.id if selected else None

    # -- opening and creating ------------------------------------------------------------

    @on(SessionTable.RowSelected)
    def _open_row(self, event: SessionTable.RowSelected) -> None:
        event.stop()
        self.action_open_session()

    def action_open_session(self) -> None:
        info = self.query_one(SessionTable).selected
        if info is not None:
            self.open_session(info)

    def open_session(self, info: SessionInfo) -> None:
        self._opened = info.id
        self.post_message(self.OpenSession(info))

    @on(Input.Submitted, "FormField")
    @on(Button.Pressed, "#create")
    def _create_pressed(self) -> None:
        self.create_session()

    @store_work(N_("Session not created"), group="create", exclusive=True)
    async def create_session(self) -> None:
        if not self.loaded:
            return
        form = self.query_one(SessionForm)
        values, template = form.values(), form.template
        if not values["title"].strip():
            self.notify(_("A session needs a title."), severity="warning")
            form.title_field.focus()
            return
        info = await self.sessions.create(
            values["title"], template_id=template.id, step_count=template.step_count,
            columns=template.column_keys, event=values["event"],
            date=values["date"], facilitator=values["facilitator"], participants=form.participants())
        form.clear()
        self.open_session(info)

    # -- actions on the highlighted session ----------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.loaded:
            return action not in ("new_session", "rename_session", "delete_session", "open_session",
                                  "continue_session")
        if action in ("rename_session", "delete_session", "open_session", "continue_session"):
            return self.query_one(SessionTable).selected is not None
        return True

    def action_new_session(self) -> None:
        self.query_one(SessionForm).title_field.focus()

    def action_focus_sessions(self) -> None:
        table = self.query_one(SessionTable)
        if table.display:
            table.focus()

    def action_continue_session(self) -> None:
        from workshop_tui.screens.text_prompt import TextPrompt

        info = self.query_one(SessionTable).selected
        if info is None:
            return

        def titled(title: str | None) -> None:
            if title:
                self.continue_session(info, title)

        prompt = TextPrompt(_("Continue “{title}” in a new session: its open follow-ups come along, "
                              "shown on their steps as from last time. The new session's title:").format(title=info.title),
                            placeholder=_("e.g. Partnership workshop, follow-up"), confirm=_("Continue"))
        self.app.push_screen(prompt, titled)

    @store_work(N_("Session not continued"), group="create", exclusive=True)
    async def continue_session(self, previous: SessionInfo, title: str) -> None:
        info = await self.sessions.continue_session(previous.id, title)
        count = info.item_count
        self.notify(ngettext("{count} open follow-up carried over from “{title}”.",
                             "{count} open follow-ups carried over from “{title}”.", count).format(
                        count=count, title=previous.title),
                    title=_("Session continued"), markup=False)
        self.open_session(info)

    def action_rename_session(self) -> None:
        from workshop_tui.screens.text_prompt import TextPrompt

        info = self.query_one(SessionTable).selected
        if info is None:
            return

        def renamed(title: str | None) -> None:
            if title and title != info.title:
                self.rename_session(info.id, title)

        self.app.push_screen(TextPrompt(_("Rename the session"), value=info.title, confirm=_("Rename")), renamed)

    @store_work(N_("Not renamed"), group="rename")
    async def rename_session(self, session_id: int, title: str) -> None:
        try:
            renamed = await self.sessions.rename(session_id, title)
            # The rename's own answer is drawn at once: the list is right whatever becomes of
            # the reload (a newer one may replace it), which then only moves the row to the top.
            self.query_one(SessionTable).replace(renamed)
        finally:
            self.load_sessions(select=session_id)

    def action_delete_session(self) -> None:
        from workshop_tui.screens.confirm import ConfirmDialog

        info = self.query_one(SessionTable).selected
        if info is None:
            return
        message = Content.assemble(
            _("Delete the session "), (info.title, "bold"),
            ngettext(" and its {count} item? This cannot be undone.", " and its {count} items? This cannot be undone.",
                     info.item_count).format(count=info.item_count),
        )

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.delete_session(info.id)

        self.app.push_screen(ConfirmDialog(_("Delete session"), message, confirm=_("Delete"), danger=True), confirmed)

    @store_work(N_("Not deleted"), group="delete")
    async def delete_session(self, session_id: int) -> None:
        try:
            await self.sessions.delete(session_id)
            self.notify(_("Session deleted."))
        finally:
            self.load_sessions()

    # -- command palette -----------------------------------------------------------------

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(_("New session"), _("Fill in the form to start a new session (Ctrl+N)"), self.action_new_session)
        yield SystemCommand(_("Session list"), _("Back to the list of sessions (Escape)"), self.action_focus_sessions)
        if self.query_one(SessionTable).selected is not None:
            yield SystemCommand(_("Open session"), _("Open the highlighted session"), self.action_open_session)
            yield SystemCommand(_("Continue session"), _("A new session that brings the highlighted one's open "
                                "follow-ups (Ctrl+O)"), self.action_continue_session)
            yield SystemCommand(_("Rename session"), _("Rename the highlighted session (F2)"), self.action_rename_session)
            yield SystemCommand(
                _("Delete session"), _("Delete the highlighted session (asks first; Delete)"), self.action_delete_session
            )
