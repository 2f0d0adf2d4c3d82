"""`RowTable`: a `DataTable` of one kind of row (history entries, follow-ups) that keeps the
objects it shows, so a screen asks it for the one under the cursor (`selected`) and redraws
it without losing the cursor's place."""

from __future__ import annotations

from typing import Callable, Generic, Iterable, Sequence, TypeVar

from textual.widgets import DataTable

RowT = TypeVar("RowT")


class RowTable(DataTable, Generic[RowT]):
    """A table of rows, each drawn from one object; the cursor stays on the same object."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id)
        self.shown: Sequence[RowT] = ()

    @property
    def selected(self) -> RowT | None:
        """The object under the cursor (None when the table is empty)."""
        if not self.shown or self.cursor_row is None:
            return None
        return self.shown[min(self.cursor_row, len(self.shown) - 1)]

    def show_rows(self, rows: Sequence[RowT], columns: Iterable[tuple[str, int]],
                  cells: Callable[[RowT], Sequence[object]], *, key: Callable[[RowT], str] | None = None,
                  at_end: bool = False) -> None:
        """Draw `rows` under `columns` (label, width). The cursor stays on the object it was on
        (matched by `key`), else on the same line; `at_end` puts it on the last row."""
        was_on = self.selected
        line = self.cursor_row
        self.shown = rows
        self.clear(columns=True)
        for label, width in columns:
            self.add_column(label, width=width)
        for row in rows:
            self.add_row(*cells(row), key=key(row) if key else None)
        if not rows:
            return
        keys = [key(row) for row in rows] if key else []
        if at_end:
            self.move_cursor(row=len(rows) - 1, animate=False)
        elif key and was_on is not None and key(was_on) in keys:
            self.move_cursor(row=keys.index(key(was_on)), animate=False)
        elif line:
            self.move_cursor(row=min(line, len(rows) - 1), animate=False)
