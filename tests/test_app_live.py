"""Live: what another process commits shows on every screen, without taking focus or typing."""

from __future__ import annotations


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

