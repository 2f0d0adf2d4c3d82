"""Headless Chromium for the browser tests, and a participant who joins from a browser.

Debian's chromium (`/usr/bin/chromium`) driven by Playwright; no browser is downloaded.
Locally the browser tests are skipped, saying why, when either is missing; in CI
(`WORKSHOP_TUI_REQUIRE_BROWSER=1`, set by `.ci/run`) they fail instead.

As a program, it is a participant joining from a browser (the README's walk uses it):

    python -m tests.helpers.browser URL NAME [ITEM ...] [--db STORE --session ID] [--shot FILE]

It opens the join URL's terminal view, types NAME and then each ITEM (Enter after each), and saves a
screenshot. With --db it waits for the store to show each step done instead of guessing.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REQUIRED_ENV = "WORKSHOP_TUI_REQUIRE_BROWSER"

# Keeps what the page's websocket receives (the app's terminal output) in `window.__received`,
# so a test can wait for text to be drawn (the terminal itself is a canvas: no text in the DOM).
RECORD_OUTPUT = """
(() => {
  const Native = window.WebSocket;
  window.__received = "";
  const decoder = new TextDecoder();
  window.WebSocket = function (...args) {
    const socket = new Native(...args);
    socket.addEventListener("message", (event) => {
      if (typeof event.data !== "string") {
        window.__received = (window.__received + decoder.decode(event.data, {stream: true})).slice(-400000);
      }
    });
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, Native);
})();
"""


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "no Playwright: pip install -e '.[test]'"
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        return f"no Chromium at {CHROMIUM}: apt-get install -y chromium (.ci/run does)"
    return None


async def launch(playwright):
    """Debian's Chromium, headless, with a fresh profile (Playwright makes one per launch)."""
    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    return await playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)


async def wait_until(condition, timeout: float, what: str, step: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(step)


async def new_page(browser, **kwargs):
    """A page that records what its terminal receives (see `wait_for_text`)."""
    page = await browser.new_page(**kwargs)
    await page.add_init_script(RECORD_OUTPUT)
    return page


async def wait_for_text(page, text: str, timeout: float = 30) -> None:
    """Wait until the app has drawn `text` in the page's terminal (received since the last clear)."""
    await page.wait_for_function("(text) => window.__received.includes(text)", arg=text, timeout=timeout * 1000)


async def clear_received(page) -> None:
    await page.evaluate("window.__received = ''")


async def open_terminal(page, url: str) -> None:
    """Open the terminal view of a join URL (`<url>terminal`) and give the terminal the keyboard."""
    response = await page.goto(url.rstrip("/") + "/terminal")
    assert response is not None and response.status == 200, response and response.status
    await page.wait_for_selector("body.-first-byte", timeout=30_000)
    await page.click("#terminal")


async def type_line(page, text: str) -> None:
    await page.keyboard.type(text, delay=5)
    await page.keyboard.press("Enter")


async def join(url: str, name: str, items: list[str], *, db: str | None, session: int | None,
               shot: str | None) -> None:
    from playwright.async_api import async_playwright

    store = None
    if db:
        from workshop_tui.store import open_store

        store = open_store(db)
    try:
        async with async_playwright() as playwright:
            browser = await launch(playwright)
            page = await new_page(browser, viewport={"width": 1280, "height": 800})
            await open_terminal(page, url)
            await wait_for_text(page, "Your name")
            await clear_received(page)
            await type_line(page, name)
            await wait_for_text(page, "Type an item here")  # the participant's screen, input focused
            for text in items:
                await type_line(page, text)
                if store is not None:
                    await wait_until(lambda: any(i.text == text for i in store.list_items(session)), 10,
                                     f"{text!r} to be saved")
                else:
                    await asyncio.sleep(1)
            await asyncio.sleep(0.5)
            if shot:
                await page.screenshot(path=shot)
            await browser.close()
    finally:
        if store is not None:
            store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description="Join a served session from headless Chromium.")
    parser.add_argument("url")
    parser.add_argument("name")
    parser.add_argument("items", nargs="*")
    parser.add_argument("--db", default=os.environ.get("WORKSHOP_TUI_DB"))
    parser.add_argument("--session", type=int, default=1)
    parser.add_argument("--shot", default=None, help="save a screenshot of the page here")
    args = parser.parse_args()
    asyncio.run(join(args.url, args.name, args.items, db=args.db, session=args.session, shot=args.shot))
    print("joined as", args.name, "and added", len(args.items), "items")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
