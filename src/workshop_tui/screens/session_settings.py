"""Asking for a session's facilitation settings: how many dots each participant has per step.

`ask_votes_per_participant` shows a one-line prompt, saves the answer (in a worker of the
screen that asked) and calls `on_saved` with the session. Used by the step screen's palette
and by the agenda.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, cast

from workshop_tui.model import SessionInfo
from workshop_tui.store.errors import StoreError

if TYPE_CHECKING:
    from textual.screen import Screen

    from workshop_tui.app import WorkshopApp


def ask_votes_per_participant(screen: Screen, info: SessionInfo, on_saved: Callable[[SessionInfo], None]) -> None:
    """Ask for the dots per participant and step; save them; `on_saved(session)` once saved."""
    from workshop_tui.screens.text_prompt import TextPrompt

    app = cast("WorkshopApp", screen.app)
    store = app.store
    assert store is not None

    async def save(text: str) -> None:
        try:
            dots = int(text.strip())  # "²" is a digit to isdigit() but not a number to int()
        except ValueError:
            app.notify(f"'{text}' is not a number of dots: type a whole number, 0 to 50.", severity="error",
                       markup=False)
            return
        try:
            saved = await app.call_store(store.set_votes_per_participant, info.id, dots)
        except StoreError as error:
            app.notify(str(error), title="Not changed", severity="error", markup=False)
            return
        app.notify(f"Each participant now has {saved.votes_per_participant} dots per step.")
        on_saved(saved)

    def chosen(text: str | None) -> None:
        if text is not None:
            screen.run_worker(save(text), group="write")

    app.push_screen(TextPrompt("Dots per participant in each step", value=str(info.votes_per_participant),
                               placeholder="a number, 0 to 50", confirm="Set"), chosen)
