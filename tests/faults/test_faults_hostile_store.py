"""A store that holds control characters and escape sequences: nothing shown or exported carries one.

The store cleans what it is given, but a store can be written by another program (a shared
PostgreSQL database, a file received from someone). Here plain SQL writes, into every text a
session holds, an OSC 52 sequence (which sets the terminal's clipboard), a CSI, a C1 control,
a right-to-left override, a backspace and a bell. The store's reads, `sessions`, `show`, every
export and the three apps on a real terminal (facilitator, `present`, `join`) must show the
texts without them. The expected texts are written out by hand.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest
from faultkit import ROOT, run_tui, subprocess_env

from workshop_tui.store import open_store

OSC52 = "\x1b]52;c;aGFja2Vk\x07"  # "set the clipboard to 'hacked'"
HOSTILE = {
    ("sessions", "title"): (f"Evil{OSC52} title\x9b2J", "Evil]52;c;aGFja2Vk title2J"),
    ("sessions", "facilitator"): ("Fac\x1b[31mred", "Fac[31mred"),
    ("sessions", "event"): ("Wiki\u202emania", "Wikimania"),
    ("sessions", "place"): ("Ber\x08lin", "Berlin"),
    ("items", "text"): ("\x1b=HYPERLINK(\"http://x\")", "=HYPERLINK(\"http://x\")"),
    ("items", "author"): ("Au\x07thor", "Author"),
    ("items", "owner"): ("Ow\x9dner", "Owner"),
    ("items", "due"): ("2026-12-\x1b[1m15", "2026-12-[1m15"),
    ("participants", "name"): ("Pa\u2066rt", "Part"),
}
FORBIDDEN = ["\x1b", "\x07", "\x08", "\x9b", "\x9d", "\u202e", "\u2066"]


@pytest.fixture
def hostile_db(tmp_path):
    db = tmp_path / "hostile.db"
    with open_store(db) as store:
        session = store.create_session("Plain", template_id="8-steps-partnership", step_count=8,
                                       participants=["Plain person"])
        item = store.add_item(session.id, 1, "action", "plain item", author="Plain author")
        store.set_followup(item.id, owner="Plain owner", due="2026-12-15")
    connection = sqlite3.connect(db)
    with connection:
        for (table, column), (raw, _) in HOSTILE.items():
            only = " WHERE name = 'Plain person'" if table == "participants" else ""
            connection.execute(f'UPDATE {table} SET "{column}" = ?{only}', (raw,))
    connection.close()
    return db


def cli(db, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workshop_tui", "--db", str(db), *args], capture_output=True,
                          cwd=ROOT, env={**subprocess_env(), "COLUMNS": "200"}, timeout=120)


def assert_clean(data: bytes | str, where: str) -> None:
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    for forbidden in FORBIDDEN:
        assert forbidden not in text, f"{where} holds {forbidden!r}"


def test_the_store_reads_every_text_clean(hostile_db):
    with open_store(hostile_db) as store:
        [info] = store.list_sessions()
        data = store.session_data(info.id)
        view = store.step_view(info.id, 1)
    expected = {key: clean for key, (_, clean) in HOSTILE.items()}
    for shown in (info, data.info, view.info):
        assert (shown.title, shown.facilitator, shown.event, shown.place) == (
            expected["sessions", "title"], expected["sessions", "facilitator"], expected["sessions", "event"],
            expected["sessions", "place"])
        assert shown.participants == (expected["participants", "name"], "Plain author")
    for item in (data.items[0], view.items[0]):
        assert (item.text, item.author, item.owner, item.due) == (
            expected["items", "text"], expected["items", "author"], expected["items", "owner"],
            expected["items", "due"])


def test_sessions_show_and_every_export_carry_no_control_character(hostile_db, tmp_path):
    listed = cli(hostile_db, "sessions")
    assert listed.returncode == 0 and b"Evil]52;c;aGFja2Vk title2J" in listed.stdout
    assert_clean(listed.stdout, "sessions")
    shown = cli(hostile_db, "show", "1")
    assert shown.returncode == 0 and b"=HYPERLINK(\"http://x\")" in shown.stdout and b"Author" in shown.stdout
    assert_clean(shown.stdout, "show")
    for fmt in ("wikitext", "csv", "markdown", "json"):
        out = cli(hostile_db, "export", "1", "--format", fmt)
        assert out.returncode == 0, out.stderr
        assert_clean(out.stdout, f"the {fmt} export")
        target = tmp_path / f"out.{fmt}"
        assert cli(hostile_db, "export", "1", "--format", fmt, "-o", str(target)).returncode == 0
        assert_clean(target.read_bytes(), f"the {fmt} file")
    csv_text = cli(hostile_db, "export", "1", "--format", "csv").stdout.decode()
    # The escape is dropped before the formula check, so the formula is still neutralised:
    assert "\"'=HYPERLINK(\"\"http://x\"\")\"" in csv_text


@pytest.mark.parametrize("args, until", [
    ([], b"Evil]52;c;aGFja2Vk title2J"),
    (["present", "1"], b"STEP 1"),
    (["join", "1", "--as", "Bo"], b"HYPERLINK"),
], ids=["facilitator", "present", "join"])
def test_the_apps_send_no_escape_sequence_of_the_store_to_the_terminal(hostile_db, args, until):
    code, screen = run_tui(["--db", str(hostile_db), *args], until=until, timeout=90)
    assert code == 0 and until in screen
    assert b"\x1b]52" not in screen  # the clipboard was never set
    assert "\x9b".encode() not in screen and "\x9d".encode() not in screen
    assert "\u202e".encode() not in screen and "\u2066".encode() not in screen


def test_the_step_screen_of_a_hostile_store(snap_compare, hostile_db, catalog):
    """The step screen, at 80x24, shows the texts without their escapes (looked at)."""
    from helpers.pilot import screen_text, settle

    from workshop_tui.app import make_app

    app = make_app(open_store(hostile_db), catalog)
    app.cursor_blink = False

    async def open_it(pilot):
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        shown = screen_text(pilot.app)
        assert "=HYPERLINK" in shown and "Author" in shown
        assert_clean(shown, "the step screen")

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_it)


def test_the_history_reads_clean_whatever_it_holds(hostile_db):
    """History entries are written by the store from clean items, but a store written by another
    program may hold anything there too: who, the item's state and the change's detail."""
    connection = sqlite3.connect(hostile_db)
    with connection:
        [(state,)] = connection.execute("SELECT state FROM item_history WHERE kind = 'added' LIMIT 1").fetchall()
        hostile_state = json.dumps({**json.loads(state), "text": f"hist{OSC52}ory\x9b2J", "owner": "O\x1bw"})
        connection.execute("UPDATE item_history SET who = ?, state = ?", ("Wh\x1b[31mo", hostile_state))
        connection.execute("INSERT INTO item_history (session_id, at, who, kind, item_id, state, detail) "
                           "SELECT session_id, at, who, 'edited', item_id, state, ? FROM item_history LIMIT 1",
                           ('{"was": "ol\\u001bd\\u0007"}',))
    connection.close()
    with open_store(hostile_db) as store:
        [info] = store.list_sessions()
        entries = store.history(info.id)
        then = store.session_data_at(info.id, "9999-12-31T00:00:00Z")
    assert [entry.text for entry in entries][-1] == "hist]52;c;aGFja2Vkory2J"
    assert {entry.who for entry in entries} == {"Wh[31mo"}
    assert entries[-1].detail == {"was": "old"}
    assert then.items[0].text == "hist]52;c;aGFja2Vkory2J"
    listed = cli(hostile_db, "history", "1")
    assert listed.returncode == 0 and b"Wh[31mo" in listed.stdout, listed.stderr
    assert_clean(listed.stdout, "history")
    for fmt in ("wikitext", "csv", "markdown", "json"):
        out = cli(hostile_db, "export", "1", "--format", fmt, "--as-of", "2999-01-01 00:00:00")
        assert out.returncode == 0, out.stderr
        assert b"hist" in out.stdout and b"aGFja2Vkory2J" in out.stdout, fmt
        assert_clean(out.stdout, f"the {fmt} export as of a moment")


def test_a_history_entry_that_is_not_json_is_one_line(hostile_db):
    connection = sqlite3.connect(hostile_db)
    with connection:
        connection.execute("UPDATE item_history SET state = ?", ('{"text": "raw \x1b"',))
    connection.close()
    listed = cli(hostile_db, "history", "1")
    assert listed.returncode == 2
    assert listed.stderr.decode().strip().splitlines() == [
        "workshop-tui: error: the store's history holds an entry that is not readable; the store may be damaged"]
    assert listed.stdout == b""
