"""The `Store`: every read and write of sessions, participants and items.

Each method is one transaction, committed before it returns: a change reported saved survives
a killed process. Writes begin with `BEGIN IMMEDIATE` and, on SQLite older than 3.51.3, under
the cross-process write lock (see `write_lock`). Every database error becomes a `StoreError`
with one clear line, and a failed write changes nothing.

The class is put together from one module per kind of thing: `base` (opening, transactions,
change detection), `sessions`, `items`, `importing`, `facilitation`, `votes` (dot votes), `private` (private
writing), `presence`, `participation`, `claims` (name claims), `history` and `between` (follow-up status,
carry-over, wiki targets), `summary_read` (the summary's read of a whole session) and `export_read` (the big
exports' lean read).
"""

from __future__ import annotations

from workshop_tui.store.between import BetweenSessionsMixin
from workshop_tui.store.claims import ClaimsMixin
from workshop_tui.store.export_read import ExportReadsMixin
from workshop_tui.store.facilitation import FacilitationMixin
from workshop_tui.store.history import HistoryMixin
from workshop_tui.store.importing import ImportMixin
from workshop_tui.store.items import ItemsMixin
from workshop_tui.store.participation import ParticipationMixin
from workshop_tui.store.presence import PresenceMixin
from workshop_tui.store.private import PrivateWritingMixin
from workshop_tui.store.summary_read import SummaryReadMixin
from workshop_tui.store.votes import VotesMixin


class Store(BetweenSessionsMixin, ImportMixin, ItemsMixin, FacilitationMixin, VotesMixin, PrivateWritingMixin,
            PresenceMixin, ParticipationMixin, ClaimsMixin, HistoryMixin, SummaryReadMixin, ExportReadsMixin):
    """Sessions, their participants and their items, in SQLite or PostgreSQL."""
