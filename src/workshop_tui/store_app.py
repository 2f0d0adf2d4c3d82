"""What the facilitator's and the participant's apps share: the store, reached the same way.

`StoreAppMixin` gives an `App` that has `store`, `store_calls` (a `StoreCalls`) and `catalog`:
the store is opened in a thread worker when the command line hands over a callable (one line
and exit status 2 if it cannot be); store calls run on the one store thread, in order (`call_store`); the store's change token is
polled (`_check_for_changes`) and every screen is told of a commit (the app's `StoreChanged`
message, `WorkshopApp.StoreChanged`, posted to the screen on top first); and quitting asks first when typed text is not saved yet.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Callable, TypeVar

from textual import work

from workshop_tui.content import Catalog, Template
from workshop_tui.store.errors import StoreError
from workshop_tui.store_calls import StoreCalls

if TYPE_CHECKING:
    from workshop_tui.store.store import Store

T = TypeVar("T")


class StoreAppMixin:
    """The store side of an app; mixed into a Textual `App`."""

    store: Store | None
    _store_source: Callable[[], Store] | None
    store_calls: StoreCalls
    error_message: str | None
    catalog: Catalog
    QUIT_VERB = "quit"
    _last_token: int | None = None
    _checking = False

    @work(thread=True, name="open store")
    def _open_store(self) -> None:
        # A StoreError (or OSError) is the user's problem: one line, exit status 2. Anything
        # else is a bug, and the worker ends the app with its traceback.
        assert self._store_source is not None
        try:
            store = self._store_source()
        except (StoreError, OSError) as error:
            self.call_from_thread(self._store_failed, str(error) or type(error).__name__)  # type: ignore[attr-defined]
            return
        self.call_from_thread(self._store_opened, store)  # type: ignore[attr-defined]

    def _store_opened(self, store: Store) -> None:
        self.store = store

    def _store_failed(self, message: str) -> None:
        """One line for the command line to print, exit status 2."""
        self.error_message = message.splitlines()[0] if message else "cannot open the store"
        self.exit(return_code=2)  # type: ignore[attr-defined]

    async def call_store(self, method: Callable[..., T], *args: object, **kwargs: object) -> T:
        """Run one store call on the store thread, in order, without blocking the screen."""
        return await self.store_calls.call(method, *args, **kwargs)

    async def wait_for_store(self) -> None:
        """Wait until every store call asked for so far has finished."""
        await self.call_store(lambda: None)

    def template_for(self, template_id: str) -> Template:
        """A session's template; one no longer installed falls back to the default."""
        return self.catalog.templates.get(template_id) or self.catalog.default

    async def _check_for_changes(self) -> None:
        """Tell every screen when anyone has committed (the first reading only sets the mark)."""
        store = self.store
        if store is None or self._checking:
            return
        self._checking = True
        try:
            token = await asyncio.to_thread(store.change_token)
        except StoreError:
            return  # a store that cannot be read right now: the next tick tries again
        finally:
            self._checking = False
        if token != self._last_token:
            seen, self._last_token = self._last_token, token
            if seen is not None:
                own = store.only_own_changes(seen, token)
                # The screen on top first: what is shown re-reads before the screens beneath.
                for screen in reversed(self.screen_stack):  # type: ignore[attr-defined]
                    screen.post_message(self.StoreChanged(own))  # type: ignore[attr-defined]
                self._after_change()

    def _after_change(self) -> None:
        """Called once the screens have been told of a change."""

    async def action_quit(self) -> None:
        """Quit; if some text was typed but not saved, ask whether to keep it."""
        from workshop_tui.screens.quit import QuitDialog

        if isinstance(self.screen, QuitDialog):  # type: ignore[attr-defined]
            return  # already asking
        pending = [screen for screen in self.screen_stack  # type: ignore[attr-defined]
                   if getattr(screen, "pending_text", lambda: "")()]
        if not pending:
            await self._quit()
            return

        async def chosen(choice: str | None) -> None:
            if choice == "discard":
                await self._quit()
            elif choice == "save":
                for screen in pending:
                    if not await screen.save_pending():
                        return  # the error is shown; stay so nothing is lost
                await self._quit()

        await self.push_screen(QuitDialog(pending[-1].pending_text(), verb=self.QUIT_VERB), chosen)  # type: ignore[attr-defined]

    async def _quit(self) -> None:
        # Screens finish what must not be left behind (a running step timer, a presence).
        for screen in reversed(self.screen_stack):  # type: ignore[attr-defined]
            before_quit = getattr(screen, "before_quit", None)
            if before_quit is not None and self.store is not None:
                await before_quit()
        if self.store is not None:
            await self.wait_for_store()
        self.exit()  # type: ignore[attr-defined]
