"""Running store calls off the screen's thread: one worker thread, calls in the order asked.

Both apps (the facilitator's and the participant's) hand every store call to a `StoreCalls`,
so the screen never waits on the disk and calls never overlap. A call is a function of the
store; one asked for before the store is open (the command line opens it after the first
frame) waits until it is, then runs in its turn.

It also counts the calls that have finished (`finished`): a screen that reads a view, then
draws it, asks `stale(mark)` to learn whether another call (its own save, say) finished after
the read and was perhaps already drawn, in which case the view is older than the screen and
is read again.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import TYPE_CHECKING, Callable, TypeVar

if TYPE_CHECKING:
    from workshop_tui.store.store import Store

T = TypeVar("T")
STALE_RETRIES = 3  # reads in a row found stale before one is drawn anyway (the next change reads again)


class StoreCalls:
    """One thread for store calls, the store they run on once it is open, and a count of calls done."""

    def __init__(self, name: str) -> None:
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._ready = asyncio.Event()
        self.store: Store | None = None
        """The store, once open (None before)."""
        self.finished = 0

    def opened(self, store: Store) -> None:
        """The store is open: calls waiting for it run now, in the order they were asked for."""
        self.store = store
        self._ready.set()

    def _run(self, call: Callable[[], T]) -> tuple[T, int]:
        try:
            return call(), self.finished + 1
        finally:
            self.finished += 1  # only this thread writes it

    async def call(self, method: Callable[..., T], *args: object, **kwargs: object) -> T:
        """Run `method(*args, **kwargs)` on the store thread; its result."""
        result, _ = await self.read(method, *args, **kwargs)
        return result

    async def read(self, method: Callable[..., T], *args: object, **kwargs: object) -> tuple[T, int]:
        """Like `call`, and a mark to give `stale` before drawing what was read."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._thread, self._run, partial(method, *args, **kwargs))

    async def on_store(self, call: Callable[[Store], T]) -> T:
        """Run `call(store)` on the store thread, once the store is open; its result."""
        result, _ = await self.read_store(call)
        return result

    async def read_store(self, call: Callable[[Store], T]) -> tuple[T, int]:
        """Like `on_store`, and a mark to give `stale` before drawing what was read."""
        if self.store is None:
            await self._ready.wait()
        store = self.store
        assert store is not None  # set before the event
        return await self.read(call, store)

    def stale(self, mark: int) -> bool:
        """Whether another call finished after the read that returned `mark`."""
        return self.finished != mark

    def submit(self, call: Callable[[], object]) -> None:
        """Run `call()` on the store thread without waiting for it (on the way out)."""
        self._thread.submit(call)

    def shutdown(self) -> None:
        """Let queued calls finish; then stop the thread."""
        self._thread.shutdown(wait=True)
