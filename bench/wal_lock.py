"""What the WAL-reset remedy costs: 20 writer processes, with and without the write lock.

SQLite before 3.51.3 can corrupt a WAL database when connections write and checkpoint at
once; `store/write_lock.py` holds a cross-process `flock` around every write transaction and
its auto-checkpoint. This measures the price, side by side in one run: twenty processes each
add items to one store file as fast as they can (every add its own committed transaction,
`synchronous=FULL`), once with the lock and once with it turned off, alternating (ABBA
rounds) so that a machine getting busier or quieter weighs on both alike. It prints the
writes per second of each (median of the rounds) and their ratio, and checks every store
afterwards (`PRAGMA integrity_check`, every item exactly once). It also counts the adds that
failed with "the store is busy" (a writer that waited the whole 10 s busy timeout in vain, and
then sent the same item again, as a person pressing Enter again would).

    python bench/wal_lock.py [--writers 20] [--items 50] [--rounds 4]
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WRITER = r"""
import sys, time
from pathlib import Path
location, session, count, tag, locked, go = sys.argv[1:7]
import workshop_tui.store.opening as opening
if locked == "0":
    opening.sqlite_needs_lock = lambda: False  # the remedy off, for comparison only
from workshop_tui.model import COLUMNS, new_id
from workshop_tui.store.errors import StoreWriteError
store = opening.open_store(location)
assert (store._write_lock is not None) == (locked == "1"), "lock mode not as asked"
print("ready", flush=True)
while not Path(go).exists():
    time.sleep(0.001)
busy = 0
for n in range(int(count)):
    item_id = new_id()
    while True:  # as a person would: Enter again, the same item (stored once)
        try:
            store.add_item(int(session), 1 + n % 8, COLUMNS[n % 3], f"{tag} {n}", author=tag, item_id=item_id)
            break
        except StoreWriteError:
            busy += 1  # "the store is busy": waited the whole busy timeout (10 s) in vain
print(time.time(), busy, flush=True)
store.close()
"""


def one_round(folder: Path, *, locked: bool, writers: int, items: int, number: int) -> tuple[float, int]:
    """Writes per second of `writers` processes adding `items` each to a fresh store, and how
    many adds failed with "the store is busy" (and were sent again)."""
    from workshop_tui.store import open_store

    location = folder / f"round{number}-{'lock' if locked else 'nolock'}.db"
    with open_store(location) as store:
        session = store.create_session("Bench", template_id="8-steps-partnership", step_count=8).id
    go = folder / f"go{number}"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    processes = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(location), str(session), str(items), f"w{n}",
                          "1" if locked else "0", str(go)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, env=env)
        for n in range(writers)
    ]
    for process in processes:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.strip() == "ready", process.stderr.read() if process.stderr else line
    start = time.time()
    go.touch()
    finished, busy = [], 0
    for process in processes:
        out, err = process.communicate(timeout=1800)
        assert process.returncode == 0, err
        finished.append(float(out.split()[-2]))
        busy += int(out.split()[-1])
    elapsed = max(finished) - start
    check(location, session, writers * items)
    return writers * items / elapsed, busy


def check(location: Path, session: int, expected: int) -> None:
    raw = sqlite3.connect(location)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",), f"{location} is damaged"
        texts = Counter(text for (text,) in raw.execute("SELECT text FROM items WHERE session_id = ?", (session,)))
        assert len(texts) == expected and max(texts.values()) == 1, "an item lost or doubled"
    finally:
        raw.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--items", type=int, default=50, help="items each writer adds per round")
    parser.add_argument("--rounds", type=int, default=4, help="rounds of each (ABBA order)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from workshop_tui.store.write_lock import sqlite_needs_lock

    results: dict[bool, list[float]] = {True: [], False: []}
    busy: dict[bool, int] = {True: 0, False: 0}
    with tempfile.TemporaryDirectory(prefix="wal-lock-") as tmp:
        folder = Path(tmp)
        order = [True, False, False, True] * ((args.rounds + 1) // 2)
        for number, locked in enumerate(order[: 2 * args.rounds]):
            rate, failed = one_round(folder, locked=locked, writers=args.writers, items=args.items, number=number)
            results[locked].append(rate)
            busy[locked] += failed
            print(f"  round {number + 1}: {'with' if locked else 'without'} the lock: {rate:,.0f} writes/s, "
                  f"{failed} 'busy' errors", file=sys.stderr)
    with_lock, without = statistics.median(results[True]), statistics.median(results[False])
    print(f"WAL-reset remedy, {args.writers} writer processes x {args.items} items, "
          f"{args.rounds} rounds each (median), {date.today().isoformat()}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"SQLite {sqlite3.sqlite_version} (lock {'needed' if sqlite_needs_lock() else 'not needed'})")
    print(f"{'':24}{'writes/s':>10}{'busy errors':>14}")
    print(f"{'with the write lock':24}{with_lock:>10,.0f}{busy[True]:>14}")
    print(f"{'without it':24}{without:>10,.0f}{busy[False]:>14}")
    print(f"{'lock / no lock':24}{with_lock / without:>10.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
