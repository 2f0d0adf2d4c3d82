"""The presenter's app: `workshop-tui present SESSION` opens straight on one session's presenter view.

The same `WorkshopApp` (store thread, live updates, themes, help), opening on a
`PresenterScreen` instead of the start screen. It follows the facilitator's process through
the store; it never changes a session.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Callable

from workshop_tui.app import StoreSource, WorkshopApp
from workshop_tui.content import Catalog
from workshop_tui.model import SessionInfo

if TYPE_CHECKING:
    from textual.screen import Screen


class PresenterApp(WorkshopApp):
    """A `WorkshopApp` that shows one session's presenter view."""

    TITLE = "workshop-tui presenter"

    def __init__(self, store: StoreSource, info: SessionInfo, catalog: Catalog | None = None, *,
                 clock: Callable[[], datetime] | None = None) -> None:
        super().__init__(store, catalog, clock=clock)
        self.session_info = info

    def first_screen(self) -> Screen:
        from workshop_tui.screens.presenter import PresenterScreen

        return PresenterScreen(self.session_info)


def make_presenter_app(store: StoreSource, info: SessionInfo, catalog: Catalog | None = None, *,
                       clock: Callable[[], datetime] | None = None) -> PresenterApp:
    """The presenter view of the session `info`, on `store` (as `make_app` takes it)."""
    return PresenterApp(store, info, catalog, clock=clock)
