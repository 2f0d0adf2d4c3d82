"""The presenter's app: `workshop-tui present SESSION` opens straight on one session's presenter view.

The same `WorkshopApp` (store thread, live updates, themes, help), opening on a
`PresenterScreen` instead of the start screen. It follows the facilitator's process through
the store; it never changes a session.
"""

from __future__ import annotations

from textual.screen import Screen

from workshop_tui.i18n import N_
from workshop_tui.app import WorkshopApp
from workshop_tui.content import Catalog
from workshop_tui.model import Clock, SessionInfo
from workshop_tui.screens.presenter import PresenterScreen
from workshop_tui.store_app import StoreSource


class PresenterApp(WorkshopApp):
    """A `WorkshopApp` that shows one session's presenter view."""

    TITLE = N_("workshop-tui presenter")

    def __init__(self, store: StoreSource, info: SessionInfo, catalog: Catalog | None = None, *,
                 clock: Clock | None = None) -> None:
        super().__init__(store, catalog, clock=clock)
        self.session_info = info

    def first_screen(self) -> Screen:
        info = self.session_info
        return PresenterScreen(self.sessions.session(info.id), info, self.template_for(info),
                               clock=self.clock)


def make_presenter_app(store: StoreSource, info: SessionInfo, catalog: Catalog | None = None, *,
                       clock: Clock | None = None) -> PresenterApp:
    """The presenter view of the session `info`, on `store` (as `make_app` takes it)."""
    return PresenterApp(store, info, catalog, clock=clock)
