"""Wikitext read back: a session from a page's summary table (`parse`).

Reads our own pages (`wikitext.export`: items, authors, votes, clusters, follow-ups, step
times: the table is the source; the Follow-ups section repeats it for readers and is not read)
and tables copied from wiki pages in the summary's shape. Typed text never holds a raw `<` in
our pages, so every raw tag was written by the exporter or by whoever wrote the page by hand.
A mark it cannot read stays in the item's text. The words an export writes (`STEP`, the
Information labels, `Timebox`, `owner:`, the follow-up marks) are read in every language the app
speaks (`i18n.variants`): a page exported in French reads back anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from workshop_tui.content import Catalog, Template
from workshop_tui.export.common import (
    MAX_ITEMS,
    UNKNOWN_FORMAT,
    ImportFormatError,
    Row,
    checked_step,
    imported_state,
    infer_template,
    inferred_info,
    numbered,
    one_line,
    parse_duration,
)
from workshop_tui.export.wording import (
    INFO_WORDS,
    INFORMATION,
    SPENT_WORD,
    TIMEBOX_WORD,
)
from workshop_tui.i18n import _, variants
from workshop_tui.export.wikimarkup import blank_comments, to_text, without_comments
from workshop_tui.export.wikitable import MAX_TABLE_LINES, TABLE_START, Cell, Table, grid, read_table
from workshop_tui.export.wikitext import TIME_OPEN
from workshop_tui.export.wikitext_cells import bounded, cell_rows, starting, with_cluster_votes
from workshop_tui.export.wikitext_columns import MAX_TABLES, Mapping, any_of, column_mapping, refuse_unknown_heading, step_label
from workshop_tui.model import SessionData
from workshop_tui.text import clean_name

# Patterns run over the whole page: written so that no line makes them backtrack quadratically.
_TITLE = re.compile(r"^=(?!=)(.*[^=\s])[ \t]*=[ \t]*$", re.M)
_HEADING = re.compile(r"^=", re.M)
_TIME = re.compile(r'<small class="timebox">([^<\n]{1,200})</small>')


_any = any_of


@lru_cache(maxsize=1)
def _info_patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """The Information labels (each field's label in every language -> the field), their
    pattern, and the section heading's."""
    names = {word.casefold(): name for name, label in INFO_WORDS.items() for word in variants(label)}
    names |= {"facilitators": "facilitator", "participant": "participants"}
    label = re.compile(rf"^[*#:;]*[ \t]*(?:'{{2,5}}[ \t]*)?({_any(tuple(names))})[ \t]*(?:'{{2,5}}[ \t]*)?:(.*)$",
                       re.M | re.I)
    section = re.compile(rf"^=+[ \t]*(?:{_any(variants(INFORMATION))})[ \t]*=+[ \t]*$", re.M | re.I)
    return label, section, names


def looks_like(text: str) -> bool:
    return "{|" in text and TABLE_START.search(text) is not None


def parse(text: str, catalog: Catalog) -> SessionData:
    text = without_comments(text.replace("\r\n", "\n").replace("\r", "\n"))
    for start, table, mapping in _summary_tables(text, catalog):
        return _session(text[:start], table, *mapping, catalog)
    refuse_unknown_heading(text, catalog)
    raise ImportFormatError(_(UNKNOWN_FORMAT))


def summary_tables(text: str, catalog: Catalog) -> list[tuple[int, int]]:
    """Where each table in the summary's shape starts and ends (after its `|}` line) in the page
    as written: what `parse` would read, and what publishing replaces. A table in a comment is none."""
    return [(start, table.end) for start, table, _ in _summary_tables(blank_comments(text), catalog)]


def _summary_tables(text: str, catalog: Catalog) -> Iterator[tuple[int, Table, Mapping]]:
    """Each table in the summary's shape: where it starts, its rows, and its column mapping."""
    budget = [MAX_TABLE_LINES]
    position = 0
    for _ in range(MAX_TABLES if "{|" in text else 0):
        start = TABLE_START.search(text, position)
        if start is None:
            break
        table = read_table(text, start.start(), budget)
        mapping = column_mapping(table, catalog)
        if mapping is not None:
            yield start.start(), table, mapping
        position = max(table.end, start.end())


def _step_times(cell: Cell) -> tuple[int | None, int | None] | None:
    """The timebox and time spent in a step cell's `<small class="timebox">`; None without one."""
    for line in cell.lines:
        match = _TIME.search(line) if TIME_OPEN in line else None
        if match:
            planned = spent = None
            for part in to_text(match.group(1)).split(" · "):
                part = part.strip()
                if (value := starting(part, TIMEBOX_WORD)) is not None:
                    planned = parse_duration(value)
                elif (value := starting(part, SPENT_WORD)) is not None:
                    spent = parse_duration(value)
            return planned, spent
    return None


def _session(before: str, table: Table, mapping: dict[int, str], first_row: int, fitting: list[Template],
             catalog: Catalog) -> SessionData:
    rows = list(grid(table.rows[first_row:], max(len(row) for row in table.rows)))
    labels = [step_label(row[0]) if 0 in row else None for row in rows]
    labelled = any(labels)
    titles: dict[int, str] = {}
    times: dict[int, tuple[int | None, int | None]] = {}
    found: list[Row] = []
    cluster_votes: dict[str, int] = {}
    step = highest = 0
    for index, (row, label) in enumerate(zip(rows, labels), start=1):
        if label:
            step = checked_step(label[0], _("the summary table's row {row}").format(row=index))
            titles.setdefault(step, label[1])
            time = _step_times(row[0])
            if time is not None:
                times.setdefault(step, time)
        elif not labelled and 0 in row:
            step = checked_step(step + 1, _("the summary table's row {row}").format(row=index))  # one row per step
        step = max(step, 1)  # rows above the first "STEP n" belong to step 1
        highest = max(highest, step)
        for column, key in mapping.items():
            if column in row:
                where = _("step {step}, {column}").format(step=step, column=key)
                for found_row in cell_rows(row[column].lines, step, key, where, cluster_votes):
                    found.append(found_row)
                    if len(found) > MAX_ITEMS:
                        raise ImportFormatError(_("more than {count:,} items: too many for one session").format(
                            count=MAX_ITEMS))
    template = infer_template(catalog, titles, fitting)
    items = numbered(with_cluster_votes(found, cluster_votes), template.column_keys)
    info = inferred_info(_title(before), template, items, highest, **_information_fields(before))
    states = (imported_state(number, template, None, *time) for number, time in sorted(times.items()))
    return SessionData(info=info, items=items, step_states=tuple(state for state in states if state))


def _title(before: str) -> str:
    match = _TITLE.search(before)
    return one_line(to_text(bounded(match.group(1).strip(" \t"), _("the title")))) if match else ""


def _information_fields(before: str) -> dict[str, object]:
    """The Information section's fields (the first of each); without that section, any before the table."""
    info, info_section, labels = _info_patterns()
    section = info_section.search(before)
    if section:
        following = _HEADING.search(before, section.end())
        before = before[section.end() : following.start() if following else len(before)]
    fields: dict[str, object] = {}
    for match in info.finditer(before):
        name = labels.get(match.group(1).casefold(), match.group(1).casefold())
        if name in fields:
            continue
        value = bounded(match.group(2), _("the Information section's {field}").format(field=name))
        if name == "participants":
            names = (clean_name(to_text(part)) for part in value.split(","))
            fields[name] = tuple(dict.fromkeys(n for n in names if n))
        else:
            fields[name] = one_line(to_text(value))
    return fields
