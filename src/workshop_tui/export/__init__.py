"""Exports and imports: a session to wikitext, csv, markdown or json text, and files back.

Pure functions, no Textual, no database: they take and return `model.SessionData`. One module
per format (`export(data, template)`, and `parse(text, catalog)` except markdown); files are
read and written by `files`. Any file that cannot be read ends in `ImportFormatError`, one line.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from workshop_tui.content import Catalog, Template
from workshop_tui.export import csv, json, markdown, wikitext, wikitext_import
from workshop_tui.export.common import UNKNOWN_FORMAT, ImportFormatError
from workshop_tui.export.files import read_import_file, read_import_stream, write_file
from workshop_tui.i18n import N_, SOURCE_LANGUAGE, _, using
from workshop_tui.model import SessionData, SessionRows
from workshop_tui.text import safe_document

__all__ = ["EXTENSIONS", "FORMATS", "NO_ITEMS", "ROW_FORMATS", "ImportFormatError", "detect_format", "export_text", "import_file",
           "import_stream", "import_text", "write_file"]

FORMATS = ("wikitext", "csv", "markdown", "json")
ROW_FORMATS = ("wikitext", "csv")
"""The formats `export_text` also writes from `SessionRows` (`Store.session_rows`: a big session, read lean)."""
EXTENSIONS = {"wikitext": ".wiki", "csv": ".csv", "markdown": ".md", "json": ".json"}
_EXPORTERS = {"wikitext": wikitext.export, "csv": csv.export, "markdown": markdown.export, "json": json.export}
_PARSERS = {"wikitext": wikitext_import.parse, "csv": csv.parse, "json": json.parse}
MARKDOWN = N_("a markdown export cannot be imported: import the json, csv or wikitext export instead")
NO_ITEMS = N_("no items found in it; nothing was imported")  # both shown through _()
DEFAULT_TITLE = N_("Imported session")


def export_text(data: SessionData | SessionRows, template: Template, fmt: str, *, now: datetime | None = None) -> str:
    """The session in a format; `now` is when a running step timer's time is counted to.

    Without `now` the current time is read, and only if a timer runs: an export of a session
    whose timers are stopped depends on nothing but the session. Its words are in the session's
    language (`SessionInfo.language`; "" is English, as before sessions had one). `SessionRows`
    give the same text as the `SessionData` of the same session, in `ROW_FORMATS`."""
    try:
        exporter = _EXPORTERS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}") from None
    if isinstance(data, SessionRows) and fmt not in ROW_FORMATS:
        raise ValueError(f"a {fmt} export needs the session's items and votes (Store.session_data)")
    # The session's language, whatever the screen's; its shape, whatever the template says now.
    language = data.info.language or SOURCE_LANGUAGE
    with using(language):
        text = exporter(data, template.localized(language).shaped(data.info.columns), now=now)
    return safe_document(text)  # the last check: no control character out


def detect_format(text: str) -> str:
    """json, csv or wikitext, from the text's first characters; ImportFormatError otherwise."""
    text = text.removeprefix("\ufeff")
    for fmt, looks_like in (("json", json.looks_like), ("csv", csv.looks_like), ("wikitext", wikitext_import.looks_like)):
        if looks_like(text):
            return fmt
    if text.lstrip().startswith("# ") and "\n### STEP " in text:
        raise ImportFormatError(_(MARKDOWN))
    raise ImportFormatError(_(UNKNOWN_FORMAT))


def import_text(text: str, catalog: Catalog, *, fmt: str | None = None) -> SessionData:
    """A session from an export's text; its id is 0 until the store gives it one."""
    return _import(text, catalog, fmt, default_title=_(DEFAULT_TITLE))


def import_file(path: Path, catalog: Catalog, *, fmt: str | None = None) -> SessionData:
    """A session from an export file; ImportFormatError (one line, naming the file) otherwise."""
    path = Path(path)
    text = read_import_file(path)
    try:
        return _import(text, catalog, fmt, default_title=path.stem or _(DEFAULT_TITLE))
    except ImportFormatError as error:
        raise ImportFormatError(_("{path}: {error}").format(path=path, error=error)) from None


def import_stream(stream: BinaryIO, catalog: Catalog, *, fmt: str | None = None,
                  name: str | None = None) -> SessionData:
    """A session from a stream (standard input), read up to the same size as a file."""
    name = _("standard input") if name is None else name
    text = read_import_stream(stream, name)
    try:
        return _import(text, catalog, fmt, default_title=_(DEFAULT_TITLE))
    except ImportFormatError as error:
        raise ImportFormatError(_("{path}: {error}").format(path=name, error=error)) from None


def _import(text: str, catalog: Catalog, fmt: str | None, *, default_title: str) -> SessionData:
    text = text.removeprefix("\ufeff")
    fmt = fmt or detect_format(text)
    if fmt == "markdown":
        raise ImportFormatError(_(MARKDOWN))
    if fmt not in _PARSERS:
        raise ImportFormatError(_("unknown format {format!r}: use json, csv or wikitext").format(format=fmt))
    data = _PARSERS[fmt](text, catalog)
    if not data.items and fmt != "json":  # a json export is a session, with items or not
        raise ImportFormatError(_(NO_ITEMS))
    if not data.info.title:
        data = replace(data, info=replace(data.info, title=default_title))
    return data
