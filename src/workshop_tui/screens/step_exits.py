"""Leaving the step screen: for another view of the session (the agenda, the follow-ups, the
summary and its exports), or for the list of sessions (asking first about text typed but not
saved). The step screen's actions are these functions (`partialmethod`), as its palette is
`step_keys.step_commands`; screens are imported when asked for, so the first frame never waits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workshop_tui.i18n import N_
from workshop_tui.workers import store_work

if TYPE_CHECKING:
    from workshop_tui.screens.step import StepScreen


def open_view(screen: StepScreen, kind: str, export: str | None = None) -> None:
    """`agenda` or `followups` (back from them: to the step chosen there, if any), or `summary`
    (with `export`, its export dialog open on that format; "" = the one used last)."""
    if kind == "summary":
        from workshop_tui.screens.summary import SummaryScreen

        screen.app.push_screen(screen.view(SummaryScreen, export=export))
        return
    if kind == "agenda":
        from workshop_tui.screens.agenda import AgendaScreen as View
    else:
        from workshop_tui.screens.followups import FollowupsScreen as View

    def back(step: int | None) -> None:
        if step:
            screen.go_to_step(step)

    screen.app.push_screen(screen.view(View), back)


def close_session(screen: StepScreen) -> None:
    """Back to the list of sessions; text typed but not saved is kept, dropped, or stays."""
    from workshop_tui.screens.quit import QuitDialog

    pending = screen.pending_text()
    if not pending:
        screen.leave_session()
        return

    async def chosen(choice: str | None) -> None:
        if choice == "discard" or (choice == "save" and await screen.save_pending()):
            screen.leave_session()

    screen.app.push_screen(QuitDialog(pending, verb="leave"), chosen)


@store_work(N_("Timer not paused"))
async def leave_session(screen: StepScreen) -> None:
    await screen.before_quit()
    screen.dismiss()
