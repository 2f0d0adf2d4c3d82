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
    votes: int = 0
    created_at: str
    updated_at: str
