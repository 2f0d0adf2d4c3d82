"""The presenter view of a second terminal: `workshop-tui present SESSION`.

A second process is modelled as it matters: the presenter app runs on its OWN `open_store()`
of the file, while another connection (the facilitator's process) commits; the presenter must
show each change within a second. The CLI command's errors are checked as a user sees them.
"""

from __future__ import annotations

import subprocess
import sys

from helpers.pilot import screen_text, settle, wait_for

from workshop_tui import cli
from workshop_tui.presenter import make_presenter_app
from workshop_tui.screens.presenter import PresenterScreen
from workshop_tui.store import open_store
from workshop_tui.widgets.group_column import GroupColumn
from workshop_tui.widgets.timebox import TimeboxClock

WITHIN = 1.0  # seconds: the presenter follows every change within this


async def followed(condition, pilot) -> None:
    await wait_for(condition, pilot, timeout=WITHIN, what="the presenter to follow within a second")


async def test_the_presenter_follows_the_facilitator_within_a_second(tmp_path, session):
    path = tmp_path / "test.db"

    with open_store(path) as presenter_store, open_store(path) as facilitator:
        app = make_presenter_app(presenter_store, session)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, PresenterScreen)
            assert "STEP 1" in screen_text(app) and "Presenter view" in screen_text(app)
            assert facilitator.connected(session.id, "presenter") == [""]

            # An item added by the other process.
            facilitator.add_item(session.id, 1, "obstacle", "[bold]from the facilitator", author="Bo")
            column = screen.query_one("#col-obstacle", GroupColumn)
            await followed(lambda: [i.text for i in column.items] == ["[bold]from the facilitator"], pilot)
            await pilot.pause()
            assert "[bold]from the facilitator" in screen_text(app)

            # The facilitator moves on: the presenter follows the step.
            facilitator.add_item(session.id, 3, "tool", "A shared drive", author="Ana")
            facilitator.set_current_step(session.id, 3)
            await followed(lambda: screen.step == 3, pilot)
            await followed(lambda: [i.text for i in screen.query_one("#col-tool", GroupColumn).items]
                           == ["A shared drive"], pilot)
            await pilot.pause()
            assert "STEP 3" in screen_text(app) and "Step 3 of 8" in screen_text(app)

            # The phase and the timer.
            facilitator.set_phase(session.id, 3, "vote")
            await followed(lambda: screen.board.state.phase == "vote", pilot)
            facilitator.start_timer(session.id, 3)
            clock = screen.query_one(TimeboxClock)
            await followed(lambda: clock.running, pilot)
            assert clock.has_class("-large") and clock.has_class("-running")
            await pilot.pause()
            text = screen_text(app)
            assert "VOTE" in text and "F8" not in text  # no facilitator's keys here

            # Read-only: the columns take no keys.
            assert not screen.query_one("#col-tool", GroupColumn).can_focus
            await pilot.press("ctrl+q")
            await pilot.pause()
        assert facilitator.connected(session.id, "presenter") == []  # it said goodbye


def test_present_refuses_an_unknown_session_in_one_line(tmp_path, capsys, session):
    code = cli.main(["--db", str(tmp_path / "test.db"), "present", "no such session"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("workshop-tui: error: ") and len(err.strip().splitlines()) == 1


def test_present_is_a_command(tmp_path):
    result = subprocess.run([sys.executable, "-m", "workshop_tui", "present", "--help"], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0 and "SESSION" in result.stdout
