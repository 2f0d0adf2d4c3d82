"""Live: what another process commits shows on every screen, without taking focus or typing."""

from __future__ import annotations

import asyncio

from helpers.pilot import screen_text, settle, wait_for

from workshop_tui.app import make_app
from workshop_tui.store import open_store
from workshop_tui.widgets.item_column import ItemColumn


async def test_an_item_added_elsewhere_appears_while_someone_types(store, session, tmp_path):
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # open the highlighted session
        await settle(pilot)
        assert app.screen.__class__.__name__ == "StepScreen"
        await pilot.press(*"half typed")
        with open_store(tmp_path / "test.db") as other:  # another process's connection
            other.add_item(session.id, 1, "obstacle", "[bold]from the other room", author="Bo")
        column = app.screen.query_one("#col-obstacle", ItemColumn)
        await wait_for(lambda: [i.text for i in column.items] == ["[bold]from the other room"], pilot)
        assert app.screen.entry.text == "half typed"
        assert app.focused is app.screen.entry
        await pilot.pause()
        assert "[bold]from the other" in screen_text(app)  # literal, however the column wraps it


async def test_the_screens_own_saves_are_checked_once_a_burst_is_over_and_never_put_off_for_good(store, session):
    """A change this process commits without drawing it (here: the test on the app's own store)
    is an own change: re-read once the saves stop, and at the latest a few seconds after the
    first, even while saves keep coming (the screen is never left unchecked)."""
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        column = app.screen.query_one("#col-tool", ItemColumn)
        store.add_item(session.id, 1, "tool", "first, not drawn by the screen")
        kept_saving = 0

        def shown() -> bool:
            return "first, not drawn by the screen" in [i.text for i in column.items]

        async def save_meanwhile() -> None:
            nonlocal kept_saving
            while not shown() and kept_saving < 200:
                store.add_item(session.id, 2, "action", f"another own save {kept_saving}")
                kept_saving += 1
                await pilot.pause(0.1)

        saving = asyncio.create_task(save_meanwhile())
        await wait_for(shown, pilot, timeout=15, what="the own change to be re-read while saves keep coming")
        await saving
        assert kept_saving >= 2  # saves went on while it was waited for
        assert len(store.list_items(session.id)) == kept_saving + 1


async def test_coming_back_from_another_screen_shows_what_it_saved_at_once(store, session):
    """A follow-up cleared in F4 is gone from the step screen as soon as Escape brings it back,
    whenever the live loop notices the change (the step screen re-reads on its return)."""
    item = store.add_item(session.id, 1, "action", "Sign the agreement", author="Ana")
    store.set_followup(item.id, owner="Ana", due="2026-12-04")
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        step = app.screen
        assert "⚑ follow-up" in screen_text(app)
        app._live_timer.pause()  # the live loop notices nothing from here on
        await pilot.press("f4")
        await settle(pilot)
        assert app.screen is not step
        await pilot.press("delete")  # clear the follow-up
        await settle(pilot)
        assert not store.get_item(item.id).followup
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is step
        assert "⚑ follow-up" not in screen_text(app)
