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
    shared: dict[tuple[int, str | None], tuple[dict, list]] = {}

    def read(step: int, viewer: str | None) -> tuple[dict, list]:
        if (step, viewer) not in shared:
            view = store.step_view(session_id, step, viewer=viewer)  # a viewer sees their hidden items
            shared[step, viewer] = (step_view_message(view, template, now=now),
                                    store.list_votes(session_id, step))
        return shared[step, viewer]

    out: dict[Page, tuple[int, str]] = {}
    for page in pages:
        step = info.current_step
        if not info.participants_follow and 1 <= page.browse_step <= info.step_count:
            step = page.browse_step
        step = max(1, min(step, info.step_count))
        message, votes = read(step, None)
        phases[step] = message["phase"]
        if message["phase"] == PRIVATE and page.name:  # their own hidden items too
            message, votes = read(step, page.name)
        out[page] = (step, json.dumps(personal(message, votes, page.name), ensure_ascii=False))
    return out
