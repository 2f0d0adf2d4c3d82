"""The start screen: resume a saved session, or fill in the form to start a new one.

Shows "Opening the store…" until the app has opened the store (after the first frame), then
lists the sessions. Rename and delete (after a confirmation) act on the highlighted row.
This module must stay cheap to import: no SQLAlchemy here, only the store's errors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, cast

from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Static

from workshop_tui.content import Template
from workshop_tui.model import SessionInfo
from workshop_tui.store.errors import StoreError
from workshop_tui.widgets.footer import AppFooter
from workshop_tui.widgets.progress_header import ProgressHeader
from workshop_tui.widgets.session_table import SessionTable

if TYPE_CHECKING:
    from workshop_tui.app import WorkshopApp


class FormField(Input):
    """A field of the new-session form: Enter creates the session (Tab moves between fields)."""

    BINDINGS = [Binding("enter", "submit", "Create session", tooltip="Create the session and open step 1")]


class StartScreen(Screen[None]):
    """Sessions on the left (or above), the new-session form on the right (or below)."""

    CSS_PATH = "start.tcss"
    AUTO_FOCUS = ""  # focus goes to the list or the form once the sessions are loaded

    BINDINGS = [
        Binding("n", "new_session", "New", tooltip="Go to the new-session form"),
        Binding("r", "rename_session", "Rename", tooltip="Rename the highlighted session"),
        Binding("delete,d", "delete_session", "Delete", tooltip="Delete the highlighted session (asks first)"),
        # Priority: a Tab typed in a burst moves on before the next characters arrive.
        Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True),
        Binding("escape", "focus_sessions", "Sessions", show=False, tooltip="Back to the list of sessions"),
    ]

    _opened: int | None = None
    """The session opened last, highlighted again on the way back."""

    @property
    def workshop(self) -> WorkshopApp:
        return cast("WorkshopApp", self.app)

    def compose(self) -> ComposeResult:
        catalog = self.workshop.catalog
        yield ProgressHeader("workshop-tui · start or resume a workshop")
        with Horizontal(id="start-body"):
            with Vertical(id="sessions-pane"):
                yield Static("Opening the store…", id="sessions-status")
                yield SessionTable(id="sessions")
            with Vertical(id="side"):
                with VerticalScroll(id="new-session"):
                    yield from self._field("Title", "title", "e.g. Partnership workshop")
                    yield from self._field("Event", "event", "e.g. Wikimania 2026")
                    yield from self._field("Date", "date", "e.g. 2026-11-26")
                    yield from self._field("Facilitator", "facilitator", "name")
                    yield from self._field("Participants", "participants", "names, separated by commas")
                    with Horizontal(classes="form-row"):
                        yield Label("Workshop", classes="form-label")
                        yield Select(
                            [(Content(t.title), t.id) for t in catalog.templates.values()],
                            value=catalog.default.id, allow_blank=False, compact=True, id="field-template",
                        )
                    with Horizontal(classes="form-row form-buttons"):
                        yield Button("Create session", id="create", variant="primary", compact=True)
                with VerticalScroll(id="about"):
                    yield Static(self._about(catalog.default), id="about-text")
        yield AppFooter()

    def _about(self, template: Template) -> Content:
        """The chosen workshop in brief: what it is for, and its steps."""
        parts = [Content.styled(template.title, "bold $accent")]
        if template.introduction:
            parts.append(Content(template.introduction))
        parts.extend(Content.assemble(("• ", "$accent"), objective) for objective in template.objectives)
        parts.append(Content.styled(f"\nThe {template.step_count} steps", "bold"))
        parts.extend(
            Content.assemble((f"{step.number}. ", "dim"), step.title, "  ", (f"{step.timebox_minutes} min", "dim"))
            for step in template.steps
        )
        return Content("\n").join(parts)

    @on(Select.Changed, "#field-template")
    def _template_changed(self, event: Select.Changed) -> None:
        template = self.workshop.catalog.templates.get(str(event.value)) or self.workshop.catalog.default
        self.query_one("#about-text", Static).update(self._about(template))

    def _field(self, label: str, name: str, placeholder: str) -> Iterable:
        with Horizontal(classes="form-row"):
            yield Label(label, classes="form-label")
            yield FormField(placeholder=placeholder, id=f"field-{name}", compact=True)

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = self.workshop.cursor_blink
        self.query_one("#new-session").border_title = "New session"
        self.query_one("#about").border_title = "About the workshop"
        self.query_one(SessionTable).display = False
        self.query_one("#new-session").disabled = True
        if self.workshop.store is not None:
            self.load_sessions()

    def on_screen_resume(self) -> None:
        # Back from a session: the list, with that session highlighted, has the focus.
        if self.workshop.store is not None and self.is_mounted:
            self.load_sessions(select=self._opened or self._selected_id(), focus_list=True)

    def on_workshop_app_store_ready(self) -> None:
        self.load_sessions()

    def on_workshop_app_store_changed(self) -> None:
        # A session made, renamed or filled elsewhere: redraw the list, leave the focus be.
        # Only while it is on top (`is_current` is also true under a screen laid over it);
        # coming back to it reloads the list anyway (`on_screen_resume`).
        if self.app.screen is self:
            self.load_sessions(select=self._selected_id(), live=True)

    # -- loading -------------------------------------------------------------------------

    @work(exclusive=True, group="sessions")
    async def load_sessions(self, select: int | None = None, focus_list: bool = False, live: bool = False) -> None:
        store = self.workshop.store
        assert store is not None
        try:
            sessions = await self.workshop.call_store(store.list_sessions)
        except StoreError as error:
            self.query_one("#sessions-status", Static).update(Content(f"Cannot list the sessions: {error}"))
            return
        self.show_sessions(sessions, select=select, focus_list=focus_list, live=live)

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
        status.update("No sessions yet. Fill in the form to start your first workshop.")
        if not live and (first_load or focus_list or not sessions):
            if sessions:
                table.focus()
            else:
                self.query_one("#field-title", Input).focus()
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
        from workshop_tui.screens.step import StepScreen

        self._opened = info.id
        self.app.push_screen(StepScreen(info))

    @on(Input.Submitted, "FormField")
    @on(Button.Pressed, "#create")
    def _create_pressed(self) -> None:
        self.create_session()

    @work(exclusive=True, group="create")
    async def create_session(self) -> None:
        store = self.workshop.store
        if store is None:
            return
        values = {name: self.query_one(f"#field-{name}", Input).value for name in
                  ("title", "event", "date", "facilitator", "participants")}
        if not values["title"].strip():
            self.notify("A session needs a title.", severity="warning")
            self.query_one("#field-title", Input).focus()
            return
        template_id = self.query_one("#field-template", Select).value
        template = self.workshop.catalog.templates.get(str(template_id)) or self.workshop.catalog.default
        participants = [name.strip() for name in values["participants"].split(",") if name.strip()]
        try:
            info = await self.workshop.call_store(
                store.create_session,
                values["title"],
                template_id=template.id,
                step_count=template.step_count,
                event=values["event"],
                date=values["date"],
                facilitator=values["facilitator"],
                participants=participants,
            )
        except StoreError as error:
            self.notify(str(error), title="Session not created", severity="error", markup=False)
            return
        for field in self.query(FormField):
            field.value = ""
        self.open_session(info)

    # -- actions on the highlighted session ----------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.workshop.store is None:
            return action not in ("new_session", "rename_session", "delete_session", "open_session")
        if action in ("rename_session", "delete_session", "open_session"):
            return self.query_one(SessionTable).selected is not None
        return True

    def action_new_session(self) -> None:
        self.query_one("#field-title", Input).focus()

    def action_focus_sessions(self) -> None:
        table = self.query_one(SessionTable)
        if table.display:
            table.focus()

    def action_rename_session(self) -> None:
        from workshop_tui.screens.text_prompt import TextPrompt

        info = self.query_one(SessionTable).selected
        if info is None:
            return

        def renamed(title: str | None) -> None:
            if title and title != info.title:
                self.rename_session(info.id, title)

        self.app.push_screen(TextPrompt("Rename the session", value=info.title, confirm="Rename"), renamed)

    @work(group="rename")
    async def rename_session(self, session_id: int, title: str) -> None:
        store = self.workshop.store
        assert store is not None
        try:
            await self.workshop.call_store(store.rename_session, session_id, title)
        except StoreError as error:
            self.notify(str(error), title="Not renamed", severity="error", markup=False)
        self.load_sessions(select=session_id)

    def action_delete_session(self) -> None:
        from workshop_tui.screens.confirm import ConfirmDialog

        info = self.query_one(SessionTable).selected
        if info is None:
            return
        message = Content.assemble(
            "Delete the session ", (info.title, "bold"),
            f" and its {info.item_count} item{'s' if info.item_count != 1 else ''}? This cannot be undone.",
        )

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.delete_session(info.id)

        self.app.push_screen(ConfirmDialog("Delete session", message, confirm="Delete", danger=True), confirmed)

    @work(group="delete")
    async def delete_session(self, session_id: int) -> None:
        store = self.workshop.store
        assert store is not None
        try:
            await self.workshop.call_store(store.delete_session, session_id)
        except StoreError as error:
            self.notify(str(error), title="Not deleted", severity="error", markup=False)
        else:
            self.notify("Session deleted.")
        self.load_sessions()

    # -- command palette -----------------------------------------------------------------

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("New session", "Fill in the form to start a new session", self.action_new_session)
        yield SystemCommand("Session list", "Back to the list of sessions (Escape)", self.action_focus_sessions)
        if self.query_one(SessionTable).selected is not None:
            yield SystemCommand("Open session", "Open the highlighted session", self.action_open_session)
            yield SystemCommand("Rename session", "Rename the highlighted session", self.action_rename_session)
            yield SystemCommand(
                "Delete session", "Delete the highlighted session (asks first)", self.action_delete_session
            )
