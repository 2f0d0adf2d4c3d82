"""`ItemsScreen`: a session screen where items are typed, edited in place, deleted and undone.

The base of the facilitator's step screen and the participant's screen, which compose an
`EntryBar` (where items are typed) and `ItemColumn`s (where they are shown, selected and edited).
The flow is the same on both: the entry or a column asks (a message), the session's store
answers, and the screen shows what the store returned. Whose items may be changed is the
store's business: the participant's screen is handed a `ParticipantStore`, whose edits and
deletes are refused for anyone else's item. The typed text leaves the input only once saved;
a failed save keeps it (or the edit) open with its text; a delete can be undone.
"""

from __future__ import annotations

from typing import TypeVar

from textual import on
from textual.reactive import reactive

from workshop_tui.i18n import N_, _
from workshop_tui.content import Template
from workshop_tui.model import Clock, DeletedItem, Item, SessionInfo
from workshop_tui.screens.item_set import ItemSet
from workshop_tui.screens.session_screen import SessionScreen
from workshop_tui.session_store import SessionStore
from workshop_tui.text import short
from workshop_tui.widgets.entry import EntryBar
from workshop_tui.widgets.item_column import ItemColumn
from workshop_tui.widgets.item_input import ItemEditor, ItemInput
from workshop_tui.workers import store_work

ResultT = TypeVar("ResultT")


class ItemsScreen(SessionScreen[ResultT]):
    """Adding, editing, deleting (with undo) and the text left typed when leaving."""

    UNDO_HINT = N_("Ctrl+Z undoes it.")
    SHOWS_OWN_HIDDEN = False
    """Whether items written privately are shown here to their author (a participant's own screen)."""

    step: reactive[int] = reactive(1, init=False)
    """The step shown."""
    column: reactive[int] = reactive(0, init=False)
    """The column typed into (an index into the template's columns, `template.column_keys`)."""

    def __init__(self, session: SessionStore, info: SessionInfo, template: Template, *, clock: Clock) -> None:
        super().__init__(session, info, template, clock=clock)
        self.set_reactive(ItemsScreen.step, max(1, min(info.current_step, info.step_count)))
        self.items = ItemSet()
        """The items this screen holds (the whole session, or the step shown)."""
        self.undo_stack: list[DeletedItem] = []

    @property
    def entry_bar(self) -> EntryBar:
        return self.query_one(EntryBar)

    @property
    def entry(self) -> ItemInput:
        """The input line new items are typed into."""
        return self.entry_bar.input

    @property
    def speaker(self) -> str:
        """Who new items are by ("" for anonymous)."""
        return self.entry_bar.speaker

    @property
    def columns(self) -> list[ItemColumn]:
        return list(self.query(ItemColumn))

    def column_for(self, key: str) -> ItemColumn:
        return self.query_one(f"#col-{key}", ItemColumn)

    @property
    def active_column(self) -> ItemColumn:
        return self.columns[self.column]

    @property
    def editing(self) -> bool:
        return any(column.editor is not None for column in self.columns)

    def items_changed(self) -> None:
        """Items were saved or deleted here (beyond the columns, which show them already)."""

    def may_go_to(self, number: int) -> bool:
        """Whether another step, `number`, can be shown now (an open edit is finished first)."""
        if not 1 <= number <= self.info.step_count or number == self.step:
            return False
        if self.editing:
            self.notify(_("Finish the edit first: Enter saves it, Escape cancels it."), severity="warning")
            return False
        return True

    # -- columns and focus -----------------------------------------------------------------

    def set_active(self, index: int) -> None:
        """Make column `index` the one typed into; move focus along if a column had it."""
        focus_column = isinstance(self.focused, ItemColumn)
        self.column = self.entry_bar.column = index % len(self.template.columns)
        if focus_column:
            self.active_column.focus()

    def action_next_column(self) -> None:
        self.set_active(self.column + 1)

    def action_previous_column(self) -> None:
        self.set_active(self.column - 1)

    def on_entry_bar_column_chosen(self, event: EntryBar.ColumnChosen) -> None:
        self.column = event.column  # the entry has it already

    @on(ItemColumn.Activated)
    def _column_activated(self, event: ItemColumn.Activated) -> None:
        self.column = self.entry_bar.column = self.columns.index(event.column)

    def action_select_items(self) -> None:
        self.active_column.focus()

    def action_focus_input(self) -> None:
        self.entry.focus()

    def typing_input(self) -> ItemInput | None:
        """Where a letter typed on a selected item goes (with focus): the input line."""
        return None if self.entry.read_only else self.entry

    def action_toggle_brief(self) -> None:
        self.toggle_class("-brief-open")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_column", "previous_column"):
            return not isinstance(self.focused, ItemEditor)
        if action == "select_items":
            return self.focused is self.entry or self.focused is None
        if action == "undo_delete":
            return bool(self.undo_stack)
        return True

    # -- adding ----------------------------------------------------------------------------

    @on(EntryBar.AddRequested)
    def _add_requested(self, event: EntryBar.AddRequested) -> None:
        self.add_item(event)

    @store_work(N_("Not saved: your text is still in the box"))
    async def add_item(self, request: EntryBar.AddRequested) -> bool:
        """Save a typed item; clear it from the input only once the store has it."""
        entry = request.entry
        entry.set_saving(True)
        saved = False
        try:
            item = await self.session.add_item(request.step, request.column, request.text, author=request.author,
                                               item_id=request.item_id)
            saved = True
        finally:
            entry.set_saving(False)
            if not saved:
                entry.save_failed()
        entry.saved(request.typed or request.text)
        if item.hidden and not self.SHOWS_OWN_HIDDEN:
            # Written privately on the shared screen: kept hidden, counted, shown at the reveal.
            self.notify(_("Saved privately: it shows when the step is revealed (Ctrl+R)."))
            self.reread()
            return True
        self.items.remember(item)
        self.items_changed()
        if item.step == self.step:
            await self.column_for(item.column).add(item)
        return True

    # -- editing ---------------------------------------------------------------------------

    async def on_item_column_edit_requested(self, event: ItemColumn.EditRequested) -> None:
        if event.column.can_edit(event.item):  # (the store refuses anyway: this is for the eye)
            await event.column.begin_edit(event.item.id)

    def on_item_column_edit_submitted(self, event: ItemColumn.EditSubmitted) -> None:
        self.save_edit(event.column, event.item, event.text)

    @store_work(N_("Edit not saved: your text is still open"))
    async def save_edit(self, column: ItemColumn, item: Item, text: str) -> bool:
        editor = column.editor
        if text == item.text:
            await column.end_edit()
            return True
        if editor is not None:
            editor.set_saving(True)
        try:
            saved = await self.session.edit_item(item, text)
        finally:
            if editor is not None:
                editor.set_saving(False)
        self.items.remember(saved)
        column.replace(saved)
        await column.end_edit(refocus=column.editor is not None and self.focused is column.editor)
        return True

    # -- deleting and undoing ----------------------------------------------------------------

    def on_item_column_delete_requested(self, event: ItemColumn.DeleteRequested) -> None:
        if event.column.can_edit(event.item):
            self.delete_item(event.column, event.item)

    @store_work(N_("Not deleted"))
    async def delete_item(self, column: ItemColumn, item: Item) -> None:
        deleted = await self.session.delete_item(item)
        self.undo_stack.append(deleted)
        await column.remove_item(item.id)
        self.items.forget(item)
        self.items_changed()
        self.refresh_bindings()
        self.notify(self.deleted_notice(deleted.item), markup=False)

    @store_work(N_("Not restored"))
    async def action_undo_delete(self) -> None:
        if not self.undo_stack:
            self.notify(_("Nothing to undo."))
            return
        deleted = self.undo_stack.pop()
        restored = False
        try:
            item = await self.session.restore_item(deleted)
            restored = True
        finally:
            if not restored:
                self.undo_stack.append(deleted)
        self.refresh_bindings()
        await self.item_restored(item)
        self.withdraw_notice(self.deleted_notice(deleted.item))  # its undo hint is done
        self.notify(_("Restored “{text}” (step {step}).").format(text=short(item.text), step=item.step), markup=False)

    def deleted_notice(self, item: Item) -> str:
        return _("Deleted “{text}”. {undo}").format(text=short(item.text), undo=_(self.UNDO_HINT))

    def withdraw_notice(self, message: str) -> None:
        """Take a notification off the screen before its time (Textual has no public way yet)."""
        for notification in list(self.app._notifications):
            if notification.message == message:
                self.app._unnotify(notification)

    async def item_restored(self, item: Item) -> None:
        """Show an item brought back by undo (in its place, selected, if its step is shown)."""
        self.items.remember(item)
        if item.step == self.step:
            await self.column_for(item.column).show_items(self.items.of(self.step, item.column), select=item.id)
        self.items_changed()

    # -- moving ----------------------------------------------------------------------------

    @on(ItemColumn.MoveRequested)
    def _move_requested(self, event: ItemColumn.MoveRequested) -> None:
        if event.column.can_move:
            self.move_item(event.column, event.item, event.offset)

    @store_work(N_("Not moved"))
    async def move_item(self, column: ItemColumn, item: Item, offset: int) -> None:
        moved = await self.session.move_item(item, offset)
        self.items.remember(*moved)
        if item.step == self.step:
            await column.show_items(moved, select=item.id)

    # -- leaving with text typed -----------------------------------------------------------

    def pending_text(self) -> str:
        """Text typed but not saved: an open edit that changed, or the input's text."""
        for column in self.columns:
            editor = column.editor
            if editor is not None and editor.changed and editor.text.strip():
                return editor.text
        return self.entry.text if self.entry.text.strip() else ""

    async def save_pending(self) -> bool:
        """Save what `pending_text` reports; False (with the error shown) if a save failed."""
        for column in self.columns:
            editor: ItemEditor | None = column.editor
            if editor is not None and editor.changed and editor.text.strip():
                item = next((i for i in column.items if i.id == editor.item_id), None)
                if item is not None and not await self.save_edit(column, item, editor.text).wait():
                    return False
        if self.entry.text.strip():
            return bool(await self.add_item(self.entry_bar.request(self.entry.text)).wait())
        return True
