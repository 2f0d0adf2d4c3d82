"""Reading a wikitext table (`{| ... |}`) into rows of cells, and placing them on a grid.

Row and cell markup (`|-`, `|`, `!`, `||`, `!!`), cell attributes with their spans, captions
and tables nested in a cell, as MediaWiki reads them. Bounded: a hostile page costs at most
`MAX_TABLE_LINES` lines and `MAX_CELLS` cells a row before it is refused, and a span that
reaches past the table's own size (its widest row, its last row) is refused with a line
rather than read as a layout that pushes every item out of the table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from workshop_tui.export.common import MAX_ITEMS, ImportFormatError
from workshop_tui.i18n import _

MAX_TABLE_LINES = 2 * MAX_ITEMS + 50_000  # a summary holds at most MAX_ITEMS bullets, one line each
MAX_CELLS = 1_000  # in one row
MAX_LABEL = 2_000  # enough of a cell to read "STEP n: title", a heading or its attributes
TABLE_START = re.compile(r"^[ \t]*\{\|", re.M)
CELL_SEPARATOR = re.compile(r"!!|\|\|")
_ATTRIBUTE = r"""[\w:-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'|]+))?"""
# One attribute after another, never two ways to split them: no backtracking blow-up.
_ATTRIBUTES = re.compile(rf"^\s*{_ATTRIBUTE}(?:\s+{_ATTRIBUTE})*\s*$")
_SPAN = re.compile(r"""\b(row|col)span\s*=\s*["']?\s*(\d+)""", re.I)
HUGE_SPAN = 10**18  # a span of more digits is read as "more than 999,999,999,999,999,999"


@dataclass
class Cell:
    """A cell's wikitext, line by line (the first is what followed its `|` or `!`)."""

    lines: list[str]
    header: bool = False
    rowspan: int = 1
    colspan: int = 1

    @property
    def first_line(self) -> str:
        """The first line with text, cut short: all a heading or a step label needs."""
        return next((line for line in self.lines if line.strip()), "")[:MAX_LABEL]


@dataclass
class Table:
    """A table's rows as written: a row's cells before spans are placed (see `grid`)."""

    rows: list[list[Cell]] = field(default_factory=list)
    end: int = 0  # where the table's closing line ends in the page


def _lines(text: str, position: int) -> Iterator[tuple[str, int]]:
    """Each line from position on, with where the next one starts (no copy of the whole page)."""
    while position < len(text):
        end = text.find("\n", position)
        end = len(text) if end < 0 else end
        yield text[position:end], end + 1
        position = end + 1


def read_table(text: str, start: int, budget: list[int]) -> Table:
    """One `{| ... |}` table into rows of cells; nested tables stay inside their cell's text."""
    table = Table(end=len(text))
    row: list[Cell] | None = None
    cell: Cell | None = None
    depth = 0
    for raw, next_start in _lines(text, start):
        budget[0] -= 1
        if budget[0] < 0:
            raise ImportFormatError(_("the page's tables are too long to be a summary (over {count:,} lines)").format(
                count=MAX_TABLE_LINES))
        stripped = raw.lstrip(" \t")
        if stripped.startswith("{|"):
            depth += 1
            if depth == 1:
                continue
        elif stripped.startswith("|}"):
            depth -= 1
            if depth == 0:
                table.end = next_start
                break
            if cell is not None:
                cell.lines.append(raw)  # the end of a table nested in this cell
            continue
        if depth > 1:
            if cell is not None:
                cell.lines.append(raw)
            continue
        if stripped.startswith("|-"):
            row = None
            cell = None
        elif stripped.startswith("|+"):
            cell = Cell([])  # the caption: read, then dropped
        elif stripped.startswith(("|", "!")):
            if row is None:
                row = []
                table.rows.append(row)
            header = stripped[0] == "!"
            if stripped.count("||") + header * stripped.count("!!") > MAX_CELLS:
                raise ImportFormatError(_("a table row with more than {count:,} cells is not a summary").format(count=MAX_CELLS))
            pieces = CELL_SEPARATOR.split(stripped[1:]) if header else stripped[1:].split("||")
            for piece in pieces:
                cell = _cell(piece, header)
                row.append(cell)
        elif cell is not None:
            cell.lines.append(raw)
    return table


def _cell(piece: str, header: bool) -> Cell:
    """A cell's text, without its attributes (`style="..." | text`), and its spans."""
    bar = piece.find("|", 0, MAX_LABEL)
    if bar >= 0 and _ATTRIBUTES.match(piece[:bar]):
        attributes, content = piece[:bar], piece[bar + 1 :]
        spans = {kind.lower(): int(count) if len(count) < 19 else HUGE_SPAN for kind, count in _SPAN.findall(attributes)}
        return Cell([content], header, max(spans.get("row", 1), 1), max(spans.get("col", 1), 1))
    return Cell([piece], header)


def grid(rows: list[list[Cell]], width: int) -> Iterator[dict[int, Cell]]:
    """Each row's cells by grid column, as a browser places them: spans push later cells right.

    `width` is the table's: its widest row's number of cells. A cell whose span reaches past
    it, or past the last row, ends the import with one line (`ImportFormatError`)."""
    carried: dict[int, int] = {}  # column -> rows still covered by a rowspan from above
    for index, row in enumerate(rows, start=1):
        placed: dict[int, Cell] = {}
        taken = {column for column, left in carried.items() if left > 0}
        carried = {column: left - 1 for column, left in carried.items() if left > 1}
        column = 0
        for cell in row:
            while column in taken:
                column += 1
            _check_spans(cell, index, column, width, len(rows) - index + 1)
            placed[column] = cell
            for covered in range(column, column + cell.colspan):
                taken.add(covered)
                if cell.rowspan > 1:
                    carried[covered] = cell.rowspan - 1
            column += cell.colspan
        yield placed


def _check_spans(cell: Cell, index: int, column: int, width: int, rows_left: int) -> None:
    if column + cell.colspan > max(width, column + 1):
        raise ImportFormatError(_("the summary table's row {row} spans {count} columns; the table has {width}: "
                                  "correct the span and import again").format(
            row=index, count=_count(cell.colspan), width=width))
    if cell.rowspan > rows_left:
        raise ImportFormatError(_("the summary table's row {row} spans {count} rows; the table has {rows} from there "
                                  "to its end: correct the span and import again").format(
            row=index, count=_count(cell.rowspan), rows=rows_left))


def _count(span: int) -> str:
    return _("more than {count:,}").format(count=HUGE_SPAN - 1) if span >= HUGE_SPAN else f"{span:,}"
