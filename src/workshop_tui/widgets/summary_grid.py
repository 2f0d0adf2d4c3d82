"""The summary table, drawn line by line: KEY STEPS, then one column per kind of item.

One row per step, as in the seed's table: the step and its introduction, then each column's
items (clusters together, ordered by votes, as the exports order them; dots, follow-ups,
authors dim). Items are data, never markup: each is `Content` built from its plain text.

A session can hold thousands of items, and only a screenful is ever seen, so this is a widget
of Textual's line API (`render_line`, as `Log` and `DataTable` draw): `show` keeps the items of
each cell, not their text; the table's height comes from counting how many lines each item
wraps to (`line_count`, once per width); and only the lines on screen are built, an item at a
time, its lines kept in a small cache while it stays near the screen. The widget sits in its
screen's scrolling container, which scrolls it with everything around it.

A big session is laid out in two goes: the rows down to the bottom of the screen are counted
exactly at once (what is seen is always where its counts put it), the rows below are first
guessed from their items' lengths, then counted one row at a time after each refresh, until the
table's height is exact; drawing or jumping to a row still guessed counts every row at once.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from operator import attrgetter
from typing import Union

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

from workshop_tui.content import Template
from workshop_tui.grouping import Group, cell_groups
from workshop_tui.i18n import _
from workshop_tui.i18n.words import step_label
from workshop_tui.model import Item, SessionData
from workshop_tui.widgets.line_count import line_count
from workshop_tui.widgets.rows import dots, followup_content

STEP_MIN_WIDTH = 18  # wide enough for the steps' longest words ("organisations.") on an 80-column screen
PADDING = 1  # a cell's blank column on each side


@dataclass(frozen=True, slots=True)
class InCluster:
    """A cluster's line in a cell: its heading (`item` None), or one of its members."""

    group: Group
    item: Item | None = None


Entry = Union[Item, InCluster]
"""One thing a cell lists: an item alone (most are: kept as the item itself, nothing more), or a
cluster's heading or member."""


def _cluster_heading(group: Group) -> tuple[str, str]:
    total = sum(item.votes for item in group)
    return _("Cluster of {count}").format(count=len(group)), f" {dots(total)}" if total else ""


def entry_content(entry: Entry) -> Content:
    """An entry's lines, styled; built only when it is on screen."""
    item, group = (entry, ()) if isinstance(entry, Item) else (entry.item, entry.group)
    if item is None:
        heading, votes = _cluster_heading(group)
        return Content.assemble((heading, "bold $accent"), (votes, "bold $accent"))
    indent = "  " if group else ""
    # Continuation lines of a multi-line item are indented under its first line.
    line = Content.assemble(indent, ("• ", "$accent"), item.text.replace("\n", "\n  " + indent))
    if item.author:
        line = Content.assemble(line, " ", (f"({item.author})", "dim italic"))
    if item.votes and not group:  # a cluster's votes are on its own line, once
        line = Content.assemble(line, " ", (dots(item.votes), "bold $accent"))
    if item.followup:
        line = Content.assemble(line, "\n  ", indent, followup_content(item))
    return line


def entry_height(entry: Entry, width: int) -> int:
    """The lines `entry_content` wraps to at `width`, counted on its plain text (nothing kept)."""
    item, group = (entry, ()) if isinstance(entry, Item) else (entry.item, entry.group)
    if item is None:
        return line_count("".join(_cluster_heading(group)), width)
    indent = "  " if group else ""
    plain = indent + "• " + item.text.replace("\n", "\n  " + indent)
    if item.author:
        plain += f" ({item.author})"
    if item.votes and not group:
        plain += " " + dots(item.votes)
    if item.followup:
        plain += "\n  " + indent + followup_content(item).plain
    return line_count(plain, width)


def cell_entries(items: list[Item]) -> list[Entry]:
    """A cell's entries: clusters together (their heading first), ordered by votes, as the exports order them."""
    entries: list[Entry] = []
    for group in cell_groups(items):
        if len(group) > 1:
            entries.append(InCluster(group))
            entries += [InCluster(group, item) for item in group]
        else:
            entries.append(group[0])
    return entries


class Cell:
    """A cell: fixed content (a heading, a step) or a list of items; where each entry starts, per width."""

    def __init__(self, items: list[Item] | None = None, content: Content | None = None) -> None:
        self.items = items or []
        self.content = content
        self._entries: list[Entry] | None = None  # grouped when first needed
        self._starts: tuple[int, Sequence[int]] | None = None  # width -> first line of each entry, then the height

    @property
    def entries(self) -> list[Entry]:
        if self._entries is None:
            self._entries = cell_entries(self.items)
        return self._entries

    def starts(self, width: int) -> Sequence[int]:
        """The first line of each entry at `width`, then the cell's height (one more than the entries)."""
        if self._starts is None or self._starts[0] != width:
            if self.content is not None:
                starts = [0, len(self.content.wrap(width))]
            else:
                starts, line = array("l", [0]), 0
                for entry in self.entries:
                    line += entry_height(entry, width)
                    starts.append(line)
            self._starts = (width, starts)
        return self._starts[1]

    def height(self, width: int) -> int:
        return self.starts(width)[-1]

    def guess(self, width: int) -> int:
        """About `height`, without wrapping anything: a line per item and one more per `width`
        characters of its text (a fixed cell is counted: it is one short text). A guess is only
        ever the height of rows below the screen until they are counted."""
        if self.content is not None or (self._starts is not None and self._starts[0] == width):
            return self.height(width)
        return len(self.items) + sum(map(len, map(_text, self.items))) // width

    def locate(self, line: int, width: int) -> tuple[int, int] | None:
        """(entry, line within it) of a line of this cell; None past its end."""
        starts = self.starts(width)
        if line >= starts[-1]:
            return None
        index = bisect_right(starts, line) - 1
        return index, line - starts[index]

    def entry_content(self, index: int) -> Content:
        return self.content if self.content is not None else entry_content(self.entries[index])


_text = attrgetter("text")


def _step_cell(template: Template, number: int) -> Content:
    step = template.step(number) if number <= template.step_count else None
    heading = Content.styled(step_label(number, step.title) if step else step_label(number, colon=True), "bold")
    if step and step.introduction:
        heading = Content.assemble(heading, "\n", (step.introduction, "italic dim"))
    return heading


@dataclass
class Layout:
    """The table at one width: each column's x and width, each row's first line and height.

    A row's height is counted (`exact`) or, for a row below the screen in a big session,
    guessed until `count` counts it."""

    width: int
    columns: list[tuple[int, int]]  # (x, width) of each column, padding included
    tops: list[int]  # the first line of each row, then the table's height
    heights: list[int]  # each row's height, its rule (the line under it) not included
    exact: list[bool]  # whether each row's height is counted, not guessed

    @classmethod
    def of(cls, rows: list[list[Cell]], width: int, *, counted_above: float = float("inf")) -> Layout:
        """`rows` laid out at `width`: every row starting above line `counted_above` counted, the others guessed."""
        columns = column_spans(width, len(rows[0]) - 1) if rows else []
        layout = cls(width, columns, [0], [], [])
        for row in range(len(rows)):
            exact = layout.tops[-1] < counted_above
            layout.heights.append(layout.row_height(rows, row, exact=exact))
            layout.exact.append(exact)
            layout.tops.append(layout.tops[-1] + layout.heights[-1] + 1)
        return layout

    def row_height(self, rows: list[list[Cell]], row: int, *, exact: bool = True) -> int:
        inner = [max(span - 2 * PADDING, 1) for _x, span in self.columns]
        if exact:
            return max(cell.height(width) for cell, width in zip(rows[row], inner))
        return max(cell.guess(width) for cell, width in zip(rows[row], inner))

    @property
    def guessed(self) -> list[int]:
        """The rows whose height is still a guess."""
        return [row for row, exact in enumerate(self.exact) if not exact]

    def count(self, rows: list[list[Cell]], row: int) -> None:
        """Count a guessed row's height; the rows below it move."""
        height = self.row_height(rows, row)
        shift = height - self.heights[row]
        self.heights[row], self.exact[row] = height, True
        if shift:
            self.tops[row + 1:] = [top + shift for top in self.tops[row + 1:]]


def column_spans(width: int, columns: int) -> list[tuple[int, int]]:
    """(x, width) of the step column (2 parts, at least STEP_MIN_WIDTH) and `columns` others (3 parts each)."""
    step = Fraction(width * 2, 2 + 3 * columns)
    if step < STEP_MIN_WIDTH:
        step = Fraction(min(STEP_MIN_WIDTH, width))
    other = (width - step) / columns if columns else Fraction(0)
    edges = [Fraction(0), step] + [step + other * (n + 1) for n in range(columns)]
    return [(int(start), int(end) - int(start)) for start, end in zip(edges, edges[1:])]


class SummaryGrid(Widget):
    """The whole session: a headings row, then one row per step, each with a rule under it; `show` fills it."""

    COMPONENT_CLASSES = {
        "summary-grid--headings",
        "summary-grid--headings-rule",
        "summary-grid--current",
        "summary-grid--rule",
    }

    DEFAULT_CSS = """
    SummaryGrid {
        height: auto;
        border: round $foreground 30%;
        & > .summary-grid--headings { background: $panel; }
        & > .summary-grid--headings-rule { color: $foreground 30%; }
        & > .summary-grid--current { background: $accent 10%; }
        & > .summary-grid--rule { color: $foreground 15%; }
    }
    """

    COUNTED_AT_ONCE = 2_000
    """Sessions of up to this many items are counted whole before their first frame; a bigger
    one only down to the bottom of the screen, the rest after it (a row per refresh)."""

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._rows: list[list[Cell]] = []
        self._item_count = 0
        self._current = 0  # the row of the step the session is on (0: none)
        self._layout: Layout | None = None
        self._counting = False  # a row of guessed heights is to be counted after the next refresh
        self._lines: LRUCache[tuple[int, int, int, int], list[Strip]] = LRUCache(256)  # (row, column, entry, width)

    def show(self, data: SessionData, template: Template) -> None:
        """Draw this session: its items are kept (not their text); nothing is laid out until drawn."""
        cells: dict[tuple[int, str], list[Item]] = {}
        for item in data.items:
            cells.setdefault((item.step, item.column), []).append(item)
        headings = [Cell(content=Content.styled(template.key_steps_heading, "bold $accent"))]
        headings += [Cell(content=Content.styled(column.heading, "bold $accent")) for column in template.columns]
        rows = [headings]
        for number in range(1, data.info.step_count + 1):
            row = [Cell(content=_step_cell(template, number))]
            row += [Cell(cells.get((number, key))) for key in template.column_keys]
            rows.append(row)
        self._rows = rows
        self._item_count = len(data.items)
        self._current = data.info.current_step
        self._forget()
        self.refresh(layout=True)

    def _forget(self) -> None:
        self._layout = None
        self._lines.clear()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()  # the theme's colours are in the lines kept

    # -- layout --------------------------------------------------------------------------

    def layout_at(self, width: int) -> Layout:
        """The table laid out at `width` (kept until the width or the session changes); in a big
        session, the rows below the screen guessed at first (`Layout.exact`)."""
        if self._layout is None or self._layout.width != width:
            counted_above = float("inf")
            if self._item_count > self.COUNTED_AT_ONCE and isinstance(self.parent, Widget):
                # Lines of the scrolling container down to the screen's bottom: at least as
                # far as the table's own lines go there.
                counted_above = self.parent.scroll_y + max(self.parent.size.height, self.app.size.height)
            self._layout = Layout.of(self._rows, width, counted_above=counted_above)
            if not all(self._layout.exact) and not self._counting:
                self._counting = True
                self.call_after_refresh(self._count_next_row)
        return self._layout

    def _count_next_row(self) -> None:
        """Count the first row whose height is still guessed; again after the next refresh
        until none is; then the table takes its exact height."""
        self._counting = False
        layout = self._layout
        if layout is None or not self._rows:
            return
        guessed = layout.guessed
        if guessed:
            layout.count(self._rows, guessed[0])
        if len(guessed) > 1:
            self._counting = True
            self.call_after_refresh(self._count_next_row)
        elif guessed:
            self.refresh(layout=True)

    def count_all(self) -> None:
        """Count every row still guessed now (before jumping to the end, say)."""
        layout = self._layout
        if layout is not None and self._rows and not all(layout.exact):
            for row in layout.guessed:
                layout.count(self._rows, row)
            self.refresh(layout=True)

    @property
    def counted(self) -> bool:
        """Whether the table is laid out with every row's height counted (none guessed)."""
        return self._layout is not None and all(self._layout.exact)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.layout_at(width).tops[-1]

    # -- drawing -------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        layout = self.layout_at(width)
        if not self._rows or y >= layout.tops[-1]:
            return Strip.blank(width, self.visual_style.rich_style)
        row = bisect_right(layout.tops, y) - 1
        if not layout.exact[row]:  # scrolled to a row not counted yet: count them all, draw where they go
            self.count_all()
            if y >= layout.tops[-1]:
                return Strip.blank(width, self.visual_style.rich_style)
            row = bisect_right(layout.tops, y) - 1
        classes = ("summary-grid--headings",) if row == 0 else ("summary-grid--current",) if row == self._current else ()
        style = self.get_visual_style(*classes)
        line = y - layout.tops[row]
        if line == layout.heights[row]:  # the rule under the row
            rule = self.get_visual_style(*classes, "summary-grid--headings-rule" if row == 0 else "summary-grid--rule")
            return Strip([Segment("─" * width, rule.rich_style)], width)
        blank = RichStyle(bgcolor=style.rich_style.bgcolor)  # background only, as a blank cell is drawn
        strips = []
        for column, (cell, (_x, span)) in enumerate(zip(self._rows[row], layout.columns)):
            inner = max(span - 2 * PADDING, 1)
            strips.append(Strip.blank(PADDING, blank))
            strips.append(self._cell_line(row, column, cell, line, inner, style))
            strips.append(Strip.blank(span - PADDING - inner, blank))
        return Strip.join(strips).extend_cell_length(width, blank).crop(0, width)

    def _cell_line(self, row: int, column: int, cell: Cell, line: int, width: int, style) -> Strip:
        where = cell.locate(line, width)
        blank = RichStyle(bgcolor=style.rich_style.bgcolor)
        if where is None:
            return Strip.blank(width, blank)
        index, offset = where
        key = (row, column, index, width)
        lines = self._lines.get(key)
        if lines is None:
            lines = Visual.to_strips(self, cell.entry_content(index), width, None, style, pad=True)
            self._lines[key] = lines
        if offset >= len(lines):
            return Strip.blank(width, blank)
        return lines[offset].extend_cell_length(width, blank).crop(0, width)
