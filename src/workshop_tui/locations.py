"""Every directory and file the app reads or writes by default, in one place.

Paths come from platformdirs, so they follow each platform's conventions; the environment
variable `WORKSHOP_TUI_DB` and the command line's `--db` override the store's location.
"""

from __future__ import annotations

import os
from pathlib import Path

from workshop_tui import APP_NAME

DB_ENV_VAR = "WORKSHOP_TUI_DB"
DB_FILE_NAME = "workshop.db"


def data_dir() -> Path:
    """The user data dir, where the store and user templates live (not created here)."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / DB_FILE_NAME


def resolve_db(cli_value: str | None = None) -> str:
    """The store to open: `--db`, else `$WORKSHOP_TUI_DB`, else the file in the user data dir.

    The result is a path or a database URL (`postgresql://...`); the store module parses it.
    """
    if cli_value:
        return cli_value
    env_value = os.environ.get(DB_ENV_VAR, "").strip()
    if env_value:
        return env_value
    return str(default_db_path())


def claim_token_path() -> Path:
    """The secret a terminal `join` proves its names with (`claim_token.terminal_token`)."""
    return data_dir() / "claim-token"


def preferences_path() -> Path:
    """What the app remembers between runs (`preferences`: the export format chosen last)."""
    return data_dir() / "preferences.json"


def user_templates_dir() -> Path:
    """Where users drop their own workshop templates (`*.toml`)."""
    return data_dir() / "templates"


def bundled_content_dir() -> Path:
    """The `content/` folder of workshop templates that ships with the app.

    In a wheel it is packaged as `workshop_tui/content`; in a source checkout (editable
    install, or running from the repository) it is the top-level `content/` folder.
    """
    packaged = Path(__file__).resolve().parent / "content"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "content"


def export_dir() -> Path:
    """Where the export dialog proposes to write files: the user's documents folder."""
    import platformdirs

    return Path(platformdirs.user_documents_dir())
