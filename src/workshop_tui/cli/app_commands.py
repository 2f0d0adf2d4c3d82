"""The commands that open a screen: the full-screen app, `present`, `join`, and `serve` for browsers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workshop_tui import APP_NAME
from workshop_tui.cli.common import CommandError, fail, load_templates, open_store_for
from workshop_tui.i18n import _

if TYPE_CHECKING:
    from textual.app import App


def cmd_present(args: argparse.Namespace) -> int:
    """The presenter view of one session in this terminal (the shared screen), read-only."""
    catalog = load_templates()
    with open_store_for(args) as store:
        info = store.find_session(args.session)
        from workshop_tui.presenter import make_presenter_app

        app = make_presenter_app(store, info, catalog)
        app.run()
    return _finished(app)


def cmd_join(args: argparse.Namespace) -> int:
    """The participant view of one session, in this terminal."""
    from workshop_tui.text import clean_name

    from workshop_tui.claim_token import ClaimTokenError, terminal_token

    if args.name is not None and not clean_name(args.name):
        raise CommandError(_("--as needs a name: it is shown beside your items"))
    catalog = load_templates()
    with open_store_for(args) as store:
        info = store.find_session(args.session)
        try:
            token = terminal_token()  # the name's claim: only this account (or this browser) can take it again
        except ClaimTokenError as error:
            raise CommandError(str(error)) from None
        from workshop_tui import participant

        app = participant.make_participant_app(store, info.id, args.name, catalog=catalog, token=token)
        app.run()
    return _finished(app)


def cmd_serve(args: argparse.Namespace) -> int:
    """The participant view of one session, for browsers that hold the join code."""
    from workshop_tui import locations

    if not 0 <= args.port <= 65535:
        raise CommandError(_("--port must be 0 to 65535, not {port}").format(port=args.port))
    if args.max_connections < 1:
        raise CommandError(_("--max-connections must be at least 1, not {count}").format(count=args.max_connections))
    location = locations.resolve_db(args.db)
    if "://" not in location:
        location = str(Path(location).expanduser().resolve())
    with open_store_for(argparse.Namespace(db=location)) as store:
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

    def preview():
        from workshop_tui.store.quick_list import read_sessions

        return read_sessions(location)

    app = make_app(open_it, preview=preview)
    app.run()
    return _finished(app)


def _finished(app: App[object]) -> int:
    """An app's exit status; an app that ended on the user's problem printed nothing, so say it."""
    if app.return_code and app.error_message:
        fail(app.error_message)
    return app.return_code or 0


def _precheck(location: str) -> None:
    """Refuse a bad store file before the screen is taken over (cheap: reads a header)."""
    if "://" in location:
        return
    from workshop_tui.store.sqlite_file import check_existing_file

    path = Path(location).expanduser()
    if path.exists():
        check_existing_file(path)
