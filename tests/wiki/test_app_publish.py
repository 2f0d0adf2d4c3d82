"""Publishing from the app against the real MediaWiki: the export dialog's "Publish to wiki…"
shows the changes, publishes them, remembers the wiki, page and user for the session (never
the password), refuses an edit made in between in one line, and says why a login fails."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from helpers.pilot import press, record_notifications, screen_text, settle, type_text

from workshop_tui.app import make_app
from workshop_tui.screens.export_dialog import ExportDialog
from workshop_tui.screens.publish_dialog import PublishDialog
from workshop_tui.screens.summary import SummaryScreen
from workshop_tui.wiki import PASSWORD_ENV

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)


async def open_publish(pilot) -> PublishDialog:
    await press(pilot, "enter", "ctrl+s")
    assert isinstance(pilot.app.screen, SummaryScreen)
    await press(pilot, "e")
    assert isinstance(pilot.app.screen, ExportDialog)
    await press(pilot, "ctrl+o")
    assert isinstance(pilot.app.screen, PublishDialog)
    return pilot.app.screen


def status(app) -> str:
    return str(app.screen.query_one("#publish-status").render())


@pytest.fixture
def session_with_items(store, session):
    store.add_item(session.id, 1, "action", "Ask | why {{!}} [[Main Page]]", author="Ana")
    item = store.add_item(session.id, 5, "action", "Sign the agreement", author="Bo")
    store.set_followup(item.id, owner="Bo", due="2026-12-15")
    return session


async def test_publish_from_the_export_dialog_then_again_remembering_where(store, session_with_items, test_wiki,
                                                                           page_title, monkeypatch):
    account = test_wiki.accounts["facilitator"]
    monkeypatch.setenv(PASSWORD_ENV, account.password)
    app = make_app(store, clock=lambda: T0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = record_notifications(app)
        dialog = await open_publish(pilot)
        await type_text(pilot, test_wiki.api)
        await press(pilot, "tab")
        await type_text(pilot, page_title)
        await press(pilot, "tab")
        await type_text(pilot, account.user)
        await press(pilot, "ctrl+r")
        assert f"Creates {page_title} on Workshop TUI test wiki" in status(app)
        assert test_wiki.text(page_title) is None  # shown, not saved
        text = screen_text(app)
        assert f"+++ {page_title} (to publish)" in text and account.password not in text
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, PublishDialog)
        assert len(test_wiki.revisions(page_title)) == 1 and dialog.plan.text == test_wiki.text(page_title)
        assert any(title_message.startswith("Published to the wiki: ") for _, title_message in shown)
        assert store.wiki_target(session_with_items.id) == (test_wiki.api, page_title, account.user)

        # Again: the wiki, page and user come back; nothing changed, nothing to publish.
        assert isinstance(app.screen, SummaryScreen)
        await press(pilot, "e", "ctrl+o")
        assert app.screen.query_one("#publish-page").value == page_title
        assert app.screen.query_one("#publish-password").value == ""
        await press(pilot, "ctrl+r")
        assert "already holds this session" in status(app) and "nothing to publish" in status(app)
        assert app.screen.query_one("#publish").disabled

        # An item more, shown; an edit made meanwhile on the wiki: refused, nothing overwritten.
        store.add_item(session_with_items.id, 2, "tool", "A shared calendar", author="Ana")
        await settle(pilot)
        await press(pilot, "ctrl+r")
        assert "Replaces only the summary table of" in status(app) and "1 line added, 0 removed" in status(app)
        between = test_wiki.text(page_title) + "\nA comment added in between.\n"
        test_wiki.edit_as_admin(page_title, between)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, PublishDialog)
        assert "edit conflict" in status(app) and "nothing was overwritten" in status(app)
        assert test_wiki.text(page_title).rstrip() == between.rstrip()
        assert app.screen.query_one("#publish").disabled


async def test_a_wrong_password_or_no_wiki_is_one_line_and_nothing_is_saved(store, session_with_items, test_wiki,
                                                                            page_title, monkeypatch):
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    account = test_wiki.accounts["facilitator"]
    app = make_app(store, clock=lambda: T0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_publish(pilot)
        await press(pilot, "ctrl+r")
        assert "Type the wiki's address" in status(app)
        for name, value in (("wiki", test_wiki.api), ("page", page_title), ("user", account.user)):
            app.screen.query_one(f"#publish-{name}").value = value
        await press(pilot, "ctrl+r")
        assert "Type the bot password" in status(app)
        wrong = ("b" if account.password[0] != "b" else "c") + account.password[1:]  # a bot password's shape
        app.screen.query_one("#publish-password").value = wrong
        await press(pilot, "ctrl+r")
        assert "\n" not in status(app) and "nothing was saved" in status(app) and "refused" in status(app)
        assert wrong not in screen_text(app)
        assert account.password not in screen_text(app)
        app.screen.query_one("#publish-wiki").value = "http://127.0.0.1:9/api.php"
        await press(pilot, "ctrl+r")
        assert "\n" not in status(app) and "nothing was saved" in status(app)
        assert app.screen.query_one("#publish").disabled
    assert test_wiki.text(page_title) is None
    assert store.wiki_target(session_with_items.id) is None


async def test_at_80x24_the_buttons_stay_in_view_above_the_diff(store, session_with_items, test_wiki, page_title,
                                                                monkeypatch):
    account = test_wiki.accounts["facilitator"]
    monkeypatch.setenv(PASSWORD_ENV, account.password)
    store.set_wiki_target(session_with_items.id, test_wiki.api, page_title, account.user)
    app = make_app(store, clock=lambda: T0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_publish(pilot)
        await press(pilot, "ctrl+r")
        assert f"Creates {page_title}" in status(app)
        for name in ("preview", "publish", "cancel"):
            button = app.screen.query_one(f"#{name}")
            assert button.region.height and button.region.bottom <= 23, name  # above the footer
        diff = app.screen.query_one("#publish-diff")
        assert diff.display and diff.region.height >= 3 and diff.region.bottom <= 23
        await press(pilot, "ctrl+s")
        assert len(test_wiki.revisions(page_title)) == 1


async def test_a_burst_of_typing_and_tabs_fills_each_field(store, session_with_items, test_wiki, page_title):
    app = make_app(store, clock=lambda: T0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_publish(pilot)
        await pilot.press(*test_wiki.api, "tab", *page_title, "tab", *"Ana@bot")  # no pause between keys
        await settle(pilot)
        assert [app.screen.query_one(f"#publish-{name}").value for name in ("wiki", "page", "user")] == [
            test_wiki.api, page_title, "Ana@bot"]
