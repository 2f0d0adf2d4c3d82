"""The app never loses what people type: failed writes, doubled Enters, pastes, quitting with
text in the box, and user text that looks like markup."""

from __future__ import annotations

import time

import pytest
from helpers.pilot import fill_session, record_notifications, screen_text, settle, type_text
from textual import events

from workshop_tui.app import make_app
from workshop_tui.screens.quit import QuitDialog
from workshop_tui.screens.step import StepScreen
from workshop_tui.store import StoreWriteError, open_store
from workshop_tui.widgets.item_column import ItemColumn
from workshop_tui.widgets.item_input import ItemEditor

SIZE = (120, 36)


async def open_first_session(pilot) -> StepScreen:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, StepScreen)
    return pilot.app.screen



async def test_a_failed_write_keeps_the_text_and_shows_the_error(store, session, catalog, monkeypatch):
    app = make_app(store, catalog)
    notes = record_notifications(app)
    calls = []
    real_add = store.add_item

    def failing_add(*args, **kwargs):
        calls.append(kwargs["item_id"])
        raise StoreWriteError("the disk is full; nothing was changed")

    async with app.run_test(size=SIZE) as pilot:
        step = await open_first_session(pilot)
        monkeypatch.setattr(store, "add_item", failing_add)
        await type_text(pilot, "keep me")
        await pilot.press("enter")
        await settle(pilot)
        assert step.entry.text == "keep me"
        assert not step.entry.read_only
        assert ("error", "Not saved: your text is still in the box: the disk is full; nothing was changed") in notes
        assert step.query_one("#col-action", ItemColumn).items == []
        assert app.is_running

        # The disk has room again: the same Enter saves it, with the same client-made id.
        monkeypatch.setattr(store, "add_item", real_add)
        await pilot.press("enter")
        await settle(pilot)
        assert step.entry.text == ""
        saved = store.list_items(session.id)
        assert [(i.text, i.id) for i in saved] == [("keep me", calls[0])]


async def test_a_read_only_store_shows_an_error_and_stays_up(read_only_folder, catalog, template):
    folder, make_read_only = read_only_folder
    with open_store(folder / "ro.db") as writable:
        writable.create_session("Read only", template_id=template.id, step_count=template.step_count)
    make_read_only()
    store = open_store(folder / "ro.db")

    try:
        app = make_app(store, catalog)
        notes = record_notifications(app)
        async with app.run_test(size=SIZE) as pilot:
            step = await open_first_session(pilot)
            await type_text(pilot, "cannot be saved")
            await pilot.press("enter")
            await settle(pilot)
            assert step.entry.text == "cannot be saved"
            assert any(severity == "error" and "read-only" in message for severity, message in notes)
            assert app.is_running
    finally:
        store.close()


async def test_a_doubled_enter_stores_the_item_once(store, session, catalog):
    app = make_app(store, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_session(pilot)
        await type_text(pilot, "once")
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert [i.text for i in store.list_items(session.id)] == ["once"]


async def test_typing_on_during_a_slow_save_loses_nothing(store, session, catalog, monkeypatch):
    real_add = store.add_item

    def slow_add(*args, **kwargs):
        time.sleep(0.4)  # a busy disk, or another process holding the write lock
        return real_add(*args, **kwargs)

    app = make_app(store, catalog)
    async with app.run_test(size=SIZE) as pilot:
        step = await open_first_session(pilot)
        monkeypatch.setattr(store, "add_item", slow_add)
        await type_text(pilot, "one")
        await pilot.press("enter")
        await type_text(pilot, "two")  # typed while "one" is being saved
        await pilot.press("enter")  # honoured once "one" is saved
        await settle(pilot)
        assert [i.text for i in store.list_items(session.id)] == ["one", "two"]
        assert step.entry.text == ""


async def test_a_pasted_block_of_lines_is_kept_whole_as_one_item(store, session, catalog):
    app = make_app(store, catalog)
    async with app.run_test(size=SIZE) as pilot:
        step = await open_first_session(pilot)
        app.post_message(events.Paste("first line\nsecond line\r\nthird line"))  # as the terminal does
        await settle(pilot)
        assert step.entry.text.splitlines() == ["first line", "second line", "third line"]
        await pilot.press("enter")
        await settle(pilot)
        assert [i.text for i in store.list_items(session.id)] == ["first line\nsecond line\nthird line"]
        shown = screen_text(app)
        assert "first line" in shown and "second line" in shown and "third line" in shown


async def test_ctrl_j_adds_a_line_break(store, session, catalog):
    app = make_app(store, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_session(pilot)
        await type_text(pilot, "one")
        await pilot.press("ctrl+j")
        await type_text(pilot, "two")
        await pilot.press("enter")
        await settle(pilot)
        assert [i.text for i in store.list_items(session.id)] == ["one\ntwo"]


@pytest.mark.parametrize("choice, stored", [("save", ["typed, not entered"]), ("discard", [])])
async def test_quitting_with_typed_text_asks_first(store, session, catalog, choice, stored):
    app = make_app(store, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_session(pilot)
        await type_text(pilot, "typed, not entered")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, QuitDialog)
        assert "typed, not entered" in screen_text(app)
        await pilot.press(choice[0])  # s = save and quit, d = discard and quit
        await settle(pilot)
    assert app.return_code == 0
    assert [i.text for i in store.list_items(session.id)] == stored


async def test_cancelling_the_quit_question_keeps_everything(store, session, catalog):
    app = make_app(store, catalog)
    async with app.run_test(size=SIZE) as pilot:
        step = await open_first_session(pilot)
        await type_text(pilot, "still here")
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is step
        assert step.entry.text == "still here"
        assert app.is_running


async def test_quitting_during_an_edit_can_save_it(store, session, catalog):
    store.add_item(session.id, 1, "tool", "draft")

    app = make_app(store, catalog)
    async with app.run_test(size=SIZE) as pilot:
        step = await open_first_session(pilot)
        await pilot.press("tab", "tab", "escape", "enter")
        await settle(pilot)
        assert isinstance(app.focused, ItemEditor)
        await pilot.press("end")
        await type_text(pilot, " v2")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, QuitDialog)
        await pilot.press("s")
        await settle(pilot)
        assert step.step == 1
    assert [i.text for i in store.list_items(session.id)] == ["draft v2"]


async def test_a_failed_edit_keeps_the_editor_open(store, session, catalog, monkeypatch):
    store.add_item(session.id, 1, "action", "original")

    app = make_app(store, catalog)
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_session(pilot)
        await pilot.press("escape", "enter")
        await settle(pilot)
        monkeypatch.setattr(store, "edit_item", lambda *a, **k: (_ for _ in ()).throw(StoreWriteError("locked")))
        await pilot.press("end")
        await type_text(pilot, " changed")
        await pilot.press("enter")
        await settle(pilot)
        editor = app.focused
        assert isinstance(editor, ItemEditor)
        assert editor.text == "original changed"
        assert any(severity == "error" and "locked" in message for severity, message in notes)
        await pilot.press("escape")  # give up: the item is as it was
        await settle(pilot)
    assert [i.text for i in store.list_items(session.id)] == ["original"]


async def test_markup_looking_text_is_shown_exactly_as_typed(store, catalog, template):
    fill_session(store, template, title="[bold]Plan[/] [@click=app.quit]q[/]")

    app = make_app(store, catalog)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert "[bold]Plan[/] [@click=app.quit]q[/]" in screen_text(app)  # the session list
        step = await open_first_session(pilot)
        shown = screen_text(app)
        for literal in ("[bold]x", "[@click=app.quit]x[/]", "[TODO] plan and [/b] close",
                        "[bold]Plan[/] [@click=app.quit]q[/]"):
            assert literal in shown
        # Typed now, it is stored and shown the same way; clicking it runs nothing.
        await type_text(pilot, "[link=https://x.org]site[/link]")
        await pilot.press("enter")
        await settle(pilot)
        assert "[link=https://x.org]site[/link]" in screen_text(app)
        column = step.query_one("#col-action", ItemColumn)
        await pilot.click(column, offset=(4, 5))
        await settle(pilot)
        assert app.is_running
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "[@click=app.quit]x[/]" in screen_text(app)  # the summary too


async def test_an_export_that_cannot_be_written_shows_why(store, catalog, template, tmp_path):
    fill_session(store, template)

    app = make_app(store, catalog)
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_session(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("tab")  # to the file name
        await pilot.press("ctrl+u", "ctrl+k")
        await type_text(pilot, str(tmp_path / "no-such-folder" / "out.wiki"))
        await pilot.press("enter")
        await settle(pilot)
        assert any(severity == "error" and "No such file or directory" in message for severity, message in notes)
        assert app.is_running
    assert not (tmp_path / "no-such-folder").exists()


async def test_keys_typed_in_a_burst_go_where_they_were_typed(store, session, catalog):
    """Tab, text, Enter, Shift+Tab, text, Enter, all delivered before the app handles any:
    each text lands in the column chosen just before it, as when typed slowly."""
    from textual import events

    app = make_app(store, catalog)
    async with app.run_test(size=SIZE) as pilot:
        step = await open_first_session(pilot)
        def typed(text):
            return [events.Key(c if c != " " else "space", c) for c in text] + [events.Key("enter", "\r")]

        keys = [events.Key("tab", None), *typed("obstacle"), events.Key("shift+tab", None), *typed("action")]
        keys += [*typed("second action"), events.Key("tab", None), events.Key("tab", None), *typed("tool")]
        for key in keys:  # as a terminal delivers a paste or a fast typist: all queued at once
            app.post_message(key)
        await settle(pilot)
        assert [(item.column, item.text) for item in store.list_items(session.id, 1)] == [
            ("action", "action"), ("action", "second action"), ("obstacle", "obstacle"), ("tool", "tool")]
        assert step.active_column.key == "tool" and step.entry.text == ""
