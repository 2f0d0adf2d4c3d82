"""Checks on a SQLite store file made before SQLite opens it, so a bad file is never touched.

SQLite happily turns a zero-byte file into a fresh database and writes beside a corrupt one;
these checks read the file's header first and refuse anything that is not a whole SQLite
database, with one clear line.
"""

from __future__ import annotations

import os
from pathlib import Path

from workshop_tui.i18n import _
from workshop_tui.store.errors import StoreOpenError

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


def check_existing_file(path: Path) -> None:
    """Refuse a path that exists but is not a usable SQLite database file."""
    if path.is_dir():
        raise StoreOpenError(_('{path} is a folder, not a workshop-tui store').format(path=path))
    try:
        with path.open("rb") as handle:
            header = handle.read(HEADER_SIZE)
            size = os.fstat(handle.fileno()).st_size
    except PermissionError:
        raise StoreOpenError(_('cannot read the store {path}: permission denied').format(path=path)) from None
    except OSError as error:
        raise StoreOpenError(_('cannot read the store {path}: {value1}').format(path=path, value1=error.strerror or error)) from None
    if size == 0:
        raise StoreOpenError(_('{path} is empty (0 bytes): not a workshop-tui store; left as it is').format(path=path))
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        raise StoreOpenError(_('{path} is not a SQLite database: not a workshop-tui store; left as it is').format(path=path))
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    change_counter = header[24:28]
    valid_for = header[92:96]
    # The in-header page count is only trusted when it was written by the last change.
    if page_size and page_count and change_counter == valid_for and size < page_size * page_count:
        raise StoreOpenError(
            _('{path} is truncated ({size:,} of {value2:,} bytes): the store is damaged; left as it is').format(path=path, size=size, value2=page_size * page_count)
        )


def check_folder_for_new_file(path: Path) -> None:
    """Refuse to create a store in a folder that does not exist."""
    if not path.parent.exists():
        raise StoreOpenError(_('cannot create the store {path}: the folder {parent} does not exist').format(path=path, parent=path.parent))
