"""The real app in its own process, typing items as a person would: for the kill -9 tests.

    python -m tests.helpers.app_typist DB COUNT TAG

Runs the app the way `workshop-tui --db DB` builds it (`make_app` with a callable that opens
the store in a worker after the first frame), headless as a pilot, opens the store's first
session on its step screen and prints `typing` (it prints `started` first thing, before the app
is even imported, so a test can time a kill during start-up). Then it types COUNT items, `TAG item N`: each
character a key event, as the terminal delivers a fast typist's keys, then Enter. Once the app
shows an item as saved (the input is empty again, which happens only after the store has
committed it, and the item is in its column) it prints the item's text on stdout, unbuffered.
What it printed is exactly what the app told the user was saved.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time

from textual import events
from textual.keys import _character_to_key


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())


async def until(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(0.002)


async def main(db: str, count: int, tag: str) -> None:
    from workshop_tui.app import make_app
    from workshop_tui.screens.step import StepScreen
    from workshop_tui.store import open_store

    app = make_app(lambda: open_store(db))
    app.cursor_blink = False
    async with app.run_test(size=(120, 36)) as pilot:
        await until(lambda: app.store is not None)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("enter")  # the start screen's list has the focus: open the first session
        await until(lambda: isinstance(app.screen, StepScreen) and app.screen.loaded)
        step = app.screen
        column = step.query_one("#col-action")
        say("typing")
        for n in range(count):
            text = f"{tag} item {n}"
            for char in text:
                app.post_message(events.Key(_character_to_key(char), char))
            app.post_message(events.Key("enter", "\r"))
            await until(lambda: step.entry.text == "" and any(item.text == text for item in column.items))
            say(text)
        await app.workers.wait_for_complete()
        await app.wait_for_store()


if __name__ == "__main__":
    say("started")
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), sys.argv[3]))
