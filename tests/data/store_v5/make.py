"""Writes `store_v5.sql` and the exports beside it, run with workshop-tui at schema 5 (b32f193):

    git archive b32f193 | tar -x -C /tmp/v5 && PYTHONPATH=/tmp/v5/src python tests/data/store_v5/make.py

Kept to say how the files were made; the test (`tests/store/test_migration_v7.py`) only reads them.
"""

import sqlite3
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from workshop_tui.content import load_catalog
from workshop_tui.export import FORMATS, EXTENSIONS, export_text
from workshop_tui.store import migrations, open_store

assert migrations.SCHEMA_VERSION == 5, "run with workshop-tui at schema 5"
HERE = Path(__file__).parent
T0 = datetime(2026, 12, 3, 14, 0, tzinfo=timezone.utc)

with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "v5.db"
    store = open_store(path)
    catalog = load_catalog(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[2] / "content")
    first = store.create_session("Berlin 2015", template_id="8-steps-partnership", step_count=8, event="WMCON",
                                 place="Berlin", date="2015-05-15", facilitator="Anne-Laure Prévost",
                                 participants=["Asaf Bartov", "Nathalie Martin"])
    a = store.add_item(first.id, 1, "action", "List WHY we need a partner", author="Asaf Bartov")
    b = store.add_item(first.id, 1, "action", "Map the partners we know", author="Nathalie Martin")
    c = store.add_item(first.id, 1, "obstacle", "[bold]No time[/bold] | {{template}}")
    store.add_item(first.id, 1, "tool", "=HYPERLINK(\"x\") a spreadsheet")
    d = store.add_item(first.id, 3, "obstacle", "Different timelines\nand budgets", author="Asaf Bartov")
    e = store.add_item(first.id, 5, "action", "Sign a letter of intent", author="Nathalie Martin")
    store.add_item(first.id, 8, "tool", "Blog post template 🎉")
    store.cluster_items([a.id, b.id])
    store.set_phase(first.id, 1, "vote")
    store.cast_vote(a.id, "Asaf Bartov")
    store.cast_vote(c.id, "Nathalie Martin")
    store.cast_vote(c.id, "Asaf Bartov")
    store.set_phase(first.id, 1, "discuss")
    store.set_followup(e.id, owner="Nathalie Martin", due="2015-06-01")
    store.set_followup(d.id, owner="Asaf Bartov", due="2015-07-01")
    store.set_followup_status(d.id, "done")
    store.start_timer(first.id, 1, now=T0)
    store.pause_timer(first.id, 1, now=T0.replace(minute=17, second=40))
    store.extend_timer(first.id, 1, 300)
    store.set_planned_seconds(first.id, 3, 20 * 60)
    store.set_resume_point(first.id, step=3, column="obstacle", speaker="Asaf Bartov")
    store.set_wiki_target(first.id, "https://meta.wikimedia.org/w/api.php", "Partnerships/Berlin", "Me@bot")
    second = store.continue_session(first.id, "Mexico 2015", date="2015-07-19")
    store.add_item(second.id, 2, "tool", "A shared calendar", author="Asaf Bartov")
    store.set_phase(second.id, 4, "private")
    store.add_item(second.id, 4, "action", "A private thought", author="Asaf Bartov")
    for info in (first, second):
        data = store.session_data(info.id)
        for fmt in FORMATS:
            name = f"session{info.id}{EXTENSIONS[fmt]}"
            (HERE / name).write_bytes(export_text(data, catalog.default, fmt, now=T0).encode("utf-8"))
    store.close()
    raw = sqlite3.connect(path)
    dump = "\n".join(raw.iterdump())
    raw.close()
    header = ("-- A schema-5 store as workshop-tui b32f193 wrote it (sqlite3 .dump, by make.py): two sessions\n"
              "-- (the second continues the first) with clusters, votes, follow-ups, timers, a private item.\n")
    (HERE / "store_v5.sql").write_text(header + dump + "\n", encoding="utf-8")
