"""The errors the store raises: each carries one clear line for the user, never a traceback."""

from __future__ import annotations


class StoreError(Exception):
    """Anything the store cannot do; `str(error)` is one line fit to show a user."""


class StoreOpenError(StoreError):
    """The store file cannot be used: not a database, corrupt, newer schema, unreadable."""


class StoreWriteError(StoreError):
    """A change could not be saved: disk full, read-only store, locked too long. Nothing changed."""


class NotFoundError(StoreError):
    """An unknown session or item."""


class InvalidInputError(StoreError):
    """A value the store refuses: an empty item, a step out of range, an unknown column."""


class NotAllowedError(StoreError):
    """Something this caller may not do: a participant editing another's item, voting out of phase."""
