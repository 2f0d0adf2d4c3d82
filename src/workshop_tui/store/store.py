"""The `Store`: every read and write of sessions, participants and items.

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
from typing import Iterable, Iterator

from sqlalchemy import delete, func, insert
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from workshop_tui.model import DeletedItem, Item, SessionData, SessionInfo, StepState, StepView, new_id, now_iso
from workshop_tui.timebox import PHASES
from workshop_tui.store import migrations
from workshop_tui.store.engine import IMMEDIATE, sqlite_uri, translated
from workshop_tui.store.errors import InvalidInputError, NotFoundError, StoreOpenError, StoreWriteError
from workshop_tui.store.facilitation import MAX_VOTES_PER_PARTICIPANT, FacilitationMixin
from workshop_tui.store.participation import ParticipationMixin
from workshop_tui.store.presence import PresenceMixin
from workshop_tui.store.rows import (
    add_participants,
    check_column,
    check_step,
    column_rows,
    delete_row,
    edit_row,
    existing_ids,
    to_info,
    to_item,
    item_row,
    checked_item_text,
    one_line,
    next_position,
    participant_names,
    participants_by_session,
    read_items,
    read_votes,
    required_line,
    item_values,
    to_item_row,
    to_step_state,
    session_row,
    touch,
)
from workshop_tui.store.tables import ItemRow, ParticipantRow, PresenceRow, SessionRow, StepStateRow, VoteRow
from workshop_tui.store.write_lock import WriteLock
from workshop_tui.text import clean_name

SESSION_FIELDS = ("title", "event", "place", "date", "facilitator")


TOKEN_SQL = "SELECT max(updated_at), count(*) FROM sessions"
OWN_CHANGES_KEPT = 256


def _token(connection) -> int:
    """The change token (`Store.change_token`) as this transaction sees it."""
    newest, count = connection.exec_driver_sql(TOKEN_SQL).one()
    return hash((newest, count))


class Store(FacilitationMixin, PresenceMixin, ParticipationMixin):
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

    def __enter__(self) -> "Store":
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
            raise StoreWriteError(f"the store {self.location} is read-only; nothing was changed")
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
        for _ in range(OWN_CHANGES_KEPT):
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
                uri = sqlite_uri(str(self.db_path), read_only=self.read_only)
                self._watch = sqlite3.connect(uri, uri=True, check_same_thread=False)
            version = self._watch.execute("PRAGMA data_version").fetchone()[0]
            if version != self._watch_version:
                newest, count = self._watch.execute(TOKEN_SQL).fetchone()
                self._watch_version, self._watch_token = version, hash((newest, count))
            return self._watch_token

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
        title = required_line(title, "title")
        if not 1 <= step_count <= 50:
            raise InvalidInputError(f"a session needs 1 to 50 steps, not {step_count}")
        stamp = now_iso()
        row = SessionRow(
            title=title,
            template_id=template_id,
            step_count=step_count,
            event=one_line(event),
            place=one_line(place),
            date=one_line(date),
            facilitator=one_line(facilitator),
            created_at=stamp,
            updated_at=stamp,
        )
        with self._write() as db:
            db.add(row)
            db.flush()
            add_participants(db, row.id, participants)
            session_id = row.id
        return self.get_session(session_id)

    def list_sessions(self) -> list[SessionInfo]:
        """Every session, newest change first, with its item count and participants."""
        with self._read() as db:
            counts = dict(
                db.exec(select(ItemRow.session_id, func.count()).group_by(ItemRow.session_id)).all()
            )
            people = participants_by_session(db)
            rows = db.exec(select(SessionRow).order_by(col(SessionRow.updated_at).desc())).all()
            return [to_info(row, people.get(row.id, ()), counts.get(row.id, 0)) for row in rows]

    def get_session(self, session_id: int) -> SessionInfo:
        with self._read() as db:
            row = session_row(db, session_id)
            count = db.exec(select(func.count()).where(ItemRow.session_id == session_id)).one()
            return to_info(row, participant_names(db, session_id), count)

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
        values = {name: one_line(value) for name, value in fields.items()}
        if "title" in values:
            values["title"] = required_line(fields["title"], "title")
        with self._write() as db:
            row = session_row(db, session_id)
            for name, value in values.items():
                setattr(row, name, value)
            row.updated_at = now_iso()
            db.add(row)
        return self.get_session(session_id)

    def rename_session(self, session_id: int, title: str) -> SessionInfo:
        return self.update_session(session_id, title=title)

    def delete_session(self, session_id: int) -> None:
        with self._write() as db:
            session_row(db, session_id)
            for table in (VoteRow, StepStateRow, PresenceRow, ItemRow, ParticipantRow):
                db.exec(delete(table).where(col(table.session_id) == session_id))
            db.exec(delete(SessionRow).where(col(SessionRow.id) == session_id))

    def set_current_step(self, session_id: int, step: int) -> SessionInfo:
        with self._write() as db:
            row = session_row(db, session_id)
            check_step(row, step)
            row.current_step = step
            row.updated_at = now_iso()
            db.add(row)
        return self.get_session(session_id)

    # -- participants --------------------------------------------------------------------

    def add_participant(self, session_id: int, name: str) -> tuple[str, ...]:
        """Add a participant (once); returns the session's participants in order."""
        name = required_line(name, "participant name")
        with self._write() as db:
            touch(db, session_id)
            add_participants(db, session_id, [name])
            return participant_names(db, session_id)

    def remove_participant(self, session_id: int, name: str) -> tuple[str, ...]:
        """Remove a participant from the list; their items keep their author name."""
        with self._write() as db:
            touch(db, session_id)
            db.exec(
                delete(ParticipantRow).where(
                    col(ParticipantRow.session_id) == session_id, col(ParticipantRow.name) == name
                )
            )
            return participant_names(db, session_id)

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
        check_column(column)
        text = checked_item_text(text)
        author = clean_name(author)
        item_id = item_id or new_id()
        with self._write() as db:
            existing = db.get(ItemRow, item_id)
            if existing is not None:
                return to_item(existing)
            session = touch(db, session_id)
            check_step(session, step)
            stamp = session.updated_at
            row = ItemRow(
                id=item_id,
                session_id=session_id,
                step=step,
                column=column,
                text=text,
                author=author,
                position=next_position(db, session_id, step, column),
                created_at=stamp,
                updated_at=stamp,
            )
            db.add(row)
            if author:
                add_participants(db, session_id, [author])
            return to_item(row)

    def get_item(self, item_id: str) -> Item:
        with self._read() as db:
            return to_item(item_row(db, item_id))

    def edit_item(self, item_id: str, text: str) -> Item:
        text = checked_item_text(text)
        with self._write() as db:
            return edit_row(db, item_row(db, item_id), text)

    def set_author(self, item_id: str, author: str | None) -> Item:
        author = clean_name(author)
        with self._write() as db:
            row = item_row(db, item_id)
            row.author = author
            row.updated_at = touch(db, row.session_id).updated_at
            db.add(row)
            if author:
                add_participants(db, row.session_id, [author])
            return to_item(row)

    def delete_item(self, item_id: str) -> DeletedItem:
        """Delete an item and its votes; returns both, for `restore_item` (undo)."""
        with self._write() as db:
            return delete_row(db, item_row(db, item_id))

    def restore_item(self, deleted: DeletedItem) -> Item:
        """Put a deleted item back exactly as it was: same id, place, times and votes."""
        item = deleted.item
        with self._write() as db:
            existing = db.get(ItemRow, item.id)
            if existing is not None:
                return to_item(existing)
            session = touch(db, item.session_id)
            check_step(session, item.step)
            row = to_item_row(item, item.session_id)
            db.add(row)
            db.flush()
            for vote in deleted.votes:
                if db.get(VoteRow, vote.id) is None:
                    db.add(VoteRow(id=vote.id, session_id=item.session_id, item_id=item.id, step=item.step,
                                   participant=vote.participant, created_at=vote.created_at))
            return to_item(row)

    def move_item(self, item_id: str, offset: int) -> list[Item]:
        """Move an item up (negative) or down (positive) in its column; returns the column."""
        with self._write() as db:
            row = item_row(db, item_id)
            rows = column_rows(db, row.session_id, row.step, row.column)
            index = next(i for i, r in enumerate(rows) if r.id == item_id)
            target = max(0, min(len(rows) - 1, index + offset))
            if target != index:
                rows.insert(target, rows.pop(index))
                for position, each in enumerate(rows):
                    if each.position != position:
                        each.position = position
                        db.add(each)
                touch(db, row.session_id)
            return [to_item(each) for each in rows]

    def list_items(self, session_id: int, step: int | None = None) -> list[Item]:
        """A session's items (or one step's), ordered by step, column and position."""
        with self._read() as db:
            session_row(db, session_id)
            return list(read_items(db, session_id, step))

    def step_view(self, session_id: int, step: int) -> StepView:
        """One step's items, the session header, item counts per step and the step's state."""
        with self._read() as db:
            row = session_row(db, session_id)
            check_step(row, step)
            items = read_items(db, session_id, step)
            counts = dict(
                db.exec(
                    select(ItemRow.step, func.count()).where(ItemRow.session_id == session_id).group_by(ItemRow.step)
                ).all()
            )
            state = db.get(StepStateRow, (session_id, step))
            return StepView(
                info=to_info(row, participant_names(db, session_id), sum(counts.values())),
                step=step,
                items=items,
                counts=counts,
                state=to_step_state(state) if state else StepState(step=step),
            )

    def session_data(self, session_id: int) -> SessionData:
        """Everything a session holds, for the summary screen and the exporters."""
        with self._read() as db:
            row = session_row(db, session_id)
            items = read_items(db, session_id)
            info = to_info(row, participant_names(db, session_id), len(items))
            votes = read_votes(db, session_id)
            states = db.exec(
                select(StepStateRow).where(StepStateRow.session_id == session_id).order_by(col(StepStateRow.step))
            ).all()
            return SessionData(
                info=info,
                items=items,
                votes=votes,
                step_states=tuple(to_step_state(state) for state in states),
            )

    def import_session(self, data: SessionData, *, title: str | None = None) -> SessionInfo:
        """Store an imported (or merged) session whole, as a new session, in one transaction.

        Item ids, times, authors, positions, votes, clusters, follow-ups and step states are
        kept; an id already in the store gets a new one, so importing the same file twice
        makes two independent sessions. Anything invalid refuses the whole import.
        """
        info = data.info
        title = required_line(title if title is not None else info.title, "title")
        items = [(item, checked_item_text(item.text)) for item in _valid_items(data)]
        states = _valid_states(data)
        stamp = now_iso()
        with self._write() as db:
            row = SessionRow(
                title=title,
                template_id=info.template_id,
                step_count=info.step_count,
                current_step=min(max(info.current_step, 1), info.step_count),
                votes_per_participant=max(0, min(info.votes_per_participant, MAX_VOTES_PER_PARTICIPANT)),
                participants_follow=bool(info.participants_follow),
                event=one_line(info.event),
                place=one_line(info.place),
                date=one_line(info.date),
                facilitator=one_line(info.facilitator),
                created_at=info.created_at or stamp,
                updated_at=stamp,
            )
            db.add(row)
            db.flush()
            people = [*info.participants, *(item.author for item, _ in items), *(vote.participant for vote in data.votes)]
            add_participants(db, row.id, [name for name in people if name])
            new_ids = _fresh_ids(db, ItemRow, [item.id for item, _ in items])
            # Core's executemany, not an ORM object per item: a 100,000-item file imports in seconds.
            values = [item_values(item, row.id, stamp, item_id=new_ids[item.id], text=text,
                                  author=clean_name(item.author)) for item, text in items]
            for start in range(0, len(values), 5_000):
                db.connection().execute(insert(ItemRow.__table__), values[start : start + 5_000])
            votes = [vote for vote in data.votes if vote.item_id in new_ids and clean_name(vote.participant)]
            steps = {item.id: item.step for item, _ in items}
            vote_ids = _fresh_ids(db, VoteRow, [vote.id for vote in votes])
            for vote in votes:
                db.add(VoteRow(id=vote_ids[vote.id], session_id=row.id, item_id=new_ids[vote.item_id],
                               step=steps[vote.item_id], participant=clean_name(vote.participant),
                               created_at=vote.created_at or stamp))
            for state in states:
                db.add(StepStateRow(session_id=row.id, **{k: v for k, v in state.__dict__.items()}))
            session_id = row.id
        return self.get_session(session_id)


def _valid_items(data: SessionData) -> list[Item]:
    ids = [item.id for item in data.items if item.id]
    if len(ids) != len(set(ids)):
        raise InvalidInputError("the session holds the same item id twice")
    for item in data.items:
        check_column(item.column)
        if not isinstance(item.step, int) or not 1 <= item.step <= data.info.step_count:
            raise InvalidInputError(f"an item is in step {item.step}, outside 1-{data.info.step_count}")
    return list(data.items)


def _valid_states(data: SessionData) -> list[StepState]:
    seen: set[int] = set()
    for state in data.step_states:
        if not 1 <= state.step <= data.info.step_count or state.step in seen:
            raise InvalidInputError(f"a step state is for step {state.step}, outside 1-{data.info.step_count} or twice")
        if state.phase not in PHASES:
            raise InvalidInputError(f"unknown phase '{state.phase}' in step {state.step}")
        if min(state.extra_seconds, state.spent_seconds, state.planned_seconds or 0) < 0:
            raise InvalidInputError(f"negative time in step {state.step}")
        seen.add(state.step)
    return list(data.step_states)


def _fresh_ids(db: Session, table, ids: list[str]) -> dict[str, str]:
    """Each id mapped to itself, or to a new id where the store (or this list) already has it."""
    taken = existing_ids(db, table, ids)
    mapping: dict[str, str] = {}
    for old in ids:
        new = old if old and old not in taken and len(old) <= 32 else new_id()
        taken.add(new)
        mapping[old] = new
    return mapping
