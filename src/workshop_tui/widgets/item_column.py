"""One column of a step (Concrete actions, Potential obstacles or Tools): a list of items.

The column shows what the store returned and nothing else; it never saves. Keys on a
selected item post small messages (`EditRequested`, `DeleteRequested`, `MoveRequested`);
the step screen calls the store and hands back the result (`show_items`, `replace`, ...).
Editing happens in place: the item's row swaps its text for an `ItemEditor`.

Every item is drawn as `Content` built from plain text, so `[bold]` or `[@click=app.quit]`
typed by a participant is shown exactly as typed.
"""

from __future__ import annotations

from dataclasses import dataclass

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

    def __init__(self, item: Item) -> None:
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static("•", classes="bullet", markup=False)
            yield Static(item_content(self.item), classes="item-text")

    def show(self, item: Item) -> None:
        self.item = item
        self.query_one(".item-text", Static).update(item_content(item))

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

    def __init__(self, key: str, label: str, *, id: str | None = None) -> None:
        super().__init__(id=id, initial_index=None)
        self.key = key
        self.label = label
        self.border_title = Content(label)
        self._items: list[Item] = []

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
        self._items = list(items)
        await self.clear()
        await self.extend(ItemRow(item) for item in items)
        self._update_subtitle()
        if select is not None:
            self.select_id(select)

    async def sync(self, items: list[Item]) -> None:
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
                await self.extend(ItemRow(item) for item in items[len(old_ids) :])
                self.index = index  # new items from others do not move the selection
            self._update_subtitle()
            return
        selected = self.selected_item
        await self.show_items(items, select=selected.id if selected else None)

    async def add(self, item: Item) -> None:
        """Show an item the store has just saved, at the end of the column."""
        if any(existing.id == item.id for existing in self._items):
            return
        self._items.append(item)
        await self.append(ItemRow(item))
        self._update_subtitle()
        self.index = len(self._items) - 1

    def replace(self, item: Item) -> None:
        for index, existing in enumerate(self._items):
            if existing.id == item.id:
                self._items[index] = item
        for row in self.query(ItemRow):
            if row.item.id == item.id:
                row.show(item)

    async def remove_item(self, item_id: str) -> None:
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
            return self.selected_item is not None and self.editor is None
        return True

    def action_edit(self) -> None:
        item = self.selected_item
        if item is not None and self.editor is None:
            self.post_message(self.EditRequested(self, item))

    def action_delete(self) -> None:
        item = self.selected_item
        if item is not None and self.editor is None:
            self.post_message(self.DeleteRequested(self, item))

    def action_move(self, offset: int) -> None:
        item = self.selected_item
        if item is not None and self.editor is None:
            self.post_message(self.MoveRequested(self, item, offset))

    def on_focus(self) -> None:
        if self.index is None and self._items:
            self.index = len(self._items) - 1
        self.post_message(self.Activated(self))

    @on(ListView.Highlighted)
    def _highlighted(self, event: ListView.Highlighted) -> None:
        self.refresh_bindings()
