"""2. Adding an item: Enter to saved and shown, in a 10,000-item session against an empty one.

Two real apps run side by side, each in its own process (`probes/add_pilot.py`, a pilot on the
real app, headless, 120x36): one on a session that already holds 10,000 items (spread over
its 8 steps and 3 columns, as a session fills up: 417 in each column of the step on screen),
one on an empty session. The benchmark asks them in turn for blocks of adds (ABBA order), 1,000
adds each in all. Each add is timed from the Enter key to the first frame showing the saved
item; the app polls for other processes' changes meanwhile, as it always does.

    python bench/adding.py [--quick]
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from common import PROBES, PYTHON, Figure, isolate, main, make_store, median, percentile, workdir

BIG = 10_000
ADDS = 1_000
BLOCK = 50
TARGET = 1.2  # 10,000 items against empty, median and p99
P99_MS = 100.0  # and p99 under this, absolute
GOAL_MS = 5.0


class Pilot:
    """One app process taking `add N` commands."""

    def __init__(self, db: Path, env: dict[str, str]) -> None:
        self.process = subprocess.Popen([PYTHON, str(PROBES / "add_pilot.py"), str(db)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        self.times: list[float] = []

    def expect(self, word: str) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line.startswith(word):
            self.process.kill()
            raise RuntimeError(f"add_pilot: expected {word!r}, got {line!r}: {self.process.stderr.read()[-3000:]}")
        return line[len(word):].strip()

    def add(self, count: int) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(f"add {count}\n")
        self.process.stdin.flush()
        self.times += [float(value) for value in self.expect("times").split()]

    def quit(self) -> float:
        assert self.process.stdin is not None
        self.process.stdin.write("quit\n")
        self.process.stdin.flush()
        rss = float(self.expect("rss"))
        self.process.wait(timeout=120)
        return rss


def run(quick: bool = False) -> list[Figure]:
    adds = 100 if quick else ADDS
    with workdir("adding") as folder:
        env = isolate(Path(folder))
        make_store(Path(folder) / "big.db", {"Big session": BIG})
        make_store(Path(folder) / "empty.db", {"Empty session": 0})
        big, empty = Pilot(Path(folder) / "big.db", env), Pilot(Path(folder) / "empty.db", env)
        try:
            big.expect("ready")
            empty.expect("ready")
            big.add(10), empty.add(10)  # warm-up, not counted
            big.times.clear(), empty.times.clear()
            for block in range(adds // BLOCK):
                first, second = (big, empty) if block % 2 == 0 else (empty, big)
                first.add(BLOCK)
                second.add(BLOCK)
        finally:
            for pilot in (big, empty):
                if pilot.process.poll() is None:
                    pilot.quit()
    ours, floor = median(big.times), median(empty.times)
    ours99, floor99 = percentile(big.times, 99), percentile(empty.times, 99)
    figure = Figure("2. Add an item (10,000-item session)", ours, floor, TARGET, notes=[
        f"{len(big.times)} adds each, Enter to the frame showing the saved item; "
        f"10,000 items: median {ours:.2f} ms, p99 {ours99:.2f} ms; "
        f"empty: median {floor:.2f} ms, p99 {floor99:.2f} ms "
        f"(goal: median under {GOAL_MS:g} ms: {'met' if ours < GOAL_MS else 'not met'})"])
    p99 = Figure("2. Add an item, p99 (10,000-item session)", ours99, floor99, TARGET)
    absolute = Figure("2. Add an item, p99 (10,000-item session), absolute", ours99, None, P99_MS)
    return [figure, p99, absolute]


if __name__ == "__main__":
    raise SystemExit(main(run, __doc__.splitlines()[0]))
