"""The session store: SQLModel tables and the only code that touches the database.

Screens and the command line call `Store` methods and get plain `workshop_tui.model` objects
back; they never build queries. Importing this package is cheap: SQLAlchemy and SQLModel are
loaded only when a store is opened, so the app can draw its first frame before they load.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workshop_tui.store.errors import (
    InvalidInputError,
    NotAllowedError,
    NotFoundError,
    StoreError,
    StoreOpenError,
    StoreWriteError,
)

if TYPE_CHECKING:
    from workshop_tui.store.opening import open_store
    from workshop_tui.store.store import Store

__all__ = [
    "InvalidInputError",
    "NotAllowedError",
    "NotFoundError",
    "Store",
    "StoreError",
    "StoreOpenError",
    "StoreWriteError",
    "open_store",
]


def __getattr__(name: str):
    if name == "Store":
        from workshop_tui.store.store import Store

        return Store
    if name == "open_store":
        from workshop_tui.store.opening import open_store

        return open_store
    raise AttributeError(name)
