"""`store_work`: the one way screens call the store, and the one error path of the apps.

A method decorated with `@store_work("Not deleted")` runs as a Textual worker named after it
(in its group; its store calls run in order on the app's store thread). If a store call in it
raises a `StoreError` (the user's problem: a full disk, a read-only store, an item deleted
elsewhere), the worker ends and posts `StoreFailed` to the app, which shows one notification
titled with what was not done (marked `N_()`, translated when shown). Cleaning up after a failure is the method's own `try/finally`;
catching a `StoreError` to notify is never a screen's business. Anything else is a bug: the
worker fails and the app ends loudly, with the traceback. `run_store_work` does the same for a
coroutine made on the spot (a dialog's answer).
"""

from __future__ import annotations

import functools
from typing import Any, Awaitable, Callable, Coroutine, TypeVar

from textual import work
from textual.dom import DOMNode
from textual.worker import Worker

from workshop_tui.i18n import _
from workshop_tui.messages import StoreFailed
from workshop_tui.store.errors import StoreError

T = TypeVar("T")


async def _reporting(node: DOMNode, failure: str, calls: Awaitable[T], background: bool = False) -> T | None:
    try:
        return await calls
    except StoreError as error:
        node.app.post_message(StoreFailed(_(failure), error, background=background))
        return None


def store_work(failure: str, *, group: str = "write", exclusive: bool = False,
               background: bool = False) -> Callable[..., Any]:
    """Run the decorated `async` method as a worker; a `StoreError` becomes one notification
    titled `failure` (the worker's result is then None). A `background` call (a heartbeat, a
    count) comes round again by itself: its failure is shown the first time only."""

    def decorator(method: Callable[..., Coroutine[Any, Any, T]]) -> Callable[..., Any]:
        @functools.wraps(method)
        async def calling_the_store(node: DOMNode, *args: Any, **kwargs: Any) -> T | None:
            return await _reporting(node, failure, method(node, *args, **kwargs), background)

        return work(name=method.__name__, group=group, exclusive=exclusive, description=failure)(calling_the_store)

    return decorator


def run_store_work(node: DOMNode, calls: Coroutine[Any, Any, T], failure: str, *, group: str = "write") -> Worker:
    """Run `calls` as a worker of `node`, as `store_work` runs a method."""
    return node.run_worker(_reporting(node, failure, calls), name=failure, group=group, description=failure)
