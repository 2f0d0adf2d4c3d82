"""The `Store`: every read and write of sessions, participants and items.

Each method is one transaction, committed before it returns: a change reported saved survives
a killed process. Writes begin with `BEGIN IMMEDIATE` and, on SQLite older than 3.51.3, under
the cross-process write lock (see `write_lock`). Every database error becomes a `StoreError`
with one clear line, and a failed write changes nothing.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from sqlalchemy import delete, func
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from workshop_tui import locations
from workshop_tui.model import COLUMNS, Item, SessionData, SessionInfo, new_id, now_iso
from workshop_tui.store import migrations, sqlite_file
from workshop_tui.store.engine import (
    BUSY_TIMEOUT_MS,
    IMMEDIATE,
    postgres_engine,
    sqlite_engine,
    sqlite_uri,
    translated,
)
from workshop_tui.store.errors import InvalidInputError, NotFoundError, StoreOpenError, StoreWriteError
from workshop_tui.store.tables import ItemRow, ParticipantRow, SessionRow
from workshop_tui.store.write_lock import WriteLock, sqlite_needs_lock
from workshop_tui.text import EmptyTextError, TextTooLongError, clean_item_text, clean_name, clean_text

SESSION_FIELDS = ("title", "event", "place", "date", "facilitator")


def open_store(location: str | os.PathLike | None = None, *, create: bool = True) -> "Store":
    """Open (and create, or migrate) the store at a path or a `postgresql://` URL.

    With no location: `$WORKSHOP_TUI_DB`, else the file in the user data dir.
    """
    target = locations.resolve_db(str(location) if location else None)
    if "://" in target:
        if not target.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
            raise StoreOpenError(f"unsupported database URL {target.split('://')[0]}://...: use a file path or postgresql://")
        return Store(postgres_engine(target), _redact(target)).prepare()
    path = Path(target).expanduser()
    if path.exists():
        sqlite_file.check_existing_file(path)
        migrations.peek_sqlite_version(path)
    else:
        if not create:
            raise StoreOpenError(f"there is no store at {path}")
        if str(path) == str(locations.default_db_path()):
            path.parent.mkdir(parents=True, exist_ok=True)
        sqlite_file.check_folder_for_new_file(path)
    read_only = path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))
    lock = WriteLock(path, BUSY_TIMEOUT_MS / 1000) if sqlite_needs_lock() and not read_only else None
    engine = sqlite_engine(str(path), read_only=read_only)
    return Store(engine, str(path), db_path=path, write_lock=lock, read_only=read_only).prepare()


def _redact(url: str) -> str:
    """A database URL without its password, fit for messages."""
    scheme, rest = url.split("://", 1)
    if "@" in rest:
        credentials, host = rest.rsplit("@", 1)
        user = credentials.split(":", 1)[0]
        return f"{scheme}://{user}@{host}"
    return url


class Store:
    """Sessions, their participants and their items, in SQLite or PostgreSQL."""

    def __init__(
        self,
        engine: Engine,
        location: str,
        *,
        db_path: Path | None = None,
        write_lock: WriteLock | None = None,
        read_only: bool = False,
    ) -> None:
        self._engine = engine
        self.location = location
        self.db_path = db_path
        self.read_only = read_only
        self._write_lock = write_lock
        self._watch: sqlite3.Connection | None = None
        self._watch_lock = threading.Lock()
        self.backup_made: Path | None = None

    # -- opening and closing -------------------------------------------------------------

    @property
    def backend(self) -> str:
        return self._engine.dialect.name

    def prepare(self) -> "Store":
        """Check the schema version; create a new store, or migrate an older one after a backup."""
        try:
            with translated(self.location, writing=False), self._engine.connect() as connection:
                version = migrations.read_version(connection, self.location)
            if version is not None:
                migrations.refuse_newer(version, self.location)
            if version == migrations.SCHEMA_VERSION:
                return self
            if self.read_only:
                raise StoreOpenError(f"the store {self.location} is read-only and needs setting up or migrating")
            if version is not None and self.db_path is not None:
                self.backup_made = migrations.backup_sqlite(self.db_path, version)
            with self._transaction(write=True) as db:
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

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- transactions --------------------------------------------------------------------

    @contextmanager
    def _transaction(self, *, write: bool) -> Iterator[Session]:
        """One transaction; committed on success, rolled back (nothing changed) on any error."""
        if write and self.read_only:
            raise StoreWriteError(f"the store {self.location} is read-only; nothing was changed")
        with translated(self.location, writing=write), self._locked(write):
            with self._engine.connect() as connection:
                connection.execution_options(**{IMMEDIATE: write})
                with Session(bind=connection, expire_on_commit=False) as db, connection.begin():
                    yield db
                    db.flush()

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

    def change_token(self) -> int:
        """A number that changes whenever any process commits to the store; cheap to poll.

        SQLite: `PRAGMA data_version` on a connection kept for the purpose. PostgreSQL: the
        newest `updated_at` of any session, which every change bumps.
        """
        if self.db_path is None:
            with self._read() as db:
                newest, count = db.exec(select(func.max(SessionRow.updated_at), func.count(SessionRow.id))).one()
            return hash((newest, count))
        with self._watch_lock, translated(self.location, writing=False):
            if self._watch is None:
                uri = sqlite_uri(str(self.db_path), read_only=self.read_only)
                self._watch = sqlite3.connect(uri, uri=True, check_same_thread=False)
            return self._watch.execute("PRAGMA data_version").fetchone()[0]

    # -- sessions ------------------------------------------------------------------------

    def create_session(
        self,
        title: str,
        *,
        template_id: str,
        step_count: int,
        event: str = "",
        place: str = "",
        date: str = "",
        facilitator: str = "",
        participants: Iterable[str] = (),
    ) -> SessionInfo:
        title = _required_line(title, "title")
        if not 1 <= step_count <= 50:
            raise InvalidInputError(f"a session needs 1 to 50 steps, not {step_count}")
        stamp = now_iso()
        row = SessionRow(
            title=title,
            template_id=template_id,
            step_count=step_count,
            event=_line(event),
            place=_line(place),
            date=_line(date),
            facilitator=_line(facilitator),
            created_at=stamp,
            updated_at=stamp,
        )
        with self._write() as db:
            db.add(row)
            db.flush()
            _add_participants(db, row.id, participants)
            session_id = row.id
        return self.get_session(session_id)

    def list_sessions(self) -> list[SessionInfo]:
        """Every session, newest change first, with its item count and participants."""
        with self._read() as db:
            counts = dict(
                db.exec(select(ItemRow.session_id, func.count()).group_by(ItemRow.session_id)).all()
            )
            people = _participants_by_session(db)
            rows = db.exec(select(SessionRow).order_by(col(SessionRow.updated_at).desc())).all()
            return [_info(row, people.get(row.id, ()), counts.get(row.id, 0)) for row in rows]

    def get_session(self, session_id: int) -> SessionInfo:
        with self._read() as db:
            row = _session_row(db, session_id)
            count = db.exec(select(func.count()).where(ItemRow.session_id == session_id)).one()
            return _info(row, _participant_names(db, session_id), count)

    def find_session(self, ref: str) -> SessionInfo:
        """A session by its id or its unique title."""
        ref = ref.strip()
        with self._read() as db:
            if ref.isdigit() and db.get(SessionRow, int(ref)) is not None:
                return self.get_session(int(ref))
            ids = db.exec(select(SessionRow.id).where(SessionRow.title == ref)).all()
        if not ids:
            raise NotFoundError(f"unknown session '{ref}': `workshop-tui sessions` lists them")
        if len(ids) > 1:
            listed = ", ".join(str(i) for i in sorted(ids))
            raise NotFoundError(f"{len(ids)} sessions are titled '{ref}': name one by its id ({listed})")
        return self.get_session(ids[0])

    def update_session(self, session_id: int, **fields: str) -> SessionInfo:
        """Change a session's title, event, place, date or facilitator."""
        unknown = set(fields) - set(SESSION_FIELDS)
        if unknown:
            raise InvalidInputError(f"unknown session field(s): {', '.join(sorted(unknown))}")
        values = {name: _line(value) for name, value in fields.items()}
        if "title" in values:
            values["title"] = _required_line(fields["title"], "title")
        with self._write() as db:
            row = _session_row(db, session_id)
            for name, value in values.items():
                setattr(row, name, value)
            row.updated_at = now_iso()
            db.add(row)
        return self.get_session(session_id)

    def rename_session(self, session_id: int, title: str) -> SessionInfo:
        return self.update_session(session_id, title=title)

    def delete_session(self, session_id: int) -> None:
        with self._write() as db:
            _session_row(db, session_id)
            db.exec(delete(ItemRow).where(col(ItemRow.session_id) == session_id))
            db.exec(delete(ParticipantRow).where(col(ParticipantRow.session_id) == session_id))
            db.exec(delete(SessionRow).where(col(SessionRow.id) == session_id))

    def set_current_step(self, session_id: int, step: int) -> SessionInfo:
        with self._write() as db:
            row = _session_row(db, session_id)
            _check_step(row, step)
            row.current_step = step
            row.updated_at = now_iso()
            db.add(row)
        return self.get_session(session_id)

    # -- participants --------------------------------------------------------------------

    def add_participant(self, session_id: int, name: str) -> tuple[str, ...]:
        """Add a participant (once); returns the session's participants in order."""
        name = _required_line(name, "participant name")
        with self._write() as db:
            _touch(db, session_id)
            _add_participants(db, session_id, [name])
            return _participant_names(db, session_id)

    def remove_participant(self, session_id: int, name: str) -> tuple[str, ...]:
        """Remove a participant from the list; their items keep their author name."""
        with self._write() as db:
            _touch(db, session_id)
            db.exec(
                delete(ParticipantRow).where(
                    col(ParticipantRow.session_id) == session_id, col(ParticipantRow.name) == name
                )
            )
            return _participant_names(db, session_id)

    # -- items ---------------------------------------------------------------------------

    def add_item(
        self,
        session_id: int,
        step: int,
        column: str,
        text: str,
        *,
        author: str | None = None,
        item_id: str | None = None,
    ) -> Item:
        """Save a new item at the end of its column; the same `item_id` twice is stored once."""
        _check_column(column)
        text = _item_text(text)
        author = clean_name(author)
        item_id = item_id or new_id()
        with self._write() as db:
            existing = db.get(ItemRow, item_id)
            if existing is not None:
                return _item(existing)
            session = _touch(db, session_id)
            _check_step(session, step)
            stamp = session.updated_at
            row = ItemRow(
                id=item_id,
                session_id=session_id,
                step=step,
                column=column,
                text=text,
                author=author,
                position=_next_position(db, session_id, step, column),
                created_at=stamp,
                updated_at=stamp,
            )
            db.add(row)
            if author:
                _add_participants(db, session_id, [author])
            return _item(row)

    def get_item(self, item_id: str) -> Item:
        with self._read() as db:
            return _item(_item_row(db, item_id))

    def edit_item(self, item_id: str, text: str) -> Item:
        text = _item_text(text)
        with self._write() as db:
            row = _item_row(db, item_id)
            row.text = text
            row.updated_at = _touch(db, row.session_id).updated_at
            db.add(row)
            return _item(row)

    def set_author(self, item_id: str, author: str | None) -> Item:
        author = clean_name(author)
        with self._write() as db:
            row = _item_row(db, item_id)
            row.author = author
            row.updated_at = _touch(db, row.session_id).updated_at
            db.add(row)
            if author:
                _add_participants(db, row.session_id, [author])
            return _item(row)

    def delete_item(self, item_id: str) -> Item:
        """Delete an item; returns it as it was, for `restore_item` (undo)."""
        with self._write() as db:
            row = _item_row(db, item_id)
            item = _item(row)
            _touch(db, row.session_id)
            db.delete(row)
            return item

    def restore_item(self, item: Item) -> Item:
        """Put a deleted item back exactly as it was (same id, place and times)."""
        with self._write() as db:
            existing = db.get(ItemRow, item.id)
            if existing is not None:
                return _item(existing)
            session = _touch(db, item.session_id)
            _check_step(session, item.step)
            row = _row_from_item(item, item.session_id)
            db.add(row)
            return _item(row)

    def move_item(self, item_id: str, offset: int) -> list[Item]:
        """Move an item up (negative) or down (positive) in its column; returns the column."""
        with self._write() as db:
            row = _item_row(db, item_id)
            rows = _column_rows(db, row.session_id, row.step, row.column)
            index = next(i for i, r in enumerate(rows) if r.id == item_id)
            target = max(0, min(len(rows) - 1, index + offset))
            if target != index:
                rows.insert(target, rows.pop(index))
                for position, each in enumerate(rows):
                    if each.position != position:
                        each.position = position
                        db.add(each)
                _touch(db, row.session_id)
            return [_item(each) for each in rows]

    def list_items(self, session_id: int, step: int | None = None) -> list[Item]:
        """A session's items (or one step's), ordered by step, column and position."""
        with self._read() as db:
            _session_row(db, session_id)
            query = select(ItemRow).where(ItemRow.session_id == session_id)
            if step is not None:
                query = query.where(ItemRow.step == step)
            return [_item(row) for row in db.exec(_ordered(query)).all()]

    def session_data(self, session_id: int) -> SessionData:
        """Everything a session holds, for the summary screen and the exporters."""
        with self._read() as db:
            row = _session_row(db, session_id)
            items = tuple(
                _item(r) for r in db.exec(_ordered(select(ItemRow).where(ItemRow.session_id == session_id))).all()
            )
            info = _info(row, _participant_names(db, session_id), len(items))
            return SessionData(info=info, items=items)

    def import_session(self, data: SessionData, *, title: str | None = None) -> SessionInfo:
        """Store an imported (or merged) session whole, as a new session, in one transaction.

        Item ids, times, authors, positions and votes are kept; an id already in the store
        gets a new one, so importing the same file twice makes two independent sessions.
        """
        info = data.info
        title = _required_line(title if title is not None else info.title, "title")
        for item in data.items:
            _check_column(item.column)
            if not 1 <= item.step <= info.step_count:
                raise InvalidInputError(f"an item is in step {item.step}, outside 1-{info.step_count}")
        items = [(item, _item_text(item.text)) for item in data.items]
        stamp = now_iso()
        with self._write() as db:
            row = SessionRow(
                title=title,
                template_id=info.template_id,
                step_count=info.step_count,
                current_step=min(max(info.current_step, 1), info.step_count),
                event=_line(info.event),
                place=_line(info.place),
                date=_line(info.date),
                facilitator=_line(info.facilitator),
                created_at=info.created_at or stamp,
                updated_at=stamp,
            )
            db.add(row)
            db.flush()
            authors = [item.author for item, _ in items if item.author]
            _add_participants(db, row.id, [*info.participants, *authors])
            taken = _existing_ids(db, [item.id for item, _ in items])
            for item, text in items:
                item_id = item.id if item.id and item.id not in taken else new_id()
                taken.add(item_id)
                restored = Item(
                    **{**item.__dict__, "id": item_id, "text": text, "author": clean_name(item.author)}
                )
                db.add(_row_from_item(restored, row.id, default_stamp=stamp))
            session_id = row.id
        return self.get_session(session_id)


# -- helpers: validation ---------------------------------------------------------------------


def _line(value: str | None) -> str:
    return " ".join(clean_text(value or "").split())


def _required_line(value: str | None, what: str) -> str:
    line = _line(value)
    if not line:
        raise InvalidInputError(f"the {what} is empty")
    if len(line) > 500:
        raise InvalidInputError(f"the {what} is too long ({len(line):,} characters; at most 500)")
    return line


def _item_text(text: str) -> str:
    try:
        return clean_item_text(text)
    except (EmptyTextError, TextTooLongError) as error:
        raise InvalidInputError(str(error)) from None


def _check_column(column: str) -> None:
    if column not in COLUMNS:
        raise InvalidInputError(f"unknown column '{column}': use one of {', '.join(COLUMNS)}")


def _check_step(session: SessionRow, step: int) -> None:
    if not isinstance(step, int) or not 1 <= step <= session.step_count:
        raise InvalidInputError(f"step {step} is outside 1-{session.step_count}")


# -- helpers: queries ------------------------------------------------------------------------


def _session_row(db: Session, session_id: int, *, lock: bool = False) -> SessionRow:
    # On PostgreSQL, FOR UPDATE makes writers to one session queue up (SQLite's BEGIN
    # IMMEDIATE already does), so positions computed from max()+1 never collide.
    row = db.get(SessionRow, session_id, with_for_update=lock or None)
    if row is None:
        raise NotFoundError(f"unknown session {session_id}")
    return row


def _touch(db: Session, session_id: int) -> SessionRow:
    """Mark a session changed now (every change bumps it: lists sort by it, watchers poll it)."""
    row = _session_row(db, session_id, lock=True)
    row.updated_at = now_iso()
    db.add(row)
    return row


def _item_row(db: Session, item_id: str) -> ItemRow:
    row = db.get(ItemRow, item_id)
    if row is None:
        raise NotFoundError(f"unknown item {item_id} (deleted by someone else?)")
    return row


def _ordered(query):
    return query.order_by(
        col(ItemRow.step), col(ItemRow.column), col(ItemRow.position), col(ItemRow.created_at), col(ItemRow.id)
    )


def _column_rows(db: Session, session_id: int, step: int, column: str) -> list[ItemRow]:
    query = select(ItemRow).where(
        ItemRow.session_id == session_id, ItemRow.step == step, ItemRow.column == column
    )
    return list(db.exec(_ordered(query)).all())


def _next_position(db: Session, session_id: int, step: int, column: str) -> int:
    highest = db.exec(
        select(func.max(ItemRow.position)).where(
            ItemRow.session_id == session_id, ItemRow.step == step, ItemRow.column == column
        )
    ).one()
    return 0 if highest is None else highest + 1


def _existing_ids(db: Session, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = [i for i in ids[start : start + 500] if i]
        if chunk:
            found.update(db.exec(select(ItemRow.id).where(col(ItemRow.id).in_(chunk))).all())
    return found


def _participant_names(db: Session, session_id: int) -> tuple[str, ...]:
    query = (
        select(ParticipantRow.name)
        .where(ParticipantRow.session_id == session_id)
        .order_by(col(ParticipantRow.position), col(ParticipantRow.id))
    )
    return tuple(db.exec(query).all())


def _participants_by_session(db: Session) -> dict[int, tuple[str, ...]]:
    people: dict[int, list[str]] = {}
    query = select(ParticipantRow.session_id, ParticipantRow.name).order_by(
        col(ParticipantRow.position), col(ParticipantRow.id)
    )
    for session_id, name in db.exec(query).all():
        people.setdefault(session_id, []).append(name)
    return {key: tuple(names) for key, names in people.items()}


def _add_participants(db: Session, session_id: int, names: Iterable[str]) -> None:
    present = list(_participant_names(db, session_id))
    for raw in names:
        name = clean_name(raw)
        if name and name not in present:
            db.add(ParticipantRow(session_id=session_id, name=name, position=len(present)))
            present.append(name)
    db.flush()


# -- helpers: converters between rows and domain objects -------------------------------------


def _item(row: ItemRow) -> Item:
    return Item(
        id=row.id,
        session_id=row.session_id,
        step=row.step,
        column=row.column,
        text=row.text,
        author=row.author,
        position=row.position,
        votes=row.votes,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _row_from_item(item: Item, session_id: int, default_stamp: str | None = None) -> ItemRow:
    stamp = default_stamp or now_iso()
    return ItemRow(
        id=item.id,
        session_id=session_id,
        step=item.step,
        column=item.column,
        text=item.text,
        author=item.author,
        position=item.position,
        votes=max(0, int(item.votes or 0)),
        created_at=item.created_at or stamp,
        updated_at=item.updated_at or item.created_at or stamp,
    )


def _info(row: SessionRow, participants: tuple[str, ...], item_count: int) -> SessionInfo:
    return SessionInfo(
        id=row.id,
        title=row.title,
        template_id=row.template_id,
        event=row.event,
        place=row.place,
        date=row.date,
        facilitator=row.facilitator,
        step_count=row.step_count,
        current_step=row.current_step,
        created_at=row.created_at,
        updated_at=row.updated_at,
        item_count=item_count,
        participants=participants,
    )
