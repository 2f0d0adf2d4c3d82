"""The command line's arguments: one `argparse` sub-parser per command; usage errors in one line.

Help texts are translated when the parser is built (the language is chosen before), and so
are argparse's own words (`usage:`, `options`...: `ARGPARSE_WORDS`)."""

from __future__ import annotations

import argparse

from workshop_tui import APP_NAME, __version__
from workshop_tui.cli import followup_commands, wiki_commands
from workshop_tui.cli.common import EXIT_ERROR
from workshop_tui.i18n import N_, _, available, ngettext


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (plus exit status 2), not a usage dump."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_ERROR, _("{prog}: error: {message} (see `{prog} --help`)").format(
            prog=self.prog, message=message) + "\n")


# What argparse itself says, in our catalog: argparse looks its words up through its module's
# `_` and `ngettext`, pointed at ours in `build_parser`.
ARGPARSE_WORDS = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("show program's version number and exit"), N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"), N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("expected one argument"), N_("argument %(argument_name)s: %(message)s"),
    N_("invalid %(type)s value: %(value)r"), N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
)


def language_option(argv: list[str]) -> str | None:
    """The `--lang` given before the command, read before the parser is built (its help is in
    that language); None when there is none."""
    found = None
    words = iter(argv)
    for word in words:
        if word == "--lang":
            found = next(words, None)
        elif word.startswith("--lang="):
            found = word.partition("=")[2]
        elif word == "--db":
            next(words, None)
        elif not word.startswith("-") or word == "--":
            break
    return found


def build_parser() -> argparse.ArgumentParser:
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
    formats = ("wikitext", "csv", "markdown", "json")
    parser = _Parser(
        prog=APP_NAME,
        description=_("Run a structured workshop from the terminal. With no command, open the app."),
        epilog=_("A SESSION is its id or its unique title. Data lives in a SQLite file in the user "
        "data dir unless --db or $WORKSHOP_TUI_DB says otherwise."),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", metavar="PATH", help=_("the store: a SQLite file or a postgresql:// URL"))
    parser.add_argument("--lang", metavar="CODE", help=_("the language: {known} (default: from LANG)").format(
        known=", ".join(available())))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    new = commands.add_parser("new", help=_("create a session; prints its id"))
    new.add_argument("title")
    new.add_argument("--facilitator", default="", metavar="NAME")
    new.add_argument("--participant", action="append", default=[], metavar="NAME", help=_("repeat for each"))
    new.add_argument("--event", default="", metavar="E")
    new.add_argument("--place", default="", metavar="P")
    new.add_argument("--date", default="", metavar="D")
    new.add_argument("--template", default=None, metavar="ID", help=_("a template id (see `templates`)"))
    new.add_argument("--continue", dest="previous", default=None, metavar="SESSION",
                     help=_("continue SESSION: its workshop, participants and open follow-ups come along"))

    commands.add_parser("sessions", help=_("list sessions: id, title, date, item count"))

    show = commands.add_parser("show", help=_("print a session's summary table"))
    show.add_argument("session", metavar="SESSION")

    add = commands.add_parser("add", help=_("add an item to a step's column"))
    add.add_argument("session", metavar="SESSION")
    add.add_argument("--step", type=int, required=True, metavar="N")
    add.add_argument("--column", required=True, help=_("a column key of the session's template (`templates` lists them)"))
    add.add_argument("--author", default=None, metavar="NAME")
    add.add_argument("text")

    export = commands.add_parser("export", help=_("export a session (standard output by default)"))
    export.add_argument("session", metavar="SESSION")
    export.add_argument("--format", required=True, choices=formats)
    export.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE (never over an existing file)"))
    export.add_argument("--force", action="store_true", help=_("allow -o to replace an existing file"))
    export.add_argument("--as-of", metavar="TIME", default=None,
                        help=_("the session as it was then: 2026-12-03 14:05:07 (local time), as `history` shows it"))

    history = commands.add_parser("history", help=_("every change to a session's items: when, who, what"))
    history.add_argument("session", metavar="SESSION")

    import_ = commands.add_parser("import", help=_("import a json, csv or wikitext export as a new session"))
    import_.add_argument("file", metavar="FILE", help=_("an export file, or - for standard input"))
    import_.add_argument("--title", default=None, metavar="T")
    import_.add_argument("--format", choices=formats, default=None, help=_("skip format detection"))

    merge = commands.add_parser("merge", help=_("merge two sessions into a new one"))
    merge.add_argument("a", metavar="A")
    merge.add_argument("b", metavar="B")
    merge.add_argument("--title", required=True, metavar="T")

    templates = commands.add_parser("templates", help=_("list the workshop templates, their shape and where they come from"))
    kinds = templates.add_subparsers(dest="templates_command", metavar="{new,check}")
    new_template = kinds.add_parser("new", help=_("write a starting template file into the user templates folder"))
    new_template.add_argument("template_id", metavar="ID")
    check = kinds.add_parser("check", help=_("validate a template file: names the file, step and field that is wrong"))
    check.add_argument("file", metavar="FILE")

    reveal = commands.add_parser("reveal", help=_("show a step's privately written items to everyone"))
    reveal.add_argument("session", metavar="SESSION")
    reveal.add_argument("--step", type=int, required=True, metavar="N")
    reveal.add_argument("--anonymous", action="store_true", help=_("reveal them without their authors (kept for good)"))

    release = commands.add_parser("release", help=_("free a participant's name: the next screen to join under it takes it"))
    release.add_argument("session", metavar="SESSION")
    release.add_argument("name", metavar="NAME")

    present = commands.add_parser("present", help=_("show a session's presenter view here, following the facilitator"))
    present.add_argument("session", metavar="SESSION")

    join = commands.add_parser("join", help=_("join a session as a participant: add your items, place your dots"))
    join.add_argument("session", metavar="SESSION")
    join.add_argument("--as", dest="name", default=None, metavar="NAME", help=_("your name (asked if not given)"))

    serve = commands.add_parser("serve", help=_("serve a session's participant view to browsers; prints the join URL"))
    serve.add_argument("session", metavar="SESSION")
    serve.add_argument("--host", default="127.0.0.1", metavar="ADDR",
                       help=_("the address to listen on (default 127.0.0.1: this machine only; 0.0.0.0: the room)"))
    serve.add_argument("--port", type=int, default=8000, metavar="N", help=_("the port (default 8000; 0: any free one)"))
    serve.add_argument("--max-connections", type=int, default=30, metavar="N",
                       help=_("browsers connected at once (default 30): phone pages and terminal views"))
    serve.add_argument("--new-code", action="store_true",
                       help=_("make a new join code (otherwise a restart within 12 hours keeps the link)"))
    followup_commands.add_parsers(commands)
    wiki_commands.add_parsers(commands)
    return parser
