"""What the benchmarks share: side-by-side timing, stores to measure on, and the table.

Every figure is a ratio against a baseline measured in the same run: the two are interleaved
round by round (ours, baseline, baseline, ours, ...), so a machine that slows down or speeds up
meanwhile (other people's tests, a noisy neighbour) weighs on both alike, and the medians of
the rounds are compared. Absolute medians are printed beside each ratio.

The ratio shown is the median of the round-by-round ratios (each round runs ours and the
baseline back to back, under the same load), so a burst of someone else's work that hits one
round does not tilt the figure; the medians of each side are printed beside it.

Each benchmark module has `run(quick: bool) -> list[Figure]` and runs alone too
(`python bench/<name>.py [--quick]`); `bench/run.py` runs them all and prints one table.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PROBES = BENCH / "probes"
PYTHON = sys.executable
TEMPLATE_ID = "8-steps-partnership"
HEADLESS_DRIVER = "textual.drivers.headless_driver:HeadlessDriver"


@dataclass
class Figure:
    """One line of the table: our median against the baseline's, and the verdict."""

    name: str
    ours: float  # median, in `unit`
    baseline: float | None  # median, in `unit`; None for an absolute target
    target: float  # the highest ratio allowed (or the highest absolute value, when baseline is None)
    unit: str = "ms"
    notes: list[str] = field(default_factory=list)
    pairs: list[float] = field(default_factory=list)  # ours / baseline, round by round

    @property
    def ratio(self) -> float | None:
        """The median of the round-by-round ratios when the rounds were paired, else of the medians."""
        if self.baseline is None:
            return None
        if self.pairs:
            return median(self.pairs)
        return self.ours / self.baseline if self.baseline > 0 else float("inf")

    @property
    def passed(self) -> bool:
        value = self.ours if self.baseline is None else self.ratio
        return value is not None and value <= self.target

    @property
    def target_text(self) -> str:
        return f"< {self.target:g} {self.unit}" if self.baseline is None else f"<= {self.target:g}x"


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def percentile(values: Iterable[float], p: float) -> float:
    """The p-th percentile (0-100), nearest rank: a value that was actually measured."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, -(-len(ordered) * p // 100))  # ceil
    return ordered[int(min(rank, len(ordered))) - 1]


def side_by_side(ours: Callable[[], float], baseline: Callable[[], float], rounds: int) -> tuple[list[float], list[float]]:
    """Run both `rounds` times, interleaved ABBA so neither always goes first; each returns a duration.

    Round n's two runs are back to back, so `pair_ratios` can compare them under the same load."""
    mine: list[float] = []
    theirs: list[float] = []
    for n in range(rounds):
        gc.collect()  # each run starts from a clean heap, not the last one's garbage
        if n % 2 == 0:
            mine.append(ours())
            gc.collect()
            theirs.append(baseline())
        else:
            theirs.append(baseline())
            gc.collect()
            mine.append(ours())
    return mine, theirs


def pair_ratios(mine: list[float], theirs: list[float]) -> list[float]:
    return [a / b for a, b in zip(mine, theirs) if b > 0]


def ms(seconds: float) -> float:
    return seconds * 1000.0


# -- environment -------------------------------------------------------------------------------


def isolate(folder: Path) -> dict[str, str]:
    """Point the data and documents dirs into `folder` (this process and the children it starts).

    So no benchmark ever reads the user's own templates or touches their sessions. Returns the
    environment for subprocesses, which also run Textual headless.
    """
    home = folder / "home"
    (home / "Documents").mkdir(parents=True, exist_ok=True)
    os.environ["HOME"] = str(home)
    os.environ["XDG_DATA_HOME"] = str(home / ".local" / "share")
    os.environ["XDG_DOCUMENTS_DIR"] = str(home / "Documents")
    os.environ.pop("WORKSHOP_TUI_DB", None)
    env = dict(os.environ)
    env["TEXTUAL_DRIVER"] = HEADLESS_DRIVER
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(BENCH), env.get("PYTHONPATH", "")) if p)
    return env


def workdir(prefix: str) -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix=f"workshop-bench-{prefix}-")


# -- stores to measure on ---------------------------------------------------------------------


def item_text(n: int) -> str:
    """A typical contribution: a short sentence; one in ten looks like markup (`[TODO]`, `|`, `{{x}}`)."""
    if n % 10 == 9:
        return f"Item {n}: [TODO] ask about {{{{budget}}}} | the board's ''call''"
    return f"Item {n}: ask the partner's board about the joint project, then agree on next steps"


def spread_items(count: int, *, step_count: int = 8, authors=("Ana", "Bo", None)):
    """`count` items spread evenly over the steps and columns, as a real session fills up."""
    from workshop_tui.model import COLUMNS, Item, new_id

    items = []
    cells = step_count * len(COLUMNS)
    for n in range(count):
        cell = n % cells
        items.append(Item(id=new_id(), step=1 + cell // len(COLUMNS), column=COLUMNS[cell % len(COLUMNS)],
                          text=item_text(n), author=authors[n % len(authors)], position=n // cells))
    return tuple(items)


def add_session(store, title: str, items: int) -> int:
    """A session of the bundled workshop holding `items` items; returns its id."""
    from workshop_tui.model import SessionData, SessionInfo

    info = SessionInfo(id=0, title=title, template_id=TEMPLATE_ID, step_count=8, facilitator="Anne-Laure",
                       participants=("Ana", "Bo"), event="Wikimania", date="2026-11-26")
    return store.import_session(SessionData(info=info, items=spread_items(items))).id


def make_store(path: Path, sessions: dict[str, int]) -> dict[str, int]:
    """A store at `path` with the named sessions and their item counts; returns title -> id."""
    from workshop_tui.store import open_store

    with open_store(path) as store:
        return {title: add_session(store, title, count) for title, count in sessions.items()}


# -- output ------------------------------------------------------------------------------------


def fmt_value(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "ms":
        return f"{value:,.1f} ms" if value < 100 else f"{value:,.0f} ms"
    if unit == "MB":
        return f"{value:,.1f} MB"
    return f"{value:,.3g} {unit}"


def table(figures: list[Figure]) -> str:
    """The figures as a Markdown table (it reads well in a terminal and pastes into the README)."""
    header = ["Benchmark", "ours (median)", "baseline (median)", "ratio", "target", "result"]
    rows = [header, ["---"] * len(header)]
    for figure in figures:
        ratio = "-" if figure.ratio is None else f"{figure.ratio:.2f}x"
        rows.append([figure.name, fmt_value(figure.ours, figure.unit), fmt_value(figure.baseline, figure.unit),
                     ratio, figure.target_text, "PASS" if figure.passed else "MISS"])
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for row in rows:
        if row[0] == "---":
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        else:
            lines.append("| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths)) + " |")
    notes = [f"- {figure.name}: {note}" for figure in figures for note in figure.notes]
    return "\n".join(lines + ([""] + notes if notes else []))


def machine() -> str:
    import platform
    import sqlite3

    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import textual

    return (f"{os.cpu_count()} cores (nproc), {cpu}; Python {platform.python_version()}, "
            f"SQLite {sqlite3.sqlite_version}, Textual {textual.__version__}")


def main(run: Callable[[bool], list[Figure]], description: str) -> int:
    """The command line of one benchmark run alone."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quick", action="store_true", help="fewer rounds: a smoke test, not a measurement")
    args, _ = parser.parse_known_args()  # a benchmark may read options of its own (sys.argv)
    started = time.monotonic()
    figures = run(args.quick)
    print(table(figures))
    print(f"\n{machine()}; {time.monotonic() - started:.0f} s")
    return 0 if all(figure.passed for figure in figures) else 1
