"""The phone page never spends typing as commands (issue 12, item 1).

The issue saw it in the browser's terminal view (the participant app, where a tapped column
put the participant in select mode: that app now sends a typed letter back to its input). The
phone page has no key commands at all: after tapping a column and one of your own items, a
sentence typed fast, Delete, Backspace and Enter change nothing that is stored.
"""

from __future__ import annotations

import asyncio

from test_serve_browser import chromium, serving  # noqa: F401 (chromium: a fixture)

from helpers.browser import launch, wait_until
from helpers.phone import PHONE, add, item, join, open_page, press


def test_tapping_a_column_and_typing_changes_nothing(chromium, store, template, tmp_path):
    from playwright.async_api import async_playwright, expect

    info = store.create_session("Partnerships", template_id=template.id, step_count=template.step_count,
                                facilitator="Anne-Laure")
    store.add_item(info.id, 1, "obstacle", "Different timelines", author="Bo")
    db = str(tmp_path / "test.db")

    async def scenario(url):
        async with async_playwright() as playwright:
            browser = await launch(playwright)
            page = await open_page(browser, url, PHONE)
            await join(page, "Zoë")
            await add(page, "Nobody owns the budget", column="obstacle")
            before = sorted((i.id, i.column, i.text, i.author) for i in store.list_items(info.id))
            await press(page, "label[for=pick-obstacle]")
            await press(page, item(page, "Nobody owns the budget"))  # a tap on the item's text
            await page.keyboard.type("good idea, delete me: d e u", delay=5)  # a fast typist
            for key in ("Delete", "Backspace", "Enter", "Escape"):
                await page.keyboard.press(key)
            await page.keyboard.type("vwmsf")
            await expect(item(page, "Nobody owns the budget")).to_be_visible()
            # The page writes in order: once an item added after the typing is stored, anything
            # the typing had sent would be stored too.
            await add(page, "after the typing", column="tool")
            await wait_until(lambda: any(i.text == "after the typing" for i in store.list_items(info.id)), 10,
                             "the item added after the typing")
            after = sorted((i.id, i.column, i.text, i.author) for i in store.list_items(info.id)
                           if i.text != "after the typing")
            assert after == before
            assert page.errors == []
            await browser.close()

    with serving(db, info.id) as server:
        asyncio.run(scenario(server.url))
