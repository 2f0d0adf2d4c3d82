"""Adding, editing and deleting items, and saving typed text on the way out: what the
facilitator's step screen and the participant's screen share.

A mixin of `StepScreen` and `ParticipantScreen`. Each says who the author of a new item is
(`author`), how its store calls are made (`edit_in_store`, `delete_in_store`: the participant's
may only touch their own items) and what else to redraw (`item_added`, `item_saved`,
`item_deleted`); the flow is the same: the input or the column asks, the store answers, and
the screen shows what the store returned. The typed text leaves the input only once saved; a
failed save keeps it (or the edit) open with its text; a delete can be undone (`undo_stack`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from workshop_tui import timebox
from workshop_tui.model import DeletedItem, Item, new_id
from workshop_tui.store.errors import StoreError
from workshop_tui.text import short
from workshop_tui.widgets.item_column import ItemColumn
from workshop_tui.widgets.item_input import ItemEditor, ItemInput

if TYPE_CHECKING:
    from workshop_tui.app import WorkshopApp
    from workshop_tui.model import SessionInfo


class ItemActions:
    """Edit in place, delete (with undo), and the text left typed when leaving."""

    UNDO_HINT = "Press u to undo."
    VOTING_NOTE = "Voting is on: new items wait (your text stays here)."
    _pending_id: str | None = None  # the id of the item being saved: a repeated Enter stores it once

    if TYPE_CHECKING:
        workshop: WorkshopApp
        info: SessionInfo
        entry: ItemInput
        columns: list[ItemColumn]
        active_column: ItemColumn
        items: list[Item]
        undo_stack: list[DeletedItem]
        step: int
        phase: str

        def action_next_column(self) -> None: ...
        def action_previous_column(self) -> None: ...
        def query_one(self, selector: str, expect_type: type) -> object: ...

        def notify(self, message: str, **kwargs: object) -> None: ...
        def refresh_bindings(self) -> None: ...
        def query(self, selector: object) -> object: ...
        @property
        def focused(self) -> object: ...

    # -- what each screen says -------------------------------------------------------------

    @property
    def author(self) -> str | None:
        """Who a new item is by (None: anonymous)."""
        return None

    def item_added(self, item: Item) -> None:
        """A new item was saved (beyond the column, which shows it already)."""

    def may_change(self, item: Item) -> bool:
        """Whether this screen may edit or delete `item`."""
        return True

    def edit_in_store(self, item: Item, text: str) -> Item:
        raise NotImplementedError

    def delete_in_store(self, item: Item) -> DeletedItem:
        raise NotImplementedError

    def item_saved(self, item: Item) -> None:
        """An edit was saved (beyond the column, which shows it already)."""

    def item_deleted(self, item: Item) -> None:
        """An item was deleted (beyond the column, which no longer shows it)."""

    # -- adding ----------------------------------------------------------------------------

    def on_item_input_column_switch(self, event: ItemInput.ColumnSwitch) -> None:
        if event.item_input is self.entry:
            event.stop()
            self.action_next_column() if event.step > 0 else self.action_previous_column()

    def on_item_input_submitted(self, event: ItemInput.Submitted) -> None:
        if event.item_input is not self.entry:
            return
        event.stop()
        if not timebox.takes_new_items(self.phase):
            self.notify(self.VOTING_NOTE, severity="warning")
            self.entry.refused()
            return
        # The column and step are the ones shown when Enter was pressed, even if a Tab or
        # Ctrl+N typed right after it is handled before the save starts.
        self.add_item(event.text, self.active_column.key, self.step)

    @work(group="write")
    async def add_item(self, text: str, column_key: str | None = None, step: int | None = None) -> bool:
        """Save the typed text; clear the input only once the store has it."""
        store = self.workshop.store
        assert store is not None
        entry = self.entry
        column_key = column_key or self.active_column.key
        step = step or self.step
        if self._pending_id is None:
            self._pending_id = new_id()  # once per typed item: a repeated Enter stores it once
        entry.set_saving(True)
        try:
            item = await self.workshop.call_store(
                store.add_item, self.info.id, step, column_key, text, author=self.author, item_id=self._pending_id,
            )
        except StoreError as error:
            entry.save_failed()
            self.notify(str(error), title="Not saved: your text is still in the box", severity="error", markup=False)
            return False
        finally:
            entry.set_saving(False)
        self._pending_id = None
        entry.remove_saved(text)
        self.item_added(item)
        if item.step == self.step:
            await self.query_one(f"#col-{item.column}", ItemColumn).add(item)
        return True

    # -- editing ---------------------------------------------------------------------------

    async def on_item_column_edit_requested(self, event: ItemColumn.EditRequested) -> None:
        if self.may_change(event.item):
            await event.column.begin_edit(event.item.id)

    def on_item_column_edit_submitted(self, event: ItemColumn.EditSubmitted) -> None:
        self.save_edit(event.column, event.item, event.text)

    @work(group="write")
    async def save_edit(self, column: ItemColumn, item: Item, text: str) -> bool:
        editor = column.editor
        if text == item.text:
            await column.end_edit()
            return True
        if editor is not None:
            editor.set_saving(True)
        try:
            saved = await self.workshop.call_store(self.edit_in_store, item, text)
        except StoreError as error:
            self.notify(str(error), title="Edit not saved: your text is still open", severity="error", markup=False)
            return False
        finally:
            if editor is not None:
                editor.set_saving(False)
        self.item_saved(saved)
        column.replace(saved)
        await column.end_edit(refocus=column.editor is not None and self.focused is column.editor)
        return True

    # -- deleting --------------------------------------------------------------------------

    def on_item_column_delete_requested(self, event: ItemColumn.DeleteRequested) -> None:
        if self.may_change(event.item):
            self.delete_item(event.column, event.item)

    @work(group="write")
    async def delete_item(self, column: ItemColumn, item: Item) -> None:
        try:
            deleted = await self.workshop.call_store(self.delete_in_store, item)
        except StoreError as error:
            self.notify(str(error), title="Not deleted", severity="error", markup=False)
            return
        self.undo_stack.append(deleted)
        self.items = [i for i in self.items if i.id != item.id]
        await column.remove_item(item.id)
        self.item_deleted(item)
        self.refresh_bindings()
        self.notify(f"Deleted “{short(deleted.item.text)}”. {self.UNDO_HINT}", markup=False)

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
            return bool(await self.add_item(self.entry.text).wait())
        return True
