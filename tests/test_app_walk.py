"""A whole workshop, driven by keys through the real app: create, eight steps, edit, delete and
undo, move, switch speaker, summary, exports, quit, reopen and find everything where it was."""

from __future__ import annotations

import csv
import io

from helpers.pilot import screen_text, settle, type_text

from workshop_tui.app import make_app
from workshop_tui.model import COLUMNS
from workshop_tui.screens.export_dialog import ExportDialog
from workshop_tui.screens.start import StartScreen
from workshop_tui.screens.step import StepScreen
from workshop_tui.screens.summary import SummaryScreen
from workshop_tui.store import open_store
from workshop_tui.widgets.item_column import ItemColumn
from workshop_tui.widgets.item_input import ItemEditor

SIZE = (140, 44)


def column_texts(screen: StepScreen, key: str) -> list[str]:
    return [item.text for item in screen.query_one(f"#col-{key}", ItemColumn).items]


async def test_a_whole_workshop(store, catalog, isolated_dirs, tmp_path):
    app = make_app(store, catalog)
    documents = isolated_dirs / "Documents"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        # No sessions yet: the title field has focus; fill the form and press Enter.
        await type_text(pilot, "Partnership walk")
        await pilot.press("tab")
        await type_text(pilot, "Wikimania")
        await pilot.press("tab", "tab")
        await type_text(pilot, "Anne-Laure")
        await pilot.press("tab")
        await type_text(pilot, "Ana, Bo")
        await pilot.press("enter")
        await settle(pilot)

        step = app.screen
        assert isinstance(step, StepScreen)
        assert step.step == 1
        session_id = step.info.id
        assert store.get_session(session_id).participants == ("Ana", "Bo")
        assert "Step 1 of 8" in screen_text(app)

        # Eight steps, an item in each column; Tab moves to the next column.
        for number in range(1, 9):
            assert step.step == number
            assert f"Step {number} of 8" in screen_text(app)
            for key in COLUMNS:
                await type_text(pilot, f"s{number} {key}")
                await pilot.press("enter")
                await settle(pilot)
                await pilot.press("tab")
            if number < 8:
                await pilot.press("ctrl+n")
                await settle(pilot)
        items = store.list_items(session_id)
        assert len(items) == 24
        assert {(i.step, i.column, i.text) for i in items} == {
            (n, key, f"s{n} {key}") for n in range(1, 9) for key in COLUMNS
        }
        assert store.get_session(session_id).current_step == 8

        # Switch the speaker to Bo (Ctrl+O, pick, Enter) and add two more actions in step 8.
        await pilot.press("ctrl+o")
        await settle(pilot)
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert step.speaker == "Bo"
        assert app.focused is step.entry
        await type_text(pilot, "second action")
        await pilot.press("enter")
        await settle(pilot)
        await type_text(pilot, "third action")
        await pilot.press("enter")
        await settle(pilot)
        assert [i.author for i in store.list_items(session_id, 8) if i.column == "action"] == ["Anne-Laure", "Bo", "Bo"]
        assert "— Bo" in screen_text(app)

        # Escape selects items in the column; the last one is selected.
        await pilot.press("escape")
        await settle(pilot)
        column = step.query_one("#col-action", ItemColumn)
        assert app.focused is column
        assert column.selected_item.text == "third action"

        # Edit in place: Enter opens the editor, End + typing, Enter saves.
        await pilot.press("up", "enter")
        await settle(pilot)
        assert isinstance(app.focused, ItemEditor)
        await pilot.press("end")
        await type_text(pilot, " (edited)")
        await pilot.press("enter")
        await settle(pilot)
        assert column_texts(step, "action") == ["s8 action", "second action (edited)", "third action"]
        assert [i.text for i in store.list_items(session_id, 8) if i.column == "action"][1] == "second action (edited)"
        assert app.focused is column

        # Move it down (Shift+Down), then up again (Shift+Up).
        await pilot.press("shift+down")
        await settle(pilot)
        assert [i.text for i in store.list_items(session_id, 8) if i.column == "action"] == [
            "s8 action", "third action", "second action (edited)"]
        assert column.selected_item.text == "second action (edited)"
        await pilot.press("shift+up")
        await settle(pilot)
        assert column_texts(step, "action") == ["s8 action", "second action (edited)", "third action"]

        # Delete, then undo: it comes back in its place.
        await pilot.press("delete")
        await settle(pilot)
        assert column_texts(step, "action") == ["s8 action", "third action"]
        assert len(store.list_items(session_id, 8)) == 4
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert column_texts(step, "action") == ["s8 action", "second action (edited)", "third action"]
        assert [i.text for i in store.list_items(session_id, 8) if i.column == "action"] == [
            "s8 action", "second action (edited)", "third action"]

        # Back to typing; jump to step 3 with the step list (Ctrl+G) and leave the session there.
        await pilot.press("escape")
        assert app.focused is step.entry
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press("up", "up", "up", "up", "up", "enter")
        await settle(pilot)
        assert step.step == 3
        assert store.get_session(session_id).current_step == 3

        # The summary shows every item.
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        shown = screen_text(app)
        assert "CONCRETE ACTIONS" in shown and "s1 action" in shown

        # Export wikitext: the dialog proposes ~/Documents/partnership-walk.wiki.
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        assert "~/Documents/partnership-walk.wiki" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        wiki = documents / "partnership-walk.wiki"
        assert wiki.exists()
        text = wiki.read_text(encoding="utf-8")
        assert "s1 action" in text and "second action (edited)" in text and "Bo" in text
        assert "partnership-walk.wiki" in screen_text(app)  # says where it was written

        # Export CSV: pick the format (Right moves in the radio set, Enter picks it).
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("right", "enter")
        await settle(pilot)
        assert "~/Documents/partnership-walk.csv" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        rows = list(csv.DictReader(io.StringIO((documents / "partnership-walk.csv").read_text(encoding="utf-8"))))
        assert len(rows) == 26
        assert {row["text"] for row in rows} >= {"s1 action", "s8 tool", "second action (edited)"}

        # The dialog remembers CSV; back to wikitext, copied to the clipboard (OSC 52) instead of a file.
        await pilot.press("e")
        await settle(pilot)
        assert "~/Documents/partnership-walk.csv" in screen_text(app)
        await pilot.press("left", "enter")
        await settle(pilot)
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert "second action (edited)" in app.clipboard and "{|" in app.clipboard

        # Exporting wikitext again asks before replacing the file.
        wiki.write_text("keep me", encoding="utf-8")
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "already exists" in screen_text(app)
        await pilot.press("escape")  # Cancel: nothing written
        await settle(pilot)
        assert wiki.read_text(encoding="utf-8") == "keep me"
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")  # Replace
        await settle(pilot)
        assert "s1 action" in wiki.read_text(encoding="utf-8")

        # Back to the step, then quit: nothing typed, so no question.
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, StepScreen)
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert app.return_code == 0

    # Reopen: a new app on a new connection to the same file finds it all, at step 3.
    reopened_store = open_store(tmp_path / "test.db")
    try:
        again = make_app(reopened_store, catalog)
        async with again.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert "Partnership walk" in screen_text(again)
            await pilot.press("enter")
            await settle(pilot)
            step = again.screen
            assert isinstance(step, StepScreen)
            assert step.step == 3
            assert "Step 3 of 8" in screen_text(again)
            assert column_texts(step, "obstacle") == ["s3 obstacle"]
            await pilot.press("ctrl+n", "ctrl+n", "ctrl+n", "ctrl+n", "ctrl+n")
            await settle(pilot)
            assert step.step == 8
            assert column_texts(step, "action") == ["s8 action", "second action (edited)", "third action"]
            assert "— Bo" in screen_text(again)
    finally:
        reopened_store.close()
