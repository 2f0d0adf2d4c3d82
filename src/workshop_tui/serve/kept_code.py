"""The join code kept between two runs of `serve` for the same session, so a restart keeps the link.

A facilitator whose laptop slept, or who stopped `serve` and started it again, should not have
to show a new QR code: the phones in the room reconnect by themselves, with what they typed.
So the code is kept in a private file (mode 0600) in the user data dir, named by a hash of
the store and the session (`session_key`), and used again by the next `serve` of that session
for `KEEP_HOURS` after it was made. `serve --new-code` makes a new one at once (a link that
went too far); after `KEEP_HOURS` a new one is made anyway. The file holds nothing the store's
own folder does not already protect.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from workshop_tui import locations
from workshop_tui.serve.guard import ALPHABET, CODE_LENGTH, new_join_code

KEEP_HOURS = 12


def session_key(location: str, session_id: int) -> str:
    """A name for one session of one store that gives neither away (a store URL may hold a password)."""
    return hashlib.sha256(f"{location}\n{int(session_id)}".encode("utf-8")).hexdigest()[:20]


def code_file(location: str, session_id: int) -> Path:
    return locations.data_dir() / "serve" / f"{session_key(location, session_id)}.code"


def kept_code(location: str, session_id: int, *, renew: bool = False, now: float | None = None) -> str:
    """The join code for serving this session: the kept one, or a new one that is kept from now."""
    path = code_file(location, session_id)
    moment = time.time() if now is None else now
    if not renew:
        try:
            code = path.read_text(encoding="ascii").strip()
            fresh = moment - path.stat().st_mtime < KEEP_HOURS * 3600
        except (OSError, UnicodeDecodeError):
            code, fresh = "", False
        if fresh and len(code) == CODE_LENGTH and set(code) <= set(ALPHABET):
            return code
    code = new_join_code()
    try:
        _write_private(path, code)
    except OSError:
        pass  # a data dir that cannot be written: this code serves, and is not kept
    return code


def _write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read, whole or not at all (temporary file, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(descriptor, text.encode("ascii"))
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    os.replace(temporary, path)
