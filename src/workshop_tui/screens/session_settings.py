"""Asking for a session's facilitation settings: how many dots each participant has per step.

`ask_votes_per_participant` shows a one-line prompt, saves the answer in the session's store
(in a worker of the screen that asked) and calls `on_saved` with the session. Used by the step
screen's palette and by the agenda.
"""

from __future__ import annotations

from typing import Callable

from textual.widget import Widget

from workshop_tui.i18n import _
from workshop_tui.model import SessionInfo
from workshop_tui.screens.text_prompt import TextPrompt
from workshop_tui.session_store import SessionStore
from workshop_tui.workers import run_store_work


def ask_votes_per_participant(asker: Widget, session: SessionStore, info: SessionInfo,
                              on_saved: Callable[[SessionInfo], None]) -> None:
    """Ask for the dots per participant and step; save them; `on_saved(session)` once saved."""

    async def save(text: str) -> None:
        try:
            dots = int(text.strip())  # "²" is a digit to isdigit() but not a number to int()
        except ValueError:
            asker.notify(_("'{text}' is not a number of dots: type a whole number, 0 to 50.").format(text=text), severity="error",
                          markup=False)
            return
        saved = await session.set_votes_per_participant(dots)
        asker.notify(_("Each participant now has {count} dots per step.").format(count=saved.votes_per_participant))
        on_saved(saved)

    def chosen(text: str | None) -> None:
        if text is not None:
            run_store_work(asker, save(text), _("Not changed"))

    asker.app.push_screen(TextPrompt(_("Dots per participant in each step"), value=str(info.votes_per_participant),
                                      placeholder=_("a number, 0 to 50"), confirm=_("Set")), chosen)
