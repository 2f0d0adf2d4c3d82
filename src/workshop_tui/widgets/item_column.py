"""One column of a step (Concrete actions, Potential obstacles or Tools): a list of items.

The column shows what the store returned and nothing else; it never saves. Keys on a
selected item post small messages (`EditRequested`, `DeleteRequested`, `MoveRequested`);
the step screen calls the store and hands back the result (`show_items`, `replace`, ...).
Editing happens in place: the item's row swaps its text for an `ItemEditor`.

Every item is drawn as `Content` built from plain text, so `[bold]` or `[@click=app.quit]`
typed by a participant is shown exactly as typed.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import ListItem, ListView, Static

from workshop_tui.model import Item
from workshop_tui.widgets.item_input import ItemEditor


def item_content(item: Item) -> Content:
    """An item as literal text, its author (if any) dimmed after it."""
    content = Content(item.text)
    if item.author:
        content = Content.assemble(content, "  ", ("— ", "dim"), (item.author, "dim italic"))
    return content


class ItemRow(ListItem):
    """One item in a column: a bullet and its text; holds an `ItemEditor` while edited."""

    DEFAULT_CSS = """
    ItemRow {
        padding-right: 1;
        & > Horizontal { height: auto; }
        & .bullet { width: 2; color: $text-muted; }
        & .item-text { width: 1fr; }
        &.-editing .item-text { display: none; }
    }
    """

    def __init__(self, item: Item, describe: Callable[[Item], Content] = item_content) -> None:
        super().__init__()
        self.item = item
        self.describe = describe

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static("•", classes="bullet", markup=False)
            yield Static(self.describe(self.item), classes="item-text")

    def show(self, item: Item) -> None:
        self.item = item
        self.query_one(".item-text", Static).update(self.describe(item))

    @property
    def editor(self) -> ItemEditor | None:
        editors = self.query(ItemEditor)
        return editors.first() if editors else None


class ItemColumn(ListView):
    """The items of one column of one step, in order; one of them is selected."""

    DEFAULT_CSS = """
    ItemColumn {
        height: 1fr;
        width: 1fr;
        border: round $foreground 30%;
        border-title-color: $text;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        padding: 0 0;
        scrollbar-size-vertical: 1;
        &.-active { border: round $accent; border-title-color: $accent; }
        &:focus { border: heavy $accent; }
    }
    """

    BINDINGS = [
        Binding("enter,e", "edit", "Edit", tooltip="Edit the selected item in place"),
        Binding("delete,d", "delete", "Delete", tooltip="Delete the selected item (u undoes)"),
        Binding("shift+up,K", "move(-1)", "Up", key_display="⇧↑", tooltip="Move the selected item up"),
        Binding("shift+down,J", "move(1)", "Down", key_display="⇧↓", tooltip="Move the selected item down"),
        Binding("escape,i", "screen.focus_input", "Type", tooltip="Back to typing a new item"),
        Binding("left", "screen.previous_column", "Previous column", show=False),
        Binding("right", "screen.next_column", "Next column", show=False),
        # The step's own keys still work here; hidden so the item keys fit an 80-column footer.
        Binding("tab", "screen.next_column", "Next column", show=False),
        Binding("ctrl+o", "screen.choose_speaker", "Speaker", show=False),
        Binding("ctrl+s", "screen.summary", "Summary", show=False),
    ]

    @dataclass
    class EditRequested(Message):
        """Open the selected item for editing."""

        column: "ItemColumn"
        item: Item

    @dataclass
    class EditSubmitted(Message):
        """An edit was confirmed with Enter: save `text` as the item's new text."""

        column: "ItemColumn"
        item: Item
        text: str

    @dataclass
    class DeleteRequested(Message):
        """Delete the selected item (the screen keeps it for undo)."""

        column: "ItemColumn"
        item: Item

    @dataclass
    class MoveRequested(Message):
        """Move the selected item up (negative offset) or down (positive)."""

        column: "ItemColumn"
        item: Item
        offset: int

    @dataclass
    class Activated(Message):
        """The column took focus (keyboard or mouse): it becomes the column typed into."""

        column: "ItemColumn"

    def __init__(
        self,
        key: str,
        label: str,
        *,
        id: str | None = None,
        can_edit: Callable[[Item], bool] | None = None,
        can_move: bool = True,
        describe: Callable[[Item], Content] = item_content,
    ) -> None:
        super().__init__(id=id, initial_index=None)
        self.key = key
        self.label = label
        self.can_edit: Callable[[Item], bool] = can_edit or (lambda item: True)
        """Which items may be edited and deleted here (the participant view: only their own)."""
        self.can_move = can_move
        """Whether items may be moved up and down (not in the participant view)."""
        self.describe = describe
        """How an item is drawn: literal text and author by default (`item_content`)."""
        self.border_title = Content(label)
        self._items: list[Item] = []
        # One change at a time: a reload and a live sync awaiting their mounts at once would
        # each clear and refill the list, and the rows would be doubled.
        self._changing = asyncio.Lock()

    # -- what is shown -------------------------------------------------------------------

    @property
    def items(self) -> list[Item]:
        return list(self._items)

    @property
    def selected_item(self) -> Item | None:
        row = self.highlighted_child
        return row.item if isinstance(row, ItemRow) else None

    @property
    def editor(self) -> ItemEditor | None:
        editors = self.query(ItemEditor)
        return editors.first() if editors else None

    async def show_items(self, items: list[Item], *, select: str | None = None) -> None:
        """Show exactly these items; keep `select` (an item id) selected if given."""
        async with self._changing:
            await self._show_items(items, select=select)

    async def sync(self, items: list[Item]) -> None:
        """Show these items, changing only what differs; keep the selection, never take focus."""
        async with self._changing:
            await self._sync(items)

    async def add(self, item: Item) -> None:
        """Show an item the store has just saved, at the end of the column."""
        async with self._changing:
            await self._add(item)

    async def remove_item(self, item_id: str) -> None:
        async with self._changing:
            await self._remove_item(item_id)

    async def _show_items(self, items: list[Item], *, select: str | None = None) -> None:
        """Show exactly these items; keep `select` (an item id) selected if given."""
        self._items = list(items)
        await self.clear()
        await self.extend(ItemRow(item, self.describe) for item in items)
        self._update_subtitle()
        if select is not None:
            self.select_id(select)

    async def _sync(self, items: list[Item]) -> None:
        """Show these items, changing only what differs; keep the selection, never take focus.

        Used for changes made elsewhere (another process, another screen). A column with an
        edit open is left as it is, so nobody's half-typed edit is pulled away.
        """
        if items == self._items or self.editor is not None:
            return
        old_ids = [item.id for item in self._items]
        new_ids = [item.id for item in items]
        if new_ids[: len(old_ids)] == old_ids:
            rows = list(self.query(ItemRow))
            for row, item in zip(rows, items):
                if row.item != item:
                    row.show(item)
            index = self.index
            self._items = list(items)
            if len(new_ids) > len(old_ids):
                await self.extend(ItemRow(item, self.describe) for item in items[len(old_ids) :])
                self.index = index  # new items from others do not move the selection
            self._update_subtitle()
            return
        selected = self.selected_item
        await self._show_items(items, select=selected.id if selected else None)

    async def _add(self, item: Item) -> None:
        """Show an item the store has just saved, at the end of the column."""
        if any(existing.id == item.id for existing in self._items):
            return
        self._items.append(item)
        await self.append(ItemRow(item, self.describe))
        self._update_subtitle()
        self.index = len(self._items) - 1

    def replace(self, item: Item) -> None:
        for index, existing in enumerate(self._items):
            if existing.id == item.id:
                self._items[index] = item
        for row in self.query(ItemRow):
            if row.item.id == item.id:
                row.show(item)

    async def _remove_item(self, item_id: str) -> None:
        for index, existing in enumerate(self._items):
            if existing.id == item_id:
                del self._items[index]
                await self.pop(index)
                break
        self._update_subtitle()

    def select_id(self, item_id: str) -> None:
        for index, existing in enumerate(self._items):
            if existing.id == item_id:
                self.index = index

    def _update_subtitle(self) -> None:
        count = len(self._items)
        self.border_subtitle = f"{count} item{'s' if count != 1 else ''}" if count else "empty"

    # -- editing in place ----------------------------------------------------------------

    async def begin_edit(self, item_id: str) -> ItemEditor | None:
        """Swap the item's text for an editor and focus it."""
        if self.editor is not None:
            return self.editor
        for row in self.query(ItemRow):
            if row.item.id == item_id:
                editor = ItemEditor(row.item.text, item_id=item_id)
                row.add_class("-editing")
                await row.query_one(Horizontal).mount(editor)
                editor.focus()
                return editor
        return None

    async def end_edit(self, *, refocus: bool = True) -> None:
        for row in self.query(ItemRow):
            if row.editor is not None:
                await row.editor.remove()
            row.remove_class("-editing")
        if refocus:
            self.focus()

    @on(ItemEditor.Submitted)
    def _edit_submitted(self, event: ItemEditor.Submitted) -> None:
        event.stop()
        editor = event.item_input
        item = next((item for item in self._items if item.id == getattr(editor, "item_id", None)), None)
        if item is not None:
            self.post_message(self.EditSubmitted(self, item, event.text))

    @on(ItemEditor.Cancelled)
    async def _edit_cancelled(self, event: ItemEditor.Cancelled) -> None:
        event.stop()
        await self.end_edit()

    # -- keys ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete", "move"):
            return self._may(action, self.selected_item)
        return True

    def _may(self, action: str, item: Item | None) -> bool:
        """Whether `action` (edit, delete, move) applies to `item` now."""
        if item is None or self.editor is not None:
            return False
        if action == "move" and not self.can_move:
            return False
        return self.can_edit(item)

    def action_edit(self) -> None:
        item = self.selected_item
        if self._may("edit", item):
            self.post_message(self.EditRequested(self, item))

    def action_delete(self) -> None:
        item = self.selected_item
        if self._may("delete", item):
            self.post_message(self.DeleteRequested(self, item))

    def action_move(self, offset: int) -> None:
        item = self.selected_item
        if self._may("move", item):
            self.post_message(self.MoveRequested(self, item, offset))

    def on_focus(self) -> None:
        if self.index is None and self._items:
            self.index = len(self._items) - 1
        self.post_message(self.Activated(self))

    @on(ListView.Highlighted)
    def _highlighted(self, event: ListView.Highlighted) -> None:
        self.refresh_bindings()
