"""What every command shares: one-line errors (exit status 2), the store, the templates, output."""

from __future__ import annotations

import argparse
import sys

from workshop_tui import APP_NAME
from workshop_tui.i18n import _
from workshop_tui.text import safe, safe_document

EXIT_ERROR = 2
PATH_ARGUMENTS = ("db", "file", "output")  # file names: any bytes the file system takes


class CommandError(Exception):
    """A problem with what the user asked for; its text is the one line printed."""


def fail(message: str) -> int:
    print(_("{app}: error: {message}").format(app=APP_NAME, message=safe(printable(message))), file=sys.stderr)
    return EXIT_ERROR


def warn(message: str) -> None:
    print(_("{app}: warning: {message}").format(app=APP_NAME, message=safe(printable(message))), file=sys.stderr)


def not_text(args: argparse.Namespace) -> str | None:
    """The line to print if an argument (a path aside) holds bytes that are not UTF-8, else None.

    Python hands such bytes over as lone surrogates (`$'bad \\xff'` arrives as "bad \\udcff"),
    which no store can hold and no terminal can show."""
    for name, value in vars(args).items():
        if name in PATH_ARGUMENTS:
            continue
        for each in value if isinstance(value, list) else [value]:
            if isinstance(each, str) and not _encodable(each):
                byte = next((ord(ch) - 0xDC00 for ch in each if 0xDC80 <= ord(ch) <= 0xDCFF), None)
                why = (_("the byte \\x{byte:02x} is not UTF-8").format(byte=byte) if byte is not None
                       else _("not UTF-8"))
                return _("the argument '{argument}' is not valid text ({why}); nothing was changed").format(
                    argument=printable(each), why=why)
    return None


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable(text: str) -> str:
    """Text fit for one line on a terminal: undecodable bytes as `\\xff`, never a lone surrogate."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def os_message(error: OSError) -> str:
    where = f"{error.filename}: " if error.filename else ""
    return f"{where}{error.strerror or error}"


def write_stdout(text: str) -> None:
    """Write text as UTF-8 whatever the locale, so no character can fail to print, and no
    control character but tab and line ends (`text.safe_document`), whatever a store holds."""
    sys.stdout.flush()
    sys.stdout.buffer.write(safe_document(text).encode("utf-8"))
    sys.stdout.buffer.flush()


def open_store_for(args: argparse.Namespace):
    from workshop_tui.store import open_store

    return open_store(args.db)


def load_templates():
    from workshop_tui.content import load_catalog

    catalog = load_catalog()
    for problem in catalog.problems:
        warn(str(problem))
    return catalog


def template_for(catalog, info):
    """A session's template, in its shape and in the language in use (what `show` prints; exports
    put in the session's own); a session from a template no longer installed gets the default."""
    from workshop_tui.i18n import current

    return catalog.for_session(info).localized(current())


def literal(text: str):
    from rich.text import Text

    return Text(text)
