"""Adding items through the real app, driven by a pilot, on commands from the benchmark.

    python add_pilot.py DB

Opens the store's only session on its step screen (120x36, headless), prints `ready`, then for
each line `add N` on standard input adds N items to the active column and prints `times` and
each add's milliseconds: from the Enter key to the first frame that shows the saved item (the
store has committed it, the input is empty again, the column shows it). `quit` ends it.
"""

from __future__ import annotations

import asyncio
import sys
import time

from harness import next_frame, peak_rss_mb, press_now, say, settle, until


def shows(column, text: str) -> bool:
    items = column.items
    return bool(items) and any(item.text == text for item in reversed(items))


async def main(db: str) -> None:
    from workshop_tui.app import make_app
    from workshop_tui.screens.step import StepScreen
    from workshop_tui.store import open_store

    store = open_store(db)
    app = make_app(store)
    app.cursor_blink = False
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # open the session highlighted on the start screen
        await settle(pilot)
        step = app.screen
        assert isinstance(step, StepScreen), step
        await until(lambda: step.loaded)
        await settle(pilot)
        column = step.query_one("#col-action")  # the active column: Enter adds there
        say("ready")
        count = 0
        loop = asyncio.get_running_loop()
        while True:
            command = (await loop.run_in_executor(None, sys.stdin.readline)).split()
            if not command or command[0] == "quit":
                break
            times = []
            for _ in range(int(command[1])):
                count += 1
                text = f"bench item {count}"
                step.entry.load_text(text)
                started = time.perf_counter()
                press_now(app, "enter", "\r")
                # Saved (the input is emptied only once the store has committed) and shown.
                await until(lambda: step.entry.text == "" and shows(column, text))
                finished = await next_frame(app)
                times.append((finished - started) * 1000)
            say("times " + " ".join(f"{t:.3f}" for t in times))
        await settle(pilot)
        say(f"rss {peak_rss_mb():.1f}")
    store.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
