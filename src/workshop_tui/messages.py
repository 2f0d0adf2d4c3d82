"""The messages the apps and their screens share (each widget keeps its own, nested in its class).

The app tells the screens of a commit (`StoreChanged`) and tells a session's screen how many
participants are connected (`ParticipantsConnected`); a store call that failed tells the app
(`StoreFailed`), which shows it as one notification.
"""

from __future__ import annotations

from textual.message import Message

from workshop_tui.store.errors import StoreError


class StoreChanged(Message, bubble=False):
    """Someone (this process or another) committed to the store: screens re-read what they show."""

    def __init__(self, own: bool = False) -> None:
        super().__init__()
        self.own = own
        """Only this process committed since the last change: the screen that saved has drawn
        it already, and may re-read a little later, once a burst of saves is over."""


class ParticipantsConnected(Message, bubble=False):
    """How many participants' screens are connected to the session shown (posted to its screen)."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count


class StoreFailed(Message, bubble=False):
    """A store call failed with a `StoreError` (posted to the app): `failure` says what was not done."""

    def __init__(self, failure: str, error: StoreError, *, background: bool = False) -> None:
        super().__init__()
        self.failure = failure
        self.error = error
        self.background = background
        """A call that comes round again by itself (a heartbeat): shown the first time only."""
