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
from workshop_tui.i18n import _, ngettext
from workshop_tui.i18n.words import change_word, status_word


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
            raise CommandError(_("'{title}' runs the workshop {template}: a session continuing it runs the same one "
                                 "(leave --template out)").format(title=previous.title, template=previous.template_id))
        info = store.continue_session(previous.id, args.title, event=args.event, place=args.place, date=args.date,
                                      facilitator=args.facilitator or None, participants=args.participant)
    print(info.id)
    count = info.item_count
    print(ngettext("continues session {id} '{title}': {count} open follow-up carried over",
                   "continues session {id} '{title}': {count} open follow-ups carried over", count).format(
        id=previous.id, title=previous.title, count=count), file=sys.stderr)
    return 0


def cmd_sessions(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    with open_store_for(args) as store:
        sessions = store.list_sessions()
    if not sessions:
        print(_("no sessions yet: `workshop-tui new TITLE` makes one"), file=sys.stderr)
        return 0
    table = Table(_("id"), _("title"), _("date"), _("items"), _("step"), box=None, pad_edge=False)
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
        print(_("step {step} is being written privately: this item stays hidden until "
                "`workshop-tui reveal {session} --step {step}`").format(step=item.step, session=args.session),
              file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from workshop_tui import export

    catalog = load_templates()
    upto = _moment(args.as_of) if args.as_of else None
    with open_store_for(args) as store:
        session_id = store.find_session(args.session).id
        if upto:
            data = store.session_data_at(session_id, upto)
        elif args.format in export.ROW_FORMATS:  # a big session read lean: no object per item
            data = store.session_rows(session_id)
        else:
            data = store.session_data(session_id)
    text = export.export_text(data, template_for(catalog, data.info), args.format)
    if args.output:
        path = Path(args.output).expanduser()
        try:
            export.write_file(path, text, overwrite=args.force)
        except FileExistsError:
            raise CommandError(_("{path} exists; nothing written (add --force to replace it)").format(path=path)) from None
        print(_("wrote {path}").format(path=path), file=sys.stderr)
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
        print(_("no changes recorded in session {id} yet").format(id=info.id), file=sys.stderr)
        return 0
    table = Table(_("when"), _("who"), _("what"), _("where"), _("item"), box=None, pad_edge=False)
    for entry in entries:
        text = _("(a private item)") if entry.private else short(entry.text, 60)
        what = change_word(entry.kind)
        if entry.kind in ("voted", "unvoted") and entry.detail.get("participant"):
            what = f"{what} ({entry.detail['participant']})"
        elif entry.kind == "status":
            what = _("follow-up {status}").format(status=status_word(entry.detail.get("status", "")))
        elif entry.kind == "added" and entry.detail.get("carried_from"):
            what = _("carried over")
        elif entry.kind == "edited" and "was" in entry.detail:
            text = _("{text}  (was: {before})").format(text=text, before=short(entry.detail["was"], 40))
        table.add_row(shown(entry.at), literal(entry.who or _("facilitator")), literal(what),
                      _("step {step} {column}").format(step=entry.step, column=entry.column), literal(text))
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
    print(ngettext("imported {count} item into session {id} '{title}'",
                   "imported {count} items into session {id} '{title}'", info.item_count).format(
        count=info.item_count, id=info.id, title=info.title), file=sys.stderr)
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
    print(ngettext("merged into session {id} '{title}' with {count} item",
                   "merged into session {id} '{title}' with {count} items", info.item_count).format(
        id=info.id, title=info.title, count=info.item_count), file=sys.stderr)
    for data in (first, second):
        if data.hidden_counts:
            steps = ", ".join(str(step) for step in sorted(data.hidden_counts))
            print(_("note: '{title}' still holds items written privately (step {steps}): not revealed, "
                    "so not merged").format(title=data.info.title, steps=steps), file=sys.stderr)
    return 0
