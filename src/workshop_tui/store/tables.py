"""The SQLModel tables. Only the store module reads or writes them.

Times are ISO 8601 text in UTC (exact, sortable, portable between SQLite and PostgreSQL).
Item ids are made by the client (a UUID hex), so saving the same item twice stores it once.
"""

from __future__ import annotations

from typing import Optional

from sqlalchemy import Column, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlmodel import Field, SQLModel


class MetaRow(SQLModel, table=True):
    """Facts about the store itself, such as its schema version."""

    __tablename__ = "store_meta"

    key: str = Field(primary_key=True)
    value: str


class SessionRow(SQLModel, table=True):
    """One run of a workshop."""

    __tablename__ = "sessions"

    id: Optional[int] = Field(default=None, primary_key=True)
    title: str
    event: str = ""
    place: str = ""
    date: str = ""
    facilitator: str = ""
    template_id: str
    step_count: int
    current_step: int = 1
    votes_per_participant: int = 3
    participants_follow: bool = True
    speaker: str = ""  # the resume point: who is at the facilitator's keyboard ("" = not chosen)
    current_column: str = ""  # and the column they type into ("" = the first)
    language: str = ""  # the language of its exports ("" = English, a session older than languages)
    column_keys: str = "action,obstacle,tool"  # its template's column keys, comma-separated (its shape)
    created_at: str
    updated_at: str


class ParticipantRow(SQLModel, table=True):
    """Someone taking part in a session; items name their author by this name."""

    __tablename__ = "participants"
    __table_args__ = (UniqueConstraint("session_id", "name"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    session_id: int = Field(
        sa_column=Column(Integer, ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False)
    )
    name: str
    position: int = 0


class ItemRow(SQLModel, table=True):
    """One contribution to a step's column: an action, an obstacle or a tool."""

    __tablename__ = "items"
    __table_args__ = (Index("ix_items_place", "session_id", "step", "column", "position"),)

    id: str = Field(sa_column=Column(String(32), primary_key=True))
    session_id: int = Field(
        sa_column=Column(Integer, ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False)
    )
    step: int
    column: str
    text: str
    author: Optional[str] = None
    position: int = 0
    votes: int = 0  # the total: vote rows plus votes imported without their voters
    cluster_id: Optional[str] = None
    followup: bool = False
    owner: Optional[str] = None
    due: str = ""
    hidden: bool = False  # written privately, not revealed yet: shown to its author only
    followup_status: str = "open"  # open, done, dropped, carried (model.FOLLOWUP_STATUSES)
    from_last_time: bool = False  # carried over from the session this one continues
    created_at: str
    updated_at: str


class StepStateRow(SQLModel, table=True):
    """A step's phase and timebox clock, once the facilitator has touched either."""

    __tablename__ = "step_states"

    session_id: int = Field(
        sa_column=Column(Integer, ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True)
    )
    step: int = Field(primary_key=True)
    phase: str = "brainstorm"
    planned_seconds: Optional[int] = None
    extra_seconds: int = 0
    spent_seconds: float = 0.0
    running_since: Optional[str] = None
    anonymous: bool = False  # revealing drops the authors of the step's private items
    dots: Optional[int] = None  # the step's own dots per participant (schema 8); None: the session's


class VoteRow(SQLModel, table=True):
    """One dot: a participant's vote on an item, in the item's step."""

    __tablename__ = "votes"
    __table_args__ = (Index("ix_votes_voter", "session_id", "step", "participant"),)

    id: str = Field(sa_column=Column(String(32), primary_key=True))
    session_id: int = Field(
        sa_column=Column(Integer, ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False)
    )
    item_id: str = Field(
        sa_column=Column(String(32), ForeignKey("items.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    step: int
    participant: str
    created_at: str


class PresenceRow(SQLModel, table=True):
    """A screen showing a session (participant, presenter), with its last sign of life."""

    __tablename__ = "presence"

    client_id: str = Field(sa_column=Column(String(32), primary_key=True))
    session_id: int = Field(
        sa_column=Column(Integer, ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    role: str
    participant: Optional[str] = None
    last_seen: str


class NameClaimRow(SQLModel, table=True):
    """A participant's name in a session, held by the screen that knows the token behind `token_hash`.

    Only the SHA-256 of the token is kept: the store never holds the secret itself."""

    __tablename__ = "name_claims"

    session_id: int = Field(
        sa_column=Column(Integer, ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True)
    )
    name: str = Field(primary_key=True)
    token_hash: str
    claimed_at: str


class HistoryRow(SQLModel, table=True):
    """One change to an item, written in the transaction that made it: when, who, what, and
    the item as it was right after (`state`, JSON; for a deletion, as it was when deleted)."""

    __tablename__ = "item_history"
    __table_args__ = (Index("ix_item_history_session", "session_id", "at"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    session_id: int = Field(
        sa_column=Column(Integer, ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False)
    )
    at: str
    who: Optional[str] = None  # None: the facilitator's screen or the command line
    kind: str  # see store/history.py KINDS; "" for an item moved along by another's move
    item_id: str = Field(sa_column=Column(String(32), nullable=False, index=True))
    state: str
    detail: Optional[str] = None  # JSON: what was before (an edit), the dot (a vote)


class WikiTargetRow(SQLModel, table=True):
    """Where a session was last published from the app: the wiki's API and the page (and the
    user), so the export dialog's "Publish to wiki" proposes them again. Never a password."""

    __tablename__ = "wiki_targets"

    session_id: int = Field(
        sa_column=Column(Integer, ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True)
    )
    api_url: str
    page: str
    user: str = ""
    updated_at: str
