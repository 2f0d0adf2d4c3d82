"""3. A 10,000-item session's summary against an empty one's, and 5. the memory the session takes open.

Each round starts two fresh processes (`probes/open_pilot.py`, a pilot on the real app,
headless, 120x36), one on a store holding a session of 10,000 items (spread over its 8 steps
and 3 columns: the step screen shows 1,250 of them), one on a store holding an empty session,
in ABBA order. Each opens its session from the start screen (Enter), waits for the step
screen to show the step's items, then asks for the summary (Ctrl+S) and waits for the whole
table; both times run to the first frame that shows the result. The figure is the summary's
time (issue 18's target 3: the summary of 10,000 items at most 2x an empty one's); the step
screen's is printed beside it, and when the table's last row was counted and the statistics
drawn (a big session's rows below the screen are guessed for its first frame, then counted right
after it; its statistics, below them, are drawn after that frame too). Then each reports its peak resident memory: the app holding the
session on its step screen and its summary (at most 1.3x an empty session).

    python bench/opening.py [--quick]      (bench/memory.py prints the memory figure alone)
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from common import PROBES, PYTHON, Figure, isolate, main, make_store, median, pair_ratios, side_by_side, workdir

BIG = 10_000
OPEN_TARGET = 2.0
MEMORY_TARGET = 1.3


def open_once(db: Path, env: dict[str, str]) -> dict[str, float]:
    done = subprocess.run([PYTHON, str(PROBES / "open_pilot.py"), str(db)], capture_output=True, text=True, env=env,
                          timeout=600)
    values = dict(line.split() for line in done.stdout.splitlines() if line.count(" ") == 1)
    if done.returncode != 0 or not {"step", "summary", "counted", "rss"} <= set(values):
        raise RuntimeError(f"open_pilot failed ({done.returncode}): {done.stderr[-3000:]}")
    return {name: float(value) for name, value in values.items()}


def run(quick: bool = False) -> list[Figure]:
    rounds = 2 if quick else 5
    with workdir("opening") as folder:
        env = isolate(Path(folder))
        big_db, empty_db = Path(folder) / "big.db", Path(folder) / "empty.db"
        make_store(big_db, {"Big session": BIG})
        make_store(empty_db, {"Empty session": 0})
        big: list[dict[str, float]] = []
        empty: list[dict[str, float]] = []

        def measure(db: Path, into: list[dict[str, float]]) -> float:
            into.append(open_once(db, env))
            return into[-1]["summary"]

        open_once(empty_db, env)  # warm the OS file cache and the .pyc files; not counted
        mine, floor = side_by_side(lambda: measure(big_db, big), lambda: measure(empty_db, empty), rounds)

    def med(runs: list[dict[str, float]], key: str) -> float:
        return median(run[key] for run in runs)

    opening = Figure("3. Open a 10,000-item session's summary", median(mine), median(floor), OPEN_TARGET,
                     pairs=pair_ratios(mine, floor), notes=[
                         f"{rounds} fresh processes each, Ctrl+S on the step screen to the whole summary drawn; "
                         f"before it, Enter to the step screen: {med(big, 'step'):,.0f} ms "
                         f"(empty {med(empty, 'step'):,.0f} ms); every row below the screen counted and the statistics drawn "
                         f"{med(big, 'counted'):,.0f} ms after Ctrl+S (empty {med(empty, 'counted'):,.0f} ms)"])
    memory = Figure("5. Peak memory, 10,000-item session open", med(big, "rss"), med(empty, "rss"), MEMORY_TARGET,
                    unit="MB", pairs=pair_ratios([run["rss"] for run in big], [run["rss"] for run in empty]),
                    notes=[f"peak RSS of the app process after its step screen and summary, {rounds} processes each"])
    return [opening, memory]


if __name__ == "__main__":
    raise SystemExit(main(run, __doc__.splitlines()[0]))
