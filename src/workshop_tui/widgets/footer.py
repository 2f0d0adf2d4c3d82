"""The footer every screen uses: compact, and the palette key only where there is room for it.

At 80 columns the screen's own keys need the whole line; Ctrl+P still works there, and the
help screen (F1) lists it.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

PALETTE_MIN_WIDTH = 100


class AppFooter(Footer):
    """A compact `Footer` that hides the command palette key on narrow terminals."""

    def __init__(self) -> None:
        super().__init__(compact=True)

    def on_resize(self, event: events.Resize) -> None:
        self.show_command_palette = event.size.width >= PALETTE_MIN_WIDTH
