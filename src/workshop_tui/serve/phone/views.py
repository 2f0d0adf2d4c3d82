"""What each phone page is sent: its step's view, read once per step however many pages show it.

A page shows the facilitator's step, or the step it browses when the facilitator lets
participants browse. While a step is written privately a page sees its own hidden items too,
and everyone else's only as counts.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Callable

from workshop_tui.content import Template
from workshop_tui.serve.phone.messages import personal, step_view_message

if TYPE_CHECKING:
    from workshop_tui.serve.phone.room import Page
    from workshop_tui.store.store import Store

PRIVATE = "private"


def read_views(store: Store, session_id: int, template_of: Callable[[str], Template], pages: list[Page],
               phases: dict[int, str]) -> dict[Page, tuple[int, str]]:
    """Each page's view as the JSON to send it, reading each step once (on the read thread);
    `phases` learns each step's phase as read."""
    info = store.get_session(session_id)
    template = template_of(info.template_id)
    now = datetime.now(timezone.utc)
    shared: dict[tuple[int, str | None], tuple[dict, list, str]] = {}

    def read(step: int, viewer: str | None) -> tuple[dict, list, str]:
        """The step's view, its votes, and the view as JSON without its closing brace: made
        once however many pages show the step (30 pages: one JSON of the whole step, not 30)."""
        if (step, viewer) not in shared:
            view = store.step_view(session_id, step, viewer=viewer)  # a viewer sees their hidden items
            message = step_view_message(view, template, now=now)
            shared[step, viewer] = (message, store.list_votes(session_id, step),
                                    json.dumps(message, ensure_ascii=False)[:-1])
        return shared[step, viewer]

    out: dict[Page, tuple[int, str]] = {}
    for page in pages:
        step = info.current_step
        if not info.participants_follow and 1 <= page.browse_step <= info.step_count:
            step = page.browse_step
        step = max(1, min(step, info.step_count))
        message, votes, opened = read(step, None)
        phases[step] = message["phase"]
        if message["phase"] == PRIVATE and page.name:  # their own hidden items too
            message, votes, opened = read(step, page.name)
        own = json.dumps(personal(votes, page.name, message["session"]["dots"]), ensure_ascii=False)
        out[page] = (step, f"{opened}, {own[1:]}")
    return out
