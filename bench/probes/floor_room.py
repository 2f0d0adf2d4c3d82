"""The floor for benchmark 7: the least a live page can do, served the least a server can do.

A page with a text box (focused, as the phone page's is) whose form sends each item over a
websocket, and a list that draws every item that arrives, one frame per batch; a server that
stamps each item when it arrives (the stand-in for a commit: no store at all), and sends what
arrived to every page at most every 50 ms, as `serve` does. Everything else the phone page and
`serve` do (a store, participant rules, deltas, names, votes, states, a screen reader's live
region) is absent, so a browser run against this page measures what this machine's Chromium
costs alone: `bench/phone_pages.py` runs both side by side.

    python bench/probes/floor_room.py   # prints its URL; GET /times: {id: [arrival ms, text]}
"""

from __future__ import annotations

import asyncio
import json
import time

from aiohttp import web

GAP = 0.05  # as serve's REFRESH_GAP

PAGE = """<!doctype html><html lang="en"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>floor</title>
<style>body{font:16px/1.4 system-ui,sans-serif;margin:0 1rem}input{font:inherit;width:70%;min-height:44px}
button{font:inherit;min-height:44px}ul{list-style:none;padding:0;display:flex;flex-direction:column;gap:.5rem}
li{border:1px solid #ccc;border-radius:.7rem;padding:.55rem .75rem}</style>
<form id="compose"><label for="entry">New item</label> <input id="entry" autocomplete="off"> <button>Add</button></form>
<ul id="list"></ul><script src="floor.js"></script></html>"""

SCRIPT = """"use strict";
(() => {
  const entry = document.getElementById("entry"), list = document.getElementById("list");
  const socket = new WebSocket(new URL("live", location.href).href.replace(/^http/, "ws"));
  let waiting = [], frame = 0;
  socket.onmessage = (event) => {
    waiting.push(...JSON.parse(event.data));
    if (!frame) frame = requestAnimationFrame(() => {
      frame = 0;
      for (const item of waiting.splice(0)) {
        const li = document.createElement("li");
        li.className = "item"; li.dataset.id = item.id; li.textContent = item.text;
        list.append(li);
      }
    });
  };
  document.getElementById("compose").addEventListener("submit", (event) => {
    event.preventDefault();
    const id = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
    socket.send(JSON.stringify({ id, text: entry.value }));
    entry.value = "";
    entry.focus();
  });
  socket.onopen = () => { document.body.dataset.ready = "1"; entry.focus(); };
})();
"""


class Floor:
    def __init__(self) -> None:
        self.sockets: list[web.WebSocketResponse] = []
        self.times: dict[str, list] = {}
        self.batch: list[dict] = []
        self.last = 0.0
        self.pending: asyncio.Task | None = None

    async def live(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self.sockets.append(socket)
        async for message in socket:
            item = json.loads(message.data)
            self.times[item["id"]] = [time.time() * 1000, item["text"]]
            self.batch.append({"id": item["id"], "text": item["text"]})
            if self.pending is None:
                self.pending = asyncio.create_task(self.flush())
        return socket

    async def flush(self) -> None:
        await asyncio.sleep(max(0.0, self.last + GAP - time.monotonic()))
        self.last = time.monotonic()
        text, self.batch, self.pending = json.dumps(self.batch), [], None
        await asyncio.gather(*(s.send_str(text) for s in self.sockets if not s.closed), return_exceptions=True)


def app() -> web.Application:
    floor = Floor()
    application = web.Application()
    application.router.add_get("/", lambda request: web.Response(text=PAGE, content_type="text/html"))
    application.router.add_get("/floor.js", lambda request: web.Response(text=SCRIPT, content_type="text/javascript"))
    application.router.add_get("/live", floor.live)
    application.router.add_get("/times", lambda request: web.json_response(floor.times))
    return application


async def main() -> None:
    runner = web.AppRunner(app(), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    print(f"floor at http://127.0.0.1:{port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
