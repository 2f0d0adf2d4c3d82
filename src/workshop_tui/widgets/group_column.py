"""The step's column as facilitated: clusters as one entry, dots on items, marks for merging.

An `ItemColumn` whose rows are groups: a cluster (items merged together) is ONE row showing
its count and every member's text and author, with a bar beside it; any other item is a row
of its own. A row marked for merging shows a diamond and a tinted text. The column
knows the step's phase and allows what it allows (`check_action`): moving items only while
brainstorming, marking, merging and splitting while clustering, dots while voting; in the
discuss phase the rows are ordered by votes (`grouping.cell_groups`, as in the exports).

Like its parent it never saves: keys post messages (`MergeRequested`, `SplitRequested`,
`VoteRequested`, `FollowupRequested`) and the step screen calls the store. A read-only column
(the presenter's) shows the same rows and takes no keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.visual import Visual

from workshop_tui.i18n import N_, _, ngettext
from workshop_tui.i18n.words import items_count
from workshop_tui.grouping import Group, column_groups
from workshop_tui.model import Item
from workshop_tui.widgets.item_column import ItemColumn
from workshop_tui.widgets.rows import Row, group_visual

ITEM_ACTIONS = ("edit", "delete", "move", "mark", "merge", "split", "vote", "withdraw", "followup")


class GroupColumn(ItemColumn):
    """A step's column of items and clusters, following the step's phase."""

    # Merging, splitting and follow-ups are Ctrl keys: no letter typed in a sentence changes an
    # item. v and w place and take back dots, in the vote phase only (where nothing is typed).
    BINDINGS = [
        Binding("space", "mark", N_("Mark"), key_display="␣",
                tooltip=N_("Mark the item (or cluster) to merge (cluster phase)")),
        Binding("ctrl+k", "merge", N_("Merge"), tooltip=N_("Merge the marked items with the selected one into a cluster")),
        Binding("ctrl+x", "split", N_("Split"), tooltip=N_("Split the selected cluster back into separate items")),
        Binding("v", "vote", N_("Vote"), tooltip=N_("Place one of the speaker's dots on the selected item (vote phase)")),
        Binding("w", "withdraw", N_("Withdraw"), tooltip=N_("Take one of the speaker's dots back from the selected item")),
        Binding("ctrl+f", "followup", N_("Follow-up"),
                tooltip=N_("Make the selected item a follow-up, with an owner and a due date (or change it)")),
    ]

    @dataclass
    class MergeRequested(Message):
        """Merge these items (and the clusters they are in) into one cluster."""

        column: "GroupColumn"
        item_ids: tuple[str, ...]

    @dataclass
    class SplitRequested(Message):
        """Split the cluster `item` is in back into separate items."""

        column: "GroupColumn"
        item: Item

    @dataclass
    class VoteRequested(Message):
        """Place (`withdraw` False) or take back one of the speaker's dots on a row."""

        column: "GroupColumn"
        group: Group
        withdraw: bool = False

    @dataclass
    class FollowupRequested(Message):
        """Open the follow-up of `item` (a row's first item) for editing."""

        column: "GroupColumn"
        item: Item

    phase: reactive[str] = reactive("brainstorm", init=False)
    """The step's phase: what the column allows, and (discussing) its rows ordered by votes."""

    def __init__(self, key: str, label: str, *, id: str | None = None, read_only: bool = False) -> None:
        super().__init__(key, label, id=id)
        self.read_only = read_only
        self.marked: set[str] = set()
        if read_only:
            self.can_focus = False

    # -- what is shown -------------------------------------------------------------------

    @property
    def by_votes(self) -> bool:
        return self.phase == "discuss"

    @property
    def selected_group(self) -> Group | None:
        row = self.selected_row
        return row.group if row else None

    def group_rows(self, items: list[Item]) -> list[Group]:
        return column_groups(items, by_votes=self.by_votes)

    def row_visual(self, row: Row) -> Visual:
        return group_visual(row)

    def _row(self, group: Group) -> Row:
        return Row(group, marked=any(item.id in self.marked for item in group))

    def _appends_at_end(self) -> bool:
        return not self.by_votes

    def watch_phase(self, old: str, phase: str) -> None:
        """Follow the step's phase: marks end with clustering; discussing orders by votes."""
        if phase != "cluster":
            self.marked.clear()
        if (old == "discuss") != (phase == "discuss") and self.editor is None:
            selected = self.selected_item
            self._show_items(self._items, select=selected.id if selected else None)
        else:
            self._show_marks()
        self.refresh_bindings()

    def _show_items(self, items: list[Item], *, select: str | None = None) -> None:
        self.marked &= {item.id for item in items}
        super()._show_items(items, select=select)

    async def sync(self, items: list[Item]) -> None:
        self.marked &= {item.id for item in items}
        await super().sync(items)

    async def remove_item(self, item_id: str) -> None:
        self.marked.discard(item_id)
        await super().remove_item(item_id)

    def _update_subtitle(self) -> None:
        count = len(self._items)
        clusters = sum(1 for row in self._rows if row.is_cluster)
        text = items_count(count) if count else _("empty")
        if clusters:
            text += " · " + ngettext("{count} cluster", "{count} clusters", clusters).format(count=clusters)
        self.border_subtitle = text

    # -- marks ---------------------------------------------------------------------------

    def _show_marks(self) -> None:
        for index, row in enumerate(self._rows):
            marked = self._row(row.group)
            if marked != row:
                self._set_row(index, marked)

    # -- keys ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in ITEM_ACTIONS:
            return super().check_action(action, parameters)
        if self.read_only or self.editor is not None:
            return False
        group = self.selected_group
        phase = self.phase
        if action == "move" and phase != "brainstorm":
            return False  # order is the group's in brainstorming; votes order it when discussing
        if action in ("mark", "merge", "split"):
            if phase != "cluster":
                return False
            if action == "split":
                return group is not None and len(group) > 1
            if action == "merge":
                return bool(self.marked)
        if action in ("vote", "withdraw") and phase != "vote":
            return False
        if group is None:
            return False
        return super().check_action(action, parameters) if action in ("edit", "delete", "move") else True

    def _refuse_cluster(self, doing: str) -> bool:
        group = self.selected_group
        if group is not None and len(group) > 1:
            text = {"edit": _("This is a cluster of {count}: split it (Ctrl+X, in the cluster phase) to edit its items."),
                    "delete": _("This is a cluster of {count}: split it (Ctrl+X, in the cluster phase) to delete its items."),
                    "move": _("This is a cluster of {count}: split it (Ctrl+X, in the cluster phase) to move its items.")}
            self.notify(text[doing].format(count=len(group)), severity="warning")
            return True
        return False

    def action_edit(self) -> None:
        if not self._refuse_cluster("edit"):
            super().action_edit()

    def action_delete(self) -> None:
        if not self._refuse_cluster("delete"):
            super().action_delete()

    def action_move(self, offset: int) -> None:
        if not self._refuse_cluster("move"):
            super().action_move(offset)

    def action_mark(self) -> None:
        group = self.selected_group
        if group is None:
            return
        ids = {item.id for item in group}
        if ids & self.marked:
            self.marked -= ids
        else:
            self.marked |= ids
        self._show_marks()
        self.refresh_bindings()

    def action_merge(self) -> None:
        targets = [row for row in self._rows if row.marked]
        highlighted = self.selected_row
        if highlighted is not None and highlighted not in targets:
            targets.append(highlighted)
        if len(targets) < 2:
            self.notify(_("Mark at least one other item with Space, then press Ctrl+K on the one to merge it with."),
                        severity="warning")
            return
        ids = tuple(item.id for row in targets for item in row.group)
        self.post_message(self.MergeRequested(self, ids))

    def action_split(self) -> None:
        group = self.selected_group
        if group is None:
            return
        if len(group) < 2:
            self.notify(_("This item is not in a cluster: there is nothing to split."), severity="warning")
            return
        self.post_message(self.SplitRequested(self, group[0]))

    def action_vote(self) -> None:
        group = self.selected_group
        if group is not None:
            self.post_message(self.VoteRequested(self, group))

    def action_withdraw(self) -> None:
        group = self.selected_group
        if group is not None:
            self.post_message(self.VoteRequested(self, group, withdraw=True))

    def action_followup(self) -> None:
        group = self.selected_group
        if group is not None:
            self.post_message(self.FollowupRequested(self, group[0]))
