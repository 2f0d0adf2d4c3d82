"""`RowsScreen`: a session screen that is a title, a line of help and a table of rows, one per
object (the history's changes, the follow-ups); each screen says how a row is drawn (`show`).
"""

from __future__ import annotations

from typing import Generic, Sequence, TypeVar

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from workshop_tui.i18n import _
from workshop_tui.screens.session_screen import ResultT, SessionScreen
from workshop_tui.widgets.footer import AppFooter
from workshop_tui.widgets.progress_header import ProgressHeader
from workshop_tui.widgets.row_table import RowTable

RowT = TypeVar("RowT")


class RowsScreen(SessionScreen[ResultT], Generic[ResultT, RowT]):
    """A title, a line of help (`show_intro`) and a `RowTable` with the focus."""

    TITLE = ""
    """The header says `TITLE · session title` (marked `N_()`, translated here)."""
    ROWS_ID = "rows"
    """The table's id; the help line's is `ROWS_ID-intro`."""

    def compose(self) -> ComposeResult:
        yield ProgressHeader(f"{_(self.TITLE)} · {self.info.title}")
        yield Static(id=f"{self.ROWS_ID}-intro")
        yield RowTable[RowT](id=self.ROWS_ID)
        yield AppFooter()

    def on_mount(self) -> None:
        self.table.focus()
        self.reread()

    def on_resize(self) -> None:
        self.show()

    @property
    def table(self) -> RowTable[RowT]:
        return self.query_one(RowTable)

    @property
    def rows(self) -> Sequence[RowT]:
        return self.table.shown

    @property
    def selected(self) -> RowT | None:
        return self.table.selected

    def show(self) -> None:
        """Draw the rows the table holds again (the width changed)."""

    def show_intro(self, intro: Content) -> None:
        self.query_one(f"#{self.ROWS_ID}-intro", Static).update(intro)
        self.refresh_bindings()
