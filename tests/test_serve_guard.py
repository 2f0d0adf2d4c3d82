"""The door of `workshop-tui serve`, rule by rule: join code, Host, Origin, logs, command.

In-process: the pure rules of `serve/guard.py`, then the aiohttp application itself through
aiohttp's test client, with the app-process starter replaced by a recorder, so every refusal
is shown to happen before any participant app could start.
"""

from __future__ import annotations

import asyncio
import logging
import math
import shlex

import pytest
from aiohttp import WSServerHandshakeError
from aiohttp.test_utils import TestClient, TestServer

from workshop_tui.serve import guard
from workshop_tui.serve.guard import HostCheck, Redactor, code_matches, new_join_code, origin_allowed
from workshop_tui.serve.qr import qr_text
from workshop_tui.serve.server import ParticipantServer, join_command


def test_join_codes_are_long_random_and_unambiguous():
    codes = {new_join_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == guard.CODE_LENGTH and set(code) <= set(guard.ALPHABET)
    assert guard.CODE_LENGTH * math.log2(len(set(guard.ALPHABET))) >= 120
    assert not set("01lo") & set(guard.ALPHABET)


def test_codes_are_compared_exactly():
    code = new_join_code()
    assert code_matches(code, code)
    assert not code_matches(code[:-1], code)
    assert not code_matches(code + "a", code)
    assert not code_matches(code.upper(), code)
    assert not code_matches("", code)
    assert not code_matches("é" * 24, code)


@pytest.mark.parametrize(
    ("bound", "host", "allowed"),
    [
        ("127.0.0.1", "127.0.0.1:8000", True),
        ("127.0.0.1", "localhost:8000", True),
        ("127.0.0.1", "[::1]:8000", True),
        ("127.0.0.1", "127.0.0.1:8001", False),
        ("127.0.0.1", "127.0.0.1", False),
        ("127.0.0.1", "evil.example:8000", False),  # DNS rebinding: another site's name
        ("127.0.0.1", "192.168.1.20:8000", False),
        ("0.0.0.0", "192.168.1.20:8000", True),
        ("0.0.0.0", "localhost:8000", True),
        ("0.0.0.0", "evil.example:8000", False),
        ("192.168.1.20", "192.168.1.20:8000", True),
        ("192.168.1.20", "127.0.0.1:8000", False),
        ("127.0.0.1", "", False),
        ("127.0.0.1", None, False),
        ("127.0.0.1", "127.0.0.1:notaport", False),
    ],
)
def test_the_host_must_name_this_server(bound, host, allowed):
    assert HostCheck(bound, 8000)(host) is allowed


def test_on_port_80_a_host_without_a_port_is_this_server():
    """Browsers leave the default port out of Host and Origin: `--port 80` must still admit them."""
    check = HostCheck("0.0.0.0", 80)
    assert check("192.168.1.20") and check("192.168.1.20:80")
    assert not check("192.168.1.20:8000") and not check("evil.example")
    assert origin_allowed("http://192.168.1.20", "192.168.1.20", check)
    assert not HostCheck("0.0.0.0", 8000)("192.168.1.20")


@pytest.mark.parametrize(
    ("origin", "host", "allowed"),
    [
        ("http://127.0.0.1:8000", "127.0.0.1:8000", True),
        ("http://localhost:8000", "localhost:8000", True),
        ("http://localhost:8000", "127.0.0.1:8000", False),  # not the page's own origin
        ("https://127.0.0.1:8000", "127.0.0.1:8000", False),
        ("http://evil.example", "127.0.0.1:8000", False),
        ("http://evil.example:8000", "evil.example:8000", False),  # rebinding, origin and host agree
        ("null", "127.0.0.1:8000", False),
        (None, "127.0.0.1:8000", False),
        ("", "127.0.0.1:8000", False),
    ],
)
def test_the_websocket_origin_must_be_the_page(origin, host, allowed):
    assert origin_allowed(origin, host, HostCheck("127.0.0.1", 8000)) is allowed


def test_the_code_is_taken_out_of_every_log_line(capsys):
    code = new_join_code()
    logger = logging.getLogger("test-redaction")
    handler = logging.StreamHandler()
    handler.addFilter(Redactor(code))
    logger.addHandler(handler)
    try:
        logger.warning("GET /j/%s/ws refused", code)
        try:
            raise RuntimeError(f"while serving /j/{code}/")
        except RuntimeError:
            logger.exception("failed at %s", f"/j/{code}/static")
    finally:
        logger.removeHandler(handler)
    err = capsys.readouterr().err
    assert code not in err
    assert err.count("<join code>") == 3 and "RuntimeError" in err
    assert "Traceback" not in err and len(err.splitlines()) == 2  # one line each, never a traceback


def test_the_command_is_fixed_and_a_password_stays_off_it():
    command, env = join_command("/data/my room.db", 3, python="/usr/bin/python3")
    assert shlex.split(command) == ["/usr/bin/python3", "-m", "workshop_tui", "--db", "/data/my room.db", "join", "3"]
    assert env == {}
    command, env = join_command("postgresql://ana:s3cret@db.example/workshops", 3, python="py")
    assert "s3cret" not in command and "--db" not in command
    assert env == {"WORKSHOP_TUI_DB": "postgresql://ana:s3cret@db.example/workshops"}
    command, env = join_command("/tmp/x.db; rm -rf ~", 1, python="py")
    assert shlex.split(command)[4] == "/tmp/x.db; rm -rf ~"  # quoted: one argument, not a command


def test_the_qr_code_is_square_with_a_quiet_zone():
    text = qr_text("http://127.0.0.1:8000/j/abcdefghijkmnpqrstuvwxyz/", color=False).plain
    lines = text.rstrip("\n").split("\n")
    width = len(lines[0])
    assert all(len(line) == width for line in lines)
    assert abs(width - 2 * len(lines)) <= 1  # two modules per character vertically
    assert lines[0].strip() == ""  # quiet zone


# -- the application, in process -------------------------------------------------------------


class Started(list):
    """Records the app processes the server would have started."""


@pytest.fixture
def started(monkeypatch):
    from workshop_tui.serve import server as server_module

    record = Started()

    async def serve_participant(websocket, command, width, height, **kwargs):
        record.append((command, width, height))
        async for _ in websocket:  # a participant until the browser leaves
            pass

    monkeypatch.setattr(server_module, "serve_participant", serve_participant)
    return record


def run_client(server: ParticipantServer, scenario):
    async def main():
        test_server = TestServer(server.build_app(), host="127.0.0.1")
        async with TestClient(test_server) as client:
            server.port = test_server.port
            server.host_check = HostCheck("127.0.0.1", test_server.port)
            await scenario(client, f"http://127.0.0.1:{test_server.port}")

    asyncio.run(main())


def near_miss(code: str) -> str:
    """The code with its last character changed: always wrong, whatever the code ends with."""
    return code[:-1] + ("y" if code.endswith("x") else "x")


def make_server(**kwargs) -> ParticipantServer:
    return ParticipantServer("/tmp/room.db", 1, title="Room <b>&", **kwargs)


def test_without_the_code_nothing_is_served_and_nothing_starts(started):
    server = make_server()

    async def scenario(client, base):
        code = server.code
        for path in ("/", "/ws", "/static/js/textual.js", f"/j/{near_miss(code)}/", f"/j/{near_miss(code)}/ws",
                     f"/j/{near_miss(code)}/static/js/textual.js", f"/j/{code.upper()}/", "/j//", "/j/",
                     f"/x/{code}/", "/download/abc", f"/{code}/"):
            response = await client.get(path, allow_redirects=False)
            assert response.status == 404, path
            assert code not in await response.text()
        with pytest.raises(WSServerHandshakeError) as refused:
            await client.ws_connect(f"/j/{near_miss(code)}/ws", headers={"Origin": base})
        assert refused.value.status == 404
        assert started == []

    run_client(server, scenario)


def test_with_the_code_the_page_and_its_files_are_served(started):
    server = make_server()

    async def scenario(client, base):
        page = await client.get(server.prefix + "terminal")  # the join URL itself is the phone page
        assert page.status == 200
        html = await page.text()
        assert f'data-session-websocket-url="ws://127.0.0.1:{server.port}{server.prefix}ws"' in html
        assert "Room &lt;b&gt;&amp;" in html and "<b>" not in html  # the title is data
        assert "googleapis" not in html and "http://" not in html.replace("ws://", "")
        assert page.headers["Referrer-Policy"] == "no-referrer"
        assert page.headers["Cache-Control"] == "no-store"
        assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
        script = await client.get(f"{server.prefix}static/js/textual.js")
        assert script.status == 200
        for sneaky in ("static/../../server.py", "static/%2e%2e/%2e%2e/server.py", "static/..%2f..%2fserver.py"):
            response = await client.get(server.prefix + sneaky)
            assert response.status == 404, sneaky
        redirect = await client.get(server.prefix.rstrip("/"), allow_redirects=False)
        assert redirect.status == 302 and redirect.headers["Location"] == server.prefix
        assert started == []  # a page is not an app

    run_client(server, scenario)


def test_another_host_name_is_refused(started):
    server = make_server()

    async def scenario(client, base):
        response = await client.get(server.prefix, headers={"Host": f"evil.example:{server.port}"})
        assert response.status == 403
        with pytest.raises(WSServerHandshakeError) as refused:
            await client.ws_connect(server.prefix + "ws", headers={"Host": f"evil.example:{server.port}",
                                                                   "Origin": f"http://evil.example:{server.port}"})
        assert refused.value.status == 403
        assert started == []

    run_client(server, scenario)


@pytest.mark.parametrize("origin", ["http://evil.example", "null", None, "https://127.0.0.1"])
def test_a_websocket_from_another_origin_is_refused(started, origin):
    server = make_server()

    async def scenario(client, base):
        headers = {} if origin is None else {"Origin": origin}
        with pytest.raises(WSServerHandshakeError) as refused:
            await client.ws_connect(server.prefix + "ws", headers=headers)
        assert refused.value.status == 403
        assert started == []

    run_client(server, scenario)


def test_the_websocket_starts_the_one_join_command_and_connections_are_capped(started):
    server = make_server(max_connections=2)

    async def scenario(client, base):
        url = server.prefix + "ws?width=9999&height=nonsense"
        first = await client.ws_connect(url, headers={"Origin": base})
        second = await client.ws_connect(url, headers={"Origin": base})
        with pytest.raises(WSServerHandshakeError) as refused:
            await client.ws_connect(url, headers={"Origin": base})
        assert refused.value.status == 503
        assert [entry[1:] for entry in started] == [(500, 24), (500, 24)]
        assert {entry[0] for entry in started} == {server.command}
        assert shlex.split(server.command)[-4:] == ["--db", "/tmp/room.db", "join", "1"]
        await first.close()
        for _ in range(100):
            if server.connections < 2:
                break
            await asyncio.sleep(0.01)
        third = await client.ws_connect(url, headers={"Origin": base})  # a place came free
        assert len(started) == 3
        await second.close()
        await third.close()

    run_client(server, scenario)
