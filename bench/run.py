"""Run every benchmark and print one table: `python bench/run.py [--quick] [--only NAME ...]`.

Each figure is a ratio against a baseline measured in the same run (see `common.py`); the
table shows both medians, the ratio, the target and whether it was met. The exit status is 0
when every target is met, 1 otherwise. `--quick` runs fewer rounds: a smoke test of the
benchmarks themselves, not a measurement.
"""

from __future__ import annotations

import argparse
import datetime
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import adding  # noqa: E402
import exporting  # noqa: E402
import live_sync  # noqa: E402
import opening  # noqa: E402
import phone_pages  # noqa: E402
import startup  # noqa: E402
from common import Figure, machine, table  # noqa: E402

# In the order of the targets; `opening` measures both 3 and 5 (memory) in one set of runs.
BENCHMARKS = {"startup": startup, "adding": adding, "opening": opening, "exporting": exporting,
              "live_sync": live_sync, "phone_pages": phone_pages}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds: a smoke test, not a measurement")
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHMARKS), metavar="NAME",
                        help=f"run only these ({', '.join(BENCHMARKS)})")
    args = parser.parse_args()
    started = time.monotonic()
    figures: list[Figure] = []
    for name, module in BENCHMARKS.items():
        if args.only and name not in args.only:
            continue
        print(f"running {name} ...", file=sys.stderr, flush=True)
        figures += module.run(args.quick)
    figures.sort(key=lambda figure: figure.name)
    print(table(figures))
    print(f"\n{datetime.date.today().isoformat()}; {machine()}; {time.monotonic() - started:.0f} s in all"
          + ("; --quick: fewer rounds, not a measurement" if args.quick else ""))
    return 0 if all(figure.passed for figure in figures) else 1


if __name__ == "__main__":
    raise SystemExit(main())
