"""`ItemSet`: the items a screen holds between reads of the store (no Textual here).

The step screen keeps the whole session's items (the step list counts them, and a step is
drawn at once when the facilitator moves to it); the participant's screen keeps the step shown.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from workshop_tui.model import Item


class ItemSet:
    """The items a screen holds, as the store last returned them, kept by step: adding one,
    replacing a step's and counting them cost what one step holds, not the whole session (a
    session can hold thousands, and the step screen does these on every save)."""

    def __init__(self, items: Iterable[Item] = ()) -> None:
        self._steps: dict[int, dict[str, Item]] = {}  # step -> id -> item, in the order first held
        self._step_of: dict[str, int] = {}
        self.set(items)

    def __iter__(self) -> Iterator[Item]:
        return (item for items in self._steps.values() for item in items.values())

    def set(self, items: Iterable[Item]) -> None:
        """Hold exactly these."""
        self._steps, self._step_of = {}, {}
        for item in items:
            self._put(item)

    def _put(self, item: Item) -> None:
        held = self._step_of.get(item.id)
        if held is not None and held != item.step:  # moved to another step
            del self._steps[held][item.id]
        self._steps.setdefault(item.step, {})[item.id] = item
        self._step_of[item.id] = item.step

    def remember(self, *changed: Item) -> None:
        """Keep these as the newest versions of their items (new ones go last)."""
        for item in changed:
            self._put(item)

    def forget(self, item: Item) -> None:
        step = self._step_of.pop(item.id, None)
        if step is not None:
            del self._steps[step][item.id]

    def replace_step(self, step: int, items: Iterable[Item]) -> None:
        """The items of `step` are now these."""
        for item_id in self._steps.pop(step, {}):
            del self._step_of[item_id]
        for item in items:
            self._put(item)

    def of(self, step: int, column: str | None = None) -> list[Item]:
        """A step's items (of one column), in their order."""
        items = self._steps.get(step, {}).values()
        return sorted(items if column is None else (i for i in items if i.column == column),
                      key=lambda item: item.position)

    def counts(self) -> dict[int, int]:
        """Items per step."""
        return {step: len(items) for step, items in self._steps.items() if items}
