"""Store files that cannot be used are refused with one line and left exactly as they were."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from workshop_tui.store import StoreOpenError, StoreWriteError, open_store


def fingerprint(folder):
    """Every file in the folder and its content: proof that nothing was touched or added."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


def a_real_store(path):
    with open_store(path) as store:
        info = store.create_session("Real", template_id="t", step_count=8)
        for n in range(200):
            store.add_item(info.id, 1 + n % 8, "action", f"item {n} " + "x" * 200)
    return path


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty \\(0 bytes\\)"),
        (b"hello, this is a text file\n" * 10, "not a SQLite database"),
        (b"\x00\xff" * 5000, "not a SQLite database"),
        (b"SQLite format 3\x00" + b"\x00" * 20, "not a SQLite database"),
    ],
)
def test_files_that_are_not_stores_are_refused_untouched(tmp_path, content, message):
    path = tmp_path / "bad.db"
    path.write_bytes(content)
    before = fingerprint(tmp_path)
    with pytest.raises(StoreOpenError, match=message):
        open_store(path)
    assert fingerprint(tmp_path) == before


def test_a_truncated_store_is_refused_untouched(tmp_path):
    path = a_real_store(tmp_path / "store.db")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    before = fingerprint(tmp_path)
    with pytest.raises(StoreOpenError, match="truncated"):
        open_store(path)
    assert fingerprint(tmp_path) == before


def test_a_corrupt_store_is_refused_untouched(tmp_path):
    path = a_real_store(tmp_path / "store.db")
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 4096):  # scribble over every page but the first
        data[offset : offset + 64] = b"\xde\xad\xbe\xef" * 16
    path.write_bytes(bytes(data))
    before = fingerprint(tmp_path)
    with pytest.raises(StoreOpenError, match="damaged|not a workshop-tui store"):
        with open_store(path) as store:
            store.list_items(store.list_sessions()[0].id)
    assert fingerprint(tmp_path) == before


def test_a_database_of_another_program_is_refused(tmp_path):
    path = tmp_path / "other.db"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE accounts (id INTEGER)")
    raw.commit()
    raw.close()
    before = fingerprint(tmp_path)
    with pytest.raises(StoreOpenError, match="not a workshop-tui store"):
        open_store(path)
    assert fingerprint(tmp_path) == before


def test_a_folder_or_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(StoreOpenError, match="is a folder"):
        open_store(tmp_path)
    with pytest.raises(StoreOpenError, match="does not exist"):
        open_store(tmp_path / "no" / "such" / "store.db")
    assert not (tmp_path / "no").exists()


def test_a_read_only_store_reads_and_refuses_writes(read_only_folder):
    folder, make_read_only = read_only_folder
    path = folder / "store.db"
    with open_store(path) as store:
        info = store.create_session("Frozen", template_id="t", step_count=8)
        store.add_item(info.id, 1, "action", "still here")
    make_read_only()
    before = fingerprint(folder)
    with open_store(path) as store:
        assert store.read_only
        assert [i.text for i in store.list_items(info.id)] == ["still here"]
        with pytest.raises(StoreWriteError, match="read-only"):
            store.add_item(info.id, 1, "action", "refused")
        with pytest.raises(StoreWriteError, match="read-only"):
            store.rename_session(info.id, "x")
        assert [i.text for i in store.list_items(info.id)] == ["still here"]
    assert fingerprint(folder) == before
