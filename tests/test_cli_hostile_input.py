"""The command line given what it cannot use: arguments that are not text, imports that find
nothing or would read forever. Each ends in one line on standard error and exit status 2, and
changes nothing.

An argument with a byte that is not UTF-8 (`$'bad \\xff'` in a shell) reaches Python as a lone
surrogate, which no store can hold; a FIFO nobody writes to would make a plain `open` wait
forever, and a device never ends.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from workshop_tui.cli import main
from workshop_tui.store import open_store
from helpers.cli import run

ROOT = Path(__file__).resolve().parents[1]
BAD = os.fsdecode(b"bad \xff")  # how Python hands over the argument $'bad \xff'


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "cli.db")
    assert main(["--db", path, "new", "Demo", "--participant", "Ana"]) == 0
    return path




def contents(db: str):
    with open_store(db) as store:
        sessions = store.list_sessions()
        return [(info.title, info.participants, [item.text for item in store.list_items(info.id)])
                for info in sessions]


# -- arguments that are not text ----------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ["add", "1", "--step", "1", "--column", "action", BAD],
    ["add", "1", "--step", "1", "--column", "action", "fine", "--author", BAD],
    ["add", BAD, "--step", "1", "--column", "action", "fine"],
    ["new", BAD],
    ["new", "Fine", "--facilitator", BAD],
    ["new", "Fine", "--participant", "Ana", "--participant", BAD],
    ["show", BAD],
    ["export", BAD, "--format", "csv"],
    ["merge", "1", "1", "--title", BAD],
    ["join", "1", "--as", BAD],
])
def test_an_argument_that_is_not_utf8_is_one_line_and_exit_2(capsys, db, args):
    before = contents(db)
    code, out, err = run(capsys, "--db", db, *args)
    assert (code, out) == (2, "")
    assert err == "workshop-tui: error: the argument 'bad \\xff' is not valid text (the byte \\xff is not UTF-8); nothing was changed\n"
    assert contents(db) == before


def test_the_same_from_a_real_shell_argument(db):
    done = subprocess.run([sys.executable, "-m", "workshop_tui", "--db", db, "add", "1", "--step", "1", "--column",
                           "action", b"bad \xff"], capture_output=True, cwd=ROOT, timeout=60)
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr == b"workshop-tui: error: the argument 'bad \\xff' is not valid text (the byte \\xff is not UTF-8); nothing was changed\n"


def test_a_store_path_may_hold_any_bytes(capsys, tmp_path):
    odd = os.fsdecode(bytes(tmp_path) + b"/store \xff.db")
    code, out, err = run(capsys, "--db", odd, "new", "Odd")
    assert (code, out.strip()) == (0, "1"), err
    assert os.path.exists(os.fsencode(odd))


def test_the_store_refuses_text_it_cannot_hold_in_one_line(tmp_path):
    from workshop_tui.store import StoreError

    with open_store(tmp_path / "s.db") as store:
        session = store.create_session("Fine", template_id="8-steps-partnership", step_count=8)
        with pytest.raises(StoreError) as refused:
            store.add_item(session.id, 1, "action", "bad \udcff")
        assert str(refused.value) == "text that is not valid Unicode cannot be stored; nothing was changed"
        assert store.list_items(session.id) == []


# -- imports that find nothing, or would read forever -------------------------------------------


def nine_item_page(capsys, db) -> str:
    for n in range(9):
        assert run(capsys, "--db", db, "add", "1", "--step", str(n % 3 + 1), "--column", "action", f"item {n}")[0] == 0
    code, page, _ = run(capsys, "--db", db, "export", "1", "--format", "wikitext")
    assert code == 0 and page.count("* item") == 9
    return page


@pytest.mark.parametrize("span, line", [
    ('colspan="2147483647"', "row 1 spans 2,147,483,647 columns; the table has 4"),
    ('rowspan="2147483647"', "row 1 spans 2,147,483,647 rows; the table has 8 from there to its end"),
    ('rowspan="2147483647" colspan="2147483647"', "row 1 spans 2,147,483,647 columns; the table has 4"),
    ("colspan=" + "9" * 400, "row 1 spans more than 999,999,999,999,999,999 columns; the table has 4"),
], ids=["colspan", "rowspan", "both", "400-digit colspan"])
def test_a_span_beyond_the_table_is_refused_with_a_line(capsys, db, tmp_path, span, line):
    page = nine_item_page(capsys, db)
    assert run(capsys, "--db", db, "import", _write(tmp_path / "nine.wiki", page))[0] == 0  # the page as exported
    before = contents(db)
    hostile = page.replace("| '''STEP 1:", f"| {span} | '''STEP 1:", 1)
    assert hostile != page
    path = _write(tmp_path / "hostile.wiki", hostile)
    code, out, err = run(capsys, "--db", db, "import", path)
    assert (code, out) == (2, "")
    assert err == f"workshop-tui: error: {path}: the summary table's {line}: correct the span and import again\n"
    assert contents(db) == before


def test_a_span_within_the_table_still_imports(capsys, db, tmp_path):
    page = nine_item_page(capsys, db)
    spanned = page.replace("| '''STEP 1:", "| rowspan=\"1\" colspan=\"1\" | '''STEP 1:", 1)
    code, _, err = run(capsys, "--db", db, "import", _write(tmp_path / "spans.wiki", spanned))
    assert code == 0 and "imported 9 items" in err


@pytest.mark.parametrize("name, content", [
    ("header.csv", "session,step,column,text\n"),
    ("blank-rows.csv", "session,step,column,text\n,,,\n"),
    ("empty-table.wiki", '{| class="wikitable"\n! KEY STEPS !! CONCRETE ACTIONS !! POTENTIAL OBSTACLES !! TOOLS\n|}\n'),
    ("empty-rows.wiki", '{| class="wikitable"\n! KEY STEPS !! CONCRETE ACTIONS !! POTENTIAL OBSTACLES !! TOOLS\n'
                        "|-\n| '''STEP 1: Preliminary work'''\n|\n|\n|\n|}\n"),
])
def test_an_import_that_finds_no_items_says_so_and_makes_no_session(capsys, db, tmp_path, name, content):
    before = contents(db)
    path = _write(tmp_path / name, content)
    code, out, err = run(capsys, "--db", db, "import", path)
    assert (code, out) == (2, "")
    assert err == f"workshop-tui: error: {path}: no items found in it; nothing was imported\n"
    assert contents(db) == before


def test_an_empty_json_session_is_still_a_session(capsys, db, tmp_path):
    """A json export carries the session itself (title, participants, settings), items or not."""
    code, text, _ = run(capsys, "--db", db, "export", "1", "--format", "json")
    assert code == 0
    code, _, err = run(capsys, "--db", db, "import", _write(tmp_path / "empty.json", text))
    assert code == 0 and "imported 0 items" in err, err
    assert contents(db)[-1] == ("Demo", ("Ana",), [])


def test_a_fifo_is_refused_at_once(db, tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    done = cli_process(db, "import", str(fifo))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"workshop-tui: error: {fifo}: not a regular file (a named pipe); import a file, or - for standard input\n"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_is_refused(capsys, db, device):
    code, out, err = run(capsys, "--db", db, "import", device)
    assert (code, out) == (2, "")
    assert err == f"workshop-tui: error: {device}: not a regular file (a device); import a file, or - for standard input\n"


def test_standard_input_imports_and_is_capped(capsys, db, tmp_path):
    code, csv_text, _ = run(capsys, "--db", db, "export", "1", "--format", "csv")
    assert run(capsys, "--db", db, "add", "1", "--step", "2", "--column", "tool", "from a pipe")[0] == 0
    code, csv_text, _ = run(capsys, "--db", db, "export", "1", "--format", "csv")
    done = cli_process(db, "import", "-", "--title", "Piped", stdin=csv_text.encode())
    assert done.returncode == 0 and "imported 1 item into" in done.stderr, done.stderr
    too_big = b"session,step,column,text\n" + b"x" * (64 * 1024 * 1024)
    done = cli_process(db, "import", "-", stdin=too_big)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "workshop-tui: error: standard input: too big to be an export (over 64 MB)\n"


def cli_process(db, *args, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "workshop_tui", "--db", db, *args], input=stdin,
                          stdin=None if stdin is not None else subprocess.DEVNULL, capture_output=True, cwd=ROOT,
                          timeout=60)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode(), done.stderr.decode())


def _write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)
