"""`RowList`: a list of items drawn as rows, redrawn only where the store's answer differs.

The data side of a column (`ItemColumn` adds its keys and editing in place): it shows exactly
the items it is handed (`show_items`), or changes only the rows that differ (`sync`, for
changes made elsewhere: the selection stays, focus is never taken), adds one just saved
(`add`), takes one away (`remove_item`) and shows one changed in its place (`replace`). It
draws its rows itself, line by line (an `OptionList`, see `rows.py`): a column of 400 items
is then as quick to add to as an empty one.
"""

from __future__ import annotations

from typing import Callable

from textual.content import Content
from textual.geometry import Size
from textual.reactive import Reactive
from textual.visual import Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workshop_tui.i18n import _
from workshop_tui.i18n.words import items_count
from workshop_tui.grouping import Group
from workshop_tui.model import Item
from workshop_tui.widgets.rows import Row, RowVisual, item_content


class RowList(OptionList):
    """Items in order, one row each (`GroupColumn` gathers clusters); one of them is selected."""

    # A list given its height (a column's 1fr) that grows by a row moves nothing else on screen:
    # its own lines and scrollbar are redrawn, the screen is not laid out again. Textual's
    # `virtual_size` asks for a whole layout on every change: on the step screen that was half
    # of an add's time, and of a live update's. A list sized by its rows still asks for one,
    # and a scrollbar that appears or goes does too (`show_vertical_scrollbar`).
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def watch_virtual_size(self) -> None:
        if self.styles.auto_dimensions:
            self.refresh(layout=True)

    def __init__(self, *, describe: Callable[[Item], Content] = item_content, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.describe = describe
        """How an item is drawn: literal text and author by default (`item_content`)."""
        self._items: list[Item] = []
        self._rows: list[Row] = []
        self._padding = None

    @property
    def held(self) -> bool:
        """Whether what is shown must stay as it is for now (`ItemColumn`: an edit is open)."""
        return False

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
        if items == self._items or self.held:
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
        self.border_subtitle = items_count(count) if count else _("empty")

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

    # -- a whole row at the top ----------------------------------------------------------

    def scroll_to_highlight(self, top: bool = False) -> None:
        super().scroll_to_highlight(top)
        self.align_top()

    def on_resize(self) -> None:
        # Rows are measured anew at the new width (presenter mode, a resized terminal): the old
        # scroll offset would now start inside a row; keep the selection in view, from a row's start.
        self.call_after_refresh(self.scroll_to_highlight if self.highlighted is not None else self.align_top)

    def align_top(self) -> None:
        """Start the view at a row's first line, not inside a row (a cluster's last line,
        `▌ (edited)`, alone at the top): on to the next row if the selection stays in view,
        else back to the start of the row cut if the selection still shows there. (At the very
        end of a long list neither may hold; the selection in view wins.)"""
        lines = self._lines
        y = round(self.scroll_y)
        if y <= 0 or y >= len(lines) or lines[y][1] == 0:
            return
        index, offset = lines[y]
        start = y - offset
        following = start + self._heights[index]
        highlighted = self.highlighted
        if highlighted is None or highlighted <= index:
            target = start
        elif following <= self.max_scroll_y:
            target = following  # the selection is below: it stays in view
        elif self._index_to_line[highlighted] < start + self.scrollable_content_region.height:
            target = start
        else:
            return
        self.scroll_to(y=target, animate=False, immediate=True)

    def show_from_top(self) -> None:
        """The list from its first row (presenter mode opens so): the selection, if any, moves there."""
        if self.highlighted is not None and self._rows:
            self.highlighted = 0
        self.scroll_home(animate=False, immediate=True)

    def action_cursor_up(self) -> None:
        # Stop at the ends, as a list of paper notes does; never wrap round.
        if self._rows:
            self.highlighted = len(self._rows) - 1 if self.highlighted is None else max(0, self.highlighted - 1)

    def action_cursor_down(self) -> None:
        if self._rows:
            self.highlighted = 0 if self.highlighted is None else min(len(self._rows) - 1, self.highlighted + 1)
