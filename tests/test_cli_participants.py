"""`workshop-tui join` and `workshop-tui serve` on the command line: bad input is one line, exit 2.

(What they open is tested elsewhere: the participant view in `test_participant.py`, two real
`join` processes in `test_join_processes.py`, a real `serve` with Chromium in
`test_serve_browser.py`.)
"""

from __future__ import annotations

import socket

import pytest

from helpers.cli import run


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "cli.db")




@pytest.fixture
def session(capsys, db):
    code, out, err = run(capsys, "--db", db, "new", "Room")
    assert code == 0, err
    return out.strip()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("join", "99", "--as", "Zoë"), "unknown session '99'"),
        (("join", "Nope"), "unknown session 'Nope'"),
        (("join", "1", "--as", "  \x1b "), "--as needs a name"),
        (("serve", "99"), "unknown session '99'"),
        (("serve", "1", "--port", "70000"), "--port must be 0 to 65535"),
        (("serve", "1", "--max-connections", "0"), "--max-connections must be at least 1"),
        (("serve", "1", "--port", "eighty"), "invalid int value"),
        (("serve", "1", "--host", "no such host.invalid", "--port", "0"), "error"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, db, session, args, message):
    code, out, err = run(capsys, "--db", db, *args)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and message in err
    assert "Traceback" not in err


def test_a_port_in_use_is_one_line(capsys, db, session):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, out, err = run(capsys, "--db", db, "serve", "1", "--port", str(port))
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "in use" in err.lower()


def test_the_help_lists_join_and_serve(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "join" in out and "serve" in out
    code, out, _ = run(capsys, "serve", "--help")
    assert code == 0 and "--max-connections" in out and "127.0.0.1" in out
