"""The top line of every screen: the session's title and, in a session, "Step 3 of 8" and a bar
(not on a narrow screen, where the title needs the room).

No clock: what is on the shared screen only changes when the workshop moves on.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import ProgressBar, Static
from workshop_tui.i18n import _


class ProgressHeader(Horizontal):
    """Title on the left; the step and a progress bar on the right (hidden outside a session)."""

    DEFAULT_CSS = """
    ProgressHeader {
        dock: top;
        height: 1;
        width: 1fr;
        background: $panel;
        color: $foreground;
        & #header-title {
            width: 1fr; height: 1; padding: 0 1; text-style: bold; text-wrap: nowrap; text-overflow: ellipsis;
        }
        & #header-step { width: auto; height: 1; padding: 0 1; color: $text; }
        & #header-people { width: auto; height: 1; padding: 0 1; color: $accent; text-style: bold; }
        & ProgressBar { width: auto; height: 1; padding-right: 1; }
        & ProgressBar Bar { width: 24; }
        &.-no-step #header-step, &.-no-step ProgressBar { display: none; }
        &.-no-people #header-people { display: none; }
        /* A narrow screen keeps the title whole: "Step 3 of 8" says the progress without the bar. */
        &.-narrow ProgressBar { display: none; }
    }
    """
    NARROW = 100

    def __init__(self, title: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id, classes="-no-step -no-people")
        self._title = title
        self._connected: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content(self._title), id="header-title")
        yield Static("", id="header-people", markup=False)
        yield Static("", id="header-step", markup=False)
        yield ProgressBar(total=1, show_percentage=False, show_eta=False)

    def on_resize(self) -> None:
        self.set_class(self.size.width < self.NARROW, "-narrow")

    def set_title(self, title: str) -> None:
        self._title = title
        self.query_one("#header-title", Static).update(Content(title))

    def set_step(self, number: int | None, total: int) -> None:
        """Show "Step n of N" and the bar; None hides them."""
        self.set_class(number is None, "-no-step")
        if number is None:
            return
        self.query_one("#header-step", Static).update(_("Step {number} of {total}").format(number=number, total=total))
        self.query_one(ProgressBar).update(total=total, progress=number)

    def set_connected(self, count: int | None) -> None:
        """Show how many participants' screens are connected ("3 connected"); 0 or None hides it."""
        if count == self._connected:
            return  # polled every few seconds: redraw only when it changes
        self._connected = count
        self.set_class(not count, "-no-people")
        if count:
            self.query_one("#header-people", Static).update(_("{count} connected").format(count=count))
