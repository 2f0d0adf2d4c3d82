"""Name claims through a real `serve` and Chromium (issue 12, item 12).

Each browser gets a claim token in an HttpOnly cookie with the join page; the app process
started for its websocket is handed that token. So a participant who closes their tab comes
back under their name from the same browser, while another browser (anyone else holding the
join code) cannot join under it, until the facilitator runs `workshop-tui release`.
"""

from __future__ import annotations

import asyncio
import hashlib
import subprocess
import sys
import urllib.request

from helpers.browser import RECORD_OUTPUT, clear_received, launch, open_terminal, type_line, wait_for_text, wait_until
from test_serve_browser import ROOT, chromium, serving  # noqa: F401 - chromium is a fixture

from workshop_tui.serve.claim_cookie import COOKIE


async def _browser_page(browser, context=None):
    """A page in `context` (a browser's cookie jar), or in a new one: another person's browser."""
    context = context or await browser.new_context(viewport={"width": 1280, "height": 800})
    await context.add_init_script(RECORD_OUTPUT)
    return context, await context.new_page()


async def _join(page, url: str, name: str, expect: str) -> None:
    await open_terminal(page, url)
    await wait_for_text(page, "Your name")
    await clear_received(page)
    await type_line(page, name)
    await wait_for_text(page, expect)


def test_the_page_gives_each_browser_a_private_cookie(chromium, store, tmp_path, template):
    info = store.create_session("Room", template_id=template.id, step_count=template.step_count)
    with serving(str(tmp_path / "test.db"), info.id) as server:
        with urllib.request.urlopen(server.url, timeout=10) as response:
            cookies = response.headers.get_all("Set-Cookie")
    assert len(cookies) == 1 and cookies[0].startswith(f"{COOKIE}=")
    attributes = {part.strip().split("=")[0].lower() for part in cookies[0].split(";")[1:]}
    assert {"httponly", "path", "max-age", "samesite"} <= attributes
    assert "Path=/j/" in cookies[0] and "SameSite=Strict" in cookies[0]


def test_a_name_stays_with_its_browser_until_the_facilitator_releases_it(chromium, store, tmp_path, template):
    from playwright.async_api import async_playwright

    info = store.create_session("Room", template_id=template.id, step_count=template.step_count)
    db = str(tmp_path / "test.db")
    with serving(db, info.id) as server:

        async def scenario():
            async with async_playwright() as playwright:
                browser = await launch(playwright)
                # Ana joins from her phone's browser, adds an item, and closes the tab.
                anas, page = await _browser_page(browser)
                await _join(page, server.url, "Ana", "Type an item here")
                await type_line(page, "Ask the museum first")
                await wait_until(lambda: len(store.list_items(info.id)) == 1, 10, "Ana's item")
                token = next(c["value"] for c in await anas.cookies() if c["name"] == COOKIE)
                with store._read() as db_session:
                    stored = db_session.connection().exec_driver_sql("SELECT token_hash FROM name_claims").scalar()
                assert stored == hashlib.sha256(token.encode()).hexdigest()  # her cookie's token claimed it
                await page.close()
                await wait_until(lambda: store.connected(info.id) == [], 15, "Ana's screen to leave")

                # Someone else with the join code asks to be Ana: refused, nothing of hers reachable.
                others, page = await _browser_page(browser)
                await _join(page, server.url, "Ana", "Ana is taken by another screen")
                assert store.connected(info.id) == [""]  # there, but not as Ana
                await page.close()

                # Ana's own browser takes her name back.
                _, page = await _browser_page(browser, anas)
                await _join(page, server.url, "Ana", "Type an item here")
                await wait_until(lambda: store.connected(info.id) == ["Ana"], 10, "Ana back")
                await page.close()
                await wait_until(lambda: store.connected(info.id) == [], 15, "Ana's screen to leave")

                # The facilitator releases the name: the next browser to ask for it gets it.
                released = subprocess.run([sys.executable, "-m", "workshop_tui", "--db", db, "release", str(info.id),
                                           "Ana"], capture_output=True, text=True, cwd=ROOT, timeout=60)
                assert released.returncode == 0, released.stderr
                _, page = await _browser_page(browser, others)
                await _join(page, server.url, "Ana", "Type an item here")
                await wait_until(lambda: store.connected(info.id) == ["Ana"], 10, "the new Ana")
                await browser.close()

        asyncio.run(scenario())
    assert [item.text for item in store.list_items(info.id)] == ["Ask the museum first"]
