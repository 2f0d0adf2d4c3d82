"""The follow-ups view: every commitment of the session (step, text, owner, due, status), to edit,
close as done or dropped, open again, or clear. Those carried over from the previous session
(`new --continue`, the start screen's Continue) are marked ↻, from last time.

No letter changes anything here (a sentence typed on the wrong screen must not close a
follow-up): the changes are on Ctrl keys and Delete, and Ctrl+Z undoes them, latest first.

Dismisses with a step number when the user asks to go to a follow-up's step (the step screen
goes there), else None. Re-reads the store whenever anyone commits.
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
from workshop_tui.i18n.words import status_word
from workshop_tui.model import Item
from workshop_tui.screens.rows_screen import RowsScreen
from workshop_tui.screens.session_screen import StepPicker
from workshop_tui.text import short
from workshop_tui.workers import store_work

FIXED_WIDTH = 6 + 18 + 12 + 10 + 5 * 2 + 4  # step, owner, due, status, cell padding, borders
STATUS_STYLES = {"open": "", "done": "bold $success", "dropped": "dim", "carried": "dim italic"}
CARRIED_MARK = "↻ "


class FollowupsScreen(RowsScreen["int | None", Item], StepPicker):
    """A table of follow-ups; Enter edits the highlighted one."""

    CSS_PATH = "followups.tcss"
    TITLE = N_("Follow-ups")
    ROWS_ID = "followups"
    HELP_TITLE = N_("Follow-ups")
    HELP_KEYS = (Binding("up,down", "", N_("Choose a follow-up")),)

    BINDINGS = [
        Binding("enter", "edit", N_("Edit"), tooltip=N_("Change the owner or due date of the highlighted follow-up")),
        Binding("ctrl+d", "status('done')", N_("Done"), tooltip=N_("Close the highlighted follow-up as done")),
        Binding("ctrl+x", "status('dropped')", N_("Dropped"), tooltip=N_("Close the highlighted follow-up as dropped")),
        Binding("ctrl+o", "status('open')", N_("Open again"),
                tooltip=N_("Open the highlighted follow-up again (continuing the session carries it over)")),
        Binding("delete", "clear", N_("Clear"), key_display="Del",
                tooltip=N_("No longer a follow-up (the item itself stays; Ctrl+Z undoes)")),
        Binding("ctrl+z", "undo", N_("Undo"), tooltip=N_("Undo the last change made here: a status or a clear")),
        Binding("ctrl+g", "go", N_("Go to step"), tooltip=N_("Go to the step of the highlighted follow-up")),
        Binding("escape,f4", "back", N_("Back"), tooltip=N_("Back to where you were")),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.undo_stack: list[Item] = []
        """Follow-ups as they were before each change made here, latest last."""

    async def refresh_view(self) -> None:
        self.show(await self.session.followups())
        self.loaded = True

    def show(self, followups: Sequence[Item] | None = None) -> None:
        rows = self.rows if followups is None else followups
        text_width = max(16, self.size.width - FIXED_WIDTH)

        def cells(item: Item) -> tuple[object, ...]:
            mark = CARRIED_MARK if item.from_last_time else ""
            return (Text(str(item.step), justify="right"),
                    Text.assemble((mark, "bold"), short(item.text, text_width - len(mark))),
                    Text(item.owner or _("nobody yet"), style="" if item.owner else "dim italic"),
                    Text(item.due or "—", style="" if item.due else "dim"),
                    Content.styled(item.followup_status, STATUS_STYLES.get(item.followup_status, "")))

        self.table.show_rows(rows, ((_("Step"), 4), (_("Follow-up"), text_width), (_("Owner"), 16), (_("Due"), 10), (_("Status"), 8)),
                        cells, key=lambda item: item.id)
        count = len(rows)
        still_open = sum(1 for item in rows if item.followup_status == "open")
        carried = any(item.from_last_time for item in rows)
        intro = (Content.assemble((ngettext("{count} follow-up, {open} open", "{count} follow-ups, {open} open", count).format(
                                      count=count, open=still_open), "bold"),
                                  (_("  ·  Ctrl+D done · Ctrl+X dropped · Ctrl+O open again · Enter edits"), "dim"),
                                  (_("  ·  ↻ from last time") if carried else "", "dim"))
                 if count else
                 Content.styled(_("No follow-ups yet. On a step, select an item (Esc) and press Ctrl+F to make it one: "
                                  "an action with an owner and a due date (steps 5 and 8 end in them)."), "dim"))
        self.show_intro(intro)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "go"):
            return bool(super().check_action(action, parameters)) and self.selected is not None
        if action == "clear":
            return self.selected is not None and self.selected.followup_status != "carried"
        if action == "status":
            item = self.selected
            return item is not None and item.followup_status not in (parameters[0], "carried")
        if action == "undo":
            return bool(self.undo_stack)
        return True

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_edit(self) -> None:
        from workshop_tui.screens.followup_dialog import ask_followup

        item = self.selected
        if item is not None:
            ask_followup(self, self.session, item, self.info.participants, on_saved=lambda _: self.reread())

    @store_work(N_("Not cleared"))
    async def action_clear(self) -> None:
        item = self.selected
        if item is None:
            return
        await self.session.clear_followup(item)
        self.undo_stack.append(item)
        self.notify(_("“{text}” is no longer a follow-up. Ctrl+Z undoes it.").format(text=short(item.text, 40)),
                    markup=False)
        self.reread()

    @store_work(N_("Status not changed"))
    async def action_status(self, status: str) -> None:
        item = self.selected
        if item is None or item.followup_status in (status, "carried"):
            return
        saved = await self.session.set_followup_status(item, status)
        self.undo_stack.append(item)
        self.notify(_("“{text}”: {status}. Ctrl+Z undoes it.").format(text=short(item.text, 40),
                                                                     status=status_word(saved.followup_status)),
                    markup=False)
        self.reread()

    @store_work(N_("Not undone"))
    async def action_undo(self) -> None:
        if not self.undo_stack:
            self.notify(_("Nothing to undo."))
            return
        before = self.undo_stack.pop()
        try:
            await self.session.restore_followup(before)
        except BaseException:
            self.undo_stack.append(before)  # still there to try again
            raise
        self.notify(_("Undone: “{text}” is {status} again.").format(text=short(before.text, 40),
                                                                   status=status_word(before.followup_status)),
                    markup=False)
        self.reread()

    def action_go(self) -> None:
        item = self.selected
        self.go_to(item.step if item is not None else None)

    def palette_commands(self) -> Iterable[SystemCommand]:
        if self.selected is not None:
            yield SystemCommand(_("Edit follow-up"), _("Owner and due date (Enter)"), self.action_edit)
            for status, help_ in (("done", _("Close it as done (Ctrl+D)")), ("dropped", _("Close it as dropped (Ctrl+X)")),
                                  ("open", _("Open it again: continuing the session carries it over (Ctrl+O)"))):
                if self.check_action("status", (status,)):
                    yield SystemCommand(_("Follow-up {status}").format(status=status_word(status)), help_, lambda s=status: self.action_status(s))
            yield SystemCommand(_("Clear follow-up"), _("No longer a follow-up (Delete)"), self.action_clear)
            if self.can_go:
                yield SystemCommand(_("Go to its step"), _("Leave for the follow-up's step (Ctrl+G)"), self.action_go)
        if self.undo_stack:
            yield SystemCommand(_("Undo"), _("Undo the last status change or clear made here (Ctrl+Z)"), self.action_undo)
        yield SystemCommand(_("Back"), _("Leave the follow-ups (Escape)"), self.action_back)
