"""The phone page for real: `workshop-tui serve` in a subprocess, Debian's Chromium, a phone and a laptop.

Each test starts the server on a free loopback port with a store in `tmp_path` and drives the
page as a participant would: on a phone (390x844, device scale factor 3, touch) and on a
1280x800 laptop. The test itself plays the facilitator through its own connection to the
store (phases, steps), and reads the store to check what was saved: every item exactly once,
under its author's name. axe-core (vendored, `tests/data/axe-core/`) checks the page.

Screenshots go to `tmp_path`; with WORKSHOP_TUI_UPDATE_SCREENSHOTS=1 they are written to
`tests/screenshots/` too, where the committed ones live (look at them after updating).
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
from pathlib import Path

import pytest
from test_serve_browser import chromium, serving  # noqa: F401 (chromium: a fixture)

from helpers.browser import launch, wait_until
from helpers.phone import LAPTOP, PHONE, add, axe_violations, item, join, open_page, press, wait_status

SHOTS = Path(__file__).resolve().parent / "screenshots"


@pytest.fixture
def room(store, template, tmp_path):
    info = store.create_session("Partnerships, Wikimania", template_id=template.id, step_count=template.step_count,
                                facilitator="Anne-Laure", event="Wikimania", date="2026-12-03")
    return info, str(tmp_path / "test.db")


async def shoot(page, tmp_path: Path, name: str) -> Path:
    """A screenshot of the page (committed ones are refreshed on request, see the docstring)."""
    await page.evaluate("document.activeElement && document.activeElement.blur()")  # no caret in the picture
    path = tmp_path / name
    await page.screenshot(path=str(path))
    if os.environ.get("WORKSHOP_TUI_UPDATE_SCREENSHOTS"):
        SHOTS.mkdir(exist_ok=True)
        (SHOTS / name).write_bytes(path.read_bytes())
    return path


def items_of(store, session_id):
    return [(i.step, i.column, i.text, i.author) for i in store.list_items(session_id)]


def test_on_a_phone_a_participant_joins_adds_edits_deletes_and_votes(chromium, room, store, tmp_path):
    from playwright.async_api import async_playwright, expect

    info, db = room
    anas = store.add_item(info.id, 1, "action", "Write down WHY we want a partner", author="Ana")
    store.add_item(info.id, 1, "obstacle", "Different timelines", author="Bo")

    async def scenario(url):
        async with async_playwright() as playwright:
            browser = await launch(playwright)
            page = await open_page(browser, url, PHONE)
            await shoot(page, tmp_path, "phone-join.png")
            await join(page, "Zoë")
            await expect(page.locator("#step-title")).to_have_text("Preliminary Work")
            await expect(page.locator("#you")).to_have_text("You are Zoë")
            await wait_until(lambda: store.connected(info.id) == ["Zoë"], 10, "Zoë to be connected")

            await add(page, "Ask the museum what they need")  # Enter adds
            await add(page, "Share the calendar early", with_button=True)
            await add(page, "Nobody owns the budget", column="obstacle")
            assert items_of(store, info.id) == [
                (1, "action", "Write down WHY we want a partner", "Ana"),
                (1, "action", "Ask the museum what they need", "Zoë"),
                (1, "action", "Share the calendar early", "Zoë"),
                (1, "obstacle", "Different timelines", "Bo"),
                (1, "obstacle", "Nobody owns the budget", "Zoë"),
            ]
            # Others' items: shown, with no way to change them.
            await press(page, "label[for=pick-action]")
            await expect(item(page, "Write down WHY")).to_be_visible()
            await expect(item(page, "Write down WHY").locator("button")).to_have_count(0)
            await expect(item(page, "Ask the museum").locator("button")).to_have_count(2)

            # Edit: Enter saves.
            await press(page, item(page, "Ask the museum").get_by_role("button", name="Edit"))
            editor = page.locator(".item textarea")
            await editor.fill("Ask the museum what they need from us")
            await editor.press("Enter")
            await wait_until(lambda: any(i.text == "Ask the museum what they need from us"
                                         for i in store.list_items(info.id)), 10, "the edit")
            # Delete, then undo.
            await press(page, item(page, "Share the calendar").get_by_role("button", name="Delete"))
            await wait_until(lambda: len(store.list_items(info.id)) == 4, 10, "the delete")
            await expect(page.locator("#undo-bar")).to_be_visible()
            await press(page, "#undo")
            await wait_until(lambda: len(store.list_items(info.id)) == 5, 10, "the undo")
            await expect(item(page, "Share the calendar early")).to_be_visible()
            await expect(page.locator("#status")).to_have_text("Saved · live")
            await shoot(page, tmp_path, "phone-board.png")

            # The facilitator opens the vote: dots, and adding waits.
            store.set_phase(info.id, 1, "vote")
            await expect(page.locator("#phase-label")).to_have_text("Vote")
            await expect(page.locator("#dots")).to_have_text("3 of 3 dots left")
            await expect(page.locator("#add")).to_be_disabled()
            await press(page, item(page, "Write down WHY").get_by_role("button", name="Place a dot on: Write down WHY"))
            await expect(page.locator("#dots")).to_have_text("2 of 3 dots left")
            assert store.get_item(anas.id).votes == 1
            await press(page, item(page, "Write down WHY").get_by_role("button", name="Place a dot on: Write down WHY"))
            await expect(page.locator("#dots")).to_have_text("1 of 3 dots left")
            await press(page, item(page, "Write down WHY").get_by_role("button", name="Take a dot back"))
            await expect(page.locator("#dots")).to_have_text("2 of 3 dots left")
            assert store.get_item(anas.id).votes == 1
            await shoot(page, tmp_path, "phone-vote.png")

            # The facilitator moves on: the page follows.
            store.set_current_step(info.id, 2)
            await expect(page.locator("#step-title")).to_have_text("Getting to know each other")
            await expect(page.locator("#phase-label")).to_have_text("Brainstorm")
            await expect(page.locator("#add")).to_be_enabled()
            await add(page, "Coffee before the meeting")
            assert (2, "action", "Coffee before the meeting", "Zoë") in items_of(store, info.id)
            assert page.errors == []
            await browser.close()

    with serving(db, info.id) as server:
        asyncio.run(scenario(server.url))
    assert server.code not in "".join(server.err)
    assert len(store.list_items(info.id)) == 6


def test_on_a_laptop_everyone_sees_everyone_live_and_browses_when_allowed(chromium, room, store, tmp_path, template):
    from playwright.async_api import async_playwright, expect

    info, db = room
    third, fourth = template.step(3).title, template.step(4).title
    store.set_current_step(info.id, 3)

    async def scenario(url):
        async with async_playwright() as playwright:
            browser = await launch(playwright)
            laptop = await open_page(browser, url, LAPTOP)
            phone = await open_page(browser, url, PHONE)
            await join(laptop, "Asaf")
            await join(phone, "Nathalie")
            await expect(laptop.locator("#step-title")).to_have_text(third)
            await add(laptop, "Map what both sides already do")
            await add(laptop, "Different vocabularies", column="obstacle")
            await add(laptop, "A shared glossary", column="tool")
            await add(phone, "Visit each other's office")
            # Each sees the other's items as they arrive, in the right column.
            await expect(item(phone, "Map what both sides")).to_be_visible()
            await expect(item(laptop, "Visit each other's office")).to_be_visible()
            await expect(item(laptop, "Visit each other's office").locator("button")).to_have_count(0)
            # On a laptop the three columns stand side by side.
            boxes = [await laptop.locator(f"#col-{key}").bounding_box() for key in ("action", "obstacle", "tool")]
            assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"] and abs(boxes[0]["y"] - boxes[2]["y"]) < 2
            await expect(laptop.locator("#browse")).to_be_hidden()
            await shoot(laptop, tmp_path, "laptop-board.png")

            # The facilitator lets people browse: steps can be changed, and back.
            store.set_participants_follow(info.id, False)
            await expect(laptop.locator("#browse")).to_be_visible()
            await press(laptop, "#next-step")
            await expect(laptop.locator("#step-title")).to_have_text(fourth)
            await expect(phone.locator("#step-title")).to_have_text(third)
            await press(laptop, "#follow-step")
            await expect(laptop.locator("#step-title")).to_have_text(third)
            store.set_participants_follow(info.id, True)
            await expect(laptop.locator("#browse")).to_be_hidden()
            assert laptop.errors == [] and phone.errors == []
            await browser.close()

    with serving(db, info.id) as server:
        asyncio.run(scenario(server.url))
    assert sorted(i.author for i in store.list_items(info.id)) == ["Asaf", "Asaf", "Asaf", "Nathalie"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_typed_text_and_unsent_items_survive_a_server_restart(chromium, room, store, tmp_path):
    """Nothing lost, nothing doubled: an answer is lost, the server restarts, the page keeps it all."""
    from playwright.async_api import async_playwright, expect

    info, db = room
    port = _free_port()
    lose = {"text": "Stored, answer lost", "id": None, "lost": 0}

    def relay(route):
        """Between page and server: passes everything on until the page sends that one item;
        from then on this connection hears nothing more from the server (as if it had dropped)."""
        server = route.connect_to_server()
        cut = {"now": False}

        def from_page(message):
            parsed = json.loads(message)
            if parsed.get("t") == "add" and parsed.get("text") == lose["text"] and lose["id"] is None:
                lose["id"] = parsed["id"]
                cut["now"] = True
            server.send(message)

        def from_server(message):
            if cut["now"]:
                lose["lost"] += json.loads(message).get("ref") == lose["id"]
                return
            route.send(message)

        route.on_message(from_page)
        server.on_message(from_server)

    async def scenario():
        async with async_playwright() as playwright:
            browser = await launch(playwright)
            context = await browser.new_context(**PHONE)
            await context.route_web_socket("**/live", relay)
            page = await context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.touch = True
            with serving(db, info.id, "--port", str(port)) as first:
                url = first.url
                await page.goto(url)
                await join(page, "Zoë")
                await add(page, "Saved before the restart")
                await page.locator("#entry").fill(lose["text"])
                await page.locator("#entry").press("Enter")
                await wait_until(lambda: lose["lost"] == 1, 10, "the answer to be lost")
                assert lose["text"] in [i.text for i in store.list_items(info.id)]  # stored, the page not told
                await expect(item(page, lose["text"])).to_have_class("item -mine -pending")
            await wait_status(page, "reconnecting")  # the server stopped
            # The server is down: add, and type more.
            await page.locator("#entry").fill("Added while the server was down")
            await page.locator("#entry").press("Enter")
            await expect(item(page, "Added while the server was down").locator(".state")).to_have_text("waiting to send")
            await page.locator("#entry").fill("Half a sentence, not sent")
            await shoot(page, tmp_path, "phone-reconnecting.png")
            with serving(db, info.id, "--port", str(port)) as second:
                assert second.url == url  # the same link: the code was kept
                await wait_status(page, "Saved · live")
                await expect(page.locator(".item.-pending")).to_have_count(0)
                await expect(page.locator("#entry")).to_have_value("Half a sentence, not sent")
                assert sorted(i.text for i in store.list_items(info.id)) == [
                    "Added while the server was down", "Saved before the restart", lose["text"]]
                # A reload (a phone that dropped the tab) keeps the typed text too, and the name.
                await page.reload()
                await page.wait_for_selector("#board:not([hidden])")
                await expect(page.locator("#entry")).to_have_value("Half a sentence, not sent")
                await add(page, "And one more")
            assert errors == []
            await browser.close()

    asyncio.run(scenario())
    assert sorted(i.text for i in store.list_items(info.id)) == [
        "Added while the server was down", "And one more", "Saved before the restart", lose["text"]]
    assert {i.author for i in store.list_items(info.id)} == {"Zoë"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_on_a_phone_or_a_laptop(chromium, room, store, tmp_path, scheme):
    from playwright.async_api import async_playwright, expect

    info, db = room
    store.add_item(info.id, 1, "action", "Write down WHY we want a partner", author="Ana")

    async def scenario(url):
        async with async_playwright() as playwright:
            browser = await launch(playwright)
            found = {}
            for label, device in (("phone", PHONE), ("laptop", LAPTOP)):
                page = await open_page(browser, url, device, color_scheme=scheme)
                await page.wait_for_selector("#name")
                found[f"{label} join"] = await axe_violations(page)
                await join(page, f"Zoë {label}")
                mine = f"Ask the museum what they need ({label})"
                await add(page, mine)
                found[f"{label} brainstorm"] = await axe_violations(page)
                store.set_phase(info.id, 1, "vote")
                await expect(page.locator("#phase-label")).to_have_text("Vote")
                found[f"{label} vote"] = await axe_violations(page)
                await press(page, item(page, mine).get_by_role("button", name="Place a dot on: Ask"))
                store.set_phase(info.id, 1, "brainstorm")
                await expect(page.locator("#phase-label")).to_have_text("Brainstorm")
                await press(page, item(page, mine).get_by_role("button", name="Edit"))
                found[f"{label} editing"] = await axe_violations(page)
                if scheme == "dark" and label == "phone":
                    await page.keyboard.press("Escape")
                    await shoot(page, tmp_path, "phone-dark.png")
                await page.context.close()
            await browser.close()
            return found

    with serving(db, info.id) as server:
        found = asyncio.run(scenario(server.url))
    assert found == {key: [] for key in found}, found


def test_a_long_outbox_kept_offline_goes_out_paced_and_whole(chromium, room, store, tmp_path):
    """Eighty items written while the server was down: on its return the page sends them no
    faster than the server takes (it closes a page that floods it), and every one is stored once."""
    from playwright.async_api import async_playwright, expect

    info, db = room
    port = _free_port()
    texts = [f"Offline idea {n:02}" for n in range(80)]

    async def scenario():
        async with async_playwright() as playwright:
            browser = await launch(playwright)
            page = await open_page_later(browser)
            with serving(db, info.id, "--port", str(port)) as first:
                await page.goto(first.url)
                await join(page, "Zoë")
            await wait_status(page, "reconnecting")
            for text in texts:
                await page.locator("#entry").fill(text)
                await page.locator("#entry").press("Enter")
            await expect(page.locator(".item.-pending")).to_have_count(len(texts))
            with serving(db, info.id, "--port", str(port)) as second:
                await wait_status(page, "Saved · live")
                await expect(page.locator(".item.-pending")).to_have_count(0)
                closed = [line for line in second.err if "closed a phone page" in line]
            assert page.errors == []
            await browser.close()
        return closed

    async def open_page_later(browser):
        context = await browser.new_context(**PHONE)
        page = await context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.touch = True
        return page

    closed = asyncio.run(scenario())
    assert closed == []
    assert sorted(i.text for i in store.list_items(info.id)) == texts


def test_written_privately_an_item_is_on_its_authors_phone_only_until_the_reveal(chromium, room, store, tmp_path):
    """Two phones while the step is written privately: Ana sees her item, Bo sees only how many
    there are; the facilitator reveals and both pages show it, credited."""
    from playwright.async_api import async_playwright, expect

    info, db = room
    store.set_phase(info.id, 1, "private")

    async def scenario(url):
        async with async_playwright() as playwright:
            browser = await launch(playwright)
            ana = await open_page(browser, url, PHONE)
            bo = await open_page(browser, url, PHONE)
            await join(ana, "Ana")
            await join(bo, "Bo")
            await expect(ana.locator("#phase-label")).to_have_text("Write privately")
            await add(ana, "My secret worry about the budget", column="obstacle")
            await expect(item(ana, "My secret worry")).to_be_visible()
            await expect(bo.locator("#phase-line")).to_contain_text("1 item is written privately so far")
            await press(bo, "label[for=pick-obstacle]")
            await expect(bo.locator(".item")).to_have_count(0)
            assert "My secret worry" not in await bo.content()
            await shoot(bo, tmp_path, "phone-private-others.png")
            assert store.reveal_step(info.id, 1) == 1
            await expect(item(bo, "My secret worry about the budget")).to_be_visible()
            await expect(item(bo, "My secret worry about the budget").locator(".meta")).to_contain_text("Ana")
            await expect(ana.locator("#phase-label")).to_have_text("Brainstorm")
            assert ana.errors == [] and bo.errors == []
            await browser.close()

    with serving(db, info.id) as server:
        asyncio.run(scenario(server.url))
    assert [(i.text, i.author, i.hidden) for i in store.list_items(info.id)] == [
        ("My secret worry about the budget", "Ana", False)]
