"""Private writing through the participant's app (issue 12): a participant's hidden items are on
their own screen only, marked as such; no store call another participant's app makes ever
returns one; the reveal shows them to everyone at once."""

from __future__ import annotations

import asyncio

from helpers.pilot import screen_text, settle

from workshop_tui.participant import make_participant_app
from workshop_tui.screens.participant import ParticipantScreen
from workshop_tui.store import open_store
from workshop_tui.widgets.item_column import ItemColumn

SECRET = "Ana's private idea"


class Recording:
    """A store whose every answer is kept, to look for what must never be sent."""

    def __init__(self, store):
        self._store = store
        self.answers: list[str] = []

    def __getattr__(self, name):
        value = getattr(self._store, name)
        if not callable(value):
            return value

        def recorded(*args, **kwargs):
            answer = value(*args, **kwargs)
            self.answers.append(repr(answer))
            return answer

        return recorded


def texts(app, key: str) -> list[str]:
    return [item.text for item in app.screen.query_one(f"#col-{key}", ItemColumn).items]


async def wait_for(condition, pilot, timeout=10.0, what="the screen to change"):
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.01)


def _app(store, session_id, name):
    app = make_participant_app(store, session_id, name)
    app.cursor_blink = False
    return app


async def test_a_hidden_item_is_on_its_authors_screen_only_until_the_reveal(store, session, tmp_path):
    store.set_phase(session.id, 1, "private")

    async def ana_writes():
        app = _app(store, session.id, "Ana")
        async with app.run_test(size=(160, 40)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, ParticipantScreen)
            assert "Write privately: only you see your items" in screen_text(app)
            await pilot.press(*SECRET, "enter")
            await settle(pilot)
            assert SECRET in texts(app, "action")
            assert "(only you see this)" in screen_text(app)

    async def bo_looks_then_the_facilitator_reveals():
        with open_store(tmp_path / "test.db") as own:
            recording = Recording(own)
            app = _app(recording, session.id, "Bo")
            async with app.run_test(size=(160, 40)) as pilot:
                await settle(pilot)
                await pilot.press(*"Bo's own", "enter")
                await settle(pilot)
                assert texts(app, "action") == ["Bo's own"]
                assert SECRET not in screen_text(app)
                assert recording.answers and not any(SECRET in answer for answer in recording.answers)
                store.reveal_step(session.id, 1)  # the facilitator, in another process
                await wait_for(lambda: SECRET in texts(app, "action"), pilot, what="the reveal")
                await settle(pilot)
                assert "(only you see this)" not in screen_text(app)
                assert "Brainstorm: add your actions" in screen_text(app)

    await ana_writes()
    hidden = store.step_view(session.id, 1, viewer="Ana").items
    assert [(item.text, item.hidden) for item in hidden] == [(SECRET, True)]
    await bo_looks_then_the_facilitator_reveals()
    assert {item.text: item.author for item in store.list_items(session.id, 1)} == {SECRET: "Ana", "Bo's own": "Bo"}
