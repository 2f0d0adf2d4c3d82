"""How items group into rows and cells: clusters together, ordered by votes when asked.

Pure, beside the model: the step's columns (`widgets/group_column.py`), the summary grid and
every exporter group items the same way, so a cell reads alike on screen and on the wiki.
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter

from workshop_tui.model import Item

Group = tuple[Item, ...]
"""One row of a column or one bullet of a cell: an item alone, or the members of a cluster."""

_position = attrgetter("position")


def cell_groups(items: Iterable[Item]) -> list[Group]:
    """One cell's items as the summary shows them: each cluster as one group, each other item alone.

    A cluster is the items sharing a cluster id; one left alone (its partners deleted) is a plain
    item. Groups are ordered by their votes (a cluster's are its members' sum), most first, and
    members likewise; ties keep the order of positions, so a cell without votes keeps its order.
    """
    items = sorted(items, key=_position)
    if not any(item.cluster_id or item.votes for item in items):
        return [(item,) for item in items]  # no clusters, no votes: each alone, in order
    groups: dict[object, list[Item]] = {}
    for index, item in enumerate(items):
        groups.setdefault(item.cluster_id or index, []).append(item)
    ranked = [tuple(sorted(group, key=lambda item: -item.votes)) for group in groups.values()]
    return sorted(ranked, key=lambda group: -sum(item.votes for item in group))


def column_groups(items: Iterable[Item], *, by_votes: bool = False) -> list[Group]:
    """Rows of a step's column: each cluster together (where its first member is), other items alone.

    `by_votes` orders them as the summary and the exports do (`cell_groups`): most votes first.
    """
    if by_votes:
        return cell_groups(items)
    groups: dict[object, list[Item]] = {}
    for item in items:
        groups.setdefault(item.cluster_id or ("item", item.id), []).append(item)
    return [tuple(group) for group in groups.values()]


def is_cluster(group: Group) -> bool:
    return len(group) > 1


def votes_of(group: Group) -> int:
    """A row's votes: a cluster counts its members'."""
    return sum(item.votes for item in group)
