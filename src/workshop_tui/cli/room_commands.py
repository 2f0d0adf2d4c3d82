"""The commands that keep the room safe: reveal a step written privately, release a claimed name."""

from __future__ import annotations

import argparse

from workshop_tui.cli.common import open_store_for
from workshop_tui.i18n import _, ngettext


def cmd_reveal(args: argparse.Namespace) -> int:
    """Every hidden item of a step, shown at once (credited, or without authors with --anonymous)."""
    with open_store_for(args) as store:
        info = store.find_session(args.session)
        count = store.reveal_step(info.id, args.step, anonymous=True if args.anonymous else None)
        anonymous = store.step_states(info.id)[args.step].anonymous
    if not count:
        print(_("step {step} holds no items written privately: nothing to reveal").format(step=args.step))
    else:
        if anonymous:
            line = ngettext("revealed {count} item in step {step}, without their authors",
                            "revealed {count} items in step {step}, without their authors", count)
        else:
            line = ngettext("revealed {count} item in step {step}, credited to their authors",
                            "revealed {count} items in step {step}, credited to their authors", count)
        print(line.format(count=count, step=args.step))
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    """Free a claimed name (a participant on a new device, a name taken by mistake)."""
    with open_store_for(args) as store:
        info = store.find_session(args.session)
        store.release_name(info.id, args.name)
    name = " ".join(args.name.split())
    print(_("released {name} in session '{title}': the next screen to join as {name} claims the name").format(
        name=name, title=info.title))
    return 0
