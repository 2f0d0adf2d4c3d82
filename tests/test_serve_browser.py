"""`workshop-tui serve` for real: a server process, headless Chromium, a facilitator's pilot.

The server runs as a subprocess on a free loopback port. Requests without the join code, and
a websocket from another origin, are refused before any participant app starts (the server
has no child process afterwards). Then Chromium opens the join URL, a participant types their
name and an item, and the item is in the store and on the facilitator's screen (a pilot with
its own connection to the same store file), whose header counts the participant. The join
code is printed once, in the URL, and never in the server's logs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers.pilot import screen_text, settle

from helpers.browser import (
    REQUIRED_ENV,
    browser_missing,
    clear_received,
    launch,
    new_page,
    open_terminal,
    type_line,
    wait_for_text,
    wait_until,
)
from workshop_tui.serve.guard import new_join_code

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def chromium():
    reason = browser_missing()
    if reason:
        if os.environ.get(REQUIRED_ENV):
            pytest.fail(reason)
        pytest.skip(reason)


@dataclass
class Served:
    process: subprocess.Popen
    url: str = ""
    out: list[str] = field(default_factory=list)
    err: list[str] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.url.split("/j/")[1].strip("/")

    def children(self) -> list[int]:
        """The server's child processes: one participant app per open websocket."""
        pids: list[int] = []
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            try:
                pids += [int(pid) for pid in (task / "children").read_text().split()]
            except FileNotFoundError:
                continue  # a thread that ended while we looked: it has no children now
        return pids


def _pump(stream, lines: list[str]) -> None:
    for line in stream:
        lines.append(line)


@contextmanager
def serving(db: str, session_id: int, *extra: str):
    """`workshop-tui --db DB serve SESSION --port 0` in a subprocess, until the block ends."""
    process = subprocess.Popen(
        [sys.executable, "-m", "workshop_tui", "--db", db, "serve", str(session_id), "--port", "0", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "100"},
    )
    served = Served(process)
    threads = [threading.Thread(target=_pump, args=(process.stdout, served.out), daemon=True),
               threading.Thread(target=_pump, args=(process.stderr, served.err), daemon=True)]
    for thread in threads:
        thread.start()
    try:
        deadline = time.monotonic() + 30
        while not served.url:
            found = [word for line in served.out for word in line.split() if word.startswith("http://")]
            if found:
                served.url = found[0]
                break
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"serve did not start: {''.join(served.err)}")
            time.sleep(0.05)
        yield served
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        for thread in threads:
            thread.join(timeout=5)


def http_status(url: str, headers: dict[str, str] | None = None) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


async def websocket_status(url: str, origin: str | None) -> int:
    """The HTTP status a websocket handshake gets (101 when it is accepted)."""
    import aiohttp

    async with aiohttp.ClientSession() as client:
        try:
            socket = await client.ws_connect(url, headers={"Origin": origin} if origin else {})
        except aiohttp.WSServerHandshakeError as error:
            return error.status
        await socket.close()
        return 101


async def test_a_browser_joins_types_an_item_and_the_facilitator_sees_it(chromium, store, tmp_path, template):
    from playwright.async_api import async_playwright

    from workshop_tui.app import make_app
    from workshop_tui.store import open_store
    from workshop_tui.widgets.item_column import ItemColumn

    info = store.create_session("Partnerships in the room", template_id=template.id, step_count=template.step_count,
                                facilitator="Anne-Laure")
    db = str(tmp_path / "test.db")
    item = "[bold]From a phone: ask the museum 🤝"
    with serving(db, info.id) as server:
        base = server.url.split("/j/")[0]
        origin = base
        ws_url = server.url.replace("http://", "ws://") + "ws"
        wrong = server.url.replace(server.code, new_join_code())

        # Refused, page and websocket, before any participant app starts.
        assert http_status(server.url) == 200
        assert http_status(wrong) == 404
        assert http_status(base + "/") == 404
        assert http_status(wrong + "static/js/textual.js") == 404
        assert http_status(server.url, {"Host": "evil.example"}) == 403
        assert (await websocket_status(wrong.replace("http://", "ws://") + "ws", origin)) == 404
        assert (await websocket_status(ws_url, "http://evil.example")) == 403
        assert (await websocket_status(ws_url, None)) == 403
        assert server.children() == []

        async def scenario():
            facilitator = make_app(open_store(db))
            facilitator.cursor_blink = False
            async with facilitator.run_test(size=(140, 40)) as pilot:
                await settle(pilot)
                await pilot.press("enter")  # open the session
                await settle(pilot)

                async with async_playwright() as playwright:
                    browser = await launch(playwright)
                    page = await new_page(browser, viewport={"width": 1280, "height": 800})
                    await open_terminal(page, server.url)
                    await wait_for_text(page, "Your name")  # the name prompt is drawn in the browser
                    await wait_until(lambda: store.connected(info.id) == [""], 10, "the participant's app")
                    assert len(server.children()) == 1
                    await clear_received(page)
                    await type_line(page, "Zoë")
                    await wait_for_text(page, "Type an item here")  # the participant's view, input focused
                    assert store.connected(info.id) == ["Zoë"]
                    await type_line(page, item)
                    await wait_until(lambda: [i.text for i in store.list_items(info.id)] == [item], 10, "the item")
                    saved = store.list_items(info.id)[0]
                    assert (saved.step, saved.column, saved.author) == (1, "action", "Zoë")

                    def on_facilitators_screen() -> bool:
                        return any(i.text == item for c in facilitator.screen.query(ItemColumn) for i in c.items)

                    await wait_until(on_facilitators_screen, 5, "the item on the facilitator's screen")
                    await wait_until(lambda: "1 connected" in screen_text(facilitator), 5, "the count")
                    # Drawn as typed, not as markup:
                    await wait_until(lambda: "[bold]From" in screen_text(facilitator), 5, "the item drawn")
                    await page.screenshot(path=str(tmp_path / "participant.png"))
                    await browser.close()
                # The tab closed: its app process ends and says goodbye.
                await wait_until(lambda: store.connected(info.id) == [], 15, "the participant to leave")
                await wait_until(lambda: server.children() == [], 15, "the app process to end")

        await scenario()
    out, err = "".join(server.out), "".join(server.err)
    assert out.count(server.code) == 1  # in the join URL, printed once
    assert server.code not in err  # never in the logs
    assert "a participant connected" in err
