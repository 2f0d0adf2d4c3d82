"""The phone page's server side, in process: routes, the websocket's messages, the store's rules.

aiohttp's test client talks to `ParticipantServer.build_app()` over a real socket, with a real
store in `tmp_path`; a second connection to the same store plays the facilitator. Every write
a page can send is tried, allowed and refused; refusals change nothing. The browser side is in
`test_phone_browser.py`.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from pathlib import Path

import pytest
from aiohttp import WSMsgType, WSServerHandshakeError
from hypothesis import given, settings
from hypothesis import strategies as st
from test_serve_guard import near_miss, run_client

from workshop_tui.content import COLUMN_KEY
from workshop_tui.model import new_id
from workshop_tui.serve.phone import messages
from workshop_tui.serve.phone.routes import MAX_MESSAGE_BYTES, PagePace
from workshop_tui.serve.phone.views import delta_entries
from workshop_tui.serve.server import ParticipantServer

STATIC = Path(__file__).resolve().parents[1] / "src" / "workshop_tui" / "serve" / "phone" / "static"


@pytest.fixture
def room(store, template, tmp_path):
    info = store.create_session("Partnerships <b>&", template_id=template.id, step_count=template.step_count,
                                facilitator="Anne-Laure")
    return info, str(tmp_path / "test.db")


async def connections_below(server: ParticipantServer, limit: int) -> None:
    """Wait (on a condition, not a clock) until the server counts fewer connections."""
    for _ in range(500):
        if server.connections < limit:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"still {server.connections} connections")


class Phone:
    """One page's websocket: send messages, wait for the answers the page would get."""

    def __init__(self, socket):
        self.socket = socket
        self.views: list[dict] = []
        self.inbox: list[dict] = []
        self.deltas = 0

    @classmethod
    async def open(cls, client, server, base, *, name: str | None = None, client_id: str | None = None,
                   token: str = "t" * 32, step: int = 0) -> "Phone":
        socket = await client.ws_connect(server.prefix + "live", headers={"Origin": base})
        phone = cls(socket)
        await phone.send(t="hello", client=client_id or new_id(), token=token, name=name or "", step=step)
        phone.welcome = await phone.next("welcome")
        await phone.view()
        return phone

    async def send(self, **message) -> None:
        await self.socket.send_str(json.dumps(message))

    def take(self, message: dict) -> None:
        """A message from the server, a delta made whole as the page makes it (`phone.js`)."""
        if message["t"] == "delta":
            last = self.views[-1]
            assert message["base"] == last["seq"], (message["base"], last["seq"])
            items = []
            for entry in message["items"]:
                items += last["items"][entry[0]:entry[1]] if isinstance(entry, list) else [entry]
            message = {**message, "t": "view", "items": items}
            self.deltas += 1
        if message["t"] == "view":
            self.views.append(message)
        self.inbox.append(message)

    async def next(self, kind: str, timeout: float = 10) -> dict:
        """The next message of this kind (views are kept as they pass)."""
        async def wait():
            while True:
                for index, message in enumerate(self.inbox):
                    if message["t"] == kind:
                        return self.inbox.pop(index)
                received = await self.socket.receive()
                if received.type != WSMsgType.TEXT:
                    raise AssertionError(f"connection closed ({received.type}) waiting for {kind}")
                self.take(json.loads(received.data))

        return await asyncio.wait_for(wait(), timeout)

    async def view(self, until=lambda view: True, timeout: float = 10) -> dict:
        async def wait():
            while True:
                view = await self.next("view", timeout)
                if until(view):
                    return view

        return await asyncio.wait_for(wait(), timeout)

    async def ask(self, kind: str, **fields) -> dict:
        """Send a write and return its answer (`ack`, `refused` or `held`)."""
        ref = fields.get("ref") or fields.get("id")
        await self.send(t=kind, **fields)
        while True:
            answer = await self.next_answer()
            if answer.get("ref") == ref:
                return answer

    async def next_answer(self) -> dict:
        async def wait():
            while True:
                for index, message in enumerate(self.inbox):
                    if message["t"] in ("ack", "refused", "held"):
                        return self.inbox.pop(index)
                received = await self.socket.receive()
                assert received.type == WSMsgType.TEXT, received
                self.take(json.loads(received.data))

        return await asyncio.wait_for(wait(), 10)

    async def close(self) -> None:
        await self.socket.close()


def texts(view: dict) -> list[str]:
    return [item["text"] for item in view["items"]]


# -- the page and its files ----------------------------------------------------------------------


def test_the_join_url_is_the_phone_page_with_a_strict_policy(room):
    info, db = room
    server = ParticipantServer(db, info.id, title=info.title)

    async def scenario(client, base):
        page = await client.get(server.prefix)
        assert page.status == 200
        html = await page.text()
        policy = page.headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
        assert page.headers["Referrer-Policy"] == "no-referrer" and page.headers["Cache-Control"] == "no-store"
        assert "Partnerships &lt;b&gt;&amp;" in html and "<b>&" not in html  # the title is data
        assert "<script>" not in html and " on" not in re.sub(r"\s+", " ", html).replace(" one", "")  # no inline code
        assert server.code not in html  # the page links relatively: the code is only in the address bar
        assert 'href="terminal"' in html
        for name, kind in (("phone.js", "text/javascript"), ("phone.css", "text/css")):
            response = await client.get(f"{server.prefix}p/{name}")
            assert response.status == 200 and response.content_type == kind
        for sneaky in ("p/../server.py", "p/index.html", "p/%2e%2e%2fserver.py", "p/phone.js/x"):
            assert (await client.get(server.prefix + sneaky)).status == 404, sneaky
        terminal = await client.get(server.prefix + "terminal")
        assert terminal.status == 200 and "data-session-websocket-url" in await terminal.text()
        wrong = server.prefix.replace(server.code, near_miss(server.code))
        for path in ("", "p/phone.js", "live", "terminal"):
            assert (await client.get(wrong + path)).status == 404

    run_client(server, scenario)


def test_the_page_fetches_nothing_from_elsewhere_and_weighs_little():
    total = 0
    for name in ("index.html", "phone.css", "phone.js"):
        text = (STATIC / name).read_text(encoding="utf-8")
        total += len(text.encode("utf-8"))
        assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/|@import|url\(", text), name
        assert "innerHTML" not in text and "eval(" not in text, name
    assert total < 50_000


# -- connecting ---------------------------------------------------------------------------------


@pytest.mark.parametrize("origin", ["http://evil.example", "null", None])
def test_a_page_from_another_origin_cannot_connect(room, origin):
    info, db = room
    server = ParticipantServer(db, info.id)

    async def scenario(client, base):
        with pytest.raises(WSServerHandshakeError) as refused:
            await client.ws_connect(server.prefix + "live", headers={"Origin": origin} if origin else {})
        assert refused.value.status == 403
        assert server.connections == 0

    run_client(server, scenario)


def test_pages_and_terminals_share_the_connection_cap(room, monkeypatch):
    from workshop_tui.serve import server as server_module

    async def serve_participant(websocket, command, width, height, **kwargs):
        async for _ in websocket:  # a terminal view, without its app process
            pass

    monkeypatch.setattr(server_module, "serve_participant", serve_participant)
    info, db = room
    server = ParticipantServer(db, info.id, max_connections=2)

    async def scenario(client, base):
        assert (await client.get(server.prefix + "live")).status == 204  # a place is free
        first = await Phone.open(client, server, base)
        terminal = await client.ws_connect(server.prefix + "ws", headers={"Origin": base})
        assert server.connections == 2
        assert (await client.get(server.prefix + "live")).status == 503  # what a refused page asks
        with pytest.raises(WSServerHandshakeError) as refused:
            await client.ws_connect(server.prefix + "live", headers={"Origin": base})
        assert refused.value.status == 503
        with pytest.raises(WSServerHandshakeError):
            await client.ws_connect(server.prefix + "ws", headers={"Origin": base})
        await first.close()
        await connections_below(server, 2)
        again = await Phone.open(client, server, base)  # a place came free
        await again.close()
        await terminal.close()

    run_client(server, scenario)


# -- joining and writing ---------------------------------------------------------------------------


def test_a_participant_joins_adds_edits_deletes_and_undoes(room, store):
    info, db = room
    server = ParticipantServer(db, info.id)

    async def scenario(client, base):
        phone = await Phone.open(client, server, base)
        assert phone.welcome["name"] is None
        refused = await phone.ask("add", id=new_id(), step=1, column="action", text="before a name")
        assert refused["t"] == "refused" and "name" in refused["message"]
        await phone.send(t="join", name="  Zoë  ")
        assert (await phone.next("welcome"))["name"] == "Zoë"
        assert store.connected(info.id) == ["Zoë"]

        item_id = new_id()
        answer = await phone.ask("add", id=item_id, step=1, column="obstacle", text="[bold]No budget\x1b[31m")
        assert answer["t"] == "ack"
        again = await phone.ask("add", id=item_id, step=1, column="obstacle", text="[bold]No budget\x1b[31m")
        assert again["t"] == "ack"  # sent twice (a dropped connection): stored once
        saved = store.list_items(info.id)
        assert [(i.id, i.text, i.author, i.column) for i in saved] == [(item_id, "[bold]No budget[31m", "Zoë", "obstacle")]
        view = await phone.view(lambda v: item_id in [i["id"] for i in v["items"]])
        assert view["me"] == "Zoë" and view["items"][0]["by"] == "Zoë"

        assert (await phone.ask("edit", ref="e1", id=item_id, text="No budget yet"))["t"] == "ack"
        assert store.get_item(item_id).text == "No budget yet"
        empty = await phone.ask("edit", ref="e2", id=item_id, text="   ")
        assert empty["t"] == "refused" and "empty" in empty["message"]
        long = await phone.ask("add", id=new_id(), step=1, column="tool", text="x" * 10_001)
        assert long["t"] == "refused" and "10,000" in long["message"]
        other = await phone.ask("add", id=new_id(), step=1, column="strength", text="a column of another shape")
        assert other["t"] == "refused" and "unknown column 'strength'" in other["message"]

        deleted = await phone.ask("delete", ref="d1", id=item_id)
        assert deleted["t"] == "ack" and deleted["undo"] == item_id
        assert store.list_items(info.id) == []
        assert (await phone.ask("delete", ref="d2", id=item_id))["t"] == "ack"  # sent again: already gone
        assert (await phone.ask("undo", ref="u1", id=item_id))["t"] == "ack"
        assert [i.text for i in store.list_items(info.id)] == ["No budget yet"]
        assert (await phone.ask("undo", ref="u2", id=item_id))["t"] == "refused"
        await phone.close()

    run_client(server, scenario)
    assert store.connected(info.id) == []  # the page said goodbye


def test_nobody_touches_another_persons_items(room, store):
    info, db = room
    server = ParticipantServer(db, info.id)
    theirs = store.add_item(info.id, 1, "action", "Ana's idea", author="Ana")
    other = store.create_session("Another room", template_id=info.template_id, step_count=info.step_count)
    elsewhere = store.add_item(other.id, 1, "action", "Elsewhere", author="Zoë")

    async def scenario(client, base):
        phone = await Phone.open(client, server, base, name="Zoë")
        assert phone.welcome["name"] == "Zoë"
        for kind, extra in (("edit", {"text": "mine now"}), ("delete", {})):
            answer = await phone.ask(kind, ref=kind, id=theirs.id, **extra)
            assert answer["t"] == "refused" and "your own" in answer["message"]
            answer = await phone.ask(kind, ref=kind + "2", id=elsewhere.id, **extra)
            assert answer["t"] == "refused" and "another session" in answer["message"]
        taken = await phone.ask("add", id=theirs.id, step=1, column="tool", text="hijack")
        assert taken["t"] == "refused"
        assert (await phone.ask("undo", ref="u", id=theirs.id))["t"] == "refused"
        await phone.close()

    run_client(server, scenario)
    assert [(i.text, i.author) for i in store.list_items(info.id)] == [("Ana's idea", "Ana")]
    assert [i.text for i in store.list_items(other.id)] == ["Elsewhere"]


def test_a_name_is_the_browser_s_that_claimed_it_first(room, store):
    info, db = room
    server = ParticipantServer(db, info.id)
    store.claim_name(info.id, "terminal-screen", "Ana", token="a" * 32)

    async def scenario(client, base):
        phone = await Phone.open(client, server, base, name="Ana", token="z" * 32)
        assert phone.welcome["name"] is None and "taken" in phone.welcome["problem"]
        await phone.send(t="join", name="Zoë")
        assert (await phone.next("welcome"))["name"] == "Zoë"
        await phone.close()
        again = await Phone.open(client, server, base, name="Zoë", token="z" * 32)  # the same browser, later
        assert again.welcome["name"] == "Zoë"
        other = await Phone.open(client, server, base, name="Zoë", token="y" * 32)  # another browser
        assert other.welcome["name"] is None and "taken" in other.welcome["problem"]
        ana = await Phone.open(client, server, base, name="Ana", token="a" * 32)  # Ana's own token
        assert ana.welcome["name"] == "Ana"
        for each in (again, other, ana):
            await each.close()

    run_client(server, scenario)


def test_the_page_sets_the_claim_cookie_the_terminal_view_shares(room, store):
    from workshop_tui.serve.claim_cookie import COOKIE

    info, db = room
    server = ParticipantServer(db, info.id)

    async def scenario(client, base):
        page = await client.get(server.prefix)
        cookie = page.cookies[COOKIE]
        assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["path"] == "/j/"
        # The websocket carries the cookie: its token, not the one the page sends, claims the name.
        phone = await Phone.open(client, server, base, name="Zoë", token="x" * 32)
        assert phone.welcome["name"] == "Zoë"
        await phone.close()
        assert store.claim_name(info.id, "terminal", "Zoë", token=cookie.value) == "Zoë"

    run_client(server, scenario)


def test_private_writing_hides_items_from_everyone_but_their_author(room, store):
    info, db = room
    server = ParticipantServer(db, info.id)
    store.set_phase(info.id, 1, "private")

    async def scenario(client, base):
        zoe = await Phone.open(client, server, base, name="Zoë", token="z" * 32)
        bo = await Phone.open(client, server, base, name="Bo", token="b" * 32)
        assert zoe.views[-1]["phaseLabel"] == "Write privately"
        item_id = new_id()
        assert (await zoe.ask("add", id=item_id, step=1, column="action", text="My secret idea"))["t"] == "ack"
        mine = await zoe.view(lambda v: item_id in [i["id"] for i in v["items"]])
        assert mine["items"][0]["h"] is True and mine["hidden"] == 1
        seen = await bo.view(lambda v: v["hidden"] == 1)
        assert seen["items"] == []  # Bo knows one item waits, not what it says
        refused = await bo.ask("vote", ref="v", id=item_id, vote=new_id())
        assert refused["t"] == "refused"
        assert store.reveal_step(info.id, 1) == 1
        shown = await bo.view(lambda v: item_id in [i["id"] for i in v["items"]])
        assert shown["items"][0]["text"] == "My secret idea" and "h" not in shown["items"][0]
        await zoe.close()
        await bo.close()

    run_client(server, scenario)


def test_dots_only_in_the_vote_phase_and_new_items_wait_while_voting(room, store):
    info, db = room
    server = ParticipantServer(db, info.id)
    store.set_votes_per_participant(info.id, 2)
    theirs = store.add_item(info.id, 1, "action", "Ana's idea", author="Ana")

    async def scenario(client, base):
        phone = await Phone.open(client, server, base, name="Zoë")
        early = await phone.ask("vote", ref="v0", id=theirs.id, vote=new_id())
        assert early["t"] == "refused" and "vote phase" in early["message"]
        store.set_phase(info.id, 1, "vote")
        view = await phone.view(lambda v: v["phase"] == "vote")
        assert view["dotsLeft"] == 2
        vote_id = new_id()
        assert (await phone.ask("vote", ref="v1", id=theirs.id, vote=vote_id))["t"] == "ack"
        assert (await phone.ask("vote", ref="v1b", id=theirs.id, vote=vote_id))["t"] == "ack"  # a retried tap
        assert (await phone.ask("vote", ref="v2", id=theirs.id, vote=new_id()))["t"] == "ack"
        full = await phone.ask("vote", ref="v3", id=theirs.id, vote=new_id())
        assert full["t"] == "refused" and "all 2" in full["message"]
        # (the item and the dots are two reads: a view between two commits is followed by the next)
        view = await phone.view(lambda v: v["dotsLeft"] == 0 and v["items"][0]["v"] == 2)
        assert view["myVotes"] == {theirs.id: 2}
        assert (await phone.ask("unvote", ref="w1", id=theirs.id))["t"] == "ack"
        assert store.get_item(theirs.id).votes == 1

        waiting = new_id()
        held = await phone.ask("add", id=waiting, step=1, column="tool", text="typed while voting")
        assert held["t"] == "held"
        assert [i.text for i in store.list_items(info.id)] == ["Ana's idea"]
        store.set_phase(info.id, 1, "discuss")
        await phone.view(lambda v: v["phase"] == "discuss")
        assert (await phone.ask("add", id=waiting, step=1, column="tool", text="typed while voting"))["t"] == "ack"
        # A step with its own dots (a template's): the page counts them, the session's stay for the others.
        store.set_step_dots(info.id, 1, 4)
        store.set_phase(info.id, 1, "vote")
        view = await phone.view(lambda v: v["phase"] == "vote" and v["session"]["dots"] == 4)
        assert view["dotsLeft"] == 3  # one of Zoë's dots is still on Ana's idea
        assert (await phone.ask("vote", ref="v4", id=theirs.id, vote=new_id()))["t"] == "ack"
        store.set_current_step(info.id, 2)
        store.set_phase(info.id, 2, "vote")
        view = await phone.view(lambda v: v["step"]["n"] == 2 and v["phase"] == "vote")
        assert view["session"]["dots"] == 2 and view["dotsLeft"] == 2
        await phone.close()

    run_client(server, scenario)


def test_pages_follow_the_facilitator_and_browse_only_when_allowed(room, store):
    info, db = room
    server = ParticipantServer(db, info.id)

    async def scenario(client, base):
        phone = await Phone.open(client, server, base, name="Zoë")
        other = await Phone.open(client, server, base, name="Bo")
        store.add_item(info.id, 1, "tool", "Shared drive", author="Anne-Laure")
        view = await phone.view(lambda v: "Shared drive" in texts(v))
        assert view["items"][0]["by"] == "Anne-Laure"
        store.set_current_step(info.id, 3)
        view = await phone.view(lambda v: v["step"]["n"] == 3)
        assert view["step"]["title"] and view["session"]["current"] == 3
        await other.view(lambda v: v["step"]["n"] == 3)

        await phone.send(t="look", step=5)  # following: the facilitator's step it stays
        await phone.send(t="look", step=5)
        store.set_current_step(info.id, 4)
        view = await phone.view(lambda v: v["step"]["n"] != 3)
        assert view["step"]["n"] == 4
        store.set_participants_follow(info.id, False)
        await phone.view(lambda v: v["session"]["follow"] is False)
        await phone.send(t="look", step=6)
        view = await phone.view(lambda v: v["step"]["n"] == 6)
        assert view["session"]["current"] == 4
        store.set_current_step(info.id, 2)  # browsing: the page stays where it is
        view = await phone.view(lambda v: v["session"]["current"] == 2)
        assert view["step"]["n"] == 6
        await phone.close()
        await other.close()

    run_client(server, scenario)


# -- what no page sends -------------------------------------------------------------------------------


def test_bad_and_oversize_messages_close_the_connection_without_a_traceback(room, store, caplog):
    info, db = room
    server = ParticipantServer(db, info.id)
    caplog.set_level(logging.INFO)

    async def scenario(client, base):
        for bad in ("not json", "[1,2]", json.dumps({"t": "add"}), json.dumps({"t": "drop-tables"}),
                    json.dumps({"t": "add", "id": "x", "step": 1, "column": "action", "text": "hi"})):
            socket = await client.ws_connect(server.prefix + "live", headers={"Origin": base})
            await socket.send_str(json.dumps({"t": "hello", "client": new_id(), "token": "t" * 32}))
            await socket.send_str(bad)
            while (message := await socket.receive()).type == WSMsgType.TEXT:
                pass
            assert message.type in (WSMsgType.CLOSE, WSMsgType.CLOSED), bad
        socket = await client.ws_connect(server.prefix + "live", headers={"Origin": base})
        await socket.send_str(json.dumps({"t": "join", "name": "before hello"}))
        assert (await socket.receive()).type == WSMsgType.CLOSE
        phone = await Phone.open(client, server, base, name="Zoë")
        await phone.socket.send_str(json.dumps({"t": "add", "id": new_id(), "step": 1, "column": "action",
                                                "text": "x" * (MAX_MESSAGE_BYTES + 1)}))
        while (message := await phone.socket.receive()).type == WSMsgType.TEXT:
            pass
        assert message.type in (WSMsgType.CLOSE, WSMsgType.CLOSED)
        big = await client.post(server.prefix, data=b"x" * (200 * 1024))
        assert big.status in (405, 413)
        await connections_below(server, 1)

    run_client(server, scenario)
    assert store.list_items(info.id) == []
    # (aiohttp's access log, off in a real server, is on in the test server: left out here)
    records = [record for record in caplog.records if record.name != "aiohttp.access"]
    logged = "\n".join(record.getMessage() for record in records)
    assert "Traceback" not in logged and not any(record.exc_info for record in records)
    assert server.code not in logged
    assert "closed a phone page that sent a bad message" in logged


def test_a_page_may_send_as_fast_as_a_person_and_is_slowed_beyond():
    start = time.monotonic() + 1  # the pace counts from when it was made
    pace = PagePace(stamp=start)
    # A steady ten messages a second for ten minutes (far more than anyone taps) never waits...
    for n in range(6000):
        assert pace.spend(200) is None and pace.wait(start + n / 10) == 0
    # ...nor does a page sending what it kept while offline, in one go, up to the burst;
    pace = PagePace(stamp=start)
    for _ in range(60):
        assert pace.spend(300) is None and pace.wait(start) == 0
    # beyond it, each message waits a tenth of a second more than the one before.
    assert pace.spend(300) is None and pace.wait(start) == pytest.approx(0.1)
    assert pace.spend(300) is None and pace.wait(start) == pytest.approx(0.2)
    assert pace.wait(start + 0.2) == 0  # the pace comes back with time
    big = PagePace()
    assert all(big.spend(100 * 1024) is None for _ in range(327))
    assert big.spend(100 * 1024) == "sent more than 32 MB in all"


class FrozenPace(PagePace):
    """A page's pace on a clock the test moves (`FrozenPace.now`)."""

    now = 0.0
    free = False  # no pace at all

    def __init__(self):
        super().__init__(rate=2, burst=5, stamp=FrozenPace.now)

    def wait(self, now=None):
        return 0.0 if FrozenPace.free else super().wait(FrozenPace.now)


def test_a_page_that_floods_the_server_is_slowed_to_a_person_s_pace(room, store, monkeypatch, caplog):
    from workshop_tui.serve.phone import routes

    info, db = room
    server = ParticipantServer(db, info.id)
    monkeypatch.setattr(routes, "PagePace", FrozenPace)
    monkeypatch.setattr(FrozenPace, "now", 0.0)
    monkeypatch.setattr(FrozenPace, "free", False)
    caplog.set_level(logging.INFO)

    def stored():
        return len(store.list_items(info.id))

    async def scenario(client, base):
        phone = await Phone.open(client, server, base, name="Zoë")  # the hello: one of the five
        ids = [new_id() for _ in range(300)]
        for n, item_id in enumerate(ids):
            await phone.send(t="add", id=item_id, step=1, column="action", text=f"flood {n}")
        for _ in range(4):
            assert (await phone.next_answer())["t"] == "ack"
        await asyncio.sleep(0.5)  # the clock stands still: nothing more is handled
        assert stored() == 4
        FrozenPace.now += 3  # three seconds: six more
        for _ in range(6):
            assert (await phone.next_answer())["t"] == "ack"
        assert stored() == 10
        FrozenPace.free = True  # and the rest, in the order sent, none lost
        for _ in range(290):
            assert (await phone.next_answer())["t"] == "ack"
        await phone.close()

    run_client(server, scenario)
    assert sorted(item.text for item in store.list_items(info.id)) == sorted(f"flood {n}" for n in range(300))
    records = [record for record in caplog.records if record.name != "aiohttp.access"]
    assert not any(record.exc_info for record in records)


def expand(base: list, entries: list) -> list:
    out = []
    for entry in entries:
        out += base[entry[0]:entry[1]] if isinstance(entry, list) else [entry]
    return out


_items = st.lists(st.builds(lambda n, text, votes: {"id": f"i{n}", "text": text, "v": votes},
                            st.integers(0, 30), st.sampled_from(["a", "b", "c"]), st.integers(0, 2)),
                  max_size=25, unique_by=lambda item: item["id"])


@given(_items, _items)
def test_a_delta_makes_the_new_list_from_the_old_one(base, items):
    entries = delta_entries(base, items)
    assert expand(base, entries) == items
    assert sum(1 for entry in entries if isinstance(entry, dict)) == sum(
        1 for item in items if item not in base)  # only new or changed items are sent whole


def test_pages_are_sent_what_changed_and_end_up_with_the_whole_step(room, store):
    info, db = room
    server = ParticipantServer(db, info.id)

    async def scenario(client, base):
        watcher = await Phone.open(client, server, base, name="Bo")
        writer = await Phone.open(client, server, base, name="Zoë")
        for n in range(12):
            assert (await writer.ask("add", id=new_id(), step=1, column="action", text=f"idea {n}"))["t"] == "ack"
        await watcher.view(lambda view: len(view["items"]) == 12)
        fresh = await Phone.open(client, server, base, name="Ana")  # a whole view, read now
        assert watcher.views[-1]["items"] == fresh.views[-1]["items"]
        assert watcher.deltas > 0 and fresh.deltas == 0
        for phone in (watcher, writer, fresh):
            await phone.close()

    run_client(server, scenario)


def _containers(inner):
    return st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=40), _containers, max_leaves=20))
def test_any_json_is_a_request_or_a_bad_message(value):
    try:
        request = messages.parse(value)
    except messages.BadMessage:
        return
    assert request.kind in messages.KINDS


@given(st.sampled_from(["add", "edit", "delete", "undo", "vote", "unvote", "look", "join", "hello"]),
       st.dictionaries(st.sampled_from(["id", "ref", "step", "column", "text", "name", "client", "token", "vote"]),
                       st.none() | st.integers() | st.text(max_size=40) | st.just(new_id()), max_size=9))
def test_messages_of_every_kind_are_checked(kind, fields):
    try:
        request = messages.parse({"t": kind, **fields})
    except messages.BadMessage:
        return
    if request.item_id:
        assert re.fullmatch("[0-9a-f]{32}", request.item_id)
    if kind == "add":  # a key's shape: whether the session has that column is the store's to say
        assert COLUMN_KEY.fullmatch(request.column)


def test_the_time_left_shows_once_the_facilitator_runs_the_timer(room, store, template):
    info, db = room
    server = ParticipantServer(db, info.id)

    async def scenario(client, base):
        phone = await Phone.open(client, server, base, name="Zoë")
        assert phone.views[-1]["timer"] is None  # a timer never started is not shown
        store.start_timer(info.id, 1)
        view = await phone.view(lambda v: v["timer"] is not None)
        planned = template.step(1).timebox_minutes * 60
        assert view["timer"]["running"] and planned - 5 <= view["timer"]["left"] <= planned
        store.pause_timer(info.id, 1)
        view = await phone.view(lambda v: v["timer"] and not v["timer"]["running"])
        assert view["timer"]["left"] <= planned
        await phone.close()

    run_client(server, scenario)
