"""The switches that make CI fail, not skip, a test whose service or mount is missing."""

from __future__ import annotations

import pytest

from helpers.mounts import TMPFS_REQUIRED_ENV, mount_unavailable


def test_a_missing_mount_skips_the_test_saying_why(monkeypatch):
    monkeypatch.delenv(TMPFS_REQUIRED_ENV, raising=False)
    with pytest.raises(pytest.skip.Exception, match="cannot mount here"):
        mount_unavailable("cannot mount here")


def test_a_missing_mount_fails_the_test_where_mounts_are_required(monkeypatch):
    monkeypatch.setenv(TMPFS_REQUIRED_ENV, "1")
    with pytest.raises(pytest.fail.Exception, match=f"cannot mount here.*{TMPFS_REQUIRED_ENV}"):
        mount_unavailable("cannot mount here")
