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
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
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
    """A cell: fixed content (a heading, a step) or a list of entries; where each entry starts, per width."""

    def __init__(self, entries: list[Entry] | None = None, content: Content | None = None) -> None:
        self.entries = entries or []
        self.content = content
        self._starts: tuple[int, Sequence[int]] | None = None  # width -> first line of each entry, then the height

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

    def locate(self, line: int, width: int) -> tuple[int, int] | None:
        """(entry, line within it) of a line of this cell; None past its end."""
        starts = self.starts(width)
        if line >= starts[-1]:
            return None
        index = bisect_right(starts, line) - 1
        return index, line - starts[index]

    def entry_content(self, index: int) -> Content:
        return self.content if self.content is not None else entry_content(self.entries[index])


def _step_cell(template: Template, number: int) -> Content:
    step = template.step(number) if number <= template.step_count else None
    heading = Content.styled(step_label(number, step.title) if step else step_label(number) + ": ", "bold")
    if step and step.introduction:
        heading = Content.assemble(heading, "\n", (step.introduction, "italic dim"))
    return heading


@dataclass
class Layout:
    """The table at one width: each column's x and width, each row's first line and height."""

    width: int
    columns: list[tuple[int, int]]  # (x, width) of each column, padding included
    tops: list[int]  # the first line of each row, then the table's height
    heights: list[int]  # each row's height, its rule (the line under it) not included


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

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._rows: list[list[Cell]] = []
        self._current = 0  # the row of the step the session is on (0: none)
        self._layout: Layout | None = None
        self._lines: LRUCache[tuple[int, int, int, int], list[Strip]] = LRUCache(256)  # (row, column, entry, width)

    def show(self, data: SessionData, template: Template) -> None:
        """Draw this session: its items are kept (not their text); nothing is laid out until drawn."""
        headings = [Cell(content=Content.styled(template.key_steps_heading, "bold $accent"))]
        headings += [Cell(content=Content.styled(column.heading, "bold $accent")) for column in template.columns]
        rows = [headings]
        for number in range(1, data.info.step_count + 1):
            cells = [Cell(content=_step_cell(template, number))]
            cells += [Cell(cell_entries(data.items_for(number, key))) for key in template.column_keys]
            rows.append(cells)
        self._rows = rows
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
        """The table laid out at `width` (kept until the width or the session changes)."""
        if self._layout is None or self._layout.width != width:
            columns = column_spans(width, len(self._rows[0]) - 1) if self._rows else []
            tops, heights = [0], []
            for cells in self._rows:
                height = max(cell.height(max(span - 2 * PADDING, 1)) for cell, (_x, span) in zip(cells, columns))
                heights.append(height)
                tops.append(tops[-1] + height + 1)
            self._layout = Layout(width, columns, tops, heights)
        return self._layout

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.layout_at(width).tops[-1]

    # -- drawing -------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        layout = self.layout_at(width)
        if not self._rows or y >= layout.tops[-1]:
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
