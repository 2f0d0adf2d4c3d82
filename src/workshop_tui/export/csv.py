"""CSV: one row per item, for spreadsheets, and such a file read back.

Every data field is quoted (RFC 4180) and a field a spreadsheet could take for a formula
(starting with `=`, `+`, `-`, `@`, tab, CR or LF) gets a leading `'`, as OWASP recommends.
Fields that already start with `'`s before such a character get one more, so the importer can
remove exactly one and give back what was typed.
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
    ImportFormatError,
    checked_step,
    column_key,
    infer_template,
    inferred_info,
    item_text,
    numbered,
    shown,
)
from workshop_tui.model import SessionData
from workshop_tui.text import clean_name, clean_text

HEADER = ("session", "step", "step_title", "column", "text", "author", "votes", "created_at")
REQUIRED = ("step", "column", "text")
_FORMULA = re.compile(r"^'*[=+\-@\t\r\n]")
_NEUTRALISED = re.compile(r"^'+[=+\-@\t\r\n]")


def neutralise(field: str) -> str:
    return "'" + field if _FORMULA.match(field) else field


def restore(field: str) -> str:
    return field[1:] if _NEUTRALISED.match(field) else field


def export(data: SessionData, template: Template) -> str:
    out = io.StringIO()
    out.write(",".join(HEADER) + "\r\n")
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    for item in data.items:
        title = template.step(item.step).title if item.step <= template.step_count else ""
        row = (data.info.title, str(item.step), title, item.column, item.text, item.author or "",
               str(item.votes), item.created_at)
        writer.writerow([neutralise(field) for field in row])
    return out.getvalue()


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
        title, titles, rows = "", {}, []
        for count, fields in enumerate(reader):
            where = f"line {reader.line_num}"
            if count >= 2 * MAX_ITEMS or len(rows) >= MAX_ITEMS:
                raise ImportFormatError(f"{where}: more than {MAX_ITEMS:,} items: too many for one session")
            if not any(field.strip() for field in fields):
                continue  # a blank line, as spreadsheets leave at the end
            row = _named(names, fields, where)
            title = title or row.get("session", "")
            step = _step(row["step"], where)
            titles.setdefault(step, row.get("step_title", ""))
            rows.append((step, _column(row["column"], catalog, where), item_text(row["text"], where),
                         clean_name(row.get("author")), _votes(row.get("votes", ""), where),
                         _time(row.get("created_at", ""))))
    except csv.Error as error:
        raise ImportFormatError(f"not a valid csv file: line {reader.line_num}: {error}") from None
    items = numbered(rows)
    info = inferred_info(title, infer_template(catalog, titles), items)
    return SessionData(info=info, items=items)


def _header(reader) -> list[str]:
    for fields in reader:
        if not any(field.strip() for field in fields):
            continue
        names = [field.strip().casefold() for field in fields]
        missing = [name for name in REQUIRED if name not in names]
        if missing:
            raise ImportFormatError(f"not a workshop-tui csv export: its header has no {', '.join(missing)} column")
        if len(set(names)) != len(names):
            raise ImportFormatError("not a workshop-tui csv export: its header names a column twice")
        return names
    raise ImportFormatError("not a workshop-tui csv export: the file is empty")


def _named(names: list[str], fields: list[str], where: str) -> dict[str, str]:
    if len(fields) > len(names) and any(field.strip() for field in fields[len(names) :]):
        raise ImportFormatError(f"{where}: {len(fields)} fields, but the header names {len(names)}")
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
        raise ImportFormatError(f"{where}: the step {shown(value.strip())} is not a step number")
    return checked_step(number, where)


def _column(value: str, catalog: Catalog, where: str) -> str:
    key = column_key(value, catalog)
    if key is None:
        raise ImportFormatError(f"{where}: unknown column {shown(value)} (use action, obstacle or tool)")
    return key


def _votes(value: str, where: str) -> int:
    number = _number(value) if value.strip() else 0
    if number is None or number > MAX_INT:
        raise ImportFormatError(f"{where}: the votes {shown(value.strip())} are not a number from 0 to {MAX_INT:,}")
    return number


def _time(value: str) -> str:
    """The item's time as written; a spreadsheet may have reformatted it, then the store stamps it."""
    value = clean_text(value).strip()
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return ""
    return value
