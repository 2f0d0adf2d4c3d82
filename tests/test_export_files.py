"""Writing an export: atomic, UTF-8, never over an existing file unless asked, no stray temp file."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from workshop_tui.export import files, write_file


@pytest.fixture
def folder(tmp_path):
    """An empty folder of its own (tmp_path also holds the isolated home)."""
    path = tmp_path / "exports"
    path.mkdir()
    return path


def test_writes_utf8_exactly(folder):
    path = write_file(folder / "out.csv", "a,b\r\nPrévost 😀\n")
    assert path == folder / "out.csv"
    assert path.read_bytes() == "a,b\r\nPrévost 😀\n".encode()
    assert os.listdir(folder) == ["out.csv"]


def test_refuses_an_existing_file_and_leaves_it_alone(folder):
    path = folder / "out.wiki"
    path.write_text("precious")
    with pytest.raises(FileExistsError):
        write_file(path, "new")
    assert path.read_text() == "precious" and os.listdir(folder) == ["out.wiki"]


def test_refuses_a_dangling_symlink_too(folder):
    (folder / "link").symlink_to(folder / "nowhere")
    with pytest.raises(FileExistsError):
        write_file(folder / "link", "x")
    assert not (folder / "nowhere").exists()


def test_overwrite_replaces_and_keeps_the_files_mode(folder):
    path = folder / "out.json"
    path.write_text("old")
    path.chmod(0o600)
    write_file(path, "new", overwrite=True)
    assert path.read_text() == "new" and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert os.listdir(folder) == ["out.json"]


def test_a_new_file_gets_the_usual_permissions(folder):
    mask = os.umask(0o022)
    try:
        path = write_file(folder / "out.md", "x")
    finally:
        os.umask(mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_a_failed_write_leaves_nothing_behind(folder, monkeypatch):
    path = folder / "out.csv"
    path.write_text("old")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space"):
        write_file(path, "new", overwrite=True)
    with pytest.raises(OSError, match="No space"):
        write_file(folder / "fresh.csv", "new")
    assert path.read_text() == "old" and sorted(os.listdir(folder)) == ["out.csv"]


def test_text_that_cannot_be_utf8_writes_nothing(folder):
    with pytest.raises(UnicodeEncodeError):
        write_file(folder / "out.txt", "lone \ud800 surrogate")
    assert os.listdir(folder) == []


def test_a_missing_folder_or_a_folder_in_the_way_is_an_os_error(folder):
    with pytest.raises(FileNotFoundError):
        write_file(folder / "no" / "such" / "out.csv", "x")
    (folder / "dir").mkdir()
    with pytest.raises(FileExistsError):
        write_file(folder / "dir", "x")
    with pytest.raises(IsADirectoryError):
        write_file(folder / "dir", "x", overwrite=True)
    assert os.listdir(folder) == ["dir"] and os.listdir(folder / "dir") == []


def test_without_hard_links_it_still_refuses_to_overwrite(folder, monkeypatch):
    def no_links(source, target):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(files.os, "link", no_links)
    path = write_file(folder / "out.csv", "x")
    assert path.read_text() == "x" and os.listdir(folder) == ["out.csv"]
    with pytest.raises(FileExistsError):
        write_file(path, "y")
    assert path.read_text() == "x" and os.listdir(folder) == ["out.csv"]


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX permissions, not root")
def test_a_read_only_folder_is_an_os_error_and_leaves_nothing(folder):
    folder = folder / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(PermissionError):
            write_file(folder / "out.csv", "x")
        assert os.listdir(folder) == []
    finally:
        folder.chmod(0o700)


def test_a_folder_that_refuses_new_files_leaves_nothing(folder, monkeypatch):
    def denied(path, flags, mode=0o777):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(files.os, "open", denied)  # as a read-only folder would, even for root
    with pytest.raises(PermissionError):
        write_file(folder / "out.csv", "x")
    assert os.listdir(folder) == []
