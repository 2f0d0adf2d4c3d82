"""A participant's process for the live-sync benchmark: adds items at a person's pace.

    python writer.py DB SESSION COUNT TAG SEED

Opens the store, prints `ready` and waits for a line on standard input (so twenty processes
starting up, imports and all, do not crowd the machine while the others write), then adds COUNT items to step 1 of SESSION (columns in turn), pausing 0.5 to
1.5 s (random, seeded) before each, as someone typing them would. After each commit it prints
`<item id> <time.time()>`: the moment the store reported the item saved.
"""

from __future__ import annotations

import os
import random
import sys
import time


def main() -> None:
    from workshop_tui.model import COLUMNS, new_id
    from workshop_tui.store import open_store

    db, session_id, count, tag, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
    pace = random.Random(seed)
    with open_store(db) as store:
        os.write(1, b"ready\n")
        sys.stdin.readline()
        for n in range(count):
            time.sleep(pace.uniform(0.5, 1.5))
            item_id = new_id()
            store.add_item(session_id, 1, COLUMNS[n % len(COLUMNS)], f"{tag}: idea {n}", author=tag, item_id=item_id)
            os.write(1, f"{item_id} {time.time()!r}\n".encode())


if __name__ == "__main__":
    main()
