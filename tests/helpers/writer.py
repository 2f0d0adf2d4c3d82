"""A writer process for the concurrency and crash tests.

    python -m tests.helpers.writer LOCATION SESSION_ID COUNT TAG [--retry]

Adds COUNT items to SESSION_ID, each with a client-made id, and prints each id on stdout
after the store has reported it saved (flushed at once, so a killed writer's output lists
exactly what was confirmed). With --retry, every add is sent twice (a doubled Enter).
"""

from __future__ import annotations

import sys

from workshop_tui.model import COLUMNS, new_id
from workshop_tui.store import open_store


def main() -> int:
    location, session_id, count, tag = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    retry = "--retry" in sys.argv
    with open_store(location) as store:
        for n in range(count):
            item_id = new_id()
            step, column = 1 + n % 8, COLUMNS[n % 3]
            store.add_item(session_id, step, column, f"{tag} item {n}", author=tag, item_id=item_id)
            if retry:
                store.add_item(session_id, step, column, f"{tag} item {n}", author=tag, item_id=item_id)
            print(item_id, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
