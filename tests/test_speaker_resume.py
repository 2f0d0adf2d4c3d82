"""Whose item is it, and where was I: the speaker is chosen deliberately and remembered, one item
can be credited to someone else from the input (`@Na` + Tab), and reopening comes back to the
step, the column and the speaker (issue 12, items 2 and 9)."""

from __future__ import annotations

from helpers.pilot import open_step, screen_text, settle, wait_for

from workshop_tui.app import make_app
from workshop_tui.widgets.participant_picker import ParticipantPicker

SIZE = (120, 36)


def new_session(store, template, facilitator="Anne-Laure Prévost"):
    return store.create_session("Partnerships", template_id=template.id, step_count=template.step_count,
                                facilitator=facilitator, participants=["Asaf Bartov", "Nathalie Martin", "Nadia"])


async def test_a_new_session_starts_with_the_facilitator_at_the_keyboard_not_anonymous(store, template):
    info = new_session(store, template)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_step(pilot)
        assert screen.speaker == "Anne-Laure Prévost"
        assert "Speaker: Anne-Laure Prévost" in screen_text(app)
        await pilot.press(*"idea", "enter")
        await settle(pilot)
    assert [(i.text, i.author) for i in store.list_items(info.id)] == [("idea", "Anne-Laure Prévost")]
    assert store.get_session(info.id).speaker == "Anne-Laure Prévost"


async def test_without_a_facilitator_it_asks_who_is_at_the_keyboard(store, template):
    new_session(store, template, facilitator="")
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_step(pilot)
        picker = screen.query_one(ParticipantPicker)
        await wait_for(lambda: picker.expanded, pilot, what="the speaker menu to open")
        await pilot.press("down", "enter")  # the first name is lit: Asaf Bartov; down: Nathalie Martin
        await settle(pilot)
        assert screen.speaker == "Nathalie Martin"
        assert app.focused is screen.entry


async def test_reopening_comes_back_to_the_step_the_column_and_the_speaker(store, template):
    info = new_session(store, template)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_step(pilot)
        await pilot.press("ctrl+o", "down", "down", "enter")  # facilitator, Asaf, Nathalie
        await settle(pilot)
        assert screen.speaker == "Nathalie Martin"
        await pilot.press("ctrl+n", "ctrl+n")
        await pilot.press("tab", "tab")  # Tools
        await settle(pilot)
        assert (screen.step, screen.column) == (3, 2)
        await pilot.press("ctrl+q")
        await settle(pilot)
    saved = store.get_session(info.id)
    assert (saved.current_step, saved.current_column, saved.speaker) == (3, "tool", "Nathalie Martin")

    again = make_app(store)
    async with again.run_test(size=SIZE) as pilot:
        screen = await open_step(pilot)
        assert (screen.step, screen.column, screen.speaker) == (3, 2, "Nathalie Martin")
        assert "+ Tools" in screen_text(again) and "Speaker: Nathalie Martin" in screen_text(again)
        await pilot.press(*"x", "enter")
        await settle(pilot)
    assert [(i.step, i.column, i.author) for i in store.list_items(info.id)] == [(3, "tool", "Nathalie Martin")]


async def test_at_name_and_tab_credits_one_item_without_leaving_the_input(store, template):
    info = new_session(store, template)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_step(pilot)
        await pilot.press(*"@Na", "tab")
        assert screen.entry.text == "@Nathalie Martin " and screen.column == 0  # completed, no column change
        await pilot.press("tab")  # the next name that fits
        assert screen.entry.text == "@Nadia "
        await pilot.press("tab")
        assert screen.entry.text == "@Nathalie Martin "
        await pilot.press(*"Call the museum", "enter")
        await settle(pilot)
        assert screen.entry.text == ""
        assert screen.speaker == "Anne-Laure Prévost"  # the speaker stays
        await pilot.press(*"@asaf", "tab", *"Board", "enter", *"@Nobody here", "enter", *"plain", "enter")
        await settle(pilot)
    assert [(i.text, i.author) for i in store.list_items(info.id)] == [
        ("Call the museum", "Nathalie Martin"), ("Board", "Asaf Bartov"),
        ("@Nobody here", "Anne-Laure Prévost"), ("plain", "Anne-Laure Prévost")]
