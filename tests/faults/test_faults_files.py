"""Store files that cannot be used, opened the way people open them: `workshop-tui --db FILE`.

The app runs on a real pseudo-terminal (`run_tui`). A file it cannot use ends it with exit
status 2 and one line left on the terminal, before or after it took the screen, and every byte
of the file (and of the folder: no journal, no lock file) is as it was. The command-line
commands say the same in one line. An older store is migrated on the way in, with a backup
beside it, and the app tells the user where the backup is.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from faultkit import ROOT, left_on_terminal, run_tui

from workshop_tui.cli import main
from workshop_tui.store import open_store


def fingerprint(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder" for p in folder.iterdir()}


def real_store(path: Path) -> Path:
    with open_store(path) as store:
        info = store.create_session("Real", template_id="8-steps-partnership", step_count=8)
        for n in range(200):
            store.add_item(info.id, 1 + n % 8, "action", f"item {n} " + "x" * 200)
    return path


def truncated(path: Path) -> None:
    real_store(path)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def corrupt(path: Path) -> None:
    real_store(path)
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 4096):  # every page but the first scribbled over
        data[offset : offset + 64] = b"\xde\xad\xbe\xef" * 16
    path.write_bytes(bytes(data))


def newer(path: Path) -> None:
    real_store(path)
    raw = sqlite3.connect(path)
    raw.execute("UPDATE store_meta SET value = '99' WHERE key = 'schema_version'")
    raw.commit()
    raw.close()


def other_program(path: Path) -> None:
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT)")
    raw.execute("INSERT INTO accounts (owner) VALUES ('someone else')")
    raw.commit()
    raw.close()


BAD_FILES = {
    "zero bytes": (lambda path: path.write_bytes(b""), "is empty (0 bytes): not a workshop-tui store; left as it is"),
    "a text file": (lambda path: path.write_text("meeting notes\n" * 50), "is not a SQLite database"),
    "truncated": (truncated, "is truncated"),
    "corrupt": (corrupt, "left as it is"),
    "a newer schema": (newer, "was written by a newer workshop-tui (schema 99; this version knows"),
    "another program's database": (other_program, "is a database but not a workshop-tui store; left as it is"),
    "a folder": (lambda path: path.mkdir(), "is a folder, not a workshop-tui store"),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_the_app_refuses_a_bad_store_in_one_line_and_leaves_it_untouched(tmp_path, kind):
    make, expected = BAD_FILES[kind]
    folder = tmp_path / "stores"
    folder.mkdir()
    path = folder / "bad.db"
    make(path)
    before = fingerprint(folder)
    code, screen = run_tui(["--db", str(path)])
    lines = left_on_terminal(screen)
    assert code == 2, (code, lines)
    assert len(lines) == 1 and lines[0].startswith("workshop-tui: error: ") and expected in lines[0], lines
    assert "Traceback" not in screen.decode("utf-8", "replace")
    assert fingerprint(folder) == before


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_the_commands_refuse_a_bad_store_in_one_line_and_leave_it_untouched(tmp_path, kind, capsys):
    make, expected = BAD_FILES[kind]
    folder = tmp_path / "stores"
    folder.mkdir()
    path = folder / "bad.db"
    make(path)
    before = fingerprint(folder)
    for args in (["sessions"], ["add", "1", "--step", "1", "--column", "tool", "x"], ["new", "Another"],
                 ["export", "1", "--format", "csv"]):
        code = main(["--db", str(path), *args])
        out, err = capsys.readouterr()
        assert code == 2 and out == "", (code, out)
        assert err.count("\n") == 1 and err.startswith("workshop-tui: error: ") and expected in err, err
    assert fingerprint(folder) == before


def test_the_app_migrates_an_older_store_and_says_where_the_backup_is(tmp_path):
    path = tmp_path / "v1.db"
    raw = sqlite3.connect(path)
    raw.executescript((ROOT / "tests" / "data" / "store_v1.sql").read_text(encoding="utf-8"))
    raw.close()
    code, screen = run_tui(["--db", str(path)], until=b"upgraded; the old one is kept at")
    assert code == 0, left_on_terminal(screen)
    assert b"Wikimania 2015 follow-up" in screen  # the migrated session, listed
    backups = list(tmp_path.glob("v1.db.schema1-backup-*"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("SELECT value FROM store_meta WHERE key = 'schema_version'").fetchone() == ("1",)
    assert old.execute("SELECT count(*) FROM items").fetchone() == (3,)
    old.close()
    with open_store(path) as store:
        assert store.backup_made is None  # migrated once, for good
        info = store.find_session("Wikimania 2015 follow-up")
        assert [item.text for item in store.list_items(info.id)] == [
            "Identify WHY you need a partner", "No time [bold]", "Survey | metrics"]
