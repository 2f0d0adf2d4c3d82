"""What each phone page is sent: its step's view, read once per step however many pages show it.

A page shows the facilitator's step, or the step it browses when the facilitator lets
participants browse. While a step is written privately a page sees its own hidden items too,
and everyone else's only as counts.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from workshop_tui.content import Template
from workshop_tui.model import SessionInfo
from workshop_tui.serve.phone.messages import personal, step_view_message

if TYPE_CHECKING:
    from workshop_tui.serve.phone.room import Page
    from workshop_tui.store.store import Store

PRIVATE = "private"


@dataclass(frozen=True)
class Update:
    """What one page is to be sent, read on the read thread, sent (or not) on the event loop.

    `items` is the step's item list (shared by every page showing the step); `head` the rest of
    the view and the page's own fields, as JSON members; `full` the item list as JSON; `entries`
    the same list as a delta against `base` (the list the page was sent last), or None."""

    step: int
    items: list
    head: str
    full: str
    base: list | None
    entries: str | None

    def text(self, page: Page, *, force: bool = False) -> str | None:
        """The message for `page`: a delta if it still holds `base`, else the whole view; None
        if it would show nothing new. `force`: the whole view, whatever the page holds."""
        if not force and self.entries is not None and page.items is self.base and page.step == self.step:
            if self.head == page.head and self.entries == f"[[0,{len(self.items)}]]" and len(self.base) == len(self.items):
                return None
            return f'{{"t":"delta","base":{page.seq},"seq":{page.seq + 1},{self.head},"items":{self.entries}}}'
        return f'{{"t":"view","seq":{page.seq + 1},{self.head},"items":{self.full}}}'


def delta_entries(base: list[dict], items: list[dict]) -> list:
    """`items` as runs of `base`'s indices (`[start, end]`) and the items that are new or changed."""
    index = {item["id"]: n for n, item in enumerate(base)}
    entries: list = []
    for item in items:
        n = index.get(item["id"])
        if n is None or base[n] != item:
            entries.append(item)
        elif entries and isinstance(entries[-1], list) and entries[-1][1] == n:
            entries[-1][1] = n + 1
        else:
            entries.append([n, n + 1])
    return entries


def read_views(store: Store, session_id: int, template_of: Callable[[SessionInfo], Template], pages: list[Page],
               phases: dict[int, str]) -> dict[Page, Update]:
    """Each page's update, reading each step once (on the read thread); `phases` learns each
    step's phase as read. A page still showing the step it was sent last gets only what changed
    (`delta_entries`): a room adding at once sends each page a few items, not the whole step."""
    info = store.get_session(session_id)
    template = template_of(info)
    now = datetime.now(timezone.utc)
    shared: dict[tuple[int, str | None], tuple[dict, list, str, str]] = {}
    deltas: dict[tuple[int, int], str] = {}

    def read(step: int, viewer: str | None) -> tuple[dict, list, str, str]:
        """The step's view, its votes, the view's other members as JSON and its items as JSON:
        made once however many pages show the step (30 pages: one JSON of the step, not 30)."""
        if (step, viewer) not in shared:
            view = store.step_view(session_id, step, viewer=viewer)  # a viewer sees their hidden items
            message = step_view_message(view, template, now=now)
            rest = {key: value for key, value in message.items() if key not in ("t", "items")}
            shared[step, viewer] = (message, store.list_votes(session_id, step), _members(rest),
                                    json.dumps(message["items"], ensure_ascii=False, separators=(",", ":")))
        return shared[step, viewer]

    def delta(base: list, items: list) -> str:
        key = (id(base), id(items))  # pages sent the same list share one delta
        if key not in deltas:
            deltas[key] = json.dumps(delta_entries(base, items), ensure_ascii=False, separators=(",", ":"))
        return deltas[key]

    out: dict[Page, Update] = {}
    for page in pages:
        step = info.current_step
        if not info.participants_follow and 1 <= page.browse_step <= info.step_count:
            step = page.browse_step
        step = max(1, min(step, info.step_count))
        message, votes, rest, full = read(step, None)
        phases[step] = message["phase"]
        if message["phase"] == PRIVATE and page.name:  # their own hidden items too
            message, votes, rest, full = read(step, page.name)
        items, base = message["items"], page.items
        head = f'{rest},{_members(personal(votes, page.name, message["session"]["dots"]))}'
        entries = delta(base, items) if base is not None and page.step == step else None
        out[page] = Update(step, items, head, full, base, entries)
    return out


def _members(fields: dict) -> str:
    """A dict's members as JSON, without the braces (to be joined into one object)."""
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))[1:-1]
