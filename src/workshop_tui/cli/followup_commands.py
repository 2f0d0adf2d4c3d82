"""The commands of follow-ups between sessions: list a session's follow-ups with their status,
close one as done or dropped (or open it again). `new TITLE --continue SESSION` (data_commands)
carries the open ones into a new session."""

from __future__ import annotations

import argparse
import sys

from workshop_tui.cli.common import CommandError, literal, open_store_for

MIN_PREFIX = 4


def add_parsers(commands) -> None:
    followups = commands.add_parser("followups", help="a session's follow-ups: id, status, step, owner, due, text")
    followups.add_argument("session", metavar="SESSION")

    followup = commands.add_parser("followup", help="close a follow-up as done or dropped, or open it again")
    followup.add_argument("session", metavar="SESSION")
    followup.add_argument("item", metavar="ITEM", help="the item's id, or its first characters as `followups` shows them")
    followup.add_argument("status", choices=("open", "done", "dropped"))


def cmd_followups(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from workshop_tui.text import short

    with open_store_for(args) as store:
        info = store.find_session(args.session)
        items = store.list_followups(info.id)
    if not items:
        print(f"session {info.id} '{info.title}' has no follow-ups", file=sys.stderr)
        return 0
    table = Table("id", "status", "step", "owner", "due", "from", "follow-up", box=None, pad_edge=False)
    for item in items:
        table.add_row(item.id[:8], item.followup_status, str(item.step), literal(item.owner or ""), literal(item.due),
                      "last time" if item.from_last_time else "", literal(short(item.text, 60)))
    Console(soft_wrap=False).print(table)
    return 0


def cmd_followup(args: argparse.Namespace) -> int:
    from workshop_tui.text import short

    with open_store_for(args) as store:
        info = store.find_session(args.session)
        item = _find(store.list_followups(info.id), args.item.strip(), info.title)
        saved = store.set_followup_status(item.id, args.status)
    print(f"follow-up {saved.id[:8]} is {saved.followup_status}: {short(saved.text, 60)}")
    return 0


def _find(items, ref: str, title: str):
    if len(ref) < MIN_PREFIX:
        raise CommandError(f"name the follow-up by at least {MIN_PREFIX} characters of its id (`followups` lists them)")
    found = [item for item in items if item.id.startswith(ref.casefold())]
    if not found:
        raise CommandError(f"no follow-up of '{title}' has an id starting '{ref}' (`followups` lists them)")
    if len(found) > 1:
        raise CommandError(f"{len(found)} follow-ups have an id starting '{ref}': give more of it")
    return found[0]
