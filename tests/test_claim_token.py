"""The terminal's claim token: made once in the user data dir, private, kept; the environment wins."""

from __future__ import annotations

import stat

import pytest

from workshop_tui import claim_token, locations
from workshop_tui.claim_token import ENV_VAR, ClaimTokenError, is_token, terminal_token


def test_the_token_is_made_once_readable_by_its_owner_only_and_kept(isolated_dirs, monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    path = locations.claim_token_path()
    assert path.is_relative_to(locations.data_dir()) and not path.exists()
    first = terminal_token()
    assert is_token(first) and len(first) >= 40
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert terminal_token() == first  # the same person, joining again
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []  # no temp file left


def test_a_damaged_token_file_is_replaced(isolated_dirs, monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    path = locations.claim_token_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xff\x00 not a token")
    with pytest.raises(ClaimTokenError, match="cannot read"):
        terminal_token()  # undecodable: one line, nothing replaced behind the user's back
    path.write_text("short\n")
    token = terminal_token()
    assert token != "short" and path.read_text().strip() == token


def test_the_environment_wins_and_must_be_a_token(isolated_dirs, monkeypatch):
    monkeypatch.setenv(ENV_VAR, "b" * 43)
    assert terminal_token() == "b" * 43
    assert not locations.claim_token_path().exists()  # nothing written for it
    for bad in ("", "short", "has space " * 3, "é" * 20):
        monkeypatch.setenv(ENV_VAR, bad)
        with pytest.raises(ClaimTokenError, match=ENV_VAR):
            terminal_token()


def test_a_data_dir_that_cannot_be_written_is_one_line(isolated_dirs, monkeypatch, read_only_folder):
    monkeypatch.delenv(ENV_VAR, raising=False)
    folder, make_read_only = read_only_folder
    make_read_only()
    with pytest.raises(ClaimTokenError, match="cannot keep") as caught:
        terminal_token(folder / "claim-token")
    assert "\n" not in str(caught.value)


def test_two_first_joins_at_once_keep_one_token(isolated_dirs, monkeypatch):
    """The second process to make the file finds the first one's and uses it."""
    monkeypatch.delenv(ENV_VAR, raising=False)
    path = locations.claim_token_path()
    made = []
    real_write = claim_token._write

    def racing_write(target, token, *, replace):
        if not made:  # another process makes the file just before this one links its own
            made.append(real_write(target, "r" * 43, replace=False))
        return real_write(target, token, replace=replace)

    monkeypatch.setattr(claim_token, "_write", racing_write)
    assert terminal_token() == "r" * 43 == path.read_text().strip()
