"""The base of `Store`: opening and closing, transactions, and change detection.

Each method is one transaction, committed before it returns: a change reported saved survives
a killed process. Writes begin with `BEGIN IMMEDIATE` and, on SQLite older than 3.51.3, under
the cross-process write lock (see `write_lock`). Every database error becomes a `StoreError`
with one clear line, and a failed write changes nothing.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import func
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from workshop_tui.i18n import _
from workshop_tui.store import migrations
from workshop_tui.store.engine import IMMEDIATE, sqlite_uri, translated
from workshop_tui.store.errors import StoreOpenError, StoreWriteError
from workshop_tui.store.tables import SessionRow
from workshop_tui.store.write_lock import WriteLock

TOKEN_SQL = "SELECT max(updated_at), count(*) FROM sessions"
OWN_CHANGES_KEPT = 256


def _token(connection) -> int:
    """The change token (`Store.change_token`) as this transaction sees it."""
    newest, count = connection.exec_driver_sql(TOKEN_SQL).one()
    return hash((newest, count))


class StoreBase:
    """One store's engine and its transactions; `Store` adds what is read and written."""

    def __init__(
        self,
        engine: Engine,
        location: str,
        *,
        db_path: Path | None = None,
        write_lock: WriteLock | None = None,
        read_only: bool = False,
        immutable: bool = False,
    ) -> None:
        self._engine = engine
        self.location = location
        self.db_path = db_path
        self.read_only = read_only
        self.immutable = immutable  # read-only, and no WAL to read (see `opening.read_only_mode`)
        self._write_lock = write_lock
        self._watch: sqlite3.Connection | None = None
        self._watch_lock = threading.Lock()
        self._watch_version: int | None = None
        self._watch_token = 0
        # This process's own commits, as change tokens before -> after (SQLite only, where a
        # write transaction holds the database alone, so nothing else commits in between).
        self._own_changes: dict[int, int] = {}
        self.backup_made: Path | None = None

    # -- opening and closing -------------------------------------------------------------

    @property
    def backend(self) -> str:
        return self._engine.dialect.name

    def prepare(self) -> "StoreBase":
        """Check the schema version; create a new store, or migrate an older one after a backup."""
        try:
            with translated(self.location, writing=False), self._engine.connect() as connection:
                version = migrations.read_version(connection, self.location)
            if version is not None:
                migrations.refuse_newer(version, self.location)
            if version == migrations.SCHEMA_VERSION:
                return self
            if self.read_only:
                raise StoreOpenError(_('the store {location} is read-only and needs setting up or migrating').format(location=self.location))
            if version is not None and self.db_path is not None:
                self.backup_made = migrations.backup_sqlite(self.db_path, version)
            with self._transaction(write=True, track=False) as db:
                connection = db.connection()
                if self.backend == "postgresql":  # two processes creating one schema at once
                    connection.execute(sql_text("SELECT pg_advisory_xact_lock(4242)"))
                current = migrations.read_version(connection, self.location)
                if current is None:
                    migrations.create_schema(connection)
                elif current < migrations.SCHEMA_VERSION:
                    migrations.migrate(connection, current)
        except BaseException:
            self.close()
            raise
        return self

    def close(self) -> None:
        if self._watch is not None:
            self._watch.close()
            self._watch = None
        if self._write_lock is not None:
            self._write_lock.close()
        self._engine.dispose()

    def __enter__(self) -> "StoreBase":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- transactions --------------------------------------------------------------------

    @contextmanager
    def _transaction(self, *, write: bool, track: bool = True) -> Iterator[Session]:
        """One transaction; committed on success, rolled back (nothing changed) on any error.

        A write is `track`ed as this store's own change (`only_own_changes`), except while the
        schema is being made (there is no sessions table yet)."""
        if write and self.read_only:
            raise StoreWriteError(_('the store {location} is read-only; nothing was changed').format(location=self.location))
        tracked = write and track and self.db_path is not None
        with translated(self.location, writing=write), self._locked(write):
            with self._engine.connect() as connection:
                connection.execution_options(**{IMMEDIATE: write})
                with Session(bind=connection, expire_on_commit=False) as db, connection.begin():
                    before = _token(connection) if tracked else None
                    yield db
                    db.flush()
                    after = _token(connection) if tracked else None
        if before is not None and after is not None and before != after:
            self._own_changes[before] = after
            if len(self._own_changes) > OWN_CHANGES_KEPT:
                del self._own_changes[next(iter(self._own_changes))]

    @contextmanager
    def _locked(self, write: bool) -> Iterator[None]:
        if write and self._write_lock is not None:
            with self._write_lock.held():
                yield
        else:
            yield

    def _read(self) -> Iterator[Session]:
        return self._transaction(write=False)

    def _write(self) -> Iterator[Session]:
        return self._transaction(write=True)

    # -- change detection ----------------------------------------------------------------

    def only_own_changes(self, seen: int, now: int) -> bool:
        """Whether every commit between change tokens `seen` and `now` was this store's own.

        A screen that has drawn its own saves need not re-read for them at once. Always False
        on PostgreSQL, where another writer can commit in the middle of ours."""
        token = seen
        for _hop in range(OWN_CHANGES_KEPT):
            if token == now:
                return token != seen
            next_token = self._own_changes.get(token)
            if next_token is None:
                return False
            token = next_token
        return False

    def change_token(self) -> int:
        """A number that changes whenever any process changes a session; cheap to poll.

        The newest `updated_at` of any session (every change bumps it) and the number of
        sessions. Presence (heartbeats) does not count: screens need not re-read when someone's
        screen says it is still there. On SQLite it is read only when `PRAGMA data_version`
        (on a connection kept for the purpose) says someone committed, so polling costs next to
        nothing.
        """
        if self.db_path is None:
            with self._read() as db:
                newest, count = db.exec(select(func.max(SessionRow.updated_at), func.count(SessionRow.id))).one()
            return hash((newest, count))
        with self._watch_lock, translated(self.location, writing=False):
            if self._watch is None:
                uri = sqlite_uri(str(self.db_path), immutable=self.immutable)
                self._watch = sqlite3.connect(uri, uri=True, check_same_thread=False)
            version = self._watch.execute("PRAGMA data_version").fetchone()[0]
            if version != self._watch_version:
                newest, count = self._watch.execute(TOKEN_SQL).fetchone()
                self._watch_version, self._watch_token = version, hash((newest, count))
            return self._watch_token
