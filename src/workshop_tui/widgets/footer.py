"""The footer every screen uses: compact, and the palette key only where there is room for it.

At 80 columns the screen's own keys need the whole line; Ctrl+P still works there, and the
help screen (F1) lists it. A screen with more keys than fit keeps the footer to what fits
(`fit_footer`, display only: every key works). Key descriptions are marked `N_()` where they are
bound and translated here, as they are shown.
"""

from __future__ import annotations

from typing import Callable, Sequence

from textual import events
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel
from workshop_tui.i18n import _


PALETTE_MIN_WIDTH = 100


class AppFooter(Footer):
    """A compact `Footer` that hides the command palette key on narrow terminals."""

    def __init__(self) -> None:
        super().__init__(compact=True)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.description = _(widget.description)
                if isinstance(widget.tooltip, str) and widget.tooltip:
                    widget.tooltip = _(widget.tooltip)
            elif isinstance(widget, FooterLabel):
                widget.update(_(str(widget.render())))
            yield widget

    def on_resize(self, event: events.Resize) -> None:
        self.show_command_palette = event.size.width >= PALETTE_MIN_WIDTH


def action_name(action: str) -> str:
    """An action without its namespace and arguments: `screen.move(-1)` -> `move`."""
    return action.split("(")[0].rsplit(".", 1)[-1]


def fit_footer(bindings: dict[str, ActiveBinding], width: int, optional: Sequence[str],
               key_display: Callable[[Binding], str], only: Sequence[str] | None = None) -> dict[str, ActiveBinding]:
    """The bindings a footer `width` cells wide shows: `optional` actions (by name, see
    `action_name`) are dropped, first listed first, until the rest fit (they still work; F1
    and Ctrl+P list them); given `only`, just those actions."""
    if only is not None:
        return {key: active for key, active in bindings.items() if action_name(active.binding.action) in only}
    width = width + 1 - (12 if width >= PALETTE_MIN_WIDTH else 0)
    shown: dict[str, int] = {}
    for active in bindings.values():
        binding = active.binding
        if binding.show and binding.action not in shown:
            shown[binding.action] = len(key_display(binding)) + len(_(binding.description)) + 2
    dropped = set()
    for name in optional:
        if sum(shown.values()) <= width:
            break
        for action in [action for action in shown if action_name(action) == name]:
            shown.pop(action)
            dropped.add(action)
    return {key: active for key, active in bindings.items() if active.binding.action not in dropped}
