"""The command line: `workshop-tui` opens the app; its commands script the same store.

Every command makes the store from `--db` (or `$WORKSHOP_TUI_DB`, or the user data dir) and
hands it on; errors print one line on standard error and exit with status 2. Heavy modules
(SQLAlchemy, Textual, the exporters) are imported inside the commands that need them.

- `parser.py`: the arguments of every command;
- `common.py`: what every command shares (one-line errors, the store, the templates, output);
- `data_commands.py`: the commands that print or change sessions (new, sessions, show, add,
  export, history, import, merge);
- `template_commands.py`: templates (list them with their shape), templates new, templates check;
- `app_commands.py`: the commands that open a screen (the app, present, join, serve);
- `wiki_commands.py`: between sessions: publish to a wiki page, pull one into a session.
- `followup_commands.py`: followups (a session's, with their status), followup (close one);
- `room_commands.py`: reveal (private writing) and release (a claimed name).

The language (`--lang`, else the environment: see `workshop_tui.i18n`) is chosen before the
parser is built, so its help is in that language too.
"""

from __future__ import annotations

import argparse
import sys
from typing import Callable, Sequence

from workshop_tui.cli.app_commands import cmd_join, cmd_present, cmd_serve, run_app
from workshop_tui.cli.common import CommandError, fail, not_text, os_message, warn
from workshop_tui.cli.data_commands import (
    cmd_add,
    cmd_export,
    cmd_history,
    cmd_import,
    cmd_merge,
    cmd_new,
    cmd_sessions,
    cmd_show,
)
from workshop_tui.cli.template_commands import cmd_templates
from workshop_tui.cli.parser import build_parser, language_option
from workshop_tui.cli.followup_commands import cmd_followup, cmd_followups
from workshop_tui.cli.room_commands import cmd_release, cmd_reveal
from workshop_tui.cli.wiki_commands import cmd_publish, cmd_pull
from workshop_tui.i18n import _, choose

__all__ = ["COMMANDS", "build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    _language, warning = choose(language_option(argv))
    if warning:
        warn(warning)
    args = build_parser().parse_args(argv)
    problem = not_text(args)
    if problem:
        return fail(problem)
    if args.command is None:
        return run_app(args.db)
    from workshop_tui.content import TemplateError
    from workshop_tui.store.errors import StoreError
    from workshop_tui.wiki.errors import WikiError

    handler = COMMANDS[args.command]
    try:
        return handler(args) or 0
    except (CommandError, StoreError, TemplateError, WikiError) as error:
        return fail(str(error))
    except KeyboardInterrupt:
        return fail(_("interrupted"))
    except Exception as error:  # an importer or exporter error type, or an OS error
        from workshop_tui.export import ImportFormatError

        if isinstance(error, (ImportFormatError, OSError)):
            return fail(os_message(error) if isinstance(error, OSError) else str(error))
        raise


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "new": cmd_new,
    "sessions": cmd_sessions,
    "show": cmd_show,
    "add": cmd_add,
    "export": cmd_export,
    "history": cmd_history,
    "import": cmd_import,
    "merge": cmd_merge,
    "templates": cmd_templates,
    "present": cmd_present,
    "join": cmd_join,
    "serve": cmd_serve,
    "publish": cmd_publish,
    "pull": cmd_pull,
    "followups": cmd_followups,
    "followup": cmd_followup,
    "reveal": cmd_reveal,
    "release": cmd_release,
}
