"""The secret behind a participant's name claim (`Store.claim_name`), for the terminal `join`.

The first screen to join a session under a name claims it with a token; only a screen holding
the same token can join under that name again. A terminal keeps its token in a file in the
user data dir (`locations.claim_token_path()`, readable by its owner only), made on first use,
so the same person joining again from the same account gets their name back. A browser's
`serve` process is handed the token its cookie holds, in `WORKSHOP_TUI_CLAIM_TOKEN`, which
wins over the file.
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

from workshop_tui.i18n import _
from workshop_tui import locations

ENV_VAR = "WORKSHOP_TUI_CLAIM_TOKEN"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,200}")


class ClaimTokenError(ValueError):
    """A token that cannot be used or kept; `str()` is one line for the user."""


def new_token() -> str:
    """A fresh secret: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def is_token(value: str | None) -> bool:
    """Whether a value looks like a token (16 to 200 letters, digits, `-` or `_`)."""
    return bool(value) and _TOKEN.fullmatch(value) is not None  # type: ignore[arg-type]


def terminal_token(path: Path | None = None) -> str:
    """This terminal user's token: `$WORKSHOP_TUI_CLAIM_TOKEN`, else the token file (made if missing)."""
    given = os.environ.get(ENV_VAR)
    if given is not None:
        if not is_token(given.strip()):
            raise ClaimTokenError(_('{ENV_VAR} must be 16 to 200 letters, digits, - or _').format(ENV_VAR=ENV_VAR))
        return given.strip()
    path = path or locations.claim_token_path()
    try:
        kept = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        kept = None
    except (OSError, UnicodeDecodeError) as error:
        raise ClaimTokenError(_('cannot read {path}: {value1}').format(path=path, value1=getattr(error, 'strerror', None) or error)) from None
    if is_token(kept):
        return kept  # type: ignore[return-value]
    token = _write(path, new_token(), replace=kept is not None)
    if kept is None:  # another `join` may have made the file first: theirs is the one kept
        return path.read_text(encoding="ascii").strip()
    return token


def _write(path: Path, token: str, *, replace: bool) -> str:
    """Keep a new token, readable by its owner only, written whole (a temp file, then linked into
    place, so two processes making it at once keep one; or renamed over a damaged one)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "w", encoding="ascii") as handle:
                handle.write(token + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            if replace:
                os.replace(temporary, path)
            else:
                try:
                    os.link(temporary, path)
                except FileExistsError:
                    pass
        finally:
            temporary.unlink(missing_ok=True)
    except OSError as error:
        raise ClaimTokenError(_("cannot keep your name's token in {path}: {value1}").format(path=path, value1=error.strerror or error)) from None
    return token
