"""What the phone page and the server say to each other: checked on the way in, built on the way out.

Pure: no web framework, no store. Every message is a JSON object with a type `t`.

From the page (`parse` turns each into a `Request`, or raises `BadMessage` with one line):

- `hello {client, token, name?, step?}`: on every (re)connection; `client` identifies this
  tab (presence), `token` is the browser's secret for the name claim, `name` the name it
  joined with before, `step` the step it was browsing;
- `join {name}`: the name the participant typed;
- `add {id, step, column, text}`: a new item; `id` is made by the page, so a resend after a
  dropped connection stores it once;
- `edit {ref, id, text}`, `delete {ref, id}`, `undo {ref, id}` (bring back an item this
  participant deleted), `vote {ref, id, vote}` (`vote`: the dot's own id, made by the page),
  `unvote {ref, id}`: each answered by `ack {ref}` or `refused {ref, message}`;
- `look {step}`: the step to show, when the facilitator lets people browse.

To the page: `welcome {name, problem}`, `view {...}` (`step_view_message`: everything the page
draws, sent whenever it changes), `ack`, `refused`, `held` (an item waits: the step is voting),
`tick` (every few seconds, so a page notices a dead connection).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from workshop_tui.content import COLUMN_KEY, Template
from workshop_tui.model import COLUMNS, Item, StepView, Vote, step_dots
from workshop_tui.i18n import _
from workshop_tui.text import MAX_ITEM_LENGTH
from workshop_tui.timebox import brainstormed, phase_label, remaining_seconds, spent_seconds

ID = re.compile(r"[0-9a-f]{32}")
TOKEN = re.compile(r"[0-9A-Za-z_-]{16,128}")
MAX_NAME = 500  # the store refuses longer names with its own line
MAX_REF = 64

PHASE_LINES = {
    "private": "Write on your own: your items stay hidden until the facilitator reveals them.",
    "brainstorm": "Add your actions, obstacles and tools. Quantity first; no judging yet.",
    "cluster": "The facilitator groups similar items. You can still add.",
    "vote": "Tap a dot to place it on the items that matter most; tap again to take it back.",
    "discuss": "The group talks the top items through, most dots first.",
}


class BadMessage(ValueError):
    """A message the page could not have sent: the connection is closed."""


@dataclass(frozen=True)
class Request:
    """One checked message from a page."""

    kind: str
    ref: str = ""
    item_id: str = ""
    text: str = ""
    step: int = 0
    column: str = ""
    name: str = ""
    client: str = ""
    token: str = ""
    vote_id: str = ""


KINDS = ("hello", "join", "add", "edit", "delete", "undo", "vote", "unvote", "look")


def parse(message: Any) -> Request:
    """A page's message (already decoded JSON) as a `Request`; `BadMessage` if it is malformed."""
    if not isinstance(message, dict):
        raise BadMessage("a message is a JSON object")
    kind = message.get("t")
    if kind not in KINDS:
        raise BadMessage("unknown message type")
    if kind == "hello":
        return Request(kind, client=_match(message, "client", ID), token=_match(message, "token", TOKEN),
                       name=_text(message, "name", MAX_NAME, required=False),
                       step=_int(message, "step", required=False))
    if kind == "join":
        return Request(kind, name=_text(message, "name", MAX_NAME))
    if kind == "look":
        return Request(kind, step=_int(message, "step"))
    if kind == "add":
        column = message.get("column")
        if not isinstance(column, str) or not COLUMN_KEY.fullmatch(column):
            raise BadMessage("malformed column")  # the store refuses one the session does not have
        item_id = _match(message, "id", ID)
        return Request(kind, ref=item_id, item_id=item_id, step=_int(message, "step"), column=column,
                       text=_text(message, "text", MAX_ITEM_LENGTH * 2))
    ref = _text(message, "ref", MAX_REF)
    item_id = _match(message, "id", ID)
    if kind == "edit":
        return Request(kind, ref=ref, item_id=item_id, text=_text(message, "text", MAX_ITEM_LENGTH * 2))
    if kind == "vote":
        return Request(kind, ref=ref, item_id=item_id, vote_id=_match(message, "vote", ID))
    return Request(kind, ref=ref, item_id=item_id)


def _match(message: dict, key: str, pattern: re.Pattern[str]) -> str:
    value = message.get(key)
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise BadMessage(f"{key} is missing or malformed")
    return value


def _text(message: dict, key: str, limit: int, *, required: bool = True) -> str:
    # Length limits of the store apply later, with its own words; this only bounds the work.
    value = message.get(key, None if required else "")
    if value is None and not required:
        return ""
    if not isinstance(value, str) or len(value) > limit:
        raise BadMessage(f"{key} is missing or too long")
    return value


def _int(message: dict, key: str, *, required: bool = True) -> int:
    value = message.get(key, None if required else 0)
    if value is None and not required:
        return 0
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 10_000:
        raise BadMessage(f"{key} is missing or not a step number")
    return value


# -- to the page -------------------------------------------------------------------------------


def item_message(item: Item) -> dict[str, Any]:
    message: dict[str, Any] = {"id": item.id, "c": item.column, "text": item.text, "by": item.author or "",
                               "v": item.votes}
    if item.cluster_id:
        message["cl"] = item.cluster_id
    if item.hidden:  # private writing: only its author is sent it
        message["h"] = True
    return message


def _phase_line(phase: str, template: Template) -> str:
    """The phase's line; a brainstorm names the template's columns unless they are the 8 steps'."""
    if phase == "brainstorm" and template.column_keys != COLUMNS:
        return _("Add your {columns}. Quantity first; no judging yet.").format(
            columns=brainstormed(tuple(column.label for column in template.columns)))
    return PHASE_LINES.get(phase, "")


def step_view_message(view: StepView, template: Template, *, now) -> dict[str, Any]:
    """What every page showing this step draws (the same for everyone but their own dots)."""
    info, state = view.info, view.state
    number = view.step
    step = template.step(number) if number <= template.step_count else None
    items = list(view.items)
    if state.phase == "discuss":  # the order the group talks them through
        items.sort(key=lambda item: -item.votes)
    timer = None
    if state.running_since or state.spent_seconds:
        minutes = step.timebox_minutes if step else 0
        timer = {"left": round(remaining_seconds(state, minutes, now)), "running": bool(state.running_since),
                 "spent": round(spent_seconds(state, now))}
    message: dict[str, Any] = {
        "t": "view",
        "session": {"title": info.title, "steps": info.step_count, "current": info.current_step,
                    "follow": info.participants_follow, "dots": step_dots(info, state)},  # this step's
        "step": {"n": number, "title": step.title if step else f"Step {number}",
                 "intro": step.introduction if step else "", "prompts": list(step.prompts) if step else []},
        "phase": state.phase,
        "phaseLabel": phase_label(state.phase),
        "phaseLine": _phase_line(state.phase, template),
        "timer": timer,
        "columns": [{"key": column.key, "label": column.label} for column in template.columns],
        "items": [item_message(item) for item in items],
        "hidden": sum(view.hidden_counts.values()),  # items written privately, not revealed yet
    }
    return message


def personal(votes: list[Vote], name: str | None, allowed: int) -> dict[str, Any]:
    """What a step's view adds for one participant: their name, their own dots, how many are left."""
    mine: dict[str, int] = {}
    for vote in votes:
        if name and vote.participant == name:
            mine[vote.item_id] = mine.get(vote.item_id, 0) + 1
    return {"me": name, "myVotes": mine, "dotsLeft": max(0, allowed - sum(mine.values()))}
