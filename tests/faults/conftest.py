"""Fault suites: killed processes, a full disk, a read-only store, damaged files.

Counts are small by default so the suites fit the README's test command; the environment
variables named in each module scale them up for a soak (see README, "Fault and bad-input
suites").
"""

from __future__ import annotations

import os
import subprocess

import pytest

from faultkit import SmallDisk
from helpers.mounts import mount_unavailable


@pytest.fixture
def small_disk(tmp_path):
    """A 4 MB tmpfs (as root); skipped, saying why, where mounting is not permitted."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if os.geteuid() != 0:
        mount_unavailable("a full disk needs a small tmpfs: run as root (CI does) to mount one")
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)], capture_output=True)
    if result.returncode != 0:
        mount_unavailable(f"running as root without permission to mount a tmpfs: {result.stderr.decode().strip()}")
    yield SmallDisk(folder)
    subprocess.run(["umount", "-l", str(folder)], check=False)
