"""Opening a session in the real app, to its step screen and then its summary; and the memory it took.

    python open_pilot.py DB

A pilot on the real app (headless, 120x36) with the store's only session highlighted on the
start screen. Prints `step <ms>`: from Enter to the first frame of the step screen showing the
step's items; `summary <ms>`: from Ctrl+S to the first frame of the summary showing the whole
table; `counted <ms>`: from Ctrl+S until the table's every row is counted and the statistics
below it drawn (a big session's rows below the screen are guessed for its first frame, then
counted, and its statistics, far below, drawn after that frame); then `rss <MB>`: the process's peak resident memory, the app holding the session on
both screens.
"""

from __future__ import annotations

import asyncio
import sys
import time

from harness import next_frame, peak_rss_mb, press_now, say, settle, until
from textual.worker import WorkerState


def idle(app, screen) -> bool:
    """No worker of this screen is pending or running."""
    return not any(worker.node is screen and worker.state in (WorkerState.PENDING, WorkerState.RUNNING)
                   for worker in app.workers)


async def main(db: str) -> None:
    from workshop_tui.app import make_app
    from workshop_tui.screens.step import StepScreen
    from workshop_tui.screens.summary import SummaryScreen
    from workshop_tui.store import open_store
    from workshop_tui.widgets.session_stats import SessionStatsView
    from workshop_tui.widgets.summary_grid import SummaryGrid

    store = open_store(db)
    app = make_app(store)
    app.cursor_blink = False
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        started = time.perf_counter()
        press_now(app, "enter", "\r")  # open the highlighted session
        await until(lambda: isinstance(app.screen, StepScreen) and app.screen.loaded)
        step_shown = await next_frame(app)
        await settle(pilot)
        asked = time.perf_counter()
        press_now(app, "ctrl+s")
        await until(lambda: isinstance(app.screen, SummaryScreen) and app.screen.data is not None
                    and idle(app, app.screen))
        summary_shown = await next_frame(app)
        grid, statistics = app.screen.query_one(SummaryGrid), app.screen.query_one(SessionStatsView)
        # A big table's rows below the screen, and its statistics below them, come after its first frame.
        await until(lambda: grid.counted and statistics.stats is not None)
        counted = time.perf_counter()
        await settle(pilot)
        say(f"step {(step_shown - started) * 1000:.3f}")
        say(f"summary {(summary_shown - asked) * 1000:.3f}")
        say(f"counted {(counted - asked) * 1000:.3f}")
        say(f"rss {peak_rss_mb():.1f}")
    store.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
