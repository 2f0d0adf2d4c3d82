"""What every command shares: one-line errors (exit status 2), the store, the templates, output."""

from __future__ import annotations

import argparse
import sys

from workshop_tui import APP_NAME

EXIT_ERROR = 2


class CommandError(Exception):
    """A problem with what the user asked for; its text is the one line printed."""


def fail(message: str) -> int:
    print(f"{APP_NAME}: error: {message}", file=sys.stderr)
    return EXIT_ERROR


def os_message(error: OSError) -> str:
    where = f"{error.filename}: " if error.filename else ""
    return f"{where}{error.strerror or error}"


def write_stdout(text: str) -> None:
    """Write text as UTF-8 whatever the locale, so no character can fail to print."""
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()


def open_store_for(args: argparse.Namespace):
    from workshop_tui.store import open_store

    return open_store(args.db)


def load_templates():
    from workshop_tui.content import load_catalog

    catalog = load_catalog()
    for problem in catalog.problems:
        print(f"{APP_NAME}: warning: {problem}", file=sys.stderr)
    return catalog


def template_for(catalog, template_id: str):
    """A session's template; a session from a template no longer installed gets the default."""
    return catalog.templates.get(template_id) or catalog.default


def literal(text: str):
    from rich.text import Text

    return Text(text)
