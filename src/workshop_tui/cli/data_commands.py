"""The commands that print or change sessions: new, sessions, show, add, export, import, merge."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workshop_tui.cli.common import (
    CommandError,
    literal,
    load_templates,
    open_store_for,
    template_for,
    write_stdout,
)


def cmd_new(args: argparse.Namespace) -> int:
    if args.previous:
        return _continue(args)
    catalog = load_templates()
    template = catalog.get(args.template) if args.template else catalog.default
    with open_store_for(args) as store:
        info = store.create_session(
            args.title,
            template_id=template.id,
            step_count=template.step_count,
            columns=template.column_keys,
            facilitator=args.facilitator,
            participants=args.participant,
            event=args.event,
            place=args.place,
            date=args.date,
        )
    print(info.id)
    return 0


def _continue(args: argparse.Namespace) -> int:
    """`new TITLE --continue SESSION`: the previous session's workshop, people and open follow-ups."""
    with open_store_for(args) as store:
        previous = store.find_session(args.previous)
        if args.template and args.template != previous.template_id:
            raise CommandError(f"'{previous.title}' runs the workshop {previous.template_id}: a session continuing "
                               "it runs the same one (leave --template out)")
        info = store.continue_session(previous.id, args.title, event=args.event, place=args.place, date=args.date,
                                      facilitator=args.facilitator or None, participants=args.participant)
    print(info.id)
    count = info.item_count
    print(f"continues session {previous.id} '{previous.title}': {count} open follow-up{'' if count == 1 else 's'} "
          "carried over", file=sys.stderr)
    return 0


def cmd_sessions(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    with open_store_for(args) as store:
        sessions = store.list_sessions()
    if not sessions:
        print("no sessions yet: `workshop-tui new TITLE` makes one", file=sys.stderr)
        return 0
    table = Table("id", "title", "date", "items", "step", box=None, pad_edge=False)
    for info in sorted(sessions, key=lambda s: s.id):
        table.add_row(str(info.id), literal(info.title), literal(info.date), str(info.item_count),
                      f"{info.current_step}/{info.step_count}")
    Console(soft_wrap=False).print(table)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from rich.console import Console

    from workshop_tui.summary_table import summary_table

    catalog = load_templates()
    with open_store_for(args) as store:
        data = store.session_data(store.find_session(args.session).id)
    Console().print(summary_table(data, template_for(catalog, data.info)))
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    with open_store_for(args) as store:
        info = store.find_session(args.session)
        item = store.add_item(info.id, args.step, args.column, args.text, author=args.author)
    print(item.id)
    if item.hidden:
        print(f"step {item.step} is being written privately: this item stays hidden until "
              f"`workshop-tui reveal {args.session} --step {item.step}`", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from workshop_tui import export

    catalog = load_templates()
    upto = _moment(args.as_of) if args.as_of else None
    with open_store_for(args) as store:
        session_id = store.find_session(args.session).id
        data = store.session_data_at(session_id, upto) if upto else store.session_data(session_id)
    text = export.export_text(data, template_for(catalog, data.info), args.format)
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


def _moment(text: str) -> str:
    from workshop_tui.moments import MomentError, moment_upto

    try:
        return moment_upto(text)
    except MomentError as error:
        raise CommandError(str(error)) from None


def cmd_history(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from workshop_tui.moments import shown
    from workshop_tui.text import short

    with open_store_for(args) as store:
        info = store.find_session(args.session)
        entries = store.history(info.id)
    if not entries:
        print(f"no changes recorded in session {info.id} yet", file=sys.stderr)
        return 0
    table = Table("when", "who", "what", "where", "item", box=None, pad_edge=False)
    for entry in entries:
        text = "(a private item)" if entry.private else short(entry.text, 60)
        what = entry.kind
        if entry.kind in ("voted", "unvoted") and entry.detail.get("participant"):
            what = f"{entry.kind} ({entry.detail['participant']})"
        elif entry.kind == "status":
            what = f"follow-up {entry.detail.get('status', '')}"
        elif entry.kind == "added" and entry.detail.get("carried_from"):
            what = "carried over"
        elif entry.kind == "edited" and "was" in entry.detail:
            text = f"{text}  (was: {short(entry.detail['was'], 40)})"
        table.add_row(shown(entry.at), literal(entry.who or "facilitator"), literal(what),
                      f"step {entry.step} {entry.column}", literal(text))
    Console(soft_wrap=False).print(table)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from workshop_tui import export

    catalog = load_templates()
    if args.file == "-":
        data = export.import_stream(sys.stdin.buffer, catalog, fmt=args.format)
    else:
        data = export.import_file(Path(args.file).expanduser(), catalog, fmt=args.format)
    with open_store_for(args) as store:
        info = store.import_session(data, title=args.title)
    print(info.id)
    print(f"imported {info.item_count} items into session {info.id} '{info.title}'", file=sys.stderr)
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from workshop_tui.merge import ShapeError, merge_sessions

    with open_store_for(args) as store:
        first = store.session_data(store.find_session(args.a).id)
        second = store.session_data(store.find_session(args.b).id)
        try:
            merged = merge_sessions(first, second, title=args.title)
        except ShapeError as error:
            raise CommandError(str(error)) from None
        info = store.import_session(merged)
    print(info.id)
    print(f"merged into session {info.id} '{info.title}' with {info.item_count} items", file=sys.stderr)
    for data in (first, second):
        if data.hidden_counts:
            steps = ", ".join(str(step) for step in sorted(data.hidden_counts))
            print(f"note: '{data.info.title}' still holds items written privately (step {steps}): not revealed, "
                  "so not merged", file=sys.stderr)
    return 0
