"""What the pilot probes share: waiting for the app to settle, and for the next frame.

`pilot.press` is not used to time anything: it waits for the process to go idle (at least
2 x 20 ms) and walks every widget of the screen, which would swamp a 5 ms save. Keys that are
timed are posted as the terminal driver posts them (`press_now`), and the clock stops at the
first frame drawn after the change (`next_frame`).
"""

from __future__ import annotations

import asyncio
import os
import resource
import sys
import time

from textual import events
from textual.worker import WorkerState


async def settle(pilot, rounds: int = 40) -> None:
    """Let every worker and queued store call finish, and the screen catch up."""
    app = pilot.app
    quiet = 0
    for _ in range(rounds):
        await pilot.pause()
        busy = any(worker.state in (WorkerState.PENDING, WorkerState.RUNNING) for worker in app.workers)
        await app.workers.wait_for_complete()
        if app.store is not None:
            await app.wait_for_store()
        quiet = 0 if busy else quiet + 1
        if quiet == 2:
            break


def press_now(app, key: str, character: str | None = None) -> None:
    """Deliver one key as the terminal driver does, without the pilot's idle waits."""
    app.post_message(events.Key(key, character))


async def next_frame(app) -> float:
    """Wait for the next refresh of the screen; returns `time.perf_counter()` right after it."""
    done = asyncio.get_running_loop().create_future()
    app.call_after_refresh(lambda: done.done() or done.set_result(time.perf_counter()))
    return await done


async def until(condition, timeout: float = 120.0) -> None:
    """Yield to the app until `condition()` holds (checked between its tasks)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(0.0005)


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MB (Linux reports KB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())
