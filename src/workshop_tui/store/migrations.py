"""The store's schema version: creating a new store, migrating an older one, refusing a newer one.

The version lives in the `store_meta` table. Before an older store is migrated, a backup copy
is written beside it with SQLite's backup API (a consistent copy even while others use it,
unlike a file copy). Each migration runs in one transaction: it happens whole or not at all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from workshop_tui.i18n import _
from workshop_tui.store.engine import sqlite_uri
from workshop_tui.store import tables  # noqa: F401 - registers the tables on SQLModel.metadata
from workshop_tui.store.errors import StoreOpenError

SCHEMA_VERSION = 8
APP_MARKER = "workshop-tui"


def _create_tables(*names: str) -> Callable[[Connection], None]:
    def create(connection: Connection) -> None:
        for name in names:
            SQLModel.metadata.tables[name].create(connection)

    return create


def _add_columns(table: str, *definitions: str) -> Callable[[Connection], None]:
    """ALTER TABLE ... ADD COLUMN, for each column the table lacks: a table that an earlier
    migration created from today's models (`_create_tables`) has them already."""

    def add(connection: Connection) -> None:
        present = {column["name"] for column in inspect(connection).get_columns(table)}
        for definition in definitions:
            if definition.split()[0] not in present:
                connection.execute(text(f"ALTER TABLE {table} ADD COLUMN {definition}"))

    return add


# MIGRATIONS[n] takes a store from version n - 1 to version n: SQL that both SQLite and
# PostgreSQL accept, or a function of the connection.
MIGRATIONS: dict[int, list[str | Callable[[Connection], None]]] = {
    2: [  # facilitation (phases, timeboxes, clusters, dot votes, follow-ups) and presence
        "ALTER TABLE sessions ADD COLUMN votes_per_participant INTEGER NOT NULL DEFAULT 3",
        "ALTER TABLE sessions ADD COLUMN participants_follow BOOLEAN NOT NULL DEFAULT TRUE",
        "ALTER TABLE items ADD COLUMN cluster_id VARCHAR",
        "ALTER TABLE items ADD COLUMN followup BOOLEAN NOT NULL DEFAULT FALSE",
        "ALTER TABLE items ADD COLUMN owner VARCHAR",
        "ALTER TABLE items ADD COLUMN due VARCHAR NOT NULL DEFAULT ''",
        _create_tables("step_states", "votes", "presence"),
    ],
    3: [  # safe in the room: private writing, name claims, the resume point
        _add_columns("items", "hidden BOOLEAN NOT NULL DEFAULT FALSE"),
        _add_columns("step_states", "anonymous BOOLEAN NOT NULL DEFAULT FALSE"),
        _add_columns("sessions", "speaker VARCHAR NOT NULL DEFAULT ''", "current_column VARCHAR NOT NULL DEFAULT ''"),
        _create_tables("name_claims"),
    ],
    4: [  # the history of every change to an item (who, when, what); items so far as added
        _create_tables("item_history"),
        lambda connection: _history_from_items(connection),
    ],
    5: [  # between sessions: a follow-up's status, follow-ups carried over, the wiki a session goes to
        _add_columns("items", "followup_status VARCHAR NOT NULL DEFAULT 'open'",
                      "from_last_time BOOLEAN NOT NULL DEFAULT FALSE"),
        _create_tables("wiki_targets"),
    ],
    6: [  # languages: a session remembers the language of its exports ("" = English, as before)
        _add_columns("sessions", "language VARCHAR NOT NULL DEFAULT ''"),
    ],
    7: [  # templates own their shape: a session keeps its template's column keys (earlier ones: the 8 steps')
        _add_columns("sessions", "column_keys VARCHAR NOT NULL DEFAULT 'action,obstacle,tool'"),
    ],
    8: [  # a step's own dots (a template's `dots`): NULL, the session's, for every earlier step
        _add_columns("step_states", "dots INTEGER"),
    ],
}


def _history_from_items(connection: Connection) -> None:
    """Every item already in the store gets an "added" entry at its creation, as it is now."""
    from workshop_tui.store.history import backfill_history

    backfill_history(connection)


def read_version(connection: Connection, location: str) -> int | None:
    """The store's schema version; None for a database with no tables at all."""
    names = set(inspect(connection).get_table_names())
    meta = dict(connection.execute(text("SELECT key, value FROM store_meta")).all()) if "store_meta" in names else {}
    return _version(names, meta, location)


def peek_sqlite_version(path: Path) -> int | None:
    """The version of an existing SQLite store, read without changing a byte of it.

    Runs before the store's own connections, whose pragmas (WAL) would rewrite the header
    of a file that turns out not to be ours.
    """
    location = str(path)
    try:
        raw = sqlite3.connect(sqlite_uri(location, immutable=True), uri=True)
        try:
            names = {row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            meta = dict(raw.execute("SELECT key, value FROM store_meta").fetchall()) if "store_meta" in names else {}
        finally:
            raw.close()
    except sqlite3.Error as error:
        raise StoreOpenError(_('the store {location} is damaged ({error}); left as it is').format(location=location, error=error)) from None
    version = _version(names, meta, location)
    if version is not None:
        refuse_newer(version, location)
    return version


def _version(names: set[str], meta: dict, location: str) -> int | None:
    if not names:
        return None
    if meta.get("app") != APP_MARKER or not str(meta.get("schema_version", "")).isdigit():
        raise StoreOpenError(_('{location} is a database but not a workshop-tui store; left as it is').format(location=location))
    return int(meta["schema_version"])


def refuse_newer(version: int, location: str) -> None:
    if version > SCHEMA_VERSION:
        raise StoreOpenError(
            _('the store {location} was written by a newer workshop-tui (schema {version}; this version knows {SCHEMA_VERSION}): upgrade workshop-tui to open it; left as it is').format(location=location, version=version, SCHEMA_VERSION=SCHEMA_VERSION)
        )


def create_schema(connection: Connection) -> None:
    SQLModel.metadata.create_all(connection)
    connection.execute(
        text("INSERT INTO store_meta (key, value) VALUES ('app', :app), ('schema_version', :v)"),
        {"app": APP_MARKER, "v": str(SCHEMA_VERSION)},
    )


def migrate(connection: Connection, version: int) -> None:
    """Apply every migration after `version`, inside the caller's transaction."""
    for target in range(version + 1, SCHEMA_VERSION + 1):
        for step in MIGRATIONS[target]:
            if callable(step):
                step(connection)
            else:
                connection.execute(text(step))
    connection.execute(
        text("UPDATE store_meta SET value = :v WHERE key = 'schema_version'"), {"v": str(SCHEMA_VERSION)}
    )


def backup_path(db_path: Path, version: int) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    return db_path.with_name(f"{db_path.name}.schema{version}-backup-{stamp}")


def backup_sqlite(db_path: Path, version: int) -> Path:
    """A consistent copy of the store beside it, made with SQLite's backup API."""
    target = backup_path(db_path, version)
    source = sqlite3.connect(sqlite_uri(str(db_path), immutable=False), uri=True)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    return target
