"""`Store.session_rows`, the lean read of the csv and wikitext exports, on SQLite and PostgreSQL:
the same session as `session_data`, exported byte for byte as the exporters did before (the
reference in `tests/helpers/export_reference.py`), whatever the rows hold."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import update

from helpers import export_reference as reference
from workshop_tui import export
from workshop_tui.content import load_catalog
from workshop_tui.export.rows import cleaned, rows_of
from workshop_tui.store.tables import ItemRow

NOW = datetime(2026, 12, 4, 0, 30, tzinfo=timezone.utc)


def _filled(store, template_id: str, columns: tuple[str, ...]) -> int:
    """A session with a bit of everything: markup, formulas, clusters, votes, follow-ups, items
    written privately and not revealed, and an item another program wrote control characters into."""
    session = store.create_session("Review |{{x}}|", template_id=template_id, step_count=3,
                                   participants=["Ana", "Bo"], columns=columns)
    first, second, third = columns[:3]
    plain = store.add_item(session.id, 1, first, "Plain words", author="Ana")
    store.add_item(session.id, 1, first, "=SUM(A1)", author="=Bo")
    store.add_item(session.id, 1, second, "[bold] | {{template}}\n''two'' lines", author="Ana")
    marked = store.add_item(session.id, 2, third, "Ask the board", author="Bo")
    store.set_followup(marked.id, owner="Ana, B.", due="2026-12-15")
    a = store.add_item(session.id, 2, first, "one")
    b = store.add_item(session.id, 2, first, "two")
    store.cluster_items([a.id, b.id])
    store.cast_vote(a.id, "Ana")
    store.set_phase(session.id, 3, "private")
    store.add_item(session.id, 3, first, "not yet", author="Ana")
    store.add_item(session.id, 3, second, "nor this", author="Bo")
    with store._engine.begin() as connection:  # as another program could write it
        connection.execute(update(ItemRow.__table__).where(ItemRow.__table__.c.id == plain.id)
                           .values(text="\x1b[31m=red\x01|\u202e", author="\x07Ana"))
    return session.id


def test_the_lean_read_exports_as_session_data_did(store):
    catalog = load_catalog()
    for template_id in ("8-steps-partnership", "4ls"):  # the 4Ls' columns are not in alphabetical order
        template = catalog.get(template_id)
        session_id = _filled(store, template_id, template.column_keys)
        full, lean = store.session_data(session_id), store.session_rows(session_id)
        assert lean.info == full.info and lean.step_states == full.step_states
        assert lean.hidden_counts == full.hidden_counts == {3: 2}
        assert list(map(cleaned, lean.rows)) == list(map(cleaned, rows_of(full).rows))  # texts as stored
        assert lean.rows[0][2].startswith("\x1b")
        for fmt in export.ROW_FORMATS:
            text = export.export_text(lean, template, fmt, now=NOW)
            assert text == reference.export_text(full, template, fmt, now=NOW)
            assert "\x1b" not in text and "red" in text
