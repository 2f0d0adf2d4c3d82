"""The facilitator's screen for the live-sync benchmark: the real app showing step 1 of a session.

    python facilitator.py DB

A pilot on the real app (headless, 120x36) opens the store's only session and prints `ready`.
From then on it looks at the three columns on screen every 5 ms; when items appear it waits
for the frame that shows them and prints `seen <item id> <time.time()>` for each. A line on
standard input (or its end) stops it.
"""

from __future__ import annotations

import asyncio
import sys
import time

from harness import next_frame, say, settle, until


async def main(db: str) -> None:
    from workshop_tui.app import make_app
    from workshop_tui.screens.step import StepScreen
    from workshop_tui.store import open_store

    store = open_store(db)
    app = make_app(store)
    app.cursor_blink = False
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        step = app.screen
        assert isinstance(step, StepScreen), step
        await until(lambda: step.loaded)
        columns = [step.query_one(f"#col-{key}") for key in ("action", "obstacle", "tool")]
        seen: set[str] = {item.id for column in columns for item in column.items}
        stop = asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
        say("ready")
        while not stop.done():
            new = [item.id for column in columns for item in column.items if item.id not in seen]
            if new:
                await next_frame(app)
                shown = time.time()
                seen.update(new)
                for item_id in new:
                    say(f"seen {item_id} {shown!r}")
            await asyncio.sleep(0.005)
        await settle(pilot)
    store.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
