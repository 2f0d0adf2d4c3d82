"""Wikitext: the session as a page shaped like the seed's, and such a page's summary table read back.

The page: the session title, an Information section, the template's introduction and
objectives, then the summary table, one row per step, items as bullets with their author in a
trailing `<small>(name)</small>`. Typed text is escaped with character references (never
`{{!}}`, which MediaWiki turns back into a live pipe), so it renders exactly as typed, and no
typed text can make a raw `<`: the importer knows every raw tag was written by the exporter.

The importer reads our own pages and tables copied from wiki pages in the summary's shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from workshop_tui.content import Catalog, Template
from workshop_tui.export.common import (
    MAX_ITEMS,
    UNKNOWN_FORMAT,
    ImportFormatError,
    checked_step,
    column_key,
    infer_template,
    inferred_info,
    item_text,
    numbered,
    one_line,
)
from workshop_tui.export.wikimarkup import escape, to_text, without_comments
from workshop_tui.export.wikitable import CELL_SEPARATOR, MAX_TABLE_LINES, TABLE_START, Cell, Table, grid, read_table
from workshop_tui.model import COLUMNS, Item, SessionData, SessionInfo
from workshop_tui.text import clean_name, clean_text

INFO_FIELDS = (("Facilitator", "facilitator"), ("Participants", "participants"), ("Event", "event"),
               ("Place", "place"), ("Date", "date"))


# -- export ------------------------------------------------------------------------------------


def export(data: SessionData, template: Template) -> str:
    info = data.info
    lines = [f"= {escape(info.title)} =", ""] if info.title.strip() else []
    lines += ["== Information ==", *_information_lines(info), ""]
    if template.introduction or template.objectives:
        lines += ["== Introduction =="]
        lines += [escape(template.introduction)] if template.introduction else []
        lines += [f"* {escape(objective)}" for objective in template.objectives]
        lines += [""]
    lines += [f"== {escape(template.title)} ==", *_table(data, template)]
    return "\n".join(lines) + "\n"


def _information_lines(info: SessionInfo) -> list[str]:
    values = {name: escape(getattr(info, name)) for _, name in INFO_FIELDS if name != "participants"}
    # A comma inside a name is encoded, so the list splits back into the same names.
    values["participants"] = ", ".join(escape(name, extra=",") for name in info.participants)
    return [f"* {label}: {values[name]}" for label, name in INFO_FIELDS if values[name]]


def _table(data: SessionData, template: Template) -> list[str]:
    headings = [template.key_steps_heading, *(template.column(key).heading for key in COLUMNS)]
    lines = ['{| class="wikitable"', "! " + " !! ".join(escape(heading) for heading in headings)]
    last_step = max([data.info.step_count, *(item.step for item in data.items)])
    for number in range(1, last_step + 1):
        lines += ["|-", "| " + _step_cell(template, number)]
        for key in COLUMNS:
            lines += ["|", *(_bullet(item) for item in data.items_for(number, key))]
    lines.append("|}")
    return lines


def _step_cell(template: Template, number: int) -> str:
    step = template.step(number) if number <= template.step_count else None
    label = f"STEP {number}: {escape(step.title)}" if step else f"STEP {number}"
    intro = f"<br />''{escape(step.introduction)}''" if step and step.introduction else ""
    return f"'''{label}'''{intro}"


def _bullet(item: Item) -> str:
    author = f" <small>({escape(item.author)})</small>" if item.author else ""
    return f"* {escape(item.text)}{author}"


# -- import ------------------------------------------------------------------------------------

MAX_TABLES = 1_000
MAX_SOURCE = 200_000  # an item of 10,000 characters takes at most about 100,000 escaped
# Patterns run over the whole page: written so that no line makes them backtrack quadratically.
_TITLE = re.compile(r"^=(?!=)(.*[^=\s])[ \t]*=[ \t]*$", re.M)
_INFO = re.compile(
    r"^[*#:;]*[ \t]*(?:'{2,5}[ \t]*)?(facilitators?|participants|event|place|date)[ \t]*(?:'{2,5}[ \t]*)?:(.*)$",
    re.M | re.I,
)
_INFO_SECTION = re.compile(r"^=+[ \t]*Information[ \t]*=+[ \t]*$", re.M | re.I)
_HEADING = re.compile(r"^=", re.M)
_STEP_LABEL = re.compile(r"^\W*step\s*(\d{1,9})\b\s*[:.)\-–—]?\s*(.*)$", re.I)
_BULLET = re.compile(r"^[*#]+")
_NESTED_TABLE = re.compile(r"^[ \t]*(?:\{\||\|[}+-])")
_NESTED_CELLS = re.compile(r"^[ \t]*[|!]")
_BREAK = re.compile(r"</?br\s*/?>", re.I)
_AUTHOR_OPEN, _AUTHOR_CLOSE = "<small>(", ")</small>"


def looks_like(text: str) -> bool:
    return "{|" in text and TABLE_START.search(text) is not None


def parse(text: str, catalog: Catalog) -> SessionData:
    text = without_comments(text.replace("\r\n", "\n").replace("\r", "\n"))
    budget = [MAX_TABLE_LINES]
    position = 0
    for _ in range(MAX_TABLES if "{|" in text else 0):
        start = TABLE_START.search(text, position)
        if start is None:
            break
        table = read_table(text, start.start(), budget)
        mapping = _column_mapping(table, catalog)
        if mapping is not None:
            return _session(text[: start.start()], table, *mapping, catalog)
        position = max(table.end, start.end())
    raise ImportFormatError(UNKNOWN_FORMAT)


def _column_mapping(table: Table, catalog: Catalog) -> tuple[dict[int, str], int] | None:
    """Which grid column holds which kind of item, and where the data rows begin; None if no summary."""
    if not table.rows:
        return None
    headings = [" ".join(to_text(cell.first_line).casefold().split()) for cell in table.rows[0]]
    mapping: dict[int, str] = {}
    for index, heading in enumerate(headings[1:], start=1):
        key = column_key(heading, catalog) or next((k for k in COLUMNS if k in heading), None)
        if key and key not in mapping.values():
            mapping[index] = key
    if len(mapping) == len(COLUMNS):
        return mapping, 1
    # No recognisable header: a table of "STEP n" rows with four cells is a summary too.
    if any(len(row) >= 4 and _step_label(row[0]) for row in table.rows):
        return {1: "action", 2: "obstacle", 3: "tool"}, int(all(cell.header for cell in table.rows[0]))
    return None


def _step_label(cell: Cell) -> tuple[int, str] | None:
    first = next((part for part in to_text(cell.first_line).split("\n") if part.strip()), "")
    match = _STEP_LABEL.match(first.strip())
    return (int(match.group(1)), match.group(2).strip()) if match else None


def _session(before: str, table: Table, mapping: dict[int, str], first_row: int, catalog: Catalog) -> SessionData:
    rows = list(grid(table.rows[first_row:]))
    labels = [_step_label(row[0]) if 0 in row else None for row in rows]
    labelled = any(labels)
    titles: dict[int, str] = {}
    found: list[tuple[int, str, str, str | None, int, str]] = []
    step = highest = 0
    for index, (row, label) in enumerate(zip(rows, labels), start=1):
        if label:
            step = checked_step(label[0], f"the summary table's row {index}")
            titles.setdefault(step, label[1])
        elif not labelled and 0 in row:
            step = checked_step(step + 1, f"the summary table's row {index}")  # unlabelled: one row per step
        step = max(step, 1)  # rows above the first "STEP n" belong to step 1
        highest = max(highest, step)
        for column, key in mapping.items():
            if column in row:
                for text, author in _items(row[column].lines, f"step {step}, {key}"):
                    found.append((step, key, text, author, 0, ""))
                    if len(found) > MAX_ITEMS:
                        raise ImportFormatError(f"more than {MAX_ITEMS:,} items: too many for one session")
    items = numbered(found)
    info = inferred_info(_title(before), infer_template(catalog, titles), items, highest, **_information_fields(before))
    return SessionData(info=info, items=items)


def _items(lines: list[str], where: str) -> Iterator[tuple[str, str | None]]:
    """A cell's items: one per bullet (its `<br />`s are line breaks), else one per line or `<br>`."""
    for raw in _cell_lines(lines):
        bullet = _BULLET.match(raw)
        if bullet:
            content, author = _author(_bounded(raw[bullet.end() :].strip(" \t"), where))
            pieces: Iterator[str] = iter([to_text(content)])
        else:
            author, pieces = None, (to_text(_bounded(piece, where)) for piece in _between_breaks(raw))
        for piece in map(clean_text, pieces):
            if piece.strip():  # a blank bullet on a hand-made page shows nothing: skipped
                yield item_text(piece, where), author


def _bounded(source: str, where: str) -> str:
    """Refuse early what cannot be an item, before decoding megabytes of it."""
    if len(source) > MAX_SOURCE:
        raise ImportFormatError(f"{where}: an item's wikitext is {len(source):,} characters long; too long for an item")
    return source


def _between_breaks(raw: str) -> Iterator[str]:
    """The pieces of a plain line between its `<br>`s, one at a time (a line may hold thousands)."""
    position = 0
    for match in _BREAK.finditer(raw):
        yield raw[position : match.start()].strip(" \t")
        position = match.end()
    yield raw[position:].strip(" \t")


def _cell_lines(lines: list[str]) -> Iterator[str]:
    """A cell's lines; a table nested in the cell gives its cells' text, one line each."""
    for raw in lines:
        nested = _NESTED_CELLS.match(raw)
        if _NESTED_TABLE.match(raw):
            continue
        if nested:
            yield from CELL_SEPARATOR.split(raw[nested.end() :])
        else:
            yield raw


def _author(content: str) -> tuple[str, str | None]:
    """A bullet's text and the author in its trailing `<small>(name)</small>`, if any.

    Typed text never holds a raw `<`, so in our pages the last `<small>(` is the author's."""
    start = content.rfind(_AUTHOR_OPEN)
    end = len(content) - len(_AUTHOR_CLOSE)
    if start < 0 or not content.endswith(_AUTHOR_CLOSE) or start + len(_AUTHOR_OPEN) > end:
        return content, None
    name = content[start + len(_AUTHOR_OPEN) : end]
    return content[:start].rstrip(" \t"), clean_name(to_text(name))


def _title(before: str) -> str:
    match = _TITLE.search(before)
    return one_line(to_text(_bounded(match.group(1).strip(" \t"), "the title"))) if match else ""


def _information_fields(before: str) -> dict[str, object]:
    """The Information section's fields (the first of each); without that section, any before the table."""
    section = _INFO_SECTION.search(before)
    if section:
        following = _HEADING.search(before, section.end())
        before = before[section.end() : following.start() if following else len(before)]
    fields: dict[str, object] = {}
    for match in _INFO.finditer(before):
        label = match.group(1).casefold().rstrip("s")
        name = {"facilitator": "facilitator", "participant": "participants"}.get(label, label)
        if name in fields:
            continue
        value = _bounded(match.group(2), f"the Information section's {name}")
        if name == "participants":
            names = (clean_name(to_text(part)) for part in value.split(","))
            fields[name] = tuple(dict.fromkeys(n for n in names if n))
        else:
            fields[name] = one_line(to_text(value))
    return fields

