"""5. Memory: peak RSS of the app holding a 10,000-item session, against an empty one.

Measured by the same runs as 3 (`opening.py`): each app process reports its peak resident
memory after showing the session's step screen and its summary.

    python bench/memory.py [--quick]
"""

from __future__ import annotations

import opening
from common import Figure, main


def run(quick: bool = False) -> list[Figure]:
    return [figure for figure in opening.run(quick) if figure.name.startswith("5.")]


if __name__ == "__main__":
    raise SystemExit(main(run, __doc__.splitlines()[0]))
