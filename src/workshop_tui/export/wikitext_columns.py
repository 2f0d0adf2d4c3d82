"""Wikitext summary tables: which column of a table holds which column of a template.

A table is a summary when its header names every column of a template (its key, label or
heading); the step titles then choose among the templates it fits (`wikitext_import`). A table
headed like a summary (a template's KEY STEPS first) with a column no template has is one line
(`refuse_unknown_heading`); a table of "STEP n" rows with no header is the seed's shape.
"""

from __future__ import annotations

import re
from functools import lru_cache

from workshop_tui.content import Catalog, Template
from workshop_tui.export.common import column_key, folded, unknown_column
from workshop_tui.i18n import _, variants
from workshop_tui.i18n.words import STEP_WORD
from workshop_tui.export.wikimarkup import to_text
from workshop_tui.export.wikitable import MAX_TABLE_LINES, TABLE_START, Cell, Table, read_table

MAX_TABLES = 1_000


def any_of(words: tuple[str, ...]) -> str:
    """A regular expression matching any of the words (the longest first)."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _step_pattern() -> re.Pattern[str]:
    """`STEP 3: title`, with the word STEP in any language (`i18n.variants`)."""
    return re.compile(rf"^\W*(?:{any_of(variants(STEP_WORD))})\s*(\d{{1,9}})\b\s*[:.)\-–—]?\s*(.*)$", re.I)

Mapping = tuple[dict[int, str], int, list[Template]]
"""Which grid column holds which column key, where the data rows begin, and the templates it fits."""


def column_mapping(table: Table, catalog: Catalog) -> Mapping | None:
    """Which grid column holds which column of a template, where the data rows begin, and the
    templates whose every column the header names; None if the table is not a summary."""
    if not table.rows:
        return None
    headings = [folded(to_text(cell.first_line)) for cell in table.rows[0]]
    found: list[tuple[dict[int, str], Template]] = []
    for template in catalog.templates.values():
        mapping = _template_mapping(headings, template)
        if mapping is not None:
            found.append((mapping, template))
    if found:  # the fullest mapping (six columns over three), and every template it fits
        best = max(found, key=lambda pair: len(pair[0]))[0]
        return best, 1, [template for mapping, template in found if mapping == best]
    # No recognisable header: a table of "STEP n" rows with four cells is the seed's summary
    # (not one headed like a summary whose columns no template has: `refuse_unknown_heading`).
    steps_headings = {folded(template.key_steps_heading) for template in catalog.templates.values()}
    if headings[0] not in steps_headings and any(len(row) >= 4 and step_label(row[0]) for row in table.rows):
        keys = catalog.default.column_keys
        return ({index: key for index, key in enumerate(keys, start=1)}, int(all(cell.header for cell in table.rows[0])),
                [catalog.default])
    return None


def _template_mapping(headings: list[str], template: Template) -> dict[int, str] | None:
    """Grid column -> key when the headings after the first name each of the template's columns."""
    mapping: dict[int, str] = {}
    for index, heading in enumerate(headings[1:], start=1):
        key = column_key(heading, template) or next((k for k in template.column_keys if k in heading), None)
        if key and key not in mapping.values():
            mapping[index] = key
    return mapping if len(mapping) == len(template.columns) else None


def refuse_unknown_heading(text: str, catalog: Catalog) -> None:
    """A table headed like a summary (its first heading a template's KEY STEPS) with a column no
    template has: one line naming that heading, rather than "no summary table found"."""
    position, budget = 0, [MAX_TABLE_LINES]
    for _table in range(MAX_TABLES if "{|" in text else 0):
        start = TABLE_START.search(text, position)
        if start is None:
            return
        table = read_table(text, start.start(), budget)
        headings = [to_text(cell.first_line).strip() for cell in table.rows[0]] if table.rows else []
        headed = [template for template in catalog.templates.values()
                  if len(headings) > 1 and folded(template.key_steps_heading) == folded(headings[0])]
        if headed:  # the template it comes nearest to names the heading it lacks
            template = max(headed, key=lambda t: sum(1 for heading in headings[1:] if column_key(heading, t)))
            for heading in headings[1:]:
                if column_key(heading, template) is None:
                    raise unknown_column(heading, template, _("the summary table's heading"))
        position = max(table.end, start.end())


def step_label(cell: Cell) -> tuple[int, str] | None:
    first = next((part for part in to_text(cell.first_line).split("\n") if part.strip()), "")
    match = _step_pattern().match(first.strip())
    return (int(match.group(1)), match.group(2).strip()) if match else None
