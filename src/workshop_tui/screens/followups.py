"""The follow-ups view: every commitment of the session (step, text, owner, due, status), to edit,
close as done or dropped, open again, or clear. Those carried over from the previous session
(`new --continue`, the start screen's Continue) are marked ↻, from last time.

Dismisses with a step number when the user asks to go to a follow-up's step (the step screen
goes there), else None. Re-reads the store whenever anyone commits.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Static

from workshop_tui.model import Item
from workshop_tui.screens.session_screen import StepPicker
from workshop_tui.text import short
from workshop_tui.widgets.footer import AppFooter
from workshop_tui.widgets.progress_header import ProgressHeader
from workshop_tui.workers import store_work

FIXED_WIDTH = 6 + 18 + 12 + 10 + 5 * 2 + 4  # step, owner, due, status, cell padding, borders
STATUS_STYLES = {"open": "", "done": "bold $success", "dropped": "dim", "carried": "dim italic"}
CARRIED_MARK = "↻ "


class FollowupsScreen(StepPicker):
    """A table of follow-ups; Enter edits the highlighted one."""

    CSS_PATH = "followups.tcss"
    HELP_TITLE = "Follow-ups"
    HELP_KEYS = (Binding("up,down", "", "Choose a follow-up"),)

    BINDINGS = [
        Binding("enter,e", "edit", "Edit", tooltip="Change the owner or due date of the highlighted follow-up"),
        Binding("x", "status('done')", "Done", tooltip="Close the highlighted follow-up as done"),
        Binding("minus", "status('dropped')", "Dropped", tooltip="Close the highlighted follow-up as dropped"),
        Binding("o", "status('open')", "Open again",
                tooltip="Open the highlighted follow-up again (continuing the session carries it over)"),
        Binding("delete,d", "clear", "Clear", tooltip="No longer a follow-up (the item itself stays)"),
        Binding("g", "go", "Go to step", tooltip="Go to the step of the highlighted follow-up"),
        Binding("escape,f4", "back", "Back", tooltip="Back to where you were"),
    ]

    followups: Sequence[Item] = ()

    def compose(self) -> ComposeResult:
        yield ProgressHeader(f"Follow-ups · {self.info.title}")
        yield Static(id="followups-intro")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="followups")
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.reread()

    def on_resize(self) -> None:
        self.show()

    @property
    def selected(self) -> Item | None:
        table = self.query_one(DataTable)
        if not self.followups or table.cursor_row is None:
            return None
        return self.followups[min(table.cursor_row, len(self.followups) - 1)]

    async def refresh_view(self) -> None:
        self.followups = await self.session.followups()
        self.show()
        self.loaded = True

    def show(self) -> None:
        table = self.query_one(DataTable)
        selected = self.selected
        row = table.cursor_row
        table.clear(columns=True)
        text_width = max(16, self.size.width - FIXED_WIDTH)
        table.add_column("Step", width=4)
        table.add_column("Follow-up", width=text_width)
        table.add_column("Owner", width=16)
        table.add_column("Due", width=10)
        table.add_column("Status", width=8)
        for item in self.followups:
            mark = CARRIED_MARK if item.from_last_time else ""
            table.add_row(
                Text(str(item.step), justify="right"),
                Text.assemble((mark, "bold"), short(item.text, text_width - len(mark))),
                Text(item.owner or "nobody yet", style="" if item.owner else "dim italic"),
                Text(item.due or "—", style="" if item.due else "dim"),
                Content.styled(item.followup_status, STATUS_STYLES.get(item.followup_status, "")),
                key=item.id,
            )
        if selected is not None and selected.id in {item.id for item in self.followups}:
            table.move_cursor(row=[item.id for item in self.followups].index(selected.id), animate=False)
        elif row:
            table.move_cursor(row=min(row, len(self.followups) - 1), animate=False)
        count = len(self.followups)
        still_open = sum(1 for item in self.followups if item.followup_status == "open")
        carried = any(item.from_last_time for item in self.followups)
        intro = (Content.assemble((f"{count} follow-up{'s' if count != 1 else ''}, {still_open} open", "bold"),
                                  ("  ·  x done · - dropped · o open again · Enter edits · g goes to the step", "dim"),
                                  ("  ·  ↻ from last time" if carried else "", "dim"))
                 if count else
                 Content.styled("No follow-ups yet. On a step, select an item (Esc) and press Ctrl+F to make it one: "
                                "an action with an owner and a due date (steps 5 and 8 end in them).", "dim"))
        self.query_one("#followups-intro", Static).update(intro)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "clear", "go"):
            return bool(super().check_action(action, parameters)) and self.selected is not None
        if action == "status":
            item = self.selected
            return item is not None and item.followup_status not in (parameters[0], "carried")
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

    @store_work("Not cleared")
    async def action_clear(self) -> None:
        item = self.selected
        if item is None:
            return
        await self.session.clear_followup(item)
        self.notify(f"“{short(item.text, 40)}” is no longer a follow-up.", markup=False)
        self.reread()

    @store_work("Status not changed")
    async def action_status(self, status: str) -> None:
        item = self.selected
        if item is None or item.followup_status in (status, "carried"):
            return
        saved = await self.session.set_followup_status(item, status)
        self.notify(f"“{short(item.text, 40)}”: {saved.followup_status}.", markup=False)
        self.reread()

    def action_go(self) -> None:
        item = self.selected
        self.go_to(item.step if item is not None else None)

    def palette_commands(self) -> Iterable[SystemCommand]:
        if self.selected is not None:
            yield SystemCommand("Edit follow-up", "Owner and due date (Enter)", self.action_edit)
            for status, help_ in (("done", "Close it as done (X)"), ("dropped", "Close it as dropped (-)"),
                                  ("open", "Open it again: continuing the session carries it over (O)")):
                if self.check_action("status", (status,)):
                    yield SystemCommand(f"Follow-up {status}", help_, lambda s=status: self.action_status(s))
            yield SystemCommand("Clear follow-up", "No longer a follow-up (D)", self.action_clear)
            if self.can_go:
                yield SystemCommand("Go to its step", "Leave for the follow-up's step (G)", self.action_go)
        yield SystemCommand("Back", "Leave the follow-ups (Escape)", self.action_back)
