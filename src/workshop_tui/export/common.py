"""What the formats share: the importers' error, limits and rows, and what the summary shows.

Every importer ends in a `SessionData` or an `ImportFormatError` whose text is one line. How the
summary's parts are worded is `wording.py`'s (cells are grouped by `workshop_tui.grouping`); the
importers read them back (`numbered`, `parse_duration`, `imported_state`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from workshop_tui.content import Catalog, Template
from workshop_tui.model import COLUMNS, Item, SessionInfo, StepState, new_id
from workshop_tui.export.wording import template_minutes
from workshop_tui.i18n import N_, _
from workshop_tui.text import EmptyTextError, TextTooLongError, clean_item_text, clean_text

MAX_STEPS = 50  # the store's own limit on a session's steps
MAX_ITEMS = 100_000  # far beyond any workshop; bounds the memory a hostile file can claim
MAX_INT = 2**31 - 1  # votes and positions must fit PostgreSQL's integer
MAX_SECONDS = 7 * 24 * 3600  # a timer's seconds: a week is beyond any workshop
UNKNOWN_FORMAT = N_("not a workshop-tui json, csv or wikitext export (no summary table found)")  # _() where raised
_LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


class ImportFormatError(ValueError):
    """A file that cannot be imported; `str()` is one line for the user."""

    def __init__(self, message: str) -> None:
        text = _LINE_BREAKS.sub(" ", message).strip()
        super().__init__(text if len(text) <= 400 else text[:399] + "…")


def shown(value: object, limit: int = 40) -> str:
    """A value quoted for an error message, cut short so a hostile file cannot flood it."""
    text = str(value)
    return repr(text if len(text) <= limit else text[:limit] + "…")


def item_text(raw: str, where: str) -> str:
    try:
        return clean_item_text(raw)
    except (EmptyTextError, TextTooLongError) as error:
        raise ImportFormatError(_("{path}: {error}").format(path=where, error=error)) from None


def one_line(value: str) -> str:
    """A one-line field (title, event, names), cleaned as the store cleans it."""
    return " ".join(clean_text(value).split())


def checked_step(step: int, where: str) -> int:
    if not 1 <= step <= MAX_STEPS:
        raise ImportFormatError(_("{where}: step {step} is outside 1-{highest}").format(
            where=where, step=step, highest=MAX_STEPS))
    return step


def checked_time(value: str, where: str) -> str:
    """An ISO 8601 time as written, or "" when blank."""
    value = value.strip()
    if value:
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise ImportFormatError(_("{where}: {value} is not an ISO 8601 time").format(
                where=where, value=shown(value))) from None
    return value


def folded(value: str) -> str:
    return " ".join(value.casefold().split())


def in_every_language(template: Template) -> list[Template]:
    """The template as written and in each language its file translates it into: a page
    exported in any of them reads back."""
    base = template.base or template
    return [base, *(base.localized(code) for code in base.translations)]


def column_key(value: str, template: Template) -> str | None:
    """The key of the template's column that `value` names (its key, label or heading, any case,
    in any language the template has)."""
    wanted = folded(value)
    for version in in_every_language(template):
        for column in version.columns:
            if wanted in (column.key, folded(column.label), folded(column.heading)):
                return column.key
    return None


def knows_columns(template: Template, values: Iterable[str]) -> bool:
    return all(column_key(value, template) for value in values)


def infer_template(catalog: Catalog, titles: dict[int, str], among: Iterable[Template] | None = None) -> Template:
    """The template whose step titles (in any of its languages) match most of the given ones,
    among those given (every template when None); the default (or the first given) when none matches."""
    candidates = list(catalog.templates.values() if among is None else among) or [catalog.default]
    wanted = {step: folded(title) for step, title in titles.items() if title.strip()}
    fallback = catalog.default if catalog.default in candidates else candidates[0]
    best, best_score = fallback, 0
    for template in candidates:
        score = max(sum(1 for step, title in wanted.items()
                        if step <= version.step_count and folded(version.step(step).title) == title)
                    for version in in_every_language(template))
        if score > best_score or (score == best_score and score and template is fallback):
            best, best_score = template, score
    return best


def unknown_column(value: str, template: Template, where: str) -> ImportFormatError:
    """One line: a column no template in the catalog has, with the nearest template's columns."""
    known = ", ".join(f"{column.key} ({column.heading})" if folded(column.heading) != column.key else column.key
                      for column in template.columns)
    return ImportFormatError(_("{where}: unknown column {value}: no template has it (the template '{id}' has "
                               "{columns})").format(where=where, value=shown(value), id=template.id, columns=known))


def ordered(items: Iterable[Item], columns: tuple[str, ...] = COLUMNS) -> tuple[Item, ...]:
    """Items by step, column (in the session's order) and position, as the store hands them out."""
    order = {key: index for index, key in enumerate(columns)}
    return tuple(sorted(items, key=lambda item: (item.step, order.get(item.column, 99), item.position)))


@dataclass
class Row:
    """One item as a csv or wikitext file gives it, before it has an id and a position."""

    step: int
    column: str
    text: str
    author: str | None = None
    votes: int = 0
    created_at: str = ""
    cluster: str | None = None  # a label shared by the items of one cluster (same step and column)
    followup: bool = False
    owner: str | None = None
    due: str = ""
    followup_status: str = "open"
    from_last_time: bool = False


def numbered(rows: Iterable[Row], columns: tuple[str, ...] = COLUMNS) -> tuple[Item, ...]:
    """Items with new ids, numbered per step and column in the rows' order.

    Rows of one step and column sharing a cluster label become one cluster (a new cluster id);
    a label only one item carries groups nothing, as everywhere else (see `cell_groups`)."""
    counts: dict[tuple[int, str], int] = {}
    members: dict[tuple[int, str, str], int] = {}
    rows = list(rows)
    for row in rows:
        if row.cluster:
            key = (row.step, row.column, row.cluster)
            members[key] = members.get(key, 0) + 1
    cluster_ids = {key: new_id() for key, count in members.items() if count > 1}
    items = []
    for row in rows:
        position = counts.get((row.step, row.column), 0)
        counts[(row.step, row.column)] = position + 1
        cluster_id = cluster_ids.get((row.step, row.column, row.cluster)) if row.cluster else None
        items.append(Item(id=new_id(), step=row.step, column=row.column, text=row.text, author=row.author,
                          position=position, votes=row.votes, created_at=row.created_at, cluster_id=cluster_id,
                          followup=row.followup, owner=row.owner if row.followup else None,
                          due=row.due if row.followup else "",
                          followup_status=row.followup_status if row.followup else "open",
                          from_last_time=row.from_last_time and row.followup))
    return ordered(items, columns)


_DURATION = re.compile(r"(?:(\d{1,7})[ \t]*min)?[ \t]*(?:(\d{1,7})[ \t]*s)?")


def parse_duration(text: str) -> int | None:
    """Seconds from `format_duration`'s text; None when it is not one."""
    match = _DURATION.fullmatch(text.strip())
    if match is None or not any(match.groups()):
        return None
    return int(match.group(1) or 0) * 60 + int(match.group(2) or 0)


def imported_state(step: int, template: Template, phase: str | None, planned: int | None,
                   spent: float | None) -> StepState | None:
    """A step's state read from a csv or wikitext file; None when it holds nothing but defaults.

    The files show the effective timebox; it is stored as the step's own only when it differs
    from the template's suggestion, so the session still follows the template otherwise."""
    if planned is not None and planned == template_minutes(template, step) * 60:
        planned = None
    planned = None if planned is None else min(planned, MAX_SECONDS)  # json's (and sanity's) limit
    state = StepState(step=step, phase=phase or "brainstorm", planned_seconds=planned,
                      spent_seconds=float(min(spent or 0, MAX_SECONDS)))
    return None if state == StepState(step=step) else state


def inferred_info(title: str, template: Template, items: tuple[Item, ...], highest_step: int = 0,
                  **fields: object) -> SessionInfo:
    """The header of a session read from a csv or wikitext file, which carry no template id."""
    step_count = max([template.step_count, highest_step, *(item.step for item in items)])
    return SessionInfo(id=0, title=one_line(title), template_id=template.id, step_count=step_count,
                       item_count=len(items), columns=template.column_keys, **fields)  # type: ignore[arg-type]
