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
    TITLE = "Follow-ups"
    ROWS_ID = "followups"
    HELP_TITLE = "Follow-ups"
    HELP_KEYS = (Binding("up,down", "", "Choose a follow-up"),)

    BINDINGS = [
        Binding("enter", "edit", "Edit", tooltip="Change the owner or due date of the highlighted follow-up"),
        Binding("ctrl+d", "status('done')", "Done", tooltip="Close the highlighted follow-up as done"),
        Binding("ctrl+x", "status('dropped')", "Dropped", tooltip="Close the highlighted follow-up as dropped"),
        Binding("ctrl+o", "status('open')", "Open again",
                tooltip="Open the highlighted follow-up again (continuing the session carries it over)"),
        Binding("delete", "clear", "Clear", key_display="Del",
                tooltip="No longer a follow-up (the item itself stays; Ctrl+Z undoes)"),
        Binding("ctrl+z", "undo", "Undo", tooltip="Undo the last change made here: a status or a clear"),
        Binding("ctrl+g", "go", "Go to step", tooltip="Go to the step of the highlighted follow-up"),
        Binding("escape,f4", "back", "Back", tooltip="Back to where you were"),
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
                    Text(item.owner or "nobody yet", style="" if item.owner else "dim italic"),
                    Text(item.due or "—", style="" if item.due else "dim"),
                    Content.styled(item.followup_status, STATUS_STYLES.get(item.followup_status, "")))

        self.table.show_rows(rows, (("Step", 4), ("Follow-up", text_width), ("Owner", 16), ("Due", 10), ("Status", 8)),
                        cells, key=lambda item: item.id)
        count = len(rows)
        still_open = sum(1 for item in rows if item.followup_status == "open")
        carried = any(item.from_last_time for item in rows)
        intro = (Content.assemble((f"{count} follow-up{'s' if count != 1 else ''}, {still_open} open", "bold"),
                                  ("  ·  Ctrl+D done · Ctrl+X dropped · Ctrl+O open again · Enter edits", "dim"),
                                  ("  ·  ↻ from last time" if carried else "", "dim"))
                 if count else
                 Content.styled("No follow-ups yet. On a step, select an item (Esc) and press Ctrl+F to make it one: "
                                "an action with an owner and a due date (steps 5 and 8 end in them).", "dim"))
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

    @store_work("Not cleared")
    async def action_clear(self) -> None:
        item = self.selected
        if item is None:
            return
        await self.session.clear_followup(item)
        self.undo_stack.append(item)
        self.notify(f"“{short(item.text, 40)}” is no longer a follow-up. Ctrl+Z undoes it.", markup=False)
        self.reread()

    @store_work("Status not changed")
    async def action_status(self, status: str) -> None:
        item = self.selected
        if item is None or item.followup_status in (status, "carried"):
            return
        saved = await self.session.set_followup_status(item, status)
        self.undo_stack.append(item)
        self.notify(f"“{short(item.text, 40)}”: {saved.followup_status}. Ctrl+Z undoes it.", markup=False)
        self.reread()

    @store_work("Not undone")
    async def action_undo(self) -> None:
        if not self.undo_stack:
            self.notify("Nothing to undo.")
            return
        before = self.undo_stack.pop()
        try:
            await self.session.restore_followup(before)
        except BaseException:
            self.undo_stack.append(before)  # still there to try again
            raise
        self.notify(f"Undone: “{short(before.text, 40)}” is {before.followup_status} again.", markup=False)
        self.reread()

    def action_go(self) -> None:
        item = self.selected
        self.go_to(item.step if item is not None else None)

    def palette_commands(self) -> Iterable[SystemCommand]:
        if self.selected is not None:
            yield SystemCommand("Edit follow-up", "Owner and due date (Enter)", self.action_edit)
            for status, help_ in (("done", "Close it as done (Ctrl+D)"), ("dropped", "Close it as dropped (Ctrl+X)"),
                                  ("open", "Open it again: continuing the session carries it over (Ctrl+O)")):
                if self.check_action("status", (status,)):
                    yield SystemCommand(f"Follow-up {status}", help_, lambda s=status: self.action_status(s))
            yield SystemCommand("Clear follow-up", "No longer a follow-up (Delete)", self.action_clear)
            if self.can_go:
                yield SystemCommand("Go to its step", "Leave for the follow-up's step (Ctrl+G)", self.action_go)
        if self.undo_stack:
            yield SystemCommand("Undo", "Undo the last status change or clear made here (Ctrl+Z)", self.action_undo)
        yield SystemCommand("Back", "Leave the follow-ups (Escape)", self.action_back)
