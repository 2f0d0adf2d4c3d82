"""1. Start-up: launch to the start screen's first frame, against a one-`Static` Textual app.

Each launch is a fresh `python` process, run headless (Textual's headless driver, chosen with
`TEXTUAL_DRIVER`), so the whole cost counts: the interpreter, every import, the templates, the
start screen's widgets. Also: launch to the 50 sessions listed, against the same floor. Ours runs `workshop-tui --db DB` (`cli.main`, as the console script
does) on a store of 50 sessions; `probes/startup_app.py` reports the start screen's first
refresh and the moment the 50 sessions are drawn. The baseline (`probes/startup_baseline.py`)
is a minimal Textual app showing one `Static`: the framework's floor.

    python bench/startup.py [--quick]
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from common import PROBES, PYTHON, Figure, isolate, main, make_store, median, ms, pair_ratios, side_by_side, workdir

SESSIONS = 50
ITEMS_PER_SESSION = 40
TARGET = 1.3
LIST_TARGET = 1.5


def launch(script: str, *args: str, env: dict[str, str]) -> dict[str, float]:
    """Start a probe; return each event it reports, in seconds after the launch."""
    started = time.time()
    done = subprocess.run([PYTHON, str(PROBES / script), *args], capture_output=True, text=True, env=env,
                          timeout=120)
    events = {}
    for line in done.stdout.splitlines():
        name, _, stamp = line.partition(" ")
        events[name] = float(stamp) - started
    if done.returncode != 0 or "frame" not in events:
        raise RuntimeError(f"{script} failed ({done.returncode}): {done.stderr[-2000:]}")
    return events


def run(quick: bool = False) -> list[Figure]:
    rounds = 3 if quick else 15
    with workdir("startup") as folder:
        env = isolate(Path(folder))
        db = Path(folder) / "workshop.db"
        make_store(db, {f"Workshop {n}": ITEMS_PER_SESSION for n in range(SESSIONS)})
        listed: list[float] = []
        opened: list[float] = []

        def ours() -> float:
            events = launch("startup_app.py", str(db), env=env)
            listed.append(events.get("listed", float("nan")))
            opened.append(events.get("opened", float("nan")))
            return events["frame"]

        def baseline() -> float:
            return launch("startup_baseline.py", env=env)["frame"]

        ours(), baseline()  # warm the OS file cache and the .pyc files; not counted
        listed.clear(), opened.clear()
        mine, floor = side_by_side(ours, baseline, rounds)
    return [Figure("1. Start-up to first frame (50 sessions)", ms(median(mine)), ms(median(floor)), TARGET,
                   pairs=pair_ratios(mine, floor), notes=[f"{rounds} launches each, against a bare Textual app"]),
            Figure("1. Start-up to the session list (50 sessions)", ms(median(listed)), ms(median(floor)),
                   LIST_TARGET, pairs=pair_ratios(listed, floor), notes=[
                       "against the bare app's first frame; the list is read straight from the file with the standard "
                       f"library (store/quick_list.py) while the store opens: open and listed by the store "
                       f"{ms(median(opened)):,.0f} ms after launch"])]


if __name__ == "__main__":
    raise SystemExit(main(run, __doc__.splitlines()[0]))
