"""Stores written by older schemas, for the migration tests (this module holds no tests itself).

Each `tests/data/store_vN/` holds `store_vN.sql` (a `sqlite3 .dump` of a real store written at
schema N) and `session*.{wiki,csv,md,json}`, what that version exported, at `EXPORTED_AT`.
Only the seed template had French text then (`TRANSLATED_THEN`): a French session of another
template exported its template's words in English, as `export_now_and_then` does again.
French step labels then had no space before the colon ("ÉTAPE 1: "); they now have a no-break
space ("ÉTAPE 1\u00a0: "), so `export_now_and_then` compares with the old file so amended, and
nothing else.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from workshop_tui.content import load_catalog
from workshop_tui.export import EXTENSIONS, export_text
from workshop_tui.store import Store, open_store

DATA = Path(__file__).parents[1] / "data"
TRANSLATED_THEN = {"8-steps-partnership"}  # the other templates gained French text later (cec3b45...)
EXPORTED_AT = datetime(2026, 12, 3, 14, 0, tzinfo=UTC)  # the `now` every make.py exported at


def old_store_folder(version: int) -> Path:
    """Where schema `version`'s dump and exports are."""
    return DATA / f"store_v{version}"


def open_old_store(version: int, folder: Path) -> Store:
    """Load schema `version`'s dump into a file in `folder` and open it: the store migrates it."""
    path = folder / f"v{version}.db"
    raw = sqlite3.connect(path)
    raw.executescript((old_store_folder(version) / f"store_v{version}.sql").read_text(encoding="utf-8"))
    raw.close()
    return open_store(path)


def backed_up_version(store: Store) -> str:
    """The schema version the migration's backup holds (it must exist)."""
    assert store.backup_made is not None and store.backup_made.exists()
    backup = sqlite3.connect(store.backup_made)
    try:
        return backup.execute("SELECT value FROM store_meta WHERE key = 'schema_version'").fetchone()[0]
    finally:
        backup.close()


def export_now_and_then(store: Store, version: int, session_id: int, fmt: str) -> tuple[bytes, bytes]:
    """The session exported by today's code, and what schema `version`'s code exported."""
    data = store.session_data(session_id)
    template = load_catalog().for_session(data.info)
    if template.id not in TRANSLATED_THEN:
        template = replace(template, translations={})
    now = export_text(data, template, fmt, now=EXPORTED_AT).encode("utf-8")
    then = (old_store_folder(version) / f"session{session_id}{EXTENSIONS[fmt]}").read_bytes()
    if data.info.language == "fr" and fmt in ("wikitext", "markdown"):
        label = re.compile(r"(ÉTAPE \d+)(\\?:)")  # "ÉTAPE 1:", and "ÉTAPE 1\:" in markdown
        then = label.sub(lambda found: found[1] + "\u00a0" + found[2], then.decode("utf-8")).encode("utf-8")
    return now, then
