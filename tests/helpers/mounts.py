"""Tests that need a mount (a small tmpfs, a read-only bind mount): skip or fail, and mount.

Mounting needs root (CI runs as root). Where a test cannot mount, it is skipped, saying why;
with $WORKSHOP_TUI_REQUIRE_TMPFS set (`.ci/run` sets it, as it sets WORKSHOP_TUI_REQUIRE_PG)
it fails instead, so a fault test cannot quietly vanish from CI.
"""

from __future__ import annotations

import os
import subprocess
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

TMPFS_REQUIRED_ENV = "WORKSHOP_TUI_REQUIRE_TMPFS"


def mount_unavailable(reason: str) -> None:
    """Skip (or, with $WORKSHOP_TUI_REQUIRE_TMPFS, fail) a test that cannot mount what it needs."""
    if os.environ.get(TMPFS_REQUIRED_ENV):
        pytest.fail(f"{reason} (and ${TMPFS_REQUIRED_ENV} is set, so this test must run)")
    pytest.skip(reason)


@contextmanager
def read_only_view(folder: Path, view: Path) -> Iterator[Path]:
    """`folder` seen read-only at `view`: a read-only bind mount, which even root cannot write
    through, while whoever holds files in `folder` open keeps writing to them."""
    view.mkdir(exist_ok=True)
    if os.geteuid() != 0:
        mount_unavailable("a read-only view of a live folder needs a bind mount: run as root (CI does)")
    result = subprocess.run(["mount", "--bind", "-o", "ro", str(folder), str(view)], capture_output=True)
    if result.returncode != 0:
        mount_unavailable(f"running as root without permission to bind-mount: {result.stderr.decode().strip()}")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], check=True, capture_output=True)
        yield view
    finally:
        subprocess.run(["umount", "-l", str(view)], check=False)
