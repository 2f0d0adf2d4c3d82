"""Asking for a session's facilitation settings: how many dots each participant has per step.

`ask_votes_per_participant` shows a one-line prompt, saves the answer in the session's store
(in a worker of the screen that asked) and calls `on_saved` with the session. Used by the step
screen's palette and by the agenda. `ask_step_dots` does the same for one step that has its own
dots (a template's `dots`), calling `on_saved` with the step's state.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual.widget import Widget

from workshop_tui.i18n import _, ngettext
from workshop_tui.model import SessionInfo, StepState
from workshop_tui.screens.text_prompt import TextPrompt
from workshop_tui.session_store import SessionStore
from workshop_tui.workers import run_store_work


def ask_votes_per_participant(asker: Widget, session: SessionStore, info: SessionInfo,
                              on_saved: Callable[[SessionInfo], None]) -> None:
    """Ask for the dots per participant and step; save them; `on_saved(session)` once saved."""

    async def save(dots: int) -> None:
        saved = await session.set_votes_per_participant(dots)
        asker.notify(_("Each participant now has {count} dots per step.").format(count=saved.votes_per_participant))
        on_saved(saved)

    _ask_dots(asker, _("Dots per participant in each step"), info.votes_per_participant, save)


def ask_step_dots(asker: Widget, session: SessionStore, state: StepState,
                  on_saved: Callable[[StepState], None]) -> None:
    """Ask for the dots per participant in the vote of `state`'s step; save them for that step."""

    async def save(dots: int) -> None:
        saved = await session.set_step_dots(state.step, dots)
        asker.notify(_("Each participant now has {count} dots in step {step}.").format(count=saved.dots, step=saved.step))
        on_saved(saved)

    _ask_dots(asker, _("Dots per participant in step {step}").format(step=state.step), state.dots, save)


def _ask_dots(asker: Widget, title: str, current: int, save: Callable[[int], Awaitable[None]]) -> None:
    """The one-line prompt both settings share: parse the answer, then `save` it in a store worker."""

    async def parse_and_save(text: str) -> None:
        dots = _dots(asker, text)
        if dots is not None:
            await save(dots)

    def chosen(text: str | None) -> None:
        if text is not None:
            run_store_work(asker, parse_and_save(text), _("Not changed"))

    asker.app.push_screen(TextPrompt(title, value=str(current), placeholder=_("a number, 0 to 50"), confirm=_("Set")),
                          chosen)


def planned_dots_note(dots: int) -> str:
    """The note when a step's vote opens with the dots its template plans."""
    return ngettext("{count} dot per participant in this step, as the workshop plans "
                    "(Ctrl+P, Dots per participant, changes it).",
                    "{count} dots per participant in this step, as the workshop plans "
                    "(Ctrl+P, Dots per participant, changes it).", dots).format(count=dots)


def _dots(asker: Widget, text: str) -> int | None:
    try:
        return int(text.strip())  # "²" is a digit to isdigit() but not a number to int()
    except ValueError:
        asker.notify(_("'{text}' is not a number of dots: type a whole number, 0 to 50.").format(text=text), severity="error",
                     markup=False)
        return None
