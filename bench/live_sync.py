"""6. Live sync: 20 writer processes; from each commit to the facilitator's screen, p95 under 250 ms.

The facilitator is the real app in its own process (`probes/facilitator.py`, a pilot, headless,
120x36) showing step 1 of a session; it polls the store's change token every 100 ms, as it
always does. Twenty participant processes (`probes/writer.py`) each add 15 items to that step
at a person's pace (one every 0.5 to 1.5 s, so about 20 items a second reach the screen in all)
and note when the store reported each one committed; they all start up and open the store
first, and begin together. The facilitator notes when each item is
first drawn on its screen (the frame after it appears in its column). Both clocks are this
machine's `time.time()`. The target is absolute: there is no baseline to divide by.

    python bench/live_sync.py [--quick]
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from common import PROBES, PYTHON, Figure, isolate, main, make_store, median, percentile, workdir

WRITERS = 20
ITEMS_EACH = 15
TARGET_MS = 250.0


def run(quick: bool = False) -> list[Figure]:
    writers, items_each = (5, 5) if quick else (WRITERS, ITEMS_EACH)
    with workdir("live") as folder:
        env = isolate(Path(folder))
        db = Path(folder) / "room.db"
        session_id = make_store(db, {"Live room": 0})["Live room"]
        facilitator = subprocess.Popen([PYTHON, str(PROBES / "facilitator.py"), str(db)], stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        assert facilitator.stdout is not None and facilitator.stdin is not None
        if facilitator.stdout.readline().strip() != "ready":
            facilitator.kill()
            raise RuntimeError(f"facilitator failed: {facilitator.stderr.read()[-3000:]}")
        processes = [subprocess.Popen([PYTHON, str(PROBES / "writer.py"), str(db), str(session_id), str(items_each),
                                       f"w{n}", str(n)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True, env=env) for n in range(writers)]
        for process in processes:  # every writer has started and opened the store
            assert process.stdout is not None
            if process.stdout.readline().strip() != "ready":
                facilitator.kill()
                raise RuntimeError(f"a writer failed to start: {process.stderr.read()[-3000:]}")
        time.sleep(1.0)  # the machine settles after twenty start-ups
        started = time.monotonic()
        for process in processes:  # go
            assert process.stdin is not None
            process.stdin.write("go\n")
            process.stdin.flush()
        committed: dict[str, float] = {}
        for process in processes:
            out, err = process.communicate(timeout=600)
            if process.returncode != 0:
                facilitator.kill()
                raise RuntimeError(f"a writer failed: {err[-3000:]}")
            committed.update((line.split()[0], float(line.split()[1])) for line in out.splitlines())
        elapsed = time.monotonic() - started
        time.sleep(2.0)  # the last items reach the screen
        out, err = facilitator.communicate("stop\n", timeout=120)
        seen = {parts[1]: float(parts[2]) for parts in (line.split() for line in out.splitlines())
                if len(parts) == 3 and parts[0] == "seen"}
    latencies = [(seen[item] - at) * 1000 for item, at in committed.items() if item in seen]
    missed = len(committed) - len(latencies)
    p95 = percentile(latencies, 95) if not missed else float("inf")
    return [Figure(f"6. Live sync, {writers} writers: commit to screen, p95", p95, None, TARGET_MS, notes=[
        f"{len(committed)} items from {writers} processes in {elapsed:.0f} s; median {median(latencies):.0f} ms, "
        f"p95 {percentile(latencies, 95):.0f} ms, max {max(latencies):.0f} ms; {missed} never shown"])]


if __name__ == "__main__":
    raise SystemExit(main(run, __doc__.splitlines()[0]))
