"""The command line's arguments: one `argparse` sub-parser per command; usage errors in one line."""

from __future__ import annotations

import argparse

from workshop_tui import APP_NAME, __version__
from workshop_tui.cli import followup_commands, wiki_commands
from workshop_tui.cli.common import EXIT_ERROR


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (plus exit status 2), not a usage dump."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    formats = ("wikitext", "csv", "markdown", "json")
    parser = _Parser(
        prog=APP_NAME,
        description="Run a structured workshop from the terminal. With no command, open the app.",
        epilog="A SESSION is its id or its unique title. Data lives in a SQLite file in the user "
        "data dir unless --db or $WORKSHOP_TUI_DB says otherwise.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", metavar="PATH", help="the store: a SQLite file or a postgresql:// URL")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    new = commands.add_parser("new", help="create a session; prints its id")
    new.add_argument("title")
    new.add_argument("--facilitator", default="", metavar="NAME")
    new.add_argument("--participant", action="append", default=[], metavar="NAME", help="repeat for each")
    new.add_argument("--event", default="", metavar="E")
    new.add_argument("--place", default="", metavar="P")
    new.add_argument("--date", default="", metavar="D")
    new.add_argument("--template", default=None, metavar="ID", help="a template id (see `templates`)")
    new.add_argument("--continue", dest="previous", default=None, metavar="SESSION",
                     help="continue SESSION: its workshop, participants and open follow-ups come along")

    commands.add_parser("sessions", help="list sessions: id, title, date, item count")

    show = commands.add_parser("show", help="print a session's summary table")
    show.add_argument("session", metavar="SESSION")

    add = commands.add_parser("add", help="add an item to a step's column")
    add.add_argument("session", metavar="SESSION")
    add.add_argument("--step", type=int, required=True, metavar="N")
    add.add_argument("--column", required=True, help="a column key of the session's template (`templates` lists them)")
    add.add_argument("--author", default=None, metavar="NAME")
    add.add_argument("text")

    export = commands.add_parser("export", help="export a session (standard output by default)")
    export.add_argument("session", metavar="SESSION")
    export.add_argument("--format", required=True, choices=formats)
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (never over an existing file)")
    export.add_argument("--force", action="store_true", help="allow -o to replace an existing file")
    export.add_argument("--as-of", metavar="TIME", default=None,
                        help="the session as it was then: 2026-12-03 14:05:07 (local time), as `history` shows it")

    history = commands.add_parser("history", help="every change to a session's items: when, who, what")
    history.add_argument("session", metavar="SESSION")

    import_ = commands.add_parser("import", help="import a json, csv or wikitext export as a new session")
    import_.add_argument("file", metavar="FILE", help="an export file, or - for standard input")
    import_.add_argument("--title", default=None, metavar="T")
    import_.add_argument("--format", choices=formats, default=None, help="skip format detection")

    merge = commands.add_parser("merge", help="merge two sessions into a new one")
    merge.add_argument("a", metavar="A")
    merge.add_argument("b", metavar="B")
    merge.add_argument("--title", required=True, metavar="T")

    templates = commands.add_parser("templates", help="list the workshop templates, their shape and where they come from")
    kinds = templates.add_subparsers(dest="templates_command", metavar="{new,check}")
    new_template = kinds.add_parser("new", help="write a starting template file into the user templates folder")
    new_template.add_argument("template_id", metavar="ID")
    check = kinds.add_parser("check", help="validate a template file: names the file, step and field that is wrong")
    check.add_argument("file", metavar="FILE")

    reveal = commands.add_parser("reveal", help="show a step's privately written items to everyone")
    reveal.add_argument("session", metavar="SESSION")
    reveal.add_argument("--step", type=int, required=True, metavar="N")
    reveal.add_argument("--anonymous", action="store_true", help="reveal them without their authors (kept for good)")

    release = commands.add_parser("release", help="free a participant's name: the next screen to join under it takes it")
    release.add_argument("session", metavar="SESSION")
    release.add_argument("name", metavar="NAME")

    present = commands.add_parser("present", help="show a session's presenter view here, following the facilitator")
    present.add_argument("session", metavar="SESSION")

    join = commands.add_parser("join", help="join a session as a participant: add your items, place your dots")
    join.add_argument("session", metavar="SESSION")
    join.add_argument("--as", dest="name", default=None, metavar="NAME", help="your name (asked if not given)")

    serve = commands.add_parser("serve", help="serve a session's participant view to browsers; prints the join URL")
    serve.add_argument("session", metavar="SESSION")
    serve.add_argument("--host", default="127.0.0.1", metavar="ADDR",
                       help="the address to listen on (default 127.0.0.1: this machine only; 0.0.0.0: the room)")
    serve.add_argument("--port", type=int, default=8000, metavar="N", help="the port (default 8000; 0: any free one)")
    serve.add_argument("--max-connections", type=int, default=30, metavar="N",
                       help="browsers connected at once (default 30): phone pages and terminal views")
    serve.add_argument("--new-code", action="store_true",
                       help="make a new join code (otherwise a restart within 12 hours keeps the link)")
    followup_commands.add_parsers(commands)
    wiki_commands.add_parsers(commands)
    return parser
