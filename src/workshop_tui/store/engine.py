"""Making the SQLAlchemy engine for a store, and turning driver errors into one clear line.

SQLite is opened the way a shared, crash-safe store needs: WAL journal, `synchronous=FULL`,
a busy timeout, foreign keys on, and SQLAlchemy's pysqlite recipe so that write transactions
start with `BEGIN IMMEDIATE` (a second writer waits instead of failing with "database is locked")
while reads start with a plain `BEGIN`.
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from workshop_tui.i18n import _
from workshop_tui.store.errors import InvalidInputError, StoreError, StoreOpenError, StoreWriteError

BUSY_TIMEOUT_MS = 10_000
FULL_BELOW_BYTES = 256 * 1024  # less free room than a few WAL frames: the disk is full for a store
IMMEDIATE = "workshop_immediate"


def sqlite_engine(path: str, *, read_only: bool = False, immutable: bool = False) -> Engine:
    """An engine on a SQLite file; each pooled connection gets the store's pragmas.

    Read-only connections read the WAL (`mode=ro`), so they see every committed transaction;
    `immutable` (the main file alone, no WAL index) only where there is no WAL to read
    (`opening.read_only_mode` decides)."""
    if read_only:
        url = f"sqlite:///{sqlite_uri(path, immutable=immutable)}&uri=true"
    else:
        url = f"sqlite:///{path}"
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        # A fresh connection per checkout would pay the pragmas each time; keep a small pool.
        pool_size=4,
        max_overflow=8,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # pragma: no branch - wiring
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not read_only:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        immediate = connection.get_execution_options().get(IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def sqlite_uri(path: str, *, immutable: bool) -> str:
    """A read-only `file:` URI for a path, quoted so `?`, `#` and `%` in folder names stay in it.

    `immutable`: the main file alone, the WAL ignored and nothing made beside the file (checks
    made before the store opens, and stores with no WAL to read); otherwise (`mode=ro`) every
    committed transaction, the WAL's too."""
    from urllib.parse import quote

    return f"file:{quote(str(path))}?{'mode=ro&immutable=1' if immutable else 'mode=ro'}"


def postgres_engine(url: str) -> Engine:
    """An engine on PostgreSQL through psycopg 3 (`postgresql://...` URLs)."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise StoreOpenError(
            _("a postgresql:// store needs psycopg 3: pip install 'workshop-tui[postgres]'")
        ) from None
    try:
        return create_engine(url, pool_pre_ping=True, pool_size=4, max_overflow=8)
    except (ImportError, SQLAlchemyError, ValueError) as error:
        raise StoreOpenError(_('cannot use the database URL: {value0}').format(value0=describe(error))) from None


def describe(error: BaseException) -> str:
    """The driver's own message, without SQLAlchemy's SQL echo and links."""
    original = getattr(error, "orig", None) or error
    return str(original).splitlines()[0] if str(original) else type(original).__name__


def translate(error: BaseException, location: str, *, writing: bool) -> StoreError:
    """Map a driver error to a StoreError carrying one clear line."""
    message = describe(error).lower()
    if ("full" in message or "disk i/o" in message or "no space" in message) and _disk_full(location):
        # SQLite reports a disk that fills up while it grows the WAL as "database or disk is
        # full", but while it grows its shared-memory file as a plain "disk I/O error".
        return StoreWriteError(_('the disk holding {location} is full; nothing was changed').format(location=location))
    if "locked" in message or "busy" in message:
        return StoreWriteError(_('the store {location} is busy (locked by another program); nothing was changed, try again').format(location=location))
    if "readonly" in message or "read-only" in message or "read only" in message:
        return StoreWriteError(_('the store {location} is read-only; nothing was changed').format(location=location))
    if "full" in message:
        return StoreWriteError(_('the disk holding {location} is full; nothing was changed').format(location=location))
    if "connection" in message and ("refused" in message or "failed" in message or "timeout" in message):
        return StoreOpenError(_('cannot reach the database server {location} ({value1})').format(location=location, value1=describe(error)))
    if "not a database" in message or "malformed" in message or "corrupt" in message:
        return StoreOpenError(_('the store {location} is damaged ({value1}); left as it is').format(location=location, value1=describe(error)))
    if "disk i/o" in message or "unable to open" in message:
        what = "saved" if writing else "read"
        return (StoreWriteError if writing else StoreOpenError)(
            f"the store {location} could not be {what} ({describe(error)}); nothing was changed"
        )
    return (StoreWriteError if writing else StoreError)(f"store error on {location}: {describe(error)}")


def _disk_full(location: str) -> bool:
    """Whether the file system holding a SQLite store has no room left (not knowable for a server)."""
    if "://" in location:
        return False
    try:
        return shutil.disk_usage(Path(location).expanduser().parent).free < FULL_BELOW_BYTES
    except (OSError, ValueError):
        return False


@contextmanager
def translated(location: str, *, writing: bool) -> Iterator[None]:
    """Run a block, turning any driver error into a StoreError."""
    try:
        yield
    except StoreError:
        raise
    except UnicodeEncodeError:  # a lone surrogate: Python text that is not Unicode text
        raise InvalidInputError(_("text that is not valid Unicode cannot be stored; nothing was changed")) from None
    except (DBAPIError, SQLAlchemyError, sqlite3.Error) as error:
        raise translate(error, location, writing=writing) from None
    except OSError as error:
        raise translate(error, location, writing=writing) from None
