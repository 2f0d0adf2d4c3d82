"""Issue 12, item 12: a name is claimed. Once a participant has joined under a name, only their
screen (the one holding the claim's token) can act as that name again; the facilitator can
release it (`workshop-tui release`).

Reproduced first: a participant whose screen is not connected could be joined as by anyone
with the join code, who could then delete that person's items.
"""

from __future__ import annotations


from helpers.pilot import screen_text, settle

from workshop_tui.participant import make_participant_app
from workshop_tui.screens.join_name import JoinNameScreen
from workshop_tui.screens.participant import ParticipantScreen
from workshop_tui.widgets.item_column import ItemColumn


def _app(store, session_id, name, **kwargs):
    app = make_participant_app(store, session_id, name, **kwargs)
    app.cursor_blink = False
    return app


async def test_a_disconnected_participants_name_cannot_be_taken_to_delete_their_items(store, session):
    """Ana joins and adds an item, then her screen goes; someone else asks to join as Ana."""

    async def ana_writes():
        app = _app(store, session.id, "Ana")
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, ParticipantScreen)
            await pilot.press(*"Ask the museum first", "enter")
            await settle(pilot)

    async def intruder_tries():
        app = _app(store, session.id, "Ana")  # another screen: it does not hold Ana's claim
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            if isinstance(app.screen, ParticipantScreen):  # before the fix: in, as Ana
                app.screen.query_one("#col-action", ItemColumn).focus()
                await settle(pilot)
                await pilot.press("delete")
                await settle(pilot)
            assert isinstance(app.screen, JoinNameScreen)
            assert "Ana is taken" in screen_text(app)

    await ana_writes()
    assert store.connected(session.id) == []  # Ana's screen is gone
    mine = [item.text for item in store.list_items(session.id) if item.author == "Ana"]
    assert mine == ["Ask the museum first"]
    try:
        await intruder_tries()
    finally:
        assert [item.text for item in store.list_items(session.id) if item.author == "Ana"] == mine
