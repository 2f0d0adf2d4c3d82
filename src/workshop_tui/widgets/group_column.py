"""The step's column as facilitated: clusters as one entry, dots on items, marks for merging.

An `ItemColumn` whose rows are groups: a cluster (items merged together) is ONE row showing
its count and every member's text and author; any other item is a row of its own. The column
knows the step's phase and allows what it allows (`check_action`): moving items only while
brainstorming, marking, merging and splitting while clustering, dots while voting; in the
discuss phase the rows are ordered by votes (`export.common.cell_groups`, as in the exports).

Like its parent it never saves: keys post messages (`MergeRequested`, `SplitRequested`,
`VoteRequested`, `FollowupRequested`) and the step screen calls the store. A read-only column
(the presenter's) shows the same rows and takes no keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from workshop_tui.export.common import cell_groups
from workshop_tui.model import Item
from workshop_tui.widgets.item_column import ItemColumn, ItemRow, item_content

Group = tuple[Item, ...]
MAX_DOTS = 5  # more votes than this show as "●12"
ITEM_ACTIONS = ("edit", "delete", "move", "mark", "merge", "split", "vote", "withdraw", "followup")


def group_items(items: list[Item], *, by_votes: bool = False) -> list[Group]:
    """Rows of a column: each cluster together (where its first member is), other items alone.

    `by_votes` orders them as the summary and the exports do: most votes first.
    """
    if by_votes:
        return cell_groups(items)
    groups: dict[object, list[Item]] = {}
    for item in items:
        groups.setdefault(item.cluster_id or ("item", item.id), []).append(item)
    return [tuple(group) for group in groups.values()]


def votes_of(group: Group) -> int:
    return sum(item.votes for item in group)


def dots(votes: int) -> str:
    """●●● for a few votes, ●12 for many; "" for none."""
    if votes <= 0:
        return ""
    return "●" * votes if votes <= MAX_DOTS else f"●{votes}"


def followup_content(item: Item) -> Content:
    """`⚑ follow-up: Ana, by 2026-12-01` (owner and date as typed, never markup)."""
    parts: list[Content | tuple[str, str] | str] = [("⚑ follow-up", "bold $success")]
    if item.owner:
        parts += [": ", (item.owner, "$success")]
    if item.due:
        parts += [(", by " if item.owner else ": by ", "$success"), (item.due, "$success")]
    return Content.assemble(*parts)


def group_content(group: Group) -> Content:
    """One row's text: an item as typed, or a cluster's count and all its members."""
    if len(group) == 1:
        item = group[0]
        content = item_content(item)
        return Content.assemble(content, "\n", followup_content(item)) if item.followup else content
    lines = [Content.styled(f"Cluster of {len(group)}", "bold $accent")]
    for item in group:
        lines.append(Content.assemble(("▪ ", "$accent"), item_content(item)))
        if item.followup:
            lines.append(Content.assemble("  ", followup_content(item)))
    return Content("\n").join(lines)


class GroupRow(ItemRow):
    """One row: an item or a cluster, its dots on the right, marked or not."""

    DEFAULT_CSS = """
    GroupRow {
        & .votes { width: auto; max-width: 8; padding-left: 1; color: $accent; text-style: bold; }
        &.-editing .votes, &.-no-votes .votes { display: none; }
        &.-cluster { border-left: outer $accent 60%; }
        &.-marked { background: $accent 25%; }
        &.-marked .bullet { color: $accent; text-style: bold; }
    }
    """

    def __init__(self, group: Group, *, marked: bool = False) -> None:
        super().__init__(group[0])
        self.group = group
        self.marked = marked
        self._classes_for_group()

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.group)

    @property
    def is_cluster(self) -> bool:
        return len(self.group) > 1

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static(self._bullet(), classes="bullet")
            yield Static(group_content(self.group), classes="item-text")
            yield Static(Content(dots(votes_of(self.group))), classes="votes")

    def _bullet(self) -> Content:
        return Content("◆" if self.marked else "•")

    def _classes_for_group(self) -> None:
        self.set_class(self.is_cluster, "-cluster")
        self.set_class(self.marked, "-marked")
        self.set_class(votes_of(self.group) == 0, "-no-votes")

    def show_group(self, group: Group, *, marked: bool | None = None) -> None:
        self.group = group
        self.item = group[0]
        if marked is not None:
            self.marked = marked
        self.query_one(".bullet", Static).update(self._bullet())
        self.query_one(".item-text", Static).update(group_content(group))
        self.query_one(".votes", Static).update(Content(dots(votes_of(group))))
        self._classes_for_group()

    def show(self, item: Item) -> None:
        """One member changed (an edit): show it in its place."""
        self.show_group(tuple(item if member.id == item.id else member for member in self.group))


class GroupColumn(ItemColumn):
    """A step's column of items and clusters, following the step's phase."""

    BINDINGS = [
        Binding("space", "mark", "Mark", key_display="␣",
                tooltip="Mark the item (or cluster) to merge (cluster phase)"),
        Binding("m", "merge", "Merge", tooltip="Merge the marked items with the selected one into a cluster"),
        Binding("s", "split", "Split", tooltip="Split the selected cluster back into separate items"),
        Binding("v", "vote", "Vote", tooltip="Place one of the speaker's dots on the selected item (vote phase)"),
        Binding("w", "withdraw", "Withdraw", tooltip="Take one of the speaker's dots back from the selected item"),
        Binding("f", "followup", "Follow-up",
                tooltip="Make the selected item a follow-up, with an owner and a due date (or change it)"),
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

    def __init__(self, key: str, label: str, *, id: str | None = None, read_only: bool = False) -> None:
        super().__init__(key, label, id=id)
        self.phase = "brainstorm"
        self.read_only = read_only
        self.marked: set[str] = set()
        if read_only:
            self.can_focus = False

    # -- what is shown -------------------------------------------------------------------

    @property
    def by_votes(self) -> bool:
        return self.phase == "discuss"

    @property
    def rows(self) -> list[GroupRow]:
        return list(self.query(GroupRow))

    @property
    def selected_group(self) -> Group | None:
        row = self.highlighted_child
        return row.group if isinstance(row, GroupRow) else None

    def groups(self) -> list[Group]:
        """The rows this column shows for its items, in order."""
        return group_items(self._items, by_votes=self.by_votes)

    async def set_phase(self, phase: str) -> None:
        """Follow the step's phase: marks end with clustering; discussing orders by votes."""
        if phase == self.phase:
            return
        regroup = (phase == "discuss") != self.by_votes
        self.phase = phase
        if phase != "cluster":
            self.marked.clear()
        if regroup and self.editor is None:
            selected = self.selected_item
            await self.show_items(self._items, select=selected.id if selected else None)
        else:
            self._show_marks()
        self.refresh_bindings()

    def _row(self, group: Group) -> GroupRow:
        return GroupRow(group, marked=any(item.id in self.marked for item in group))

    async def _show_items(self, items: list[Item], *, select: str | None = None) -> None:
        self.marked &= {item.id for item in items}
        await self.clear()
        await self.extend(self._row(group) for group in group_items(list(items), by_votes=self.by_votes))
        self._items = list(items)  # once the rows are there
        self._update_subtitle()
        if select is not None:
            self.select_id(select)

    async def _sync(self, items: list[Item]) -> None:
        """Show these items, changing only rows that differ; keep the selection, never take focus."""
        if items == self._items or self.editor is not None:
            return
        self.marked &= {item.id for item in items}
        groups = group_items(list(items), by_votes=self.by_votes)
        rows = self.rows
        old = [row.ids for row in rows]
        new = [tuple(item.id for item in group) for group in groups]
        if new[: len(old)] == old:
            for row, group in zip(rows, groups):
                if row.group != group:
                    row.show_group(group)
            index = self.index
            if len(new) > len(old):
                await self.extend(self._row(group) for group in groups[len(old) :])
                self.index = index  # new items from others do not move the selection
            self._items = list(items)
            self._update_subtitle()
            return
        selected = self.selected_item
        await self._show_items(items, select=selected.id if selected else None)

    async def _add(self, item: Item) -> None:
        if any(existing.id == item.id for existing in self._items):
            return
        self._items.append(item)
        if self.by_votes:
            await self._show_items(self._items, select=item.id)
            return
        await self.append(self._row((item,)))
        self._update_subtitle()
        self.index = len(self.rows) - 1

    def replace(self, item: Item) -> None:
        self._items = [item if existing.id == item.id else existing for existing in self._items]
        for row in self.rows:
            if item.id in row.ids:
                row.show(item)

    async def _remove_item(self, item_id: str) -> None:
        self._items = [existing for existing in self._items if existing.id != item_id]
        self.marked.discard(item_id)
        for index, row in enumerate(self.rows):
            if item_id in row.ids:
                rest = tuple(member for member in row.group if member.id != item_id)
                if rest:
                    row.show_group(rest)
                else:
                    await self.pop(index)
                break
        self._update_subtitle()

    def select_id(self, item_id: str) -> None:
        for index, row in enumerate(self.rows):
            if item_id in row.ids:
                self.index = index

    def _update_subtitle(self) -> None:
        count = len(self._items)
        clusters = sum(1 for row in self.rows if row.is_cluster) if self.is_mounted else 0
        text = f"{count} item{'s' if count != 1 else ''}" if count else "empty"
        if clusters:
            text += f" · {clusters} cluster{'s' if clusters != 1 else ''}"
        self.border_subtitle = text

    # -- marks ---------------------------------------------------------------------------

    def _show_marks(self) -> None:
        for row in self.rows:
            marked = any(item.id in self.marked for item in row.group)
            if marked != row.marked:
                row.show_group(row.group, marked=marked)

    def clear_marks(self) -> None:
        self.marked.clear()
        self._show_marks()
        self.refresh_bindings()

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
            self.notify(f"This is a cluster of {len(group)}: split it (s, in the cluster phase) to {doing} its items.",
                        severity="warning")
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
        targets = [row for row in self.rows if any(item.id in self.marked for item in row.group)]
        highlighted = self.highlighted_child
        if isinstance(highlighted, GroupRow) and highlighted not in targets:
            targets.append(highlighted)
        if len(targets) < 2:
            self.notify("Mark at least one other item with Space, then press m on the one to merge it with.",
                        severity="warning")
            return
        ids = tuple(item.id for row in targets for item in row.group)
        self.post_message(self.MergeRequested(self, ids))

    def action_split(self) -> None:
        group = self.selected_group
        if group is None:
            return
        if len(group) < 2:
            self.notify("This item is not in a cluster: there is nothing to split.", severity="warning")
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
