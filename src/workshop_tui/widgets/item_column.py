"""One column of a step (Concrete actions, Potential obstacles or Tools): a list of items.

The column shows what the store returned and nothing else (a `RowList`: rows drawn line by
line, redrawn only where they differ); it never saves. Keys on a selected item post small
messages (`EditRequested`, `DeleteRequested`, `MoveRequested`); the screen calls the store
and hands back the result (`show_items`, `replace`, ...). Editing happens in place: an
`ItemEditor` is laid over the item's row. Every item is drawn from plain text (`rows.py`), so
`[bold]` typed by a participant is shown exactly as typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from textual import events, on
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widgets import OptionList

from workshop_tui.i18n import N_, _
from workshop_tui.model import Item
from workshop_tui.widgets.item_input import ItemEditor
from workshop_tui.widgets.row_list import RowList
from workshop_tui.widgets.rows import GUTTER, item_content


class ItemColumn(RowList):
    """The items of one column of one step, in order; one of them is selected."""

    HELP_TITLE = N_("A step: items selected (Escape)")
    HELP_KEYS = (Binding("up,down", "", N_("Select an item")),
                 Binding("left,right", "", N_("The previous or next column")))

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
        # No letter acts on an item: a sentence typed here goes to the input (`_forward_event`).
        Binding("enter", "edit", N_("Edit"), tooltip=N_("Edit the selected item in place")),
        Binding("delete,backspace", "delete", N_("Delete"), key_display="Del",
                tooltip=N_("Delete the selected item (Ctrl+Z undoes)")),
        Binding("shift+up", "move(-1)", N_("Up"), key_display="⇧↑", tooltip=N_("Move the selected item up")),
        Binding("shift+down", "move(1)", N_("Down"), key_display="⇧↓", tooltip=N_("Move the selected item down")),
        Binding("escape", "screen.focus_input", N_("Type"), tooltip=N_("Back to typing a new item")),
        Binding("left", "screen.previous_column", N_("Previous column"), show=False),
        Binding("right", "screen.next_column", N_("Next column"), show=False),
        # The step's own keys still work here; hidden so the item keys fit an 80-column footer.
        Binding("tab", "screen.next_column", N_("Next column"), show=False),
        Binding("ctrl+o", "screen.choose_speaker", N_("Speaker"), show=False),
        Binding("ctrl+s", "screen.summary", N_("Summary"), show=False),
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
        super().__init__(describe=describe, id=id)
        self.key = key
        self.label = label
        self.can_edit: Callable[[Item], bool] = can_edit or (lambda item: True)
        """Which items may be edited and deleted here (the participant view: only their own)."""
        self.can_move = can_move
        """Whether items may be moved up and down (not in the participant view)."""
        self.border_title = Content(label)
        self._editor: ItemEditor | None = None

    @property
    def editor(self) -> ItemEditor | None:
        return self._editor

    @property
    def held(self) -> bool:
        return self._editor is not None  # nobody's half-typed edit is pulled away

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

    def _forward_event(self, event: events.Event) -> None:
        # A printable key that is no key of this column is the start of a sentence: it goes to
        # the input, and the input takes focus. Decided here, as the app hands each key over in
        # the order typed, not when the column gets round to it: every key after it goes to the
        # input too, so "Escape, good idea" typed in a burst lands in the input whole.
        if isinstance(event, events.Key) and event.is_printable and not self._binds(event.key):
            typing = getattr(self.screen, "typing_input", None)
            target = typing() if typing is not None else None
            if target is not None:
                self.screen.set_focus(target)
                target._forward_event(event)
                return
        super()._forward_event(event)

    async def _on_key(self, event: events.Key) -> None:
        # Enter or Delete on an item this screen may not change (a participant's, on someone
        # else's): say so in plain words rather than nothing at all.
        item = self.selected_item
        if (event.key in ("enter", "delete", "backspace") and item is not None and self._editor is None
                and not self.can_edit(item)):
            event.stop()
            event.prevent_default()
            text = _("This item is {name}'s: you can edit and delete only your own.") if item.author else \
                _("This item is not yours: you can edit and delete only your own.")
            self.notify(text.format(name=item.author), markup=False)
            return
        await super()._on_key(event)

    def _binds(self, key: str) -> bool:
        """Whether `key` runs an enabled binding here now (this column's, its screen's, the app's)."""
        for namespace, bindings in self.screen._modal_binding_chain:
            for binding in bindings.key_to_bindings.get(key, ()):
                if self.app._check_action_state(binding.action, namespace):
                    return True
        return False

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
