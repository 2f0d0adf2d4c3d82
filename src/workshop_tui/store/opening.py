"""Opening a store: a SQLite file (checked before SQLite touches it) or a PostgreSQL URL."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from workshop_tui.i18n import _
from workshop_tui import locations
from workshop_tui.store import migrations, sqlite_file
from workshop_tui.store.engine import BUSY_TIMEOUT_MS, postgres_engine, sqlite_engine, sqlite_uri, translated
from workshop_tui.store.errors import StoreOpenError
from workshop_tui.store.store import Store
from workshop_tui.store.write_lock import WriteLock, sqlite_needs_lock

WAL_HEADER_BYTES = 32  # a WAL this short holds no frame: no commit waits in it


def open_store(location: str | os.PathLike | None = None, *, create: bool = True) -> "Store":
    """Open (and create, or migrate) the store at a path or a `postgresql://` URL.

    With no location: `$WORKSHOP_TUI_DB`, else the file in the user data dir.
    """
    target = locations.resolve_db(str(location) if location else None)
    if "://" in target:
        if not target.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
            raise StoreOpenError(_('unsupported database URL {value0}://...: use a file path or postgresql://').format(value0=target.split('://')[0]))
        return Store(postgres_engine(target), _redact(target)).prepare()
    path = Path(target).expanduser()
    if path.exists() and not _being_created(path):
        return _open_sqlite(path)
    if not create:
        raise StoreOpenError(_('there is no store at {path}').format(path=path))
    if str(path) == str(locations.default_db_path()):
        path.parent.mkdir(parents=True, exist_ok=True)
    sqlite_file.check_folder_for_new_file(path)
    # Creating a store takes the lock file first, so a process arriving meanwhile waits for
    # a whole store instead of finding a half-made (zero-byte) file and refusing it.
    creation = WriteLock(path, BUSY_TIMEOUT_MS / 1000)
    with translated(str(path), writing=True), creation.held():
        store = _open_sqlite(path, lock=creation)
    if store._write_lock is not creation:
        creation.close()
    return store


def _being_created(path: Path) -> bool:
    """A zero-byte store with our lock file beside it: another process is creating it."""
    return path.stat().st_size == 0 and WriteLock(path, 0).path.exists()


def _open_sqlite(path: Path, lock: WriteLock | None = None) -> "Store":
    if path.exists():
        sqlite_file.check_existing_file(path)
        migrations.peek_sqlite_version(path)
    read_only = path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))
    if not sqlite_needs_lock() or read_only:
        lock = None
    elif lock is None:
        lock = WriteLock(path, BUSY_TIMEOUT_MS / 1000)
    immutable = read_only and read_only_mode(path) == "immutable"
    engine = sqlite_engine(str(path), read_only=read_only, immutable=immutable)
    return Store(engine, str(path), db_path=path, write_lock=lock, read_only=read_only, immutable=immutable).prepare()


def read_only_mode(path: Path) -> str:
    """How to read a store we may not write: "wal" (with its WAL) or "immutable" (main file only).

    SQLite reads a WAL-mode store read-only when it can use the WAL's index (`-shm`) beside
    it: the store's own writer made one, or the folder lets SQLite make one. Otherwise only
    `immutable` opens it, which reads the main file alone: right when there is no WAL (or an
    empty one), stale when the WAL holds commits not yet copied into the main file. Then the
    store is refused in one line rather than shown without its newest data.
    """
    probe = None
    try:
        probe = sqlite3.connect(sqlite_uri(str(path), immutable=False), uri=True)
        probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return "wal"
    except sqlite3.Error:
        pass
    finally:
        if probe is not None:
            probe.close()
    wal = path.with_name(path.name + "-wal")
    try:
        holds_commits = wal.stat().st_size > WAL_HEADER_BYTES
    except FileNotFoundError:
        holds_commits = False
    except OSError as error:
        raise StoreOpenError(_("cannot read the store's log {wal}: {value1}").format(wal=wal, value1=error.strerror or error)) from None
    if holds_commits:
        raise StoreOpenError(
            _('the newest changes to the store {path} are in {wal} and cannot be read without write access to its folder (or its -shm file beside it); not shown rather than shown out of date').format(path=path, wal=wal)
        )
    return "immutable"


def _redact(url: str) -> str:
    """A database URL without its password, fit for messages."""
    scheme, rest = url.split("://", 1)
    if "@" in rest:
        credentials, host = rest.rsplit("@", 1)
        user = credentials.split(":", 1)[0]
        return f"{scheme}://{user}@{host}"
    return url
