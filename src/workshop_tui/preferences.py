"""What the app remembers for the person at the keyboard between runs: a small JSON file.

Only choices that are the user's habit live here (the export format chosen last), never
session data (that is the store's). A missing, unreadable or damaged file means "nothing
remembered"; failing to write it is not worth interrupting a workshop for, so it is ignored.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from workshop_tui import locations


def _path() -> Path:
    return locations.preferences_path()


def load() -> dict[str, Any]:
    """Everything remembered ({} when nothing is, or the file cannot be read)."""
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def get(key: str, default: Any = None) -> Any:
    return load().get(key, default)


def remember(key: str, value: Any) -> None:
    """Keep `value` under `key` (atomically: a temp file renamed over the old one)."""
    data = load()
    if data.get(key) == value:
        return
    data[key] = value
    path = _path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".preferences-", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                json.dump(data, file, ensure_ascii=False, indent=1)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError:
        pass  # a preference not kept: the next export proposes the default again
