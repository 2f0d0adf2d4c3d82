"""A process that changes items as fast as it can, every kind of change, for the kill -9 test.

    python -m tests.helpers.history_writer LOCATION SESSION_ID SEED

Adds, edits, moves, deletes and restores, clusters, votes, marks follow-ups and closes them at random in
one session, and now and then continues it into a new session (its open follow-ups carried
over), forever; prints `ok` after each change the store reported saved.
"""

from __future__ import annotations

import random
import sys

from workshop_tui.store import InvalidInputError, NotAllowedError, open_store


def main() -> int:
    location, session_id, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    chance = random.Random(seed)
    with open_store(location) as store:
        deleted = []
        n = 0
        while True:
            n += 1
            items = store.list_items(session_id, step=1)
            what = chance.choice(["add", "add", "edit", "move", "delete", "restore", "cluster", "vote", "followup",
                                 "status", "continue"])
            try:
                if what == "add" or not items:
                    store.add_item(session_id, 1, chance.choice(["action", "tool"]), f"item {seed}-{n}", by="Ana")
                elif what == "edit":
                    store.edit_item(chance.choice(items).id, f"edited {seed}-{n}", by="Bo")
                elif what == "move":
                    store.move_item(chance.choice(items).id, chance.choice([-2, -1, 1, 2]))
                elif what == "delete":
                    deleted.append(store.delete_item(chance.choice(items).id))
                elif what == "restore" and deleted:
                    store.restore_item(deleted.pop())
                elif what == "cluster":
                    column = [i for i in items if i.column == items[0].column]
                    if len(column) >= 2:
                        store.cluster_items([column[0].id, column[-1].id])
                elif what == "vote":
                    store.cast_vote(chance.choice(items).id, chance.choice(["Ana", "Bo", "Cyd"]))
                elif what == "followup":
                    store.set_followup(chance.choice(items).id, owner="Ana", due="2026-12-15")
                elif what == "status":
                    followups = [i for i in items if i.followup]
                    if followups:
                        store.set_followup_status(chance.choice(followups).id, chance.choice(["done", "dropped", "open"]))
                elif what == "continue":
                    store.continue_session(session_id, f"continued {seed}-{n}")
            except (InvalidInputError, NotAllowedError):
                pass  # no dots left, a carried follow-up: a refusal changes nothing
            print("ok", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
