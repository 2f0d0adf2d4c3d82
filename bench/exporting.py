"""4. Export: 100,000 items to CSV and to wikitext, against sqlite3 + `csv.writer`.

Ours is what `workshop-tui export` does once its modules are loaded: open the store, read the
session (`Store.session_rows`, the lean read csv and wikitext are written from), make the text
(`export.export_text`), close the store. The
baseline reads the same rows with the standard library's `sqlite3` and writes the same fifteen
CSV fields with `csv.writer` (every field quoted): the floor of any export. Both run in this
process, interleaved, after one warm-up round each.

    python bench/exporting.py [--quick]
"""

from __future__ import annotations

import csv
import io
import sqlite3
import time
from pathlib import Path

from common import Figure, isolate, main, make_store, median, ms, pair_ratios, side_by_side, workdir

ITEMS = 100_000
TARGET = 1.3
HEADER = ("session", "step", "step_title", "column", "text", "author", "votes", "created_at", "cluster", "followup",
          "owner", "due", "step_phase", "step_planned_minutes", "step_spent_minutes")


def baseline_csv(db: Path, session_id: int, step_titles: dict[int, str]) -> str:
    """The floor: the same rows read with sqlite3 and written with csv.writer."""
    connection = sqlite3.connect(db)
    try:
        title = connection.execute("SELECT title FROM sessions WHERE id = ?", (session_id,)).fetchone()[0]
        rows = connection.execute(
            'SELECT step, "column", text, author, votes, created_at, cluster_id, followup, owner, due FROM items '
            'WHERE session_id = ? ORDER BY step, "column", position', (session_id,)).fetchall()
    finally:
        connection.close()
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(HEADER)
    for step, column, text, author, votes, created_at, cluster, followup, owner, due in rows:
        writer.writerow((title, step, step_titles.get(step, ""), column, text, author or "", votes, created_at,
                         cluster or "", "yes" if followup else "", owner or "", due, "brainstorm", "", ""))
    return out.getvalue()


def ours(db: Path, session_id: int, template, fmt: str) -> str:
    from workshop_tui import export
    from workshop_tui.store import open_store

    with open_store(db) as store:
        data = store.session_rows(session_id)
    return export.export_text(data, template, fmt)


def run(quick: bool = False) -> list[Figure]:
    from workshop_tui.content import load_catalog

    rounds = 2 if quick else 7
    items = 10_000 if quick else ITEMS
    figures = []
    with workdir("export") as folder:
        isolate(Path(folder))
        db = Path(folder) / "export.db"
        session_id = make_store(db, {"Exported": items})["Exported"]
        template = load_catalog().default
        titles = {step.number: step.title for step in template.steps}

        def timed(function, *args) -> float:
            started = time.perf_counter()
            function(*args)
            return time.perf_counter() - started

        floor_size = len(baseline_csv(db, session_id, titles))
        for fmt in ("csv", "wikitext"):
            size = len(ours(db, session_id, template, fmt))  # warm-up, not counted
            mine, floor = side_by_side(lambda: timed(ours, db, session_id, template, fmt),
                                       lambda: timed(baseline_csv, db, session_id, titles), rounds)
            figures.append(Figure(f"4. Export {items:,} items to {fmt}", ms(median(mine)), ms(median(floor)), TARGET,
                                  pairs=pair_ratios(mine, floor),
                                  notes=[f"{rounds} rounds each; {size / 1e6:.1f} MB of {fmt} "
                                         f"(the baseline writes {floor_size / 1e6:.1f} MB of csv)"]))
    return figures


if __name__ == "__main__":
    raise SystemExit(main(run, __doc__.splitlines()[0]))
