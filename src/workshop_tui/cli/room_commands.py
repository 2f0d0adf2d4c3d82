"""The commands that keep the room safe: reveal a step written privately, release a claimed name."""

from __future__ import annotations

import argparse

from workshop_tui.cli.common import open_store_for


def cmd_reveal(args: argparse.Namespace) -> int:
    """Every hidden item of a step, shown at once (credited, or without authors with --anonymous)."""
    with open_store_for(args) as store:
        info = store.find_session(args.session)
        count = store.reveal_step(info.id, args.step, anonymous=True if args.anonymous else None)
        anonymous = store.step_states(info.id)[args.step].anonymous
    if not count:
        print(f"step {args.step} holds no items written privately: nothing to reveal")
    else:
        credit = "without their authors" if anonymous else "credited to their authors"
        print(f"revealed {count} item{'s' if count != 1 else ''} in step {args.step}, {credit}")
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    """Free a claimed name (a participant on a new device, a name taken by mistake)."""
    with open_store_for(args) as store:
        info = store.find_session(args.session)
        store.release_name(info.id, args.name)
    name = " ".join(args.name.split())
    print(f"released {name} in session '{info.title}': the next screen to join as {name} claims the name")
    return 0
