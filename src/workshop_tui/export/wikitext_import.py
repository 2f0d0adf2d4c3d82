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
    MAX_INT,
    MAX_ITEMS,
    UNKNOWN_FORMAT,
    ImportFormatError,
    Row,
    checked_step,
    imported_state,
    infer_template,
    inferred_info,
    item_text,
    numbered,
    one_line,
    parse_duration,
)
from workshop_tui.export.wording import (
    CARRIED_LABEL,
    DUE_WORD,
    FOLLOWUP_LABEL,
    INFO_WORDS,
    INFORMATION,
    OWNER_WORD,
    SPENT_WORD,
    TIMEBOX_WORD,
    read_status,
)
from workshop_tui.i18n import variants
from workshop_tui.export.wikimarkup import blank_comments, to_text, without_comments
from workshop_tui.export.wikitable import CELL_SEPARATOR, MAX_TABLE_LINES, TABLE_START, Cell, Table, grid, read_table
from workshop_tui.export.wikitext import CLUSTER_OPEN, TIME_OPEN
from workshop_tui.export.wikitext_columns import MAX_TABLES, Mapping, any_of, column_mapping, refuse_unknown_heading, step_label
from workshop_tui.model import SessionData, new_id
from workshop_tui.text import clean_name, clean_text

MAX_SOURCE = 200_000  # an item of 10,000 characters takes at most about 100,000 escaped
# Patterns run over the whole page: written so that no line makes them backtrack quadratically.
_TITLE = re.compile(r"^=(?!=)(.*[^=\s])[ \t]*=[ \t]*$", re.M)
_HEADING = re.compile(r"^=", re.M)
_BULLET = re.compile(r"^[*#]+")
_NESTED_TABLE = re.compile(r"^[ \t]*(?:\{\||\|[}+-])")
_NESTED_CELLS = re.compile(r"^[ \t]*[|!]")
_BREAK = re.compile(r"</?br\s*/?>", re.I)
_TIME = re.compile(r'<small class="timebox">([^<\n]{1,200})</small>')
_MARK = re.compile(r'<small(?: class="(votes|followup)")?>\(')
_MARK_CLOSE = ")</small>"
_VOTES = re.compile(r"([0-9]{1,10}) votes?")
_CLUSTER_VOTES = re.compile(r'<small class="votes">\(([0-9]{1,12}) votes?\)</small>[ \t]*$')


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


def _starting(text: str, word: str) -> str | None:
    """`text` after `word` (in any language) and a space or the end; None if it does not start so."""
    for variant in variants(word):
        if text.startswith(variant) and (len(text) == len(variant) or text[len(variant)] in " \t"):
            return text[len(variant):]
    return None


def looks_like(text: str) -> bool:
    return "{|" in text and TABLE_START.search(text) is not None


def parse(text: str, catalog: Catalog) -> SessionData:
    text = without_comments(text.replace("\r\n", "\n").replace("\r", "\n"))
    for start, table, mapping in _summary_tables(text, catalog):
        return _session(text[:start], table, *mapping, catalog)
    refuse_unknown_heading(text, catalog)
    raise ImportFormatError(UNKNOWN_FORMAT)


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
                if (value := _starting(part, TIMEBOX_WORD)) is not None:
                    planned = parse_duration(value)
                elif (value := _starting(part, SPENT_WORD)) is not None:
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
            step = checked_step(label[0], f"the summary table's row {index}")
            titles.setdefault(step, label[1])
            time = _step_times(row[0])
            if time is not None:
                times.setdefault(step, time)
        elif not labelled and 0 in row:
            step = checked_step(step + 1, f"the summary table's row {index}")  # unlabelled: one row per step
        step = max(step, 1)  # rows above the first "STEP n" belong to step 1
        highest = max(highest, step)
        for column, key in mapping.items():
            if column in row:
                for found_row in _rows(row[column].lines, step, key, f"step {step}, {key}", cluster_votes):
                    found.append(found_row)
                    if len(found) > MAX_ITEMS:
                        raise ImportFormatError(f"more than {MAX_ITEMS:,} items: too many for one session")
    template = infer_template(catalog, titles, fitting)
    items = numbered(_cluster_votes(found, cluster_votes), template.column_keys)
    info = inferred_info(_title(before), template, items, highest, **_information_fields(before))
    states = (imported_state(number, template, None, *time) for number, time in sorted(times.items()))
    return SessionData(info=info, items=items, step_states=tuple(state for state in states if state))


def _rows(lines: list[str], step: int, column: str, where: str, cluster_votes: dict[str, int]) -> Iterator[Row]:
    """A cell's items: one per bullet (its `<br />`s are line breaks), else one per line or `<br>`.

    A bullet that opens a cluster gathers the deeper bullets below it into the cluster; its
    votes go into `cluster_votes` (`_cluster_votes` gives them to a member)."""
    cluster, cluster_level = None, 0
    for raw in _cell_lines(lines):
        bullet = _BULLET.match(raw)
        if bullet:
            content = _bounded(raw[bullet.end() :].strip(" \t"), where)
            if cluster and bullet.end() <= cluster_level:
                cluster = None
            if content.startswith(CLUSTER_OPEN):
                cluster, cluster_level = new_id(), bullet.end()
                total = _CLUSTER_VOTES.search(content)
                cluster_votes[cluster] = min(int(total.group(1)), MAX_INT) if total else 0
                continue
            content, row = _marks(content, Row(step, column, "", cluster=cluster))
            pieces: Iterator[str] = iter([to_text(content)])
        else:
            if raw.strip():
                cluster = None
            row = Row(step, column, "")
            pieces = (to_text(_bounded(piece, where)) for piece in _between_breaks(raw))
        for piece in map(clean_text, pieces):
            if piece.strip():  # a blank bullet on a hand-made page shows nothing: skipped
                yield Row(step, column, item_text(piece, where), row.author, row.votes, cluster=row.cluster,
                          followup=row.followup, owner=row.owner, due=row.due,
                          followup_status=row.followup_status, from_last_time=row.from_last_time)


def _cluster_votes(rows: list[Row], totals: dict[str, int]) -> list[Row]:
    """A cluster's votes, written once on its own line, given to its first member (where the
    room's dots on a cluster land, and the member listed first; at most `MAX_INT`). A page whose
    members carry their own votes (written before votes were shown once) keeps them as they are."""
    members: dict[str, list[Row]] = {}
    for row in rows:
        if row.cluster in totals:
            members.setdefault(row.cluster, []).append(row)
    for label, group in members.items():
        if totals[label] and not any(row.votes for row in group):
            group[0].votes = totals[label]
    return rows


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


def _marks(content: str, row: Row) -> tuple[str, Row]:
    """A bullet's text without its trailing marks (author, votes, follow-up), read into row.

    Typed text never holds a raw `<`, so in our pages the last `<small` starts a mark. Each kind
    is read once; a mark that does not read as one stays in the text."""
    seen: set[str] = set()
    while content.endswith(_MARK_CLOSE):
        start = content.rfind("<small")
        match = _MARK.match(content, start) if start >= 0 else None
        if match is None or match.end() > len(content) - len(_MARK_CLOSE):
            break
        kind = match.group(1) or "author"
        inner = content[match.end() : len(content) - len(_MARK_CLOSE)]
        if kind in seen or not _read_mark(kind, inner, row):
            break
        seen.add(kind)
        content = content[:start].rstrip(" \t")
    return content, row


def _read_mark(kind: str, inner: str, row: Row) -> bool:
    if kind == "author":
        row.author = clean_name(to_text(inner))
        return True
    if kind == "votes":
        match = _VOTES.fullmatch(inner)
        if match is None or int(match.group(1)) > MAX_INT:
            return False
        row.votes = int(match.group(1))
        return True
    label, *parts = inner.split(",")  # commas typed in an owner or a due date are references
    carried = label.strip() in variants(CARRIED_LABEL)
    if not carried and label.strip() not in variants(FOLLOWUP_LABEL):
        return False
    owner, due, status = None, "", "open"
    for part in (part.strip(" \t") for part in parts):
        if (value := _owner(part)) is not None:
            owner = clean_name(to_text(value))
        elif (value := _starting(part, DUE_WORD)) is not None:
            due = one_line(to_text(value[1:]))
        elif read_status(part):
            status = read_status(part)  # type: ignore[assignment]
        else:
            return False
    row.followup, row.owner, row.due = True, owner, due
    row.followup_status, row.from_last_time = status, carried
    return True


def _owner(part: str) -> str | None:
    """The owner in `owner: Ana` (any language), as written after the label; None if not one."""
    return next((part[len(word):] for word in variants(OWNER_WORD) if part.startswith(word)), None)


def _title(before: str) -> str:
    match = _TITLE.search(before)
    return one_line(to_text(_bounded(match.group(1).strip(" \t"), "the title"))) if match else ""


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
        value = _bounded(match.group(2), f"the Information section's {name}")
        if name == "participants":
            names = (clean_name(to_text(part)) for part in value.split(","))
            fields[name] = tuple(dict.fromkeys(n for n in names if n))
        else:
            fields[name] = one_line(to_text(value))
    return fields
