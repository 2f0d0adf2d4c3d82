"""JSON: everything a session holds, to restore it exactly, and such a file read back.

`{"format": "workshop-tui/session", "version": 1, "session": {...}, "items": [...], "votes": [...],
"step_states": [...]}`, each object with every field of its `model` class (a step state's `dots`
only when the step has its own), and, while steps still hold items written privately (not in
"items"), `"unrevealed": [{"step": 3, "items": 2}]`. Reading tolerates
keys it does not know and optional keys that are missing (so a file from a later version with
more fields, or an earlier one with fewer, still reads), and refuses wrong types and
out-of-range values with one line naming the object and the key.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, fields
from datetime import datetime

from workshop_tui.content import COLUMN_KEY, Catalog, Template
from workshop_tui.export.common import (
    MAX_INT,
    MAX_ITEMS,
    MAX_SECONDS,
    MAX_STEPS,
    ImportFormatError,
    item_text,
    one_line,
    ordered,
    shown,
)
from workshop_tui.export.json_fields import Fields
from workshop_tui.export.wording import unrevealed
from workshop_tui.i18n import N_, _, available, normalize
from workshop_tui.model import COLUMNS, FOLLOWUP_STATUSES, MAX_COLUMNS, Item, SessionData, SessionInfo, StepState, Vote, new_id
from workshop_tui.text import clean_name
from workshop_tui.timebox import PHASES

FORMAT = "workshop-tui/session"
VERSION = 1
MAX_VOTES_PER_PARTICIPANT = 50  # the store's limit
_NOT_OURS = N_('not a workshop-tui json export (no "format": "{format}")')  # _() where raised
_STRING = re.compile(r'"[^"]*"')
MAX_VALUES = 20 * MAX_ITEMS


def export(data: SessionData, template: Template, *, now: datetime | None = None) -> str:
    """Everything, as stored: a running timer stays running (its start time is kept), so `now` is unused."""
    payload = {"format": FORMAT, "version": VERSION, "session": _session(data.info),
               "items": [asdict(item) for item in data.items], "votes": [asdict(vote) for vote in data.votes],
               "step_states": [_state_fields(state) for state in data.step_states]}
    if unrevealed(data):  # written privately, not revealed: not in "items", only counted
        payload["unrevealed"] = [{"step": step, "items": count} for step, count in unrevealed(data)]
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _session(info: SessionInfo) -> dict:
    """The session's header; its language and its columns only when it has them (a session
    older than languages, or of the 8 steps' shape, exports as it did before)."""
    session = asdict(info)
    if not session["language"]:
        del session["language"]
    columns = session.pop("columns")
    if tuple(columns) != COLUMNS:
        session["columns"] = list(columns)
    return session


def _state_fields(state: StepState) -> dict:
    """A step's state; its own dots only when it has them (a session older than per-step dots
    exports as it did before)."""
    fields = asdict(state)
    if fields["dots"] is None:
        del fields["dots"]
    return fields


def looks_like(text: str) -> bool:
    return re.match(r'\s*\{\s*("|\})', text) is not None


def _values(text: str) -> int:
    """About how many values the json holds, counted in linear time before json builds them all.

    Escaped backslashes and quotes go first, so the strings left are plain `"..."` runs."""
    skeleton = _STRING.sub("", text.replace("\\\\", "").replace('\\"', ""))
    return sum(skeleton.count(mark) for mark in ",[{")


def parse(text: str, catalog: Catalog) -> SessionData:
    if _values(text) > MAX_VALUES:
        raise ImportFormatError(_("too many values for one session (more than {count:,})").format(count=MAX_VALUES))
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFormatError(_("not valid json: {error} (line {line}, column {column})").format(
            error=error.msg, line=error.lineno, column=error.colno)) from None
    except (ValueError, RecursionError) as error:  # a number with thousands of digits, deep nesting
        raise ImportFormatError(_("not valid json: {error}").format(error=str(error).splitlines()[0][:80])) from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise ImportFormatError(_(_NOT_OURS).format(format=FORMAT))
    top = Fields(payload, _("the file"))
    top.integer("version", 1, MAX_INT, default=VERSION)
    lists = {key: top.list(key) for key in ("items", "votes", "step_states")}
    if any(len(values) > MAX_ITEMS for values in lists.values()):
        raise ImportFormatError(_("too many items, votes or steps for one session (at most {count:,} each)").format(
            count=MAX_ITEMS))
    items = tuple(_item(Fields(raw, _("item {number}").format(number=n)), n) for n, raw in enumerate(lists["items"], start=1))
    _unique([item.id for item in items], _("the file holds the item id {value} twice"))
    info = _info(Fields(top.table("session"), _("session")), items, catalog)
    items = ordered(items, info.columns)
    votes = tuple(_vote(Fields(raw, _("vote {number}").format(number=n)), {item.id for item in items})
                  for n, raw in enumerate(lists["votes"], start=1))
    _unique([vote.id for vote in votes], _("the file holds the vote id {value} twice"))
    states = tuple(_state(Fields(raw, _("step state {number}").format(number=n)), info.step_count)
                   for n, raw in enumerate(lists["step_states"], start=1))
    _unique([state.step for state in states], _("the file holds two step states for step {value}"))
    return SessionData(info=info, items=items, votes=votes, step_states=states)


def _info(session: Fields, items: tuple[Item, ...], catalog: Catalog) -> SessionInfo:
    template_id = session.text("template_id").strip() or catalog.default.id
    template = catalog.templates.get(template_id) or catalog.default
    columns = _columns(session, template if template_id in catalog.templates else None)
    for number, item in enumerate(items, start=1):
        if item.column not in columns:
            raise ImportFormatError(_("item {number}: the column {value} is not one of {known}").format(
                number=number, value=shown(item.column), known=", ".join(columns)))
    highest = max([1, *(item.step for item in items)])
    step_count = session.integer("step_count", 1, MAX_STEPS, default=max(highest, template.step_count))
    if highest > step_count:
        raise ImportFormatError(_("an item is in step {step}, but the session has {count} steps").format(
            step=highest, count=step_count))
    return SessionInfo(
        id=0,
        title=one_line(session.text("title")),
        template_id=template_id,
        event=one_line(session.text("event")),
        place=one_line(session.text("place")),
        date=one_line(session.text("date")),
        facilitator=one_line(session.text("facilitator")),
        step_count=step_count,
        current_step=session.integer("current_step", 1, step_count, default=1),
        created_at=session.time("created_at"),
        updated_at=session.time("updated_at"),
        item_count=len(items),
        participants=tuple(dict.fromkeys(n for n in map(clean_name, session.texts("participants")) if n)),
        votes_per_participant=session.integer("votes_per_participant", 0, MAX_VOTES_PER_PARTICIPANT,
                                              default=_default(SessionInfo, "votes_per_participant")),
        participants_follow=session.boolean("participants_follow",
                                            default=_default(SessionInfo, "participants_follow")),
        speaker=clean_name(session.text("speaker")) or "",
        current_column=column if (column := session.text("current_column")) in columns else "",
        language=language if (language := normalize(session.text("language"))) in available() else "",
        columns=columns,
    )


def _columns(session: Fields, template: Template | None) -> tuple[str, ...]:
    """The session's column keys: as the file gives them, else its template's, else the 8 steps'."""
    if session.value("columns") is None:
        return template.column_keys if template else COLUMNS
    keys = tuple(session.texts("columns"))
    if not 1 <= len(keys) <= MAX_COLUMNS or len(set(keys)) != len(keys) or not all(map(COLUMN_KEY.fullmatch, keys)):
        raise ImportFormatError(_("session: the columns {value} are not 1 to {highest} distinct keys (lowercase "
                                  "letters, digits, '-', '_')").format(value=shown(", ".join(keys)), highest=MAX_COLUMNS))
    return keys


def _item(item: Fields, number: int) -> Item:
    column = item.text("column", default=Fields.MISSING)  # checked against the session's columns
    return Item(
        id=item.identifier("id") or new_id(),
        step=item.integer("step", 1, MAX_STEPS),
        column=column,
        text=item_text(item.text("text", default=Fields.MISSING), _("item {number}").format(number=number)),
        author=clean_name(item.text("author", default=None)),
        position=item.integer("position", 0, MAX_INT, default=number),
        votes=item.integer("votes", 0, MAX_INT, default=0),
        created_at=item.time("created_at"),
        updated_at=item.time("updated_at"),
        cluster_id=item.identifier("cluster_id"),
        followup=item.boolean("followup", default=False),
        owner=clean_name(item.text("owner", default=None)),
        due=one_line(item.text("due")),
        followup_status=_status(item),
        from_last_time=item.boolean("from_last_time", default=False),
    )


def _status(item: Fields) -> str:
    status = item.text("followup_status", default="open")
    if status not in FOLLOWUP_STATUSES:
        raise ImportFormatError(_("{where}: the {field} {value} is not one of {known}").format(
            where=item.where, field="followup_status", value=shown(status), known=", ".join(FOLLOWUP_STATUSES)))
    return status


def _vote(vote: Fields, item_ids: set[str]) -> Vote:
    item_id = vote.identifier("item_id", required=True)
    if item_id not in item_ids:
        raise ImportFormatError(_("{where}: it is for item {value}, which the file does not hold").format(
            where=vote.where, value=shown(item_id)))
    participant = clean_name(vote.text("participant", default=Fields.MISSING))
    if not participant:
        raise ImportFormatError(_("{where}: \"{key}\" is empty").format(where=vote.where, key="participant"))
    return Vote(id=vote.identifier("id") or new_id(), item_id=item_id, participant=participant,
                created_at=vote.time("created_at"))


def _state(state: Fields, step_count: int) -> StepState:
    phase = state.text("phase", default=_default(StepState, "phase"))
    if phase not in PHASES:
        raise ImportFormatError(_("{where}: the {field} {value} is not one of {known}").format(
            where=state.where, field="phase", value=shown(phase), known=", ".join(PHASES)))
    planned = state.value("planned_seconds")
    return StepState(
        step=state.integer("step", 1, step_count),
        phase=phase,
        planned_seconds=None if planned is None else state.integer("planned_seconds", 0, MAX_SECONDS),
        extra_seconds=state.integer("extra_seconds", 0, MAX_SECONDS, default=0),
        spent_seconds=state.seconds("spent_seconds"),
        running_since=state.time("running_since") or None,
        anonymous=state.boolean("anonymous", default=False),
        dots=None if state.value("dots") is None else state.integer("dots", 0, MAX_VOTES_PER_PARTICIPANT),
    )


def _default(cls: type, name: str) -> object:
    return next(f.default for f in fields(cls) if f.name == name)


def _unique(keys: list, message: str) -> None:
    seen: set = set()
    for key in keys:
        if key in seen:
            raise ImportFormatError(message.format(value=shown(key) if isinstance(key, str) else key))
        seen.add(key)
