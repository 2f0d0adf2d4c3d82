"""The command line: `workshop-tui` opens the app; its commands script the same store.

Every command makes the store from `--db` (or `$WORKSHOP_TUI_DB`, or the user data dir) and
hands it on; errors print one line on standard error and exit with status 2. Heavy modules
(SQLAlchemy, Textual, the exporters) are imported inside the commands that need them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable, Sequence

from workshop_tui import APP_NAME, __version__
from workshop_tui.model import COLUMNS

EXIT_ERROR = 2


class CommandError(Exception):
    """A problem with what the user asked for; its text is the one line printed."""


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

    commands.add_parser("sessions", help="list sessions: id, title, date, item count")

    show = commands.add_parser("show", help="print a session's summary table")
    show.add_argument("session", metavar="SESSION")

    add = commands.add_parser("add", help="add an item to a step's column")
    add.add_argument("session", metavar="SESSION")
    add.add_argument("--step", type=int, required=True, metavar="N")
    add.add_argument("--column", required=True, choices=COLUMNS)
    add.add_argument("--author", default=None, metavar="NAME")
    add.add_argument("text")

    export = commands.add_parser("export", help="export a session (standard output by default)")
    export.add_argument("session", metavar="SESSION")
    export.add_argument("--format", required=True, choices=formats)
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (never over an existing file)")
    export.add_argument("--force", action="store_true", help="allow -o to replace an existing file")

    import_ = commands.add_parser("import", help="import a json, csv or wikitext export as a new session")
    import_.add_argument("file", metavar="FILE")
    import_.add_argument("--title", default=None, metavar="T")
    import_.add_argument("--format", choices=formats, default=None, help="skip format detection")

    merge = commands.add_parser("merge", help="merge two sessions into a new one")
    merge.add_argument("a", metavar="A")
    merge.add_argument("b", metavar="B")
    merge.add_argument("--title", required=True, metavar="T")

    commands.add_parser("templates", help="list the workshop templates and where they come from")

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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        return run_app(args.db)
    from workshop_tui.content import TemplateError
    from workshop_tui.store.errors import StoreError

    handler = COMMANDS[args.command]
    try:
        return handler(args) or 0
    except (CommandError, StoreError, TemplateError) as error:
        return fail(str(error))
    except KeyboardInterrupt:
        return fail("interrupted")
    except Exception as error:  # an importer or exporter error type, or an OS error
        from workshop_tui.export import ImportFormatError

        if isinstance(error, (ImportFormatError, OSError)):
            return fail(_os_message(error) if isinstance(error, OSError) else str(error))
        raise


def fail(message: str) -> int:
    print(f"{APP_NAME}: error: {message}", file=sys.stderr)
    return EXIT_ERROR


def _os_message(error: OSError) -> str:
    where = f"{error.filename}: " if error.filename else ""
    return f"{where}{error.strerror or error}"


def write_stdout(text: str) -> None:
    """Write text as UTF-8 whatever the locale, so no character can fail to print."""
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()


def _store(args: argparse.Namespace):
    from workshop_tui.store import open_store

    return open_store(args.db)


def _catalog():
    from workshop_tui.content import load_catalog

    catalog = load_catalog()
    for problem in catalog.problems:
        print(f"{APP_NAME}: warning: {problem}", file=sys.stderr)
    return catalog


def _template_for(catalog, template_id: str):
    """A session's template; a session from a template no longer installed gets the default."""
    return catalog.templates.get(template_id) or catalog.default


# -- commands --------------------------------------------------------------------------------


def cmd_new(args: argparse.Namespace) -> int:
    catalog = _catalog()
    template = catalog.get(args.template) if args.template else catalog.default
    with _store(args) as store:
        info = store.create_session(
            args.title,
            template_id=template.id,
            step_count=template.step_count,
            facilitator=args.facilitator,
            participants=args.participant,
            event=args.event,
            place=args.place,
            date=args.date,
        )
    print(info.id)
    return 0


def cmd_sessions(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    with _store(args) as store:
        sessions = store.list_sessions()
    if not sessions:
        print("no sessions yet: `workshop-tui new TITLE` makes one", file=sys.stderr)
        return 0
    table = Table("id", "title", "date", "items", "step", box=None, pad_edge=False)
    for info in sorted(sessions, key=lambda s: s.id):
        table.add_row(str(info.id), _literal(info.title), _literal(info.date), str(info.item_count),
                      f"{info.current_step}/{info.step_count}")
    Console(soft_wrap=False).print(table)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from rich.console import Console

    from workshop_tui.summary_table import summary_table

    catalog = _catalog()
    with _store(args) as store:
        data = store.session_data(store.find_session(args.session).id)
    Console().print(summary_table(data, _template_for(catalog, data.info.template_id)))
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    with _store(args) as store:
        info = store.find_session(args.session)
        item = store.add_item(info.id, args.step, args.column, args.text, author=args.author)
    print(item.id)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from workshop_tui import export

    catalog = _catalog()
    with _store(args) as store:
        data = store.session_data(store.find_session(args.session).id)
    text = export.export_text(data, _template_for(catalog, data.info.template_id), args.format)
    if args.output:
        path = Path(args.output).expanduser()
        try:
            export.write_file(path, text, overwrite=args.force)
        except FileExistsError:
            raise CommandError(f"{path} exists; nothing written (add --force to replace it)") from None
        print(f"wrote {path}", file=sys.stderr)
    else:
        write_stdout(text)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from workshop_tui import export

    catalog = _catalog()
    data = export.import_file(Path(args.file).expanduser(), catalog, fmt=args.format)
    with _store(args) as store:
        info = store.import_session(data, title=args.title)
    print(info.id)
    print(f"imported {info.item_count} items into session {info.id} '{info.title}'", file=sys.stderr)
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from workshop_tui.merge import merge_sessions

    with _store(args) as store:
        first = store.session_data(store.find_session(args.a).id)
        second = store.session_data(store.find_session(args.b).id)
        merged = merge_sessions(first, second, title=args.title)
        info = store.import_session(merged)
    print(info.id)
    print(f"merged into session {info.id} '{info.title}' with {info.item_count} items", file=sys.stderr)
    return 0


def cmd_templates(args: argparse.Namespace) -> int:
    from workshop_tui import locations

    catalog = _catalog()
    for template in catalog.templates.values():
        print(f"{template.id}\t{template.title}\t{template.step_count} steps\t{template.path}")
    print(f"(add your own: drop a .toml file into {locations.user_templates_dir()})", file=sys.stderr)
    return 0


def cmd_present(args: argparse.Namespace) -> int:
    """The presenter view of one session in this terminal (the shared screen), read-only."""
    catalog = _catalog()
    with _store(args) as store:
        info = store.find_session(args.session)
        from workshop_tui.presenter import make_presenter_app

        app = make_presenter_app(store, info, catalog)
        app.run()
    if app.return_code:
        if app.error_message:
            print(f"{APP_NAME}: error: {app.error_message}", file=sys.stderr)
        return app.return_code
    return 0


def cmd_join(args: argparse.Namespace) -> int:
    """The participant view of one session, in this terminal."""
    from workshop_tui.text import clean_name

    if args.name is not None and not clean_name(args.name):
        raise CommandError("--as needs a name: it is shown beside your items")
    catalog = _catalog()
    with _store(args) as store:
        info = store.find_session(args.session)
        from workshop_tui.participant import make_participant_app

        app = make_participant_app(store, info.id, args.name, catalog=catalog)
        app.run()
    if app.return_code:
        if app.error_message:
            print(f"{APP_NAME}: error: {app.error_message}", file=sys.stderr)
        return app.return_code
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """The participant view of one session, for browsers that hold the join code."""
    from workshop_tui import locations

    if not 0 <= args.port <= 65535:
        raise CommandError(f"--port must be 0 to 65535, not {args.port}")
    if args.max_connections < 1:
        raise CommandError(f"--max-connections must be at least 1, not {args.max_connections}")
    location = locations.resolve_db(args.db)
    if "://" not in location:
        location = str(Path(location).expanduser().resolve())
    with _store(argparse.Namespace(db=location)) as store:
        info = store.find_session(args.session)
    from workshop_tui.serve.kept_code import kept_code
    from workshop_tui.serve.server import ParticipantServer

    server = ParticipantServer(location, info.id, title=f"{info.title} · workshop-tui", host=args.host,
                               port=args.port, max_connections=args.max_connections,
                               code=kept_code(location, info.id, renew=args.new_code))
    server.serve()
    return 0


def run_app(db: str | None) -> int:
    """Open the full-screen app. The store opens after the first frame is drawn."""
    from workshop_tui import locations

    location = locations.resolve_db(db)
    try:
        _precheck(location)
    except Exception as error:  # a StoreOpenError: one line, no app
        return fail(str(error))
    from workshop_tui.app import make_app

    def open_it():
        from workshop_tui.store import open_store

        return open_store(location)

    app = make_app(open_it)
    app.run()
    if app.return_code:
        if app.error_message:
            print(f"{APP_NAME}: error: {app.error_message}", file=sys.stderr)
        return app.return_code
    return 0


def _precheck(location: str) -> None:
    """Refuse a bad store file before the screen is taken over (cheap: reads a header)."""
    if "://" in location:
        return
    from workshop_tui.store.sqlite_file import check_existing_file

    path = Path(location).expanduser()
    if path.exists():
        check_existing_file(path)


def _literal(text: str):
    from rich.text import Text

    return Text(text)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "new": cmd_new,
    "sessions": cmd_sessions,
    "show": cmd_show,
    "add": cmd_add,
    "export": cmd_export,
    "import": cmd_import,
    "merge": cmd_merge,
    "templates": cmd_templates,
    "present": cmd_present,
    "join": cmd_join,
    "serve": cmd_serve,
}
