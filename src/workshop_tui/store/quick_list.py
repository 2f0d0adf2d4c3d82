"""The list of sessions read straight from a SQLite store file with the standard library, for
the start screen's first frame: SQLAlchemy and SQLModel take most of a second to import, and
the store opens (checks, migrates) only after them. Read-only, and only a preview: the store's
own `list_sessions` replaces it once the store is open, and any doubt (no file, an older or
newer schema, a lock, a corrupt file) gives None, so the screen simply waits for the store.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from workshop_tui.i18n import available, normalize
from workshop_tui.model import COLUMNS, SessionInfo
from workshop_tui.text import safe

# The schema this preview was written against (store/migrations.py SCHEMA_VERSION at the time)
# and later ones that left the sessions' columns as they were.
KNOWN_VERSIONS = {"5", "6", "7", "8"}  # 8: a step's own dots (step_states only)
_TEXT = ("title", "template_id", "event", "place", "date", "facilitator", "created_at", "updated_at", "speaker",
         "current_column")
_NUMBERS = ("step_count", "current_step", "votes_per_participant")


def read_sessions(location: str) -> list[SessionInfo] | None:
    """Every session of the SQLite store at `location`, newest change first, as `list_sessions`
    gives them; None when the store must open first to say."""
    path = Path(location).expanduser()
    if "://" in location or not path.is_file():
        return None
    # Read-only, and leaving nothing beside the file: a WAL store opened read-only makes its
    # -wal and -shm files and cannot remove them. Without a -wal file nobody is writing (SQLite
    # removes it with the last connection), so the file is read as it stands (`immutable`).
    quiet = "" if Path(f"{path}-wal").exists() else "&immutable=1"
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro{quiet}", uri=True, timeout=0.05)
    except sqlite3.Error:
        return None
    try:
        version = connection.execute("SELECT value FROM store_meta WHERE key = 'schema_version'").fetchone()
        if version is None or str(version[0]) not in KNOWN_VERSIONS:
            return None
        counts = dict(connection.execute("SELECT session_id, COUNT(*) FROM items GROUP BY session_id"))
        people: dict[int, list[str]] = {}
        for session_id, name in connection.execute(
                "SELECT session_id, name FROM participants ORDER BY position, id"):
            people.setdefault(session_id, []).append(safe(name))
        language = "language" if str(version[0]) != "5" else "''"  # schema 6 added each session's language
        keys = "column_keys" if int(version[0]) >= 7 else "''"  # schema 7 keeps each session's columns
        cursor = connection.execute(f"SELECT id, participants_follow, {', '.join(_TEXT + _NUMBERS)}, {language}, "
                                    f"{keys} FROM sessions ORDER BY updated_at DESC")
        return [_info(row, tuple(people.get(row[0], ())), counts.get(row[0], 0)) for row in cursor]
    except (sqlite3.Error, TypeError, ValueError):
        return None
    finally:
        connection.close()


def _info(row: tuple, participants: tuple[str, ...], item_count: int) -> SessionInfo:
    texts = dict(zip(_TEXT, row[2:2 + len(_TEXT)]))
    numbers = dict(zip(_NUMBERS, row[2 + len(_TEXT):-2]))
    language = normalize(row[-2]) if row[-2] else None
    columns = tuple(key for key in safe(row[-1] or "").split(",") if key)
    return SessionInfo(id=int(row[0]), participants_follow=bool(row[1]), item_count=int(item_count),
                       participants=participants, **{key: safe(value or "") for key, value in texts.items()},
                       **{key: int(value) for key, value in numbers.items()},
                       language=language if language in available() else "", columns=columns or COLUMNS)
