"""Writes `store_v7.sql` and the exports beside it, run with workshop-tui at schema 7 (d7b5627):

    git archive d7b5627 | tar -x -C /tmp/v7 && PYTHONPATH=/tmp/v7/src python tests/data/store_v7/make.py

Kept to say how the files were made; the test (`tests/store/test_migration_v8.py`) only reads them.
"""

import sqlite3
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from workshop_tui.content import load_catalog
from workshop_tui.export import FORMATS, EXTENSIONS, export_text
from workshop_tui.store import migrations, open_store

assert migrations.SCHEMA_VERSION == 7, "run with workshop-tui at schema 7"
HERE = Path(__file__).parent
T0 = datetime(2026, 12, 3, 14, 0, tzinfo=timezone.utc)

with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "v7.db"
    store = open_store(path)
    catalog = load_catalog(HERE.parents[2] / "content")
    swot = catalog.get("swot")
    first = store.create_session("Strategy 2027", template_id="swot", step_count=swot.step_count, facilitator="Ana",
                                 participants=["Bo", "Cy"], language="fr", columns=swot.column_keys)
    a = store.add_item(first.id, 1, "strength", "A loyal community", author="Bo")
    b = store.add_item(first.id, 1, "threat", "Less funding", author="Cy")
    store.add_item(first.id, 2, "weakness", "Few volunteers", author="Bo")
    store.set_phase(first.id, 1, "vote")
    store.set_votes_per_participant(first.id, 5)  # what the step screen did for the template's `dots = 5`
    for _ in range(4):
        store.cast_vote(a.id, "Bo")
    store.cast_vote(b.id, "Cy")
    store.set_phase(first.id, 1, "discuss")
    store.start_timer(first.id, 1, now=T0)
    store.pause_timer(first.id, 1, now=T0.replace(minute=9, second=5))
    second = store.create_session("Partnerships", template_id="8-steps-partnership", step_count=8, facilitator="Ana",
                                  participants=["Bo"])
    c = store.add_item(second.id, 3, "obstacle", "Different timelines", author="Bo")
    store.set_phase(second.id, 3, "vote")
    store.cast_vote(c.id, "Bo")
    store.set_planned_seconds(second.id, 2, 20 * 60)
    for info in (first, second):
        data = store.session_data(info.id)
        for fmt in FORMATS:
            name = f"session{info.id}{EXTENSIONS[fmt]}"
            (HERE / name).write_bytes(export_text(data, catalog.for_session(data.info), fmt, now=T0).encode("utf-8"))
    store.close()
    raw = sqlite3.connect(path)
    dump = "\n".join(raw.iterdump())
    raw.close()
    header = ("-- A schema-7 store as workshop-tui d7b5627 wrote it (sqlite3 .dump, by make.py): a SWOT session in\n"
              "-- French whose step 1 voted with the template's 5 dots (set session-wide), and an 8-steps session.\n")
    (HERE / "store_v7.sql").write_text(header + dump + "\n", encoding="utf-8")
