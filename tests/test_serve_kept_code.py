"""The join code a restarted `serve` keeps: same session, same store, for 12 hours, private."""

from __future__ import annotations

import stat
import time

from workshop_tui.serve import guard
from workshop_tui.serve.kept_code import KEEP_HOURS, code_file, kept_code, session_key


def test_a_restart_keeps_the_code_until_it_is_renewed_or_too_old():
    first = kept_code("/data/room.db", 1)
    assert len(first) == guard.CODE_LENGTH and set(first) <= set(guard.ALPHABET)
    assert kept_code("/data/room.db", 1) == first
    assert kept_code("/data/room.db", 2) != first  # another session
    assert kept_code("/data/other.db", 1) != first  # another store
    later = time.time() + KEEP_HOURS * 3600 + 1
    renewed = kept_code("/data/room.db", 1, now=later)
    assert renewed != first and kept_code("/data/room.db", 1) == renewed
    assert kept_code("/data/room.db", 1, renew=True) not in (first, renewed)


def test_the_kept_code_is_private_and_its_name_gives_nothing_away():
    location = "postgresql://ana:s3cret@db.example/workshops"
    code = kept_code(location, 7)
    path = code_file(location, 7)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert "s3cret" not in str(path) and "ana" not in path.name
    assert path.read_text() == code
    assert session_key(location, 7) in path.name


def test_a_damaged_kept_code_is_replaced():
    path = code_file("/data/room.db", 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    for junk in ("", "short", "0" * guard.CODE_LENGTH, "é" * guard.CODE_LENGTH):
        path.write_text(junk, encoding="utf-8")
        code = kept_code("/data/room.db", 1)
        assert code != junk and len(code) == guard.CODE_LENGTH
    path.write_bytes(b"\xff\xfe")
    assert len(kept_code("/data/room.db", 1)) == guard.CODE_LENGTH
