"""The history in the app: from the summary, `h` lists every change (who, what, when); Enter on
one shows the summary as the session was right after it, and exports it as shown."""

from __future__ import annotations

from datetime import datetime, timezone

from helpers.pilot import press, screen_text, settle

from workshop_tui.app import make_app
from workshop_tui.screens.history import HistoryScreen, SummaryAtScreen
from workshop_tui.screens.summary import SummaryScreen

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)


async def test_the_summary_at_any_recorded_moment(store, session):
    first = store.add_item(session.id, 1, "action", "Ask [bold]why[/bold]", author="Ana", by="Ana")
    store.edit_item(first.id, "Ask why we need a partner", by="Bo")
    store.add_item(session.id, 2, "tool", "A shared calendar", author="Bo")
    store.delete_item(first.id)

    app = make_app(store, clock=lambda: T0)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "ctrl+s")
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert "Ask why" not in screen_text(app) and "A shared calendar" in screen_text(app)
        await press(pilot, "h")
        assert isinstance(app.screen, HistoryScreen)
        text = screen_text(app)
        assert "4 changes" in text
        lines = [line for line in text.splitlines() if "step " in line]
        assert [line.split()[2:4] for line in lines] == [["Ana", "added"], ["Bo", "edited"],
                                                         ["facilitator", "added"], ["facilitator", "deleted"]]
        assert "Ask [bold]why[/bold]" in lines[0]
        await press(pilot, "up", "up", "enter")  # right after Bo's edit
        at = app.screen
        assert isinstance(at, SummaryAtScreen)
        text = screen_text(app)
        assert "Summary as at" in text and "Ask why we need a partner" in text and "A shared calendar" not in text
        assert [item.text for item in at.data.items] == ["Ask why we need a partner"]
        await press(pilot, "escape")
        assert isinstance(app.screen, HistoryScreen)
        await press(pilot, "escape")
        assert app.screen is summary
