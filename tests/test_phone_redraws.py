"""What the phone page redraws, and what it says to a screen reader.

Arriving items are announced in the page's live region (`#announce`, aria-live polite) at most
once a second: one item by its column, author and text, a burst as a count. A page nobody
touches and nothing reaches changes nothing in its document (each change would cost every
phone in the room a style pass and a frame). An item the participant adds or deletes goes
from "saving" to saved without blinking: never drawn, taken away and drawn again.
"""

from __future__ import annotations

import asyncio

from test_phone_browser import room  # noqa: F401 (a fixture)
from test_serve_browser import chromium, serving  # noqa: F401 (chromium: a fixture)

from helpers.browser import launch
from helpers.phone import PHONE, add, item, join, open_page, press

# What the live region said, in order (it is cleared before each line, so that a line said
# twice is heard twice): every non-empty text it held.
RECORD = """
window.__said = [];
document.addEventListener('DOMContentLoaded', () => {
  const live = document.getElementById('announce');
  new MutationObserver(() => { if (live.textContent) window.__said.push(live.textContent); })
    .observe(live, {childList: true, characterData: true, subtree: true});
});
"""

# Every change to the document once started: nodes, attributes, text.
CHANGES = """() => {
  window.__changes = [];
  new MutationObserver((records) => { for (const r of records) window.__changes.push(
    r.type + ' ' + (r.target.id || r.target.nodeName) + ' ' + (r.attributeName || '')); })
    .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
}"""


async def joined_phone(browser, url: str, script: str):
    """A phone whose page runs `script` before its own, joined as Nathalie."""
    phone = await open_page(browser, url, PHONE)
    await phone.context.add_init_script(script)
    await phone.reload()
    await join(phone, "Nathalie")
    return phone


def test_arrivals_are_announced_one_line_a_second_and_an_idle_page_changes_nothing(chromium, room, store, template):
    info, db = room
    label = template.column("action").label

    async def scenario(url):
        async with async_playwright() as playwright:
            browser = await launch(playwright)
            phone = await joined_phone(browser, url, RECORD)

            async def said() -> list[str]:
                return await phone.evaluate("() => window.__said")

            store.add_item(info.id, 1, "action", "Meet the chapter", author="Asaf")
            line = f"New in {label} from Asaf: Meet the chapter"
            await wait_until_said(said, line)
            for n in range(5):  # five commits, each reaching the page in a message of its own
                store.add_item(info.id, 1, "action", f"Idea {n}", author="Asaf")
                await asyncio.sleep(0.06)
            await wait_until_said(said, "5 new items")
            assert not [each for each in await said() if "Idea" in each]  # a burst is one line, not five
            assert (await said()).count(line) == 1

            # Nothing arrives now: over two of the page's one-second ticks its document stays as it is.
            await phone.locator(".item").nth(5).wait_for()
            await phone.evaluate(CHANGES)
            await asyncio.sleep(2.5)
            assert await phone.evaluate("() => window.__changes") == []
            assert phone.errors == []
            await browser.close()

    async def wait_until_said(said, text: str) -> None:
        for _ in range(300):
            if text in await said():
                return
            await asyncio.sleep(0.05)
        raise AssertionError(f"never announced {text!r}; said {await said()!r}")

    from playwright.async_api import async_playwright

    with serving(db, info.id) as server:
        asyncio.run(scenario(server.url))


# Every list entry put into or taken out of the page: "+id" or "-id", in order.
ENTRIES = """
window.__entries = [];
new MutationObserver((records) => { for (const record of records) {
  for (const node of record.addedNodes) if (node.nodeType === 1 && node.matches('li.item')) window.__entries.push('+' + node.dataset.id);
  for (const node of record.removedNodes) if (node.nodeType === 1 && node.matches('li.item')) window.__entries.push('-' + node.dataset.id);
} }).observe(document, {childList: true, subtree: true});
"""


def test_an_item_added_or_deleted_on_the_page_never_blinks(chromium, room, store):
    info, db = room
    texts = [f"Step {n}: agree on the next meeting" for n in range(6)]

    async def scenario(url):
        async with async_playwright() as playwright:
            browser = await launch(playwright)
            phone = await joined_phone(browser, url, ENTRIES)
            for text in texts:
                await add(phone, text)  # typed, Enter, and waited for until saved
            ids = {each.text: each.id for each in store.list_items(info.id)}
            entries = await phone.evaluate("() => window.__entries")
            assert entries == ["+" + ids[text] for text in texts]  # each put in once, none taken out

            await press(phone, item(phone, texts[0]).locator("button", has_text="Delete"))
            await item(phone, texts[0]).wait_for(state="detached")
            await phone.wait_for_function("() => !document.querySelector('.item.-pending')")
            await asyncio.sleep(0.3)  # the views that follow the answer (they must not bring it back)
            entries = await phone.evaluate("() => window.__entries")
            assert entries[len(texts):] == ["-" + ids[texts[0]]]
            assert [each.text for each in store.list_items(info.id)] == texts[1:]
            assert phone.errors == []
            await browser.close()

    from playwright.async_api import async_playwright

    with serving(db, info.id) as server:
        asyncio.run(scenario(server.url))
