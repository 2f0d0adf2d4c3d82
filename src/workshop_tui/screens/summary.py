"""The summary: the whole table, one row per step and one column per kind of item, as in the seed.

The row of the step the session is on is tinted. In each cell clusters stay together and items
are ordered by votes, as in the exports. Below the table, the session's statistics: items per
step and column, contributions per participant, time per step against the plan (`stats.py`,
drawn by `SessionStatsView`). The agenda (a), the follow-ups (f) and the history (h: every change,
and the summary as it was at any of them, `screens/history.py`) open from here too.

From here the session is exported (wikitext, CSV, Markdown, JSON) to a file or the clipboard.
The export dialog only collects the choice; this screen asks `workshop_tui.export` for the
text, writes the file (asking before it replaces one) and says where it went.
"""

from __future__ import annotations

import asyncio
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from workshop_tui.i18n import N_, _, formats, ngettext
from workshop_tui import locations, stats
from workshop_tui.model import SessionData
from workshop_tui.screens.session_screen import SessionScreen
from workshop_tui.widgets.footer import AppFooter
from workshop_tui.widgets.progress_header import ProgressHeader
from workshop_tui.widgets.session_stats import SessionStatsView
from workshop_tui.widgets.summary_grid import SummaryGrid

if TYPE_CHECKING:
    from workshop_tui.screens.export_dialog import ExportRequest


def _home_relative(path: Path) -> str:
    """A path as people read it: `~/Documents/x.wiki` rather than `/home/ana/Documents/x.wiki`."""
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except ValueError:
        return str(path)


class SummaryScreen(SessionScreen[None]):
    """The session's whole table; Escape goes back to the step."""

    CSS_PATH = "summary.tcss"
    HELP_TITLE = N_("Summary")

    BINDINGS = [
        Binding("e", "export", N_("Export"), tooltip=N_("Export to a file or the clipboard")),
        Binding("a", "agenda", N_("Agenda"), tooltip=N_("Planned against actual time per step")),
        Binding("f", "followups", N_("Follow-ups"), tooltip=N_("Every follow-up: step, text, owner, due date")),
        Binding("h", "history", N_("History"), tooltip=N_("Every change, who made it and when; the summary at any moment")),
        Binding("escape,ctrl+s", "back", N_("Back to the step"), tooltip=N_("Back to the step you were on")),
        Binding("home", "scroll_top", N_("Top"), show=False),
        Binding("end", "scroll_bottom", N_("Bottom"), show=False),
    ]

    data: SessionData | None = None

    def __init__(self, *args, export: str | None = None, **kwargs) -> None:
        """`export`: open the export dialog once the summary is read ("" = the format used last)."""
        super().__init__(*args, **kwargs)
        self.export_when_read = export
        self._first_read: asyncio.Future[SessionData] | None = None
        # The read starts at once, while the screen is put together (a big session's takes
        # longer than that), as soon as the screen opening this one is done with it.
        asyncio.get_running_loop().call_soon(self._start_reading)

    def _start_reading(self) -> None:
        if self._first_read is None and self.data is None:
            self._first_read = asyncio.ensure_future(self.read_data())
            self._first_read.add_done_callback(lambda read: read.cancelled() or read.exception())  # seen when awaited

    def compose(self) -> ComposeResult:
        yield ProgressHeader(self.info.title)
        with VerticalScroll(id="summary"):
            yield Static(id="summary-info")
            yield Static(_("Loading…"), id="summary-loading")
            yield SummaryGrid(id="summary-grid")
            yield SessionStatsView(id="summary-stats")
        yield Static(id="export-status")
        yield AppFooter()

    def on_mount(self) -> None:
        header = self.query_one(ProgressHeader)
        header.set_title(_("Summary · {title}").format(title=self.info.title))
        self.query_one("#export-status").display = False
        self.query_one("#summary").focus()
        self.reread()

    async def refresh_view(self) -> None:
        if self.data is not None:
            # A cheap look first: other sessions' changes leave this one as it is.
            info = await self.session.info()
            if info.updated_at == self.data.info.updated_at:
                return
        first, self._first_read = self._first_read, None
        data = await (first if first is not None else self.read_data())
        self.data = data
        self.info = data.info
        self.query_one("#summary-info", Static).update(self._info_line(data))
        self.query_one("#summary-loading").display = False
        long = len(data.items) > SummaryGrid.COUNTED_AT_ONCE
        self.query_one("#summary").set_class(long, "-long")
        self.query_one(SummaryGrid).show(data, self.template)
        if long:  # the statistics are thousands of lines below the screen: drawn right after it
            self.call_after_refresh(self._show_stats, data)
        else:
            self._show_stats(data)
        self.loaded = True
        if self.export_when_read is not None:
            fmt, self.export_when_read = self.export_when_read, None
            self.action_export(fmt or None)

    def _show_stats(self, data: SessionData) -> None:
        if data is self.data:  # (not a read since replaced)
            self.query_one(SessionStatsView).show(stats.session_stats(data, self.template, now=self.clock()),
                                                  self.template)

    async def read_data(self) -> SessionData:
        """What the summary shows: the session now (the history's summary shows it at a moment)."""
        return await self.session.summary_data()

    def _info_line(self, data: SessionData) -> Content:
        info = data.info
        fields = [
            (_("Facilitator"), info.facilitator),
            (_("Participants"), ", ".join(info.participants)),
            (_("Event"), info.event),
            (_("Date"), info.date),
        ]
        parts = [Content.assemble((f"{label}: ", "bold"), value) for label, value in fields if value]
        parts.append(Content.styled(ngettext("{count} item", "{count} items", len(data.items)).format(count=len(data.items)), "dim"))
        return Content("  ·  ").join(parts)

    # -- keys ----------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss()

    def action_scroll_top(self) -> None:
        self.query_one("#summary", VerticalScroll).scroll_home()

    def action_scroll_bottom(self) -> None:
        self.query_one(SummaryGrid).count_all()  # the end is where every row's counted height puts it
        self.query_one("#summary", VerticalScroll).scroll_end()

    def action_agenda(self) -> None:
        from workshop_tui.screens.agenda import AgendaScreen

        self.app.push_screen(self.view(AgendaScreen, can_go=False))

    def action_history(self) -> None:
        from workshop_tui.screens.history import HistoryScreen

        self.app.push_screen(self.view(HistoryScreen))

    def action_followups(self) -> None:
        from workshop_tui.screens.followups import FollowupsScreen

        self.app.push_screen(self.view(FollowupsScreen, can_go=False))

    def action_export(self, fmt: str | None = None) -> None:
        from workshop_tui.screens.export_dialog import ExportDialog

        if self.data is None:
            self.notify(_("The summary is still loading."))
            return
        self.app.push_screen(ExportDialog(self.info.title, fmt=fmt), self._export_chosen)

    def _export_chosen(self, request: ExportRequest | None) -> None:
        if request is not None and request.action == "publish":
            from workshop_tui.screens.publish_dialog import PublishDialog

            self.app.push_screen(PublishDialog(self.session, self.info, self.template, self.app.catalog,
                                               read=self.read_data))
        elif request is not None:
            self.export(request)

    # -- exporting -----------------------------------------------------------------------

    @work(exclusive=True, group="export")
    async def export(self, request: ExportRequest, overwrite: bool = False) -> None:
        from workshop_tui import export

        if self.data is None:
            return
        text = await self._in_thread(export.export_text, self.data, self.template, request.fmt)
        if request.action == "copy":
            self.app.copy_to_clipboard(text)
            self.notify(_("Copied the {format} export ({count} characters) to the clipboard.").format(
                format=request.fmt, count=formats.number(len(text))))
            return
        path = request.path
        try:
            if path.parent == locations.export_dir():
                path.parent.mkdir(parents=True, exist_ok=True)  # a fresh account may have no Documents yet
            await self._in_thread(export.write_file, path, text, overwrite=overwrite)
        except FileExistsError:
            self._ask_overwrite(request)
            return
        except OSError as error:
            where = _home_relative(path)
            self.notify(f"{where}: {error.strerror or error}", title=_("Nothing written"), severity="error", markup=False)
            return
        where = _home_relative(path)
        status = self.query_one("#export-status", Static)
        status.update(Content.assemble((_("Exported "), "bold"), (request.fmt, "bold"), _(" to "), where))
        status.display = True
        self.notify(_("Wrote {path}").format(path=where), title=_("{format} export saved").format(format=request.fmt),
                    markup=False)

    def _ask_overwrite(self, request: ExportRequest) -> None:
        from workshop_tui.screens.confirm import ConfirmDialog

        message = Content.assemble(_home_relative(request.path), (_(" already exists. Replace it?"), ""))

        def answered(yes: bool | None) -> None:
            if yes:
                self.export(request, overwrite=True)
            else:
                self.notify(_("Nothing written: choose another name to keep both."))

        self.app.push_screen(ConfirmDialog(_("Replace the file?"), message, confirm=_("Replace"), danger=True), answered)

    async def _in_thread(self, function, *args, **kwargs):
        import asyncio
        from functools import partial

        return await asyncio.get_running_loop().run_in_executor(None, partial(function, *args, **kwargs))

    # -- command palette -----------------------------------------------------------------

    def palette_commands(self) -> Iterable[SystemCommand]:
        from workshop_tui.screens.export_dialog import EXPORT_COMMANDS

        for title, help_text, fmt in EXPORT_COMMANDS:
            yield SystemCommand(_(title), _("{help} (E)").format(help=_(help_text)), partial(self.action_export, fmt))
        yield SystemCommand(_("Back to the step"), _("Leave the summary (Escape)"), self.action_back)
        yield SystemCommand(_("Agenda"), _("Planned against actual time per step (A)"), self.action_agenda)
        yield SystemCommand(_("Follow-ups"), _("Every follow-up: step, text, owner, due date (F)"), self.action_followups)
        yield SystemCommand(_("History"), _("Every change, who made it and when; the summary at any moment (H)"),
                            self.action_history)
        yield SystemCommand(_("Top of the summary"), _("Scroll to step 1 (Home)"), self.action_scroll_top)
        yield SystemCommand(_("End of the summary"), _("Scroll to step 8 (End)"), self.action_scroll_bottom)
