"""`ItemSet`: the items a screen holds between reads of the store (no Textual here).

The step screen keeps the whole session's items (the step list counts them, and a step is
drawn at once when the facilitator moves to it); the participant's screen keeps the step shown.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from workshop_tui.model import Item


class ItemSet:
    """The items a screen holds, as the store last returned them: quick to add one to (a
    session can hold thousands), and counted per step."""

    def __init__(self, items: Iterable[Item] = ()) -> None:
        self._items: list[Item] = []
        self._ids: set[str] = set()
        self.set(items)

    def __iter__(self) -> Iterator[Item]:
        return iter(self._items)

    def set(self, items: Iterable[Item]) -> None:
        """Hold exactly these."""
        self._items = list(items)
        self._ids = {item.id for item in self._items}

    def remember(self, *changed: Item) -> None:
        """Keep these as the newest versions of their items (new ones go last)."""
        if len(changed) == 1 and changed[0].id not in self._ids:  # a new item: no need to look through the others
            self._items.append(changed[0])
            self._ids.add(changed[0].id)
            return
        by_id = {item.id: item for item in changed}
        self.set([by_id.pop(item.id, item) for item in self._items] + list(by_id.values()))

    def forget(self, item: Item) -> None:
        self.set([i for i in self._items if i.id != item.id])

    def replace_step(self, step: int, items: Iterable[Item]) -> None:
        """The items of `step` are now these."""
        self.set([i for i in self._items if i.step != step] + list(items))

    def of(self, step: int, column: str | None = None) -> list[Item]:
        """A step's items (of one column), in their order."""
        return sorted((i for i in self._items if i.step == step and (column is None or i.column == column)),
                      key=lambda item: item.position)

    def counts(self) -> dict[int, int]:
        """Items per step."""
        counts: dict[int, int] = {}
        for item in self._items:
            counts[item.step] = counts.get(item.step, 0) + 1
        return counts
