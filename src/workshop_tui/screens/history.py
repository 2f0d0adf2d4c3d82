"""The history of a session: every change to its items, who made it and when; Enter shows the
summary as the session was right after the highlighted change (`SummaryAtScreen`).

The same history as `workshop-tui history`, newest last; times in this machine's time zone.
The summary at a moment is read from the history (`Store.session_data_at`): items, votes,
clusters and follow-ups as they were then; it can be exported from there like the live one.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from rich.text import Text
from textual import on
from textual.app import SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable

from workshop_tui.i18n import N_, _, ngettext
from workshop_tui.i18n.words import change_word, status_word
from workshop_tui.content import Template
from workshop_tui.model import Clock, HistoryEntry, SessionData, SessionInfo
from workshop_tui.moments import shown
from workshop_tui.screens.rows_screen import RowsScreen
from workshop_tui.screens.summary import SummaryScreen
from workshop_tui.session_store import SessionStore
from workshop_tui.text import short
from workshop_tui.widgets.progress_header import ProgressHeader

PADDING = 5 * 2 + 4  # cell padding, borders
NARROW = 110  # below this width: the time without the date (when every change is of one day), short columns


def what(entry: HistoryEntry) -> str:
    """The kind of change as a person says it: `voted (Ana)`, `follow-up done`, `carried over`."""
    if entry.kind in ("voted", "unvoted") and entry.detail.get("participant"):
        return f"{change_word(entry.kind)} ({entry.detail['participant']})"
    if entry.kind == "status":
        return _("follow-up {status}").format(status=status_word(entry.detail.get("status", "")))
    if entry.kind == "added" and entry.detail.get("carried_from"):
        return _("carried over")
    return change_word(entry.kind)


class HistoryScreen(RowsScreen[None, HistoryEntry]):
    """The changes, oldest first; Enter: the summary as it was then."""

    CSS_PATH = "history.tcss"
    TITLE = N_("History")
    ROWS_ID = "history"
    HELP_TITLE = N_("History")
    HELP_KEYS = (Binding("up,down", "", N_("Choose a moment")),)

    BINDINGS = [
        Binding("s", "as_of", N_("Summary then"), tooltip=N_("The summary as the session was right after this change (Enter)")),
        Binding("escape,h", "back", N_("Back"), tooltip=N_("Back to the summary")),
    ]

    async def refresh_view(self) -> None:
        at_end = self.selected is None or self.selected is self.rows[-1]
        self.show(await self.session.history(), at_end=at_end)
        self.loaded = True

    def show(self, entries: Sequence[HistoryEntry] | None = None, at_end: bool = False) -> None:
        rows = self.rows if entries is None else entries
        narrow = self.size.width < NARROW
        one_day = len({shown(entry.at)[:-9] for entry in rows}) <= 1
        when_width = (8 if one_day else 11) if narrow else 19
        who_width, what_width, where_width = (12, 14, 10) if narrow else (14, 18, 14)
        width = max(16, self.size.width - when_width - who_width - what_width - where_width - PADDING)

        def cells(entry: HistoryEntry) -> tuple[object, ...]:
            when = shown(entry.at)
            when = (when[-8:] if one_day else shown(entry.at, short=True)) if narrow else when
            where = f"{entry.step} {entry.column}" if narrow else _("step {step} {column}").format(
                step=entry.step, column=entry.column)
            item = Text(_("a private item"), style="dim italic") if entry.private else Text(short(entry.text, width))
            return (when, Text(short(entry.who or _("facilitator"), who_width)),
                    Text(short(what(entry), what_width)), where, item)

        self.table.show_rows(rows, ((_("When"), when_width), (_("Who"), who_width), (_("What"), what_width),
                               (_("Step") if narrow else _("Where"), where_width), (_("Item"), width)),
                        cells, at_end=at_end)
        count = len(self.rows)
        intro = (Content.assemble((ngettext("{count} change", "{count} changes", count).format(count=count), "bold"),
                                  (_("  ·  Enter shows the summary as it was right after the highlighted one"), "dim"))
                 if count else Content.styled(_("Nothing has changed yet: the history starts with the first item."),
                                              "dim"))
        self.show_intro(intro)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.selected is not None if action == "as_of" else True

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_as_of()

    def action_as_of(self) -> None:
        entry = self.selected
        if entry is not None:
            self.app.push_screen(self.view(SummaryAtScreen, moment=entry.at))

    def action_back(self) -> None:
        self.dismiss()

    def palette_commands(self) -> Iterable[SystemCommand]:
        if self.selected is not None:
            yield SystemCommand(_("Summary then"), _("The summary as it was right after this change (Enter)"),
                                self.action_as_of)
        yield SystemCommand(_("Back"), _("Back to the summary (Escape)"), self.action_back)


class SummaryAtScreen(SummaryScreen):
    """The summary as the session was at a recorded moment; exported as shown."""

    BINDINGS = [Binding("escape", "back", N_("Back to the history"), tooltip=N_("Back to the list of changes"))]

    def __init__(self, session: SessionStore, info: SessionInfo, template: Template, *, clock: Clock,
                 moment: str) -> None:
        super().__init__(session, info, template, clock=clock)
        self.moment = moment

    def on_mount(self) -> None:
        # Textual runs the summary's own on_mount too (it names the summary): this title comes after.
        self.call_after_refresh(self._title_at)

    def _title_at(self) -> None:
        self.query_one(ProgressHeader).set_title(_("Summary as at {moment} · {title}").format(moment=shown(self.moment), title=self.info.title))

    async def read_data(self) -> SessionData:
        return await self.session.data_at(self.moment)

    def action_history(self) -> None:
        self.dismiss()
