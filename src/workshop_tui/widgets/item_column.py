"""One column of a step (Concrete actions, Potential obstacles or Tools): a list of items.

The column shows what the store returned and nothing else; it never saves. Keys on a
selected item post small messages (`EditRequested`, `DeleteRequested`, `MoveRequested`);
the step screen calls the store and hands back the result (`show_items`, `replace`, ...).

The column draws its rows itself, line by line (it is an `OptionList`), rather than as one
widget per item: a column of 400 items is then as quick to add to as an empty one, because
Textual lays out widgets and not lines. Each row is a `Row` (an item, or a cluster of items
in `GroupColumn`) drawn by `RowVisual`: a bullet in a gutter, the text wrapped beside it,
dots on the right. Editing happens in place: an `ItemEditor` is laid over the item's row.

Every item is drawn as `Content` built from plain text, so `[bold]` or `[@click=app.quit]`
typed by a participant is shown exactly as typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workshop_tui.grouping import Group
from workshop_tui.model import Item
from workshop_tui.widgets.item_input import ItemEditor

GUTTER = 2  # the bullet and a space


def item_content(item: Item) -> Content:
    """An item as literal text, its author (if any) dimmed after it."""
    content = Content(item.text)
    if item.author:
        content = Content.assemble(content, "  ", ("— ", "dim"), (item.author, "dim italic"))
    return content


@dataclass(frozen=True)
class Row:
    """What one row of a column shows: an item, or a cluster of items (`group`)."""

    group: Group
    marked: bool = False

    @property
    def item(self) -> Item:
        return self.group[0]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.group)

    @property
    def is_cluster(self) -> bool:
        return len(self.group) > 1


@dataclass(eq=False)
class RowVisual(Visual):
    """A row drawn with a hanging indent: `bullet` on the first line, `gutter` on the others,
    `text` wrapped beside them, `votes` (if any) at the right of the first line."""

    text: Content
    bullet: Content = field(default_factory=lambda: Content("•"))
    gutter: Content = field(default_factory=lambda: Content(""))
    votes: Content = field(default_factory=Content)

    def _side(self) -> int:
        return self.votes.cell_length + 1 if self.votes.cell_length else 0

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return GUTTER + self.text.get_optimal_width(rules, container_width) + self._side()

    def get_height(self, rules: RulesMap, width: int) -> int:
        return max(1, self.text.get_height(rules, max(1, width - GUTTER - self._side())))

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        side = self._side()
        text_width = max(1, width - GUTTER - side)
        base = style.rich_style
        lines = self.text.render_strips(text_width, None, style, options) or [Strip.blank(text_width, base)]

        def cell(content: Content, cells: int) -> Strip:
            if not cells:
                return Strip([])
            strips = content.render_strips(cells, 1, style, options) if content.cell_length else []
            return (strips[0] if strips else Strip([])).adjust_cell_length(cells, base)

        first, other = cell(self.bullet, GUTTER), cell(self.gutter, GUTTER)
        votes, blank = cell(Content(" ").append(self.votes), side), Strip.blank(side, base)
        return [
            Strip.join([first if y == 0 else other, line.adjust_cell_length(text_width, base), votes if y == 0 else blank])
            for y, line in enumerate(lines)
        ]


class ItemColumn(OptionList):
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
        scrollbar-gutter: stable;  /* rows wrap to one width, with or without a scrollbar */
        background: transparent;
        &.-active { border: round $accent; border-title-color: $accent; }
        &:focus { border: heavy $accent; background-tint: transparent; }
        & > .option-list--option { padding: 0 1 0 0; }
        & > ItemEditor { position: absolute; background: $surface; }
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
        super().__init__(id=id, markup=False)
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
        self._rows: list[Row] = []
        self._editor: ItemEditor | None = None
        self._padding = None

    # -- what is shown -------------------------------------------------------------------

    @property
    def items(self) -> list[Item]:
        return list(self._items)

    @property
    def rows(self) -> list[Row]:
        return list(self._rows)

    @property
    def index(self) -> int | None:
        """The selected row (None: nothing selected)."""
        return self.highlighted

    @index.setter
    def index(self, value: int | None) -> None:
        self.highlighted = value

    @property
    def selected_row(self) -> Row | None:
        index = self.highlighted
        return self._rows[index] if index is not None and 0 <= index < len(self._rows) else None

    @property
    def selected_item(self) -> Item | None:
        row = self.selected_row
        return row.item if row else None

    @property
    def editor(self) -> ItemEditor | None:
        return self._editor

    def group_rows(self, items: list[Item]) -> list[Group]:
        """How items make rows: one row per item here (`GroupColumn` gathers clusters)."""
        return [(item,) for item in items]

    def row_visual(self, row: Row) -> Visual:
        """How a row is drawn."""
        return RowVisual(self.describe(row.item))

    def _row(self, group: Group) -> Row:
        return Row(group)

    def _option(self, row: Row) -> Option:
        return Option(self.row_visual(row))

    # These change the rows without awaiting anything, so a reload and a live sync can never
    # interleave; they are coroutines so that callers need not care.

    async def show_items(self, items: list[Item], *, select: str | None = None) -> None:
        """Show exactly these items; keep `select` (an item id) selected if given."""
        self._show_items(items, select=select)

    async def sync(self, items: list[Item]) -> None:
        """Show these items, changing only what differs; keep the selection, never take focus.

        Used for changes made elsewhere (another process, another screen). A column with an
        edit open is left as it is, so nobody's half-typed edit is pulled away.
        """
        if items == self._items or self._editor is not None:
            return
        rows = [self._row(group) for group in self.group_rows(list(items))]
        old = [row.ids for row in self._rows]
        if [row.ids for row in rows[: len(old)]] == old:
            for index, (before, after) in enumerate(zip(self._rows, rows)):
                if before != after:
                    self._set_row(index, after)
            self._items = list(items)
            self._append_rows(rows[len(old):])  # new items from others do not move the selection
            self._update_subtitle()
            return
        selected = self.selected_item
        self._show_items(items, select=selected.id if selected else None)

    async def add(self, item: Item) -> None:
        """Show an item the store has just saved, at the end of the column; select it."""
        if any(existing.id == item.id for existing in self._items):
            return
        self._items.append(item)
        if self._appends_at_end():
            self._append_rows([self._row((item,))])
            self._update_subtitle()
            self.highlighted = len(self._rows) - 1
        else:
            self._show_items(self._items, select=item.id)

    async def remove_item(self, item_id: str) -> None:
        self._items = [existing for existing in self._items if existing.id != item_id]
        for index, row in enumerate(self._rows):
            if item_id in row.ids:
                rest = tuple(member for member in row.group if member.id != item_id)
                if rest:
                    self._set_row(index, self._row(rest))
                else:
                    selected = self.highlighted
                    del self._rows[index]
                    self.remove_option_at_index(index)
                    if selected is not None and self._rows:
                        self.highlighted = min(selected, len(self._rows) - 1)
                break
        self._update_subtitle()

    def replace(self, item: Item) -> None:
        """One item changed (an edit, a vote, a follow-up): show it in its place."""
        self._items = [item if existing.id == item.id else existing for existing in self._items]
        for index, row in enumerate(self._rows):
            if item.id in row.ids:
                group = tuple(item if member.id == item.id else member for member in row.group)
                self._set_row(index, Row(group, row.marked))

    def select_id(self, item_id: str) -> None:
        for index, row in enumerate(self._rows):
            if item_id in row.ids:
                self.highlighted = index
                return

    def _appends_at_end(self) -> bool:
        """Whether a new item simply goes last (not so when rows are ordered by votes)."""
        return True

    def _show_items(self, items: list[Item], *, select: str | None = None) -> None:
        self._items = list(items)
        self._rows = [self._row(group) for group in self.group_rows(list(items))]
        self.clear_options()
        self.add_options([self._option(row) for row in self._rows])
        self._update_subtitle()
        if select is not None:
            self.select_id(select)

    def _append_rows(self, rows: list[Row]) -> None:
        if rows:
            self._rows.extend(rows)
            self.add_options([self._option(row) for row in rows])

    def _set_row(self, index: int, row: Row) -> None:
        self._rows[index] = row
        self.replace_option_prompt_at_index(index, self.row_visual(row))

    def _update_subtitle(self) -> None:
        count = len(self._items)
        self.border_subtitle = f"{count} item{'s' if count != 1 else ''}" if count else "empty"

    def notify_style_update(self) -> None:
        # Rows are measured once; a new padding (the presenter's, a tall screen's) re-measures them.
        try:
            padding = self.get_component_styles("option-list--option").padding
        except KeyError:  # styles not applied yet
            padding = None
        if padding is not None and padding != self._padding:
            self._padding = padding
            self._clear_caches()
        super().notify_style_update()

    # -- editing in place ----------------------------------------------------------------

    @property
    def is_container(self) -> bool:
        # Lines are drawn by the list itself; it lays out a child only while one is edited.
        return self._editor is not None

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> None:
        # Laid out as a container (an edit open), the column would take its editor's size for
        # the size of what it scrolls; the rows' lines stay the measure.
        if self._editor is not None:
            virtual_size = self.virtual_size
        super()._size_updated(size, virtual_size, container_size, layout)

    async def begin_edit(self, item_id: str) -> ItemEditor | None:
        """Lay an editor over the item's row and focus it."""
        if self._editor is not None:
            return self._editor
        for index, row in enumerate(self._rows):
            if row.item.id == item_id:
                self.highlighted = index
                editor = ItemEditor(row.item.text, item_id=item_id)
                line = self._index_to_line[index]
                editor.styles.offset = (GUTTER, line)
                editor.styles.width = max(4, self.scrollable_content_region.width - GUTTER - 1)
                editor.styles.min_height = self._heights[index]  # covers the whole row, however it is cut
                self._editor = editor
                self.scroll_to_highlight()
                await self.mount(editor)
                editor.focus()
                return editor
        return None

    async def end_edit(self, *, refocus: bool = True) -> None:
        editor, self._editor = self._editor, None
        if editor is not None:
            await editor.remove()
        self.refresh(layout=True)
        self.refresh_bindings()
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
        if item is None or self._editor is not None:
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

    def action_cursor_up(self) -> None:
        # Stop at the ends, as a list of paper notes does; never wrap round.
        if self._rows:
            self.highlighted = len(self._rows) - 1 if self.highlighted is None else max(0, self.highlighted - 1)

    def action_cursor_down(self) -> None:
        if self._rows:
            self.highlighted = 0 if self.highlighted is None else min(len(self._rows) - 1, self.highlighted + 1)

    def on_focus(self) -> None:
        if self.highlighted is None and self._rows:
            self.highlighted = len(self._rows) - 1
        self.post_message(self.Activated(self))

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.has_focus:  # the footer shows the focused widget's keys: redraw it only then
            self.refresh_bindings()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # a click selects (highlights) the row; Enter edits it
