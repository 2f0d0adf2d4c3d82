"""Getting around: opening the store after the first frame, the start screen's rename and
delete, steps by key, list and palette, themes, help, and the layout at 80x24."""

from __future__ import annotations

import threading

from helpers.pilot import fill_session, screen_text, settle, type_text, wait_for

from workshop_tui.app import PROJECTOR_THEME, make_app
from workshop_tui.screens.confirm import ConfirmDialog
from workshop_tui.screens.help import HelpScreen
from workshop_tui.screens.start import StartScreen
from workshop_tui.screens.step import StepScreen
from workshop_tui.screens.text_prompt import TextPrompt
from workshop_tui.store import StoreOpenError, open_store
from workshop_tui.widgets.item_column import ItemColumn
from workshop_tui.widgets.session_table import SessionTable



async def test_the_store_opens_after_the_first_frame(tmp_path, catalog, template):
    path = tmp_path / "later.db"
    with open_store(path) as setup:
        setup.create_session("Opened later", template_id=template.id, step_count=template.step_count)
    release = threading.Event()
    opened = []

    def open_later():
        release.wait(10)
        opened.append(open_store(path))
        return opened[-1]

    app = make_app(open_later, catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert "Opening the store…" in screen_text(app)
        release.set()
        for _ in range(50):
            await pilot.pause(0.05)
            if app.store is not None:
                break
        await settle(pilot)
        assert "Opened later" in screen_text(app)
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert app.return_code == 0
    assert opened and opened[0]._engine is not None


async def test_the_sessions_are_listed_before_the_store_opens(tmp_path, catalog, template):
    """Read straight from the file (`store.quick_list`); keys that change a session wait for the
    store, and the row chosen meanwhile stays chosen."""
    from workshop_tui.store.quick_list import read_sessions

    path = tmp_path / "early.db"
    with open_store(path) as setup:
        older = setup.create_session("Berlin", template_id=template.id, step_count=template.step_count)
        setup.create_session("Mexico", template_id=template.id, step_count=template.step_count)
    release = threading.Event()

    def open_later():
        release.wait(10)
        return open_store(path)

    app = make_app(open_later, catalog, preview=lambda: read_sessions(str(path)))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(lambda: "Berlin" in screen_text(app) and "Mexico" in screen_text(app), pilot,
                       what="the early list")
        assert app.store is None and "Opening the store…" not in screen_text(app)
        await pilot.press("down", "delete", "f2")  # Berlin chosen; nothing acts before the store is open
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        release.set()
        await wait_for(lambda: app.store is not None, pilot, what="the store to open")
        await settle(pilot)
        assert app.screen.query_one("SessionTable").selected.id == older.id
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StepScreen) and app.screen.info.id == older.id
    with open_store(path) as after:
        assert sorted(s.title for s in after.list_sessions()) == ["Berlin", "Mexico"]  # nothing deleted


async def test_a_store_that_cannot_open_ends_the_app_with_one_line(catalog):
    def broken():
        raise StoreOpenError("/tmp/x.db is not a workshop-tui store (not an SQLite file)")

    app = make_app(broken, catalog)
    async with app.run_test() as pilot:
        await pilot.pause(0.2)
    assert app.return_code == 2
    assert app.error_message == "/tmp/x.db is not a workshop-tui store (not an SQLite file)"


async def test_rename_and_delete_a_session_from_the_start_screen(store, catalog, template):
    fill_session(store, template, title="First")
    keep = store.create_session("Second", template_id=template.id, step_count=template.step_count)

    app = make_app(store, catalog)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        # Newest first: "Second" is highlighted. Rename it.
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("ctrl+u")
        await type_text(pilot, "Renamed [b]")
        await pilot.press("enter")
        await settle(pilot)
        assert store.get_session(keep.id).title == "Renamed [b]"
        table = app.screen.query_one(SessionTable)
        await wait_for(lambda: "Renamed [b]" in screen_text(app), pilot, what="the list to show the new title",
                       detail=lambda: f"rows {[s.title for s in table.sessions]}, workers "
                                      f"{[(w.name, w.state.name) for w in app.workers]}, screen:\n{screen_text(app)}")

        # Delete "First" (the second row): asked first; Cancel keeps it, Delete removes it.
        await pilot.press("down", "delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "First" in screen_text(app) and "10 items" in screen_text(app)
        await pilot.press("enter")  # the focused button is Cancel
        await settle(pilot)
        assert len(store.list_sessions()) == 2
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert [s.title for s in store.list_sessions()] == ["Renamed [b]"]


async def test_a_rename_shows_in_the_list_even_if_no_reload_comes(store, catalog, template):
    """The rename's own answer is drawn: the list shows the new title with every reload held back."""
    store.create_session("Kept", template_id=template.id, step_count=template.step_count)
    app = make_app(store, catalog)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        start = app.screen
        start.load_sessions = lambda *args, **kwargs: None  # no reload from here on
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press("ctrl+u")
        await type_text(pilot, "Kept, renamed")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is start
        await wait_for(lambda: "Kept, renamed" in screen_text(app), pilot, what="the renamed row",
                       detail=lambda: screen_text(app))
        assert [s.title for s in start.query_one(SessionTable).sessions] == ["Kept, renamed"]


async def test_steps_by_keys_list_and_palette(store, catalog, template):
    info = fill_session(store, template)

    app = make_app(store, catalog)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        step = app.screen
        assert isinstance(step, StepScreen) and step.step == 1
        await pilot.press("ctrl+n", "ctrl+n")
        await settle(pilot)
        assert step.step == 3
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert step.step == 2
        assert [i.text for i in step.query_one("#col-action", ItemColumn).items] == ["Call the curator"]

        # The command palette offers "Go to step N" for every step.
        await pilot.press("ctrl+p")
        await settle(pilot)
        await type_text(pilot, "go to step 7")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert step.step == 7
        assert "Step 7 of 8" in screen_text(app)
        assert store.get_session(info.id).current_step == 7

        # Tab picks the column typed into; the item lands there.
        await pilot.press("tab", "tab")
        await type_text(pilot, "a tool")
        await pilot.press("enter")
        await settle(pilot)
        assert [(i.step, i.column) for i in store.list_items(info.id) if i.text == "a tool"] == [(7, "tool")]

        # Back to the sessions list (Ctrl+L), and in again: step 7.
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        assert "7 of 8" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.step == 7


async def test_every_palette_command_of_the_step_screen_is_there(store, catalog, template):
    fill_session(store, template)

    app = make_app(store, catalog)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")  # an item is selected: its commands are offered too
        await settle(pilot)
        names = {command.title for command in app.get_system_commands(app.screen)}
        for expected in ["Next step", "Previous step", "Next column", "Previous column", "Speaker",
                         "Summary", "Back to sessions", "Edit item", "Delete item", "Move item up",
                         "Move item down", "Select items", "Type a new item", "Help: every key",
                         "Projector theme (light, high contrast)", "Theme", "Quit", "Brief", "Step list",
                         "Add a participant"]:
            assert expected in names
        assert {f"Go to step {n}" for n in range(1, 9)} <= {name.split(":")[0] for name in names}


async def test_the_projector_theme_toggles(store, catalog):
    app = make_app(store, catalog)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+t")
        assert app.theme == PROJECTOR_THEME.name
        assert not app.current_theme.dark
        await pilot.press("ctrl+t")
        assert app.theme == "textual-dark"


async def test_help_lists_the_keys_and_how_pasting_works(store, catalog, template):
    fill_session(store, template)

    app = make_app(store, catalog)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        for text in ("Save the typed text as an item", "Go on to the next step", "Move the selected item up",
                     "Pasting several lines keeps every line"):
            assert text in shown
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, StepScreen)


async def test_a_step_is_usable_at_80x24(store, catalog, template):
    fill_session(store, template)

    app = make_app(store, catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        step = app.screen
        for column in step.query(ItemColumn):
            assert column.region.width >= 20 and column.region.height >= 8
        assert step.entry.region.width >= 20 and step.entry.region.y < 23
        shown = screen_text(app)
        for text in ("Concrete actions", "Potential obstacles", "Tools", "Step 1 of 8", "Next step", "Summary"):
            assert text in shown


async def test_the_mouse_works_too(store, catalog, template):
    fill_session(store, template)

    app = make_app(store, catalog)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        step = app.screen
        # A click on a column makes it the one typed into (and selects there).
        await pilot.click("#col-tool", offset=(5, 1))
        await settle(pilot)
        assert step.active_column.key == "tool"
        assert app.focused is step.query_one("#col-tool", ItemColumn)
        # A click on step 4 in the side list goes there.
        await pilot.click("#steps", offset=(6, 5))
        await settle(pilot)
        assert step.step == 4


async def test_an_open_edit_is_finished_before_moving_on(store, catalog, template):
    fill_session(store, template)

    app = make_app(store, catalog)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        step = app.screen
        await pilot.press("escape", "enter")
        await settle(pilot)
        assert step.editing
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert step.step == 1 and step.editing  # nothing typed is dropped by a step change
        await pilot.press("escape", "ctrl+n")
        await settle(pilot)
        assert step.step == 2
