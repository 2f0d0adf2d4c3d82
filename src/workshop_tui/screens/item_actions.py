"""Editing and deleting items, and saving typed text on the way out: what the facilitator's
step screen and the participant's screen share.

A mixin of `StepScreen` and `ParticipantScreen`. Each says how its store call is made
(`edit_in_store`, `delete_in_store`: the participant's may only touch their own items) and what
else to redraw (`item_saved`, `item_deleted`); the flow is the same: the column asks, the store
answers, and the column shows what the store returned. A failed save keeps the edit open with
its text; a delete can be undone (`undo_stack`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from workshop_tui.model import DeletedItem, Item
from workshop_tui.store.errors import StoreError
from workshop_tui.text import short
from workshop_tui.widgets.item_column import ItemColumn
from workshop_tui.widgets.item_input import ItemEditor

if TYPE_CHECKING:
    from workshop_tui.app import WorkshopApp
    from workshop_tui.widgets.item_input import ItemInput


class ItemActions:
    """Edit in place, delete (with undo), and the text left typed when leaving."""

    UNDO_HINT = "Press u to undo."

    if TYPE_CHECKING:
        workshop: WorkshopApp
        entry: ItemInput
        columns: list[ItemColumn]
        items: list[Item]
        undo_stack: list[DeletedItem]

        def notify(self, message: str, **kwargs: object) -> None: ...
        def refresh_bindings(self) -> None: ...
        def query(self, selector: object) -> object: ...
        def add_item(self, text: str) -> object: ...
        @property
        def focused(self) -> object: ...

    # -- what each screen says -------------------------------------------------------------

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
