"""Reading and writing gettext `.po`/`.pot` files, with the standard library alone.

The catalogs in `workshop_tui/locale/` are read as they are at run time (no compiled `.mo`,
so no build step: an editable install and a wheel see the same files). `parse` understands
what translation platforms (translatewiki.net, Weblate, Pootle) and `msgmerge` write:
comments, flags (`#, fuzzy`), `msgctxt`, plurals (`msgstr[n]`) and strings split over lines.
A fuzzy entry is read but never used, as `msgfmt` does.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field


class PoError(ValueError):
    """A catalog that cannot be read; its text names the file and line."""


@dataclass
class Entry:
    msgid: str
    msgstr: str = ""
    plural: str = ""
    plurals: list[str] = field(default_factory=list)
    context: str = ""
    flags: set[str] = field(default_factory=set)
    comments: list[str] = field(default_factory=list)  # "#." and "#:" lines, kept as written

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        if self.plural:
            return bool(self.plurals) and all(self.plurals)
        return bool(self.msgstr)


def _unquote(text: str, where: str) -> str:
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise PoError(f"{where}: expected a quoted string")
    try:
        return ast.literal_eval(text)
    except (SyntaxError, ValueError) as error:
        raise PoError(f"{where}: {error}") from None


def parse(text: str, name: str = "catalog") -> list[Entry]:
    """Every entry of a `.po` file, the header (msgid "") first if it has one."""
    entries: list[Entry] = []
    current: Entry | None = None
    field_name = ""
    flags: set[str] = set()
    comments: list[str] = []

    def finish() -> None:
        nonlocal current
        if current is not None:
            entries.append(current)
        current = None

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        where = f"{name}:{number}"
        if not line:
            continue
        if line.startswith("#"):
            if current is not None and field_name.startswith("msgstr"):
                finish()
            if line.startswith("#,"):
                flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            elif line.startswith("#~"):
                continue  # obsolete entries are not used
            else:
                comments.append(line)
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            if current is None or not field_name:
                raise PoError(f"{where}: a string outside an entry")
            value = _unquote(line, where)
            if field_name.startswith("msgstr["):
                current.plurals[-1] += value
            else:
                setattr(current, field_name, getattr(current, field_name) + value)
            continue
        if keyword in ("msgctxt", "msgid") and (current is None or field_name.startswith("msgstr")):
            finish()
            current = Entry(msgid="", flags=flags, comments=comments)
            flags, comments = set(), []
        if current is None:
            raise PoError(f"{where}: {keyword} before msgid")
        if keyword == "msgctxt":
            field_name, current.context = "context", _unquote(rest, where)
        elif keyword == "msgid":
            field_name, current.msgid = "msgid", _unquote(rest, where)
        elif keyword == "msgid_plural":
            field_name, current.plural = "plural", _unquote(rest, where)
        elif keyword == "msgstr":
            field_name, current.msgstr = "msgstr", _unquote(rest, where)
        elif keyword.startswith("msgstr[") and keyword.endswith("]"):
            field_name = keyword
            current.plurals.append(_unquote(rest, where))
        else:
            raise PoError(f"{where}: unknown keyword {keyword!r}")
    finish()
    return entries


def header_fields(entries: list[Entry]) -> dict[str, str]:
    """The header entry's `Name: value` lines (`Plural-Forms`, `Language`, ...)."""
    for entry in entries:
        if entry.msgid == "" and not entry.context:
            pairs = (line.partition(":") for line in entry.msgstr.splitlines())
            return {key.strip(): value.strip() for key, _, value in pairs if key.strip()}
    return {}


def quote(text: str) -> str:
    """A Python string as a `.po` string literal (one line; `\\n` kept as an escape)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    return '"' + escaped.replace("\r", "\\r").replace("\n", "\\n") + '"'


def _field(keyword: str, text: str) -> list[str]:
    if "\n" in text[:-1]:
        parts = text.splitlines(keepends=True)
        return [f'{keyword} ""'] + [quote(part) for part in parts]
    return [f"{keyword} {quote(text)}"]


def format_entry(entry: Entry) -> str:
    lines = list(entry.comments)
    if entry.flags:
        lines.append("#, " + ", ".join(sorted(entry.flags)))
    if entry.context:
        lines += _field("msgctxt", entry.context)
    lines += _field("msgid", entry.msgid)
    if entry.plural:
        lines += _field("msgid_plural", entry.plural)
        for index, text in enumerate(entry.plurals or ["", ""]):
            lines += _field(f"msgstr[{index}]", text)
    else:
        lines += _field("msgstr", entry.msgstr)
    return "\n".join(lines) + "\n"


def format_catalog(entries: list[Entry]) -> str:
    return "\n".join(format_entry(entry) for entry in entries)
