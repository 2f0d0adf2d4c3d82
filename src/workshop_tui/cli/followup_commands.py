"""The commands of follow-ups between sessions: list a session's follow-ups with their status,
close one as done or dropped (or open it again). `new TITLE --continue SESSION` (data_commands)
carries the open ones into a new session."""

from __future__ import annotations

import argparse
import sys

from workshop_tui.cli.common import CommandError, literal, open_store_for
from workshop_tui.i18n import _
from workshop_tui.i18n.words import status_word

MIN_PREFIX = 4


def add_parsers(commands) -> None:
    followups = commands.add_parser("followups", help=_("a session's follow-ups: id, status, step, owner, due, text"))
    followups.add_argument("session", metavar="SESSION")

    followup = commands.add_parser("followup", help=_("close a follow-up as done or dropped, or open it again"))
    followup.add_argument("session", metavar="SESSION")
    followup.add_argument("item", metavar="ITEM", help=_("the item's id, or its first characters as `followups` shows them"))
    followup.add_argument("status", choices=("open", "done", "dropped"))


def cmd_followups(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from workshop_tui.text import short

    with open_store_for(args) as store:
        info = store.find_session(args.session)
        items = store.list_followups(info.id)
    if not items:
        print(_("session {id} '{title}' has no follow-ups").format(id=info.id, title=info.title), file=sys.stderr)
        return 0
    table = Table(_("id"), _("status"), _("step"), _("owner"), _("due"), _("from"), _("follow-up"), box=None,
                  pad_edge=False)
    for item in items:
        table.add_row(item.id[:8], status_word(item.followup_status), str(item.step), literal(item.owner or ""), literal(item.due),
                      _("last time") if item.from_last_time else "", literal(short(item.text, 60)))
    Console(soft_wrap=False).print(table)
    return 0


def cmd_followup(args: argparse.Namespace) -> int:
    from workshop_tui.text import short

    with open_store_for(args) as store:
        info = store.find_session(args.session)
        item = _find(store.list_followups(info.id), args.item.strip(), info.title)
        saved = store.set_followup_status(item.id, args.status)
    print(_("follow-up {id} is {status}: {text}").format(id=saved.id[:8], status=status_word(saved.followup_status),
                                                       text=short(saved.text, 60)))
    return 0


def _find(items, ref: str, title: str):
    if len(ref) < MIN_PREFIX:
        raise CommandError(_("name the follow-up by at least {count} characters of its id (`followups` lists them)")
                           .format(count=MIN_PREFIX))
    found = [item for item in items if item.id.startswith(ref.casefold())]
    if not found:
        raise CommandError(_("no follow-up of '{title}' has an id starting '{ref}' (`followups` lists them)")
                           .format(title=title, ref=ref))
    if len(found) > 1:
        raise CommandError(_("{count} follow-ups have an id starting '{ref}': give more of it")
                           .format(count=len(found), ref=ref))
    return found[0]
