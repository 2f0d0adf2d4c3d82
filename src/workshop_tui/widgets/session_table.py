"""The saved sessions on the start screen: title, event, date, item count and the step reached.

Every cell is a `rich.text.Text`, so a title such as `[bold] plan` shows as typed (DataTable
would read a plain string as markup).
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from workshop_tui.i18n import N_, _, ngettext
from workshop_tui.model import SessionInfo
from workshop_tui.text import short


class SessionTable(DataTable):
    """One row per session, newest change first; Enter opens the highlighted one."""

    HELP_TITLE = N_("Sessions")

    DEFAULT_CSS = """
    SessionTable {
        height: 1fr;
        border: round $foreground 30%;
        border-title-style: bold;
        &:focus { border: round $accent; }
    }
    """

    BINDINGS = [Binding("enter", "select_cursor", N_("Open"), tooltip=N_("Open the highlighted session"))]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.sessions: list[SessionInfo] = []
        self.border_title = _("Sessions")

    def on_mount(self) -> None:
        self.add_column(_("Title"), key="title")
        self.add_column(_("Event"), key="event")
        self.add_column(_("Date"), key="date")
        self.add_column(_("Items"), key="items")
        self.add_column(_("Step"), key="step")

    def show(self, sessions: list[SessionInfo], *, select: int | None = None) -> None:
        """Show these sessions; keep `select` (a session id) highlighted if given."""
        self.sessions = list(sessions)
        self.clear()
        for info in sessions:
            self.add_row(
                Text(short(info.title, 48)),
                Text(short(info.event, 24)),
                Text(short(info.date, 16)),
                Text(str(info.item_count), justify="right"),
                Text(_("{step} of {count}").format(step=info.current_step, count=info.step_count)),
                key=str(info.id),
            )
        self.border_subtitle = ngettext("{count} session", "{count} sessions", len(sessions)).format(count=len(sessions))
        if select is not None:
            for index, info in enumerate(sessions):
                if info.id == select:
                    self.move_cursor(row=index)

    def replace(self, info: SessionInfo) -> None:
        """Show `info` in place of the session with its id (if listed), the highlight kept."""
        if any(shown.id == info.id for shown in self.sessions):
            selected = self.selected
            self.show([info if shown.id == info.id else shown for shown in self.sessions],
                      select=selected.id if selected else None)

    @property
    def selected(self) -> SessionInfo | None:
        if not self.sessions or self.cursor_row is None or not 0 <= self.cursor_row < len(self.sessions):
            return None
        return self.sessions[self.cursor_row]
