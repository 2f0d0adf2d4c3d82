"""CSV: one row per item, for spreadsheets, and such a file read back.

Every data field is quoted (RFC 4180) and a field a spreadsheet could take for a formula
(starting with `=`, `+`, `-`, `@`, tab, CR or LF) gets a leading `'`, as OWASP recommends.
Fields that already start with `'`s before such a character get one more, so the importer can
remove exactly one and give back what was typed.

The header is issue 2's eight columns, then what facilitating adds (see `HEADER`): `cluster`
(a number shared by the items of one cluster, empty for an item alone), `followup` (`yes` or
empty), `owner`, `due`, and the item's step's `step_phase`, `step_planned_minutes` (the
timebox with its extensions) and `step_spent_minutes` (up to the export, if the timer runs),
minutes with up to two decimals, which give back whole seconds exactly, then `followup_status`
(a follow-up's open, done, dropped or carried; empty for other items) and `from_last_time`
(`yes` for a follow-up carried over from the session this one continues). Rows are in the
session's order (step, column, position): a spreadsheet sorts by votes itself. Right under the
header, a `note` row (its column says `note`) for each step that still holds items written
privately says how many are not revealed yet; they are not in the file. The importer skips
note rows. The importer
reads files with the old eight columns, or any columns in any order that name step, column and
text; a step's time comes from the first of its rows that gives it.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime

from workshop_tui.content import Catalog, Template
from workshop_tui.export.common import (
    MAX_INT,
    MAX_ITEMS,
    MAX_SECONDS,
    ImportFormatError,
    Row,
    checked_step,
    column_key,
    imported_state,
    infer_template,
    inferred_info,
    item_text,
    knows_columns,
    numbered,
    one_line,
    shown,
    unknown_column,
)
from workshop_tui.export.rows import CLUSTER, COLUMN, STEP, cleaned, item_of, rows_of
from workshop_tui.export.wording import step_time, unrevealed, unrevealed_note
from workshop_tui.grouping import cell_groups, is_cluster
from workshop_tui.i18n import _
from workshop_tui.model import FOLLOWUP_STATUSES, SessionData, SessionRows
from workshop_tui.text import clean_name, clean_text
from workshop_tui.timebox import PHASES

ISSUE_HEADER = ("session", "step", "step_title", "column", "text", "author", "votes", "created_at")
FACILITATION = ("cluster", "followup", "owner", "due", "step_phase", "step_planned_minutes", "step_spent_minutes")
BETWEEN = ("followup_status", "from_last_time")  # a follow-up's status; carried over from last time
HEADER = ISSUE_HEADER + FACILITATION + BETWEEN
YES, NO = ("yes", "true", "1", "x", "✓", "☑"), ("", "no", "false", "0", "☐")
REQUIRED = ("step", "column", "text")
NOTE = "note"
_FORMULA = re.compile(r"^'*[=+\-@\t\r\n]")
_NEUTRALISED = re.compile(r"^'+[=+\-@\t\r\n]")
_RISKY_START = tuple("'=+-@\t\r\n")  # a field starting otherwise never needs the regex


def neutralise(field: str) -> str:
    return "'" + field if field.startswith(_RISKY_START) and _FORMULA.match(field) else field


def restore(field: str) -> str:
    return field[1:] if _NEUTRALISED.match(field) else field


def export(data: SessionData | SessionRows, template: Template, *, now: datetime | None = None) -> str:
    """The file; `now` is when a running timer's time is counted to (the current time if None)."""
    data = rows_of(data)
    try:
        body = _body(data, data.rows, template, now)
        if _clean(body, len(unrevealed(data)) + len(data.rows)):
            return _text(body)
    except (TypeError, AttributeError, ValueError):
        pass
    # A field held a control character (or was not even text): every field made safe first, as
    # the store makes an item's; then none holds one.
    return _text(_body(data, tuple(map(cleaned, data.rows)), template, now))


# The file is written as one string, fields between _FIELD and lines between _LINE (controls no
# safe text holds), then quoted at once: `"` doubled, the separators made `","` and `"\r\n"`, as
# `csv.writer` with QUOTE_ALL writes, in a few passes in C rather than a call per row.
_FIELD, _LINE = "\x1f", "\x1e"
_CONTROL = re.compile("[\x00-\x08\x0b-\x1d\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # `text.safe`'s, but the separators
_ASCII_CONTROL = bytes([*range(0x00, 0x09), *range(0x0B, 0x1E), 0x7F])
_HEADER_LINE = ",".join(HEADER) + "\r\n"


def _text(body: str) -> str:
    quoted = body.replace('"', '""').replace(_FIELD, '","').replace(_LINE, '"\r\n"')
    return f'{_HEADER_LINE}"{quoted}"\r\n' if body else _HEADER_LINE


def _clean(body: str, lines: int) -> bool:
    """Whether the fields written into `body` held no control character (so no separator either)."""
    if body.count(_LINE) != max(lines - 1, 0) or body.count(_FIELD) != lines * (len(HEADER) - 1):
        return False
    if body.isascii():
        data = body.encode("ascii")
        return len(data.translate(None, _ASCII_CONTROL)) == len(data)
    return _CONTROL.search(body) is None


def _body(data: SessionRows, rows: tuple[tuple, ...], template: Template, now: datetime | None) -> str:
    """Every line but the header, fields as they are, between `_FIELD`s and `_LINE`s."""
    session = _fenced(data.info.title)
    lines = []
    for step, count in unrevealed(data):
        title = template.step(step).title if step <= template.step_count else ""
        note = _unseparated(unrevealed_note(count, shown=False))
        lines.append(_FIELD.join((session, str(step), _fenced(title), NOTE, note) + ("",) * (len(HEADER) - 5)))
    clusters = _cluster_numbers(rows)
    append = lines.append
    risky = _RISKY_START
    steps: dict[int, tuple[str, str]] = {}
    number, head, tail = None, "", ""
    for row in rows:  # a session may hold 100,000 items
        (step_number, column, text, author, _position, votes, created, cluster, followup, owner, due, status,
         carried, _hidden) = row
        if step_number != number:  # what the step decides is neutralised once, not once per item
            number, known = step_number, steps.get(step_number)
            if known is None:
                known = steps[number] = _step_columns(data, template, number, now)
            head, tail = known
        # What people typed (or a file brought in) goes through `neutralise` only when it starts
        # with a character that could begin a formula: `startswith` checks that in C.
        if votes < 0:
            votes = neutralise(str(votes))
        append(f"{head}{column if not column.startswith(risky) else neutralise(column)}\x1f"
               f"{text if not text.startswith(risky) else neutralise(text)}\x1f"
               f"{'' if author is None else author if not author.startswith(risky) else neutralise(author)}\x1f"
               f"{votes}\x1f{created if not created.startswith(risky) else neutralise(created)}\x1f"
               f"{clusters.get(id(row), '') if clusters else ''}\x1f{'yes' if followup else ''}\x1f"
               f"{'' if owner is None else owner if not owner.startswith(risky) else neutralise(owner)}\x1f"
               f"{due if not due.startswith(risky) else neutralise(due)}{tail}"
               f"{status if followup else ''}\x1f{'yes' if carried else ''}")
    return _LINE.join(lines)


def _step_columns(data: SessionRows, template: Template, number: int, now: datetime | None) -> tuple[str, str]:
    """What a step's items share, neutralised: before the column (session title, number, step
    title) and after the due date (phase, planned and spent minutes), with their separators."""
    time = step_time(data, template, number, now)
    title = template.step(number).title if number <= template.step_count else ""
    head = (data.info.title, str(number), title)
    tail = (data.step_state(number).phase, _minutes(time.planned), _minutes(time.spent))
    return (_FIELD.join(map(_fenced, head)) + _FIELD, _FIELD + _FIELD.join(map(_fenced, tail)) + _FIELD)


def _fenced(field: str) -> str:
    return _unseparated(neutralise(field))


def _unseparated(field: str) -> str:
    """A field the session, the template or a translation gives (safe already: this is in case)
    without the separators the whole file drops anyway (`text.safe_document`): it stays one field."""
    return field.replace(_FIELD, "").replace(_LINE, "")


def _cluster_numbers(rows: tuple[tuple, ...]) -> dict[int, str]:
    """Each clustered row's cluster (by the row's `id()`), numbered 1, 2, ... through the session
    in table order."""
    numbers: dict[int, str] = {}
    clustered = {(row[STEP], row[COLUMN]) for row in rows if row[CLUSTER]}
    if not clustered:
        return numbers
    cells: dict[tuple[int, str], list] = {}
    for row in rows:
        if (row[STEP], row[COLUMN]) in clustered:  # only cells holding a cluster can number one
            cells.setdefault((row[STEP], row[COLUMN]), []).append(row)
    count = 0
    for _, cell in sorted(cells.items()):
        made = [item_of(row) for row in cell]
        rows_of_items = {id(item): id(row) for item, row in zip(made, cell)}
        for group in cell_groups(made):
            if is_cluster(group):
                count += 1
                numbers.update((rows_of_items[id(item)], str(count)) for item in group)
    return numbers


def _minutes(seconds: int | None) -> str:
    """Minutes with up to two decimals (`15`, `16.67`): 0.005 min is 0.3 s, so seconds come back whole."""
    return "" if seconds is None else f"{seconds / 60:.2f}".rstrip("0").rstrip(".")


def looks_like(text: str) -> bool:
    """Whether the first line is a csv header naming at least the step, column and text."""
    text = text.lstrip("\r\n")
    end = re.search(r"[\r\n]", text[:100_000])
    try:
        names = next(csv.reader([text[: end.start() if end else 100_000]]), [])
    except csv.Error:
        return False
    return all(name in [n.strip().casefold() for n in names] for name in REQUIRED)


def parse(text: str, catalog: Catalog) -> SessionData:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        names = _header(reader)
        title, titles, rows, steps, places = "", {}, [], {}, []
        for count, fields in enumerate(reader):
            where = _("line {number}").format(number=reader.line_num)
            if count >= 2 * MAX_ITEMS or len(rows) >= MAX_ITEMS:
                raise ImportFormatError(_("{where}: more than {count:,} items: too many for one session").format(
                    where=where, count=MAX_ITEMS))
            if not any(field.strip() for field in fields):
                continue  # a blank line, as spreadsheets leave at the end
            named = _named(names, fields, where)
            if _is_note(named, catalog):
                continue
            title = title or named.get("session", "")
            step = _step(named["step"], where)
            titles.setdefault(step, named.get("step_title", ""))
            rows.append(_row(named, step, where))
            places.append(where)
            _step_fields(steps.setdefault(step, {}), named, where)
    except csv.Error as error:
        raise ImportFormatError(_("not a valid csv file: line {number}: {error}").format(
            number=reader.line_num, error=error)) from None
    template = _template(catalog, titles, rows)
    for row, where in zip(rows, places):
        key = column_key(row.column, template)
        if key is None:
            raise unknown_column(row.column, template, where)
        row.column = key
    items = numbered(rows, template.column_keys)
    info = inferred_info(title, template, items)
    states = (imported_state(step, template, fields.get("phase"), fields.get("planned"), fields.get("spent"))
              for step, fields in sorted(steps.items()))
    return SessionData(info=info, items=items, step_states=tuple(state for state in states if state))


def _template(catalog: Catalog, titles: dict[int, str], rows: list[Row]):
    """The template the file's columns and step titles fit best: its columns map the rows' back."""
    values = {row.column for row in rows}
    fitting = [template for template in catalog.templates.values() if knows_columns(template, values)]
    return infer_template(catalog, titles, fitting or None)


def _is_note(named: dict[str, str], catalog: Catalog) -> bool:
    """A note row the export wrote (its column says `note`), unless a template has a column so named."""
    return named.get("column", "").strip().casefold() == NOTE and not any(
        column_key(named["column"], template) for template in catalog.templates.values())


def _row(named: dict[str, str], step: int, where: str) -> Row:
    owner, due = clean_name(named.get("owner")), one_line(named.get("due", ""))
    status = named.get("followup_status", "").strip().casefold()
    if status not in ("", *FOLLOWUP_STATUSES):
        raise ImportFormatError(_("{where}: the {field} {value} is not one of {known}").format(
            where=where, field="followup_status", value=shown(status), known=", ".join(FOLLOWUP_STATUSES)))
    carried = _yes(named.get("from_last_time", ""), where, "from_last_time")
    return Row(step, named["column"], item_text(named["text"], where),
               clean_name(named.get("author")), _votes(named.get("votes", ""), where),
               _time(named.get("created_at", "")), cluster=one_line(named.get("cluster", "")) or None,
               followup=_yes(named.get("followup", ""), where) or bool(owner or due or status or carried),
               owner=owner, due=due, followup_status=status or "open", from_last_time=carried)


def _step_fields(fields: dict[str, object], named: dict[str, str], where: str) -> None:
    """A step's phase and times from a row, unless an earlier row of the step gave them."""
    phase = named.get("step_phase", "").strip().casefold()
    if phase and "phase" not in fields:
        if phase not in PHASES:
            raise ImportFormatError(_("{where}: the {field} {value} is not one of {known}").format(
                where=where, field="step_phase", value=shown(phase), known=", ".join(PHASES)))
        fields["phase"] = phase
    for key, name in (("planned", "step_planned_minutes"), ("spent", "step_spent_minutes")):
        if named.get(name, "").strip() and key not in fields:
            fields[key] = _seconds(named[name], name, where)


def _yes(value: str, where: str, name: str = "followup") -> bool:
    answer = value.strip().casefold()
    if answer not in YES + NO:
        raise ImportFormatError(_("{where}: the {field} {value} is not yes or no").format(
            where=where, field=name, value=shown(value.strip())))
    return answer in YES


_MINUTES = re.compile(r"[0-9]{1,9}(?:[.,][0-9]{1,9})?")


def _seconds(value: str, name: str, where: str) -> int:
    """Whole seconds from minutes as the export writes them (a decimal comma is fine too)."""
    text = value.strip()
    if not _MINUTES.fullmatch(text) or float(text.replace(",", ".")) * 60 > MAX_SECONDS:
        raise ImportFormatError(_("{where}: the {field} {value} is not a number of minutes from 0 to {highest:,}").format(
            where=where, field=name, value=shown(text), highest=MAX_SECONDS // 60))
    return round(float(text.replace(",", ".")) * 60)


def _header(reader) -> list[str]:
    for fields in reader:
        if not any(field.strip() for field in fields):
            continue
        names = [field.strip().casefold() for field in fields]
        missing = [name for name in REQUIRED if name not in names]
        if missing:
            raise ImportFormatError(_("not a workshop-tui csv export: its header has no {names} column").format(
                names=", ".join(missing)))
        if len(set(names)) != len(names):
            raise ImportFormatError(_("not a workshop-tui csv export: its header names a column twice"))
        return names
    raise ImportFormatError(_("not a workshop-tui csv export: the file is empty"))


def _named(names: list[str], fields: list[str], where: str) -> dict[str, str]:
    if len(fields) > len(names) and any(field.strip() for field in fields[len(names) :]):
        raise ImportFormatError(_("{where}: {count} fields, but the header names {names}").format(
            where=where, count=len(fields), names=len(names)))
    fields = fields + [""] * (len(names) - len(fields))  # a spreadsheet may drop empty trailing fields
    return {name: restore(field) for name, field in zip(names, fields)}


def _number(value: str) -> int | None:
    digits = value.strip()
    if not digits.isascii() or not digits.isdigit():
        return None
    digits = digits.lstrip("0") or "0"
    return int(digits) if len(digits) <= 10 else MAX_INT + 1


def _step(value: str, where: str) -> int:
    number = _number(value)
    if number is None:
        raise ImportFormatError(_("{where}: the step {value} is not a step number").format(
            where=where, value=shown(value.strip())))
    return checked_step(number, where)


def _votes(value: str, where: str) -> int:
    number = _number(value) if value.strip() else 0
    if number is None or number > MAX_INT:
        raise ImportFormatError(_("{where}: the votes {value} are not a number from 0 to {highest:,}").format(
            where=where, value=shown(value.strip()), highest=MAX_INT))
    return number


def _time(value: str) -> str:
    """The item's time as written; a spreadsheet may have reformatted it, then the store stamps it."""
    value = clean_text(value).strip()
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return ""
    return value
