"""Cost curves: how adding, opening, exporting and memory grow with a session's size.

For sessions of 100, 1,000, 10,000 and 100,000 items (spread over the 8 steps and 3 columns,
as a session fills up), in one run on one machine:

- add: Enter to the frame showing the saved item, through the real app (`probes/add_pilot.py`),
  median and p99 of `ADDS` adds;
- open: a fresh app process opening the session from the start screen to its step screen, then
  to its whole summary (`probes/open_pilot.py`), and that process's peak memory;
- export: `Store.session_rows` + the CSV and wikitext text, as `workshop-tui export` does (the
  median of `ROUNDS`).

It prints a Markdown table (the README's "Cost curves" table is a copy of one run), so anyone
can see which costs stay flat as a session grows (adding) and which grow with it (opening the
whole summary, exporting every item). No target here: the targets are `run.py`'s ratios.

    python bench/curves.py [--quick] [--sizes 100 1000 ...]
"""

from __future__ import annotations

import argparse
import datetime
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from adding import Pilot  # noqa: E402
from common import isolate, machine, make_store, median, percentile, workdir  # noqa: E402
from exporting import ours  # noqa: E402
from opening import open_once  # noqa: E402

SIZES = (100, 1_000, 10_000, 100_000)
ADDS = 200
ROUNDS = 3


def measure(size: int, folder: Path, env: dict[str, str], *, adds: int, rounds: int) -> dict[str, float]:
    from workshop_tui.content import load_catalog

    db = folder / f"s{size}.db"
    session_id = make_store(db, {f"Session of {size:,}": size})[f"Session of {size:,}"]
    figures: dict[str, float] = {}
    template = load_catalog().default
    for fmt in ("csv", "wikitext"):
        ours(db, session_id, template, fmt)  # warm-up, not counted
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            ours(db, session_id, template, fmt)
            times.append((time.perf_counter() - started) * 1000)
        figures[fmt] = median(times)
    opened = open_once(db, env)  # before the adds: the session as it was made
    figures.update(step=opened["step"], summary=opened["summary"], rss=opened["rss"])
    pilot = Pilot(db, env)
    try:
        pilot.expect("ready")
        pilot.add(10)  # warm-up, not counted
        pilot.times.clear()
        pilot.add(adds)
    finally:
        if pilot.process.poll() is None:
            pilot.quit()
    figures.update(add=median(pilot.times), add_p99=percentile(pilot.times, 99))
    return figures


def table(rows: dict[int, dict[str, float]]) -> str:
    lines = ["| items | add, median | add, p99 | open to step | then summary | peak memory | CSV export | "
             "wikitext export |",
             "|------:|------:|------:|------:|------:|------:|------:|------:|"]
    for size, f in rows.items():
        lines.append(f"| {size:,} | {f['add']:.1f} ms | {f['add_p99']:.1f} ms | {f['step']:,.0f} ms | "
                     f"{f['summary']:,.0f} ms | {f['rss']:.0f} MB | {f['csv']:,.0f} ms | {f['wikitext']:,.0f} ms |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer adds and rounds, 100 and 1,000 items only")
    parser.add_argument("--sizes", nargs="+", type=int, metavar="N", help=f"session sizes (default {SIZES})")
    args = parser.parse_args()
    sizes = args.sizes or ((100, 1_000) if args.quick else SIZES)
    adds, rounds = (20, 1) if args.quick else (ADDS, ROUNDS)
    started = time.monotonic()
    rows: dict[int, dict[str, float]] = {}
    with workdir("curves") as folder:
        env = isolate(Path(folder))
        for size in sizes:
            print(f"measuring {size:,} items ...", file=sys.stderr, flush=True)
            rows[size] = measure(size, Path(folder), env, adds=adds, rounds=rounds)
    print(table(rows))
    print(f"\n{datetime.date.today().isoformat()}; {machine()}; {time.monotonic() - started:.0f} s in all"
          + ("; --quick: fewer adds and rounds, not a measurement" if args.quick else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
