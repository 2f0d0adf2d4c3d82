"""Private writing on the screens (issue 12): while a step is written privately the shared screen
and the presenter show only how many items each person wrote; each participant sees their own;
the facilitator reveals them all at once (Ctrl+R, or the palette), credited or anonymously."""

from __future__ import annotations

from helpers.pilot import open_step, record_notifications, screen_text, settle, wait_for

from workshop_tui.app import make_app
from workshop_tui.participant import make_participant_app
from workshop_tui.presenter import make_presenter_app
from workshop_tui.store import open_store
from workshop_tui.widgets.item_column import ItemColumn

SIZE = (120, 36)
SECRETS = [("action", "Ana's first secret", "Ana"), ("tool", "Ana's second secret", "Ana"),
           ("obstacle", "Bo's secret", "Bo")]


def write_privately(store, session):
    store.set_phase(session.id, 1, "private")
    for column, text, author in SECRETS:
        store.add_item(session.id, 1, column, text, author=author)
    assert all(item.hidden for item in store.step_view(session.id, 1, viewer="Ana").items if item.author == "Ana")


def texts(screen, key: str) -> list[str]:
    return [item.text for item in screen.query_one(f"#col-{key}", ItemColumn).items]


async def test_the_shared_screen_counts_private_items_and_ctrl_r_reveals_them_credited(store, session):
    write_privately(store, session)
    app = make_app(store)
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_step(pilot)
        await wait_for(lambda: "Written privately: Ana 2 · Bo 1" in screen_text(app), pilot,
                       what="the counts on the shared screen")
        shown = screen_text(app)
        assert "WRITE PRIVATELY" in shown and "secret" not in shown
        # What the facilitator types meanwhile is private too: counted, not shown.
        await pilot.press(*"the facilitator's own", "enter")
        await settle(pilot)
        await wait_for(lambda: "Anne-Laure 1" in screen_text(app), pilot, what="the facilitator's count")
        assert "the facilitator's own" not in screen_text(app)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await wait_for(lambda: "Bo's secret" in texts(screen, "obstacle"), pilot, what="the revealed items")
        assert texts(screen, "action") == ["Ana's first secret", "the facilitator's own"]
        assert texts(screen, "tool") == ["Ana's second secret"]
        assert "Revealed 4 items of step 1, credited." in " ".join(message for _, message in notes)
        assert "Written privately" not in screen_text(app)
    assert store.step_states(session.id)[1].phase == "brainstorm"
    assert {(i.text, i.author) for i in store.list_items(session.id)} == {
        ("Ana's first secret", "Ana"), ("Ana's second secret", "Ana"), ("Bo's secret", "Bo"),
        ("the facilitator's own", "Anne-Laure")}


async def test_the_palette_reveals_anonymously(store, session):
    write_privately(store, session)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_step(pilot)
        titles = {command.title for command in app.get_system_commands(screen)}
        assert {"Reveal private items", "Reveal private items anonymously", "Phase: Write privately"} <= titles
        command = next(c for c in app.get_system_commands(screen) if c.title == "Reveal private items anonymously")
        command.callback()
        await settle(pilot)
        await wait_for(lambda: "Bo's secret" in texts(screen, "obstacle"), pilot, what="the revealed items")
        assert "— Bo" not in screen_text(app)
    assert {i.author for i in store.list_items(session.id)} == {None}


async def test_the_presenter_shows_counts_only_and_each_participant_their_own(tmp_path, store, session):
    write_privately(store, session)
    with open_store(tmp_path / "test.db") as presenter_store:
        presenter = make_presenter_app(presenter_store, session)
        async with presenter.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await wait_for(lambda: "Written privately: Ana 2 · Bo 1" in screen_text(presenter), pilot,
                           what="the counts on the presenter")
            assert "secret" not in screen_text(presenter)
            store.reveal_step(session.id, 1)
            await wait_for(lambda: "Bo's secret" in screen_text(presenter), pilot, what="the reveal on the presenter")

    store.set_phase(session.id, 2, "private")
    store.add_item(session.id, 2, "action", "Bo's step 2 secret", author="Bo")
    store.set_current_step(session.id, 2)
    ana = make_participant_app(store, session.id, "Ana")
    async with ana.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"Ana's step 2 secret", "enter")
        await settle(pilot)
        await wait_for(lambda: "Ana's step 2 secret" in screen_text(ana), pilot, what="Ana's own item")
        assert "only you see this" in screen_text(ana)
        assert "Bo's step 2 secret" not in screen_text(ana)
