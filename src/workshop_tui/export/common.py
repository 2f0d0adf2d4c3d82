"""What the importers share: their error, their limits, and turning parsed rows into a session.

Every importer ends in a `SessionData` or an `ImportFormatError` whose text is one line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from workshop_tui.content import Catalog, Template
from workshop_tui.model import COLUMNS, Item, SessionInfo, new_id
from workshop_tui.text import EmptyTextError, TextTooLongError, clean_item_text, clean_text

MAX_STEPS = 50  # the store's own limit on a session's steps
MAX_ITEMS = 100_000  # far beyond any workshop; bounds the memory a hostile file can claim
MAX_INT = 2**31 - 1  # votes and positions must fit PostgreSQL's integer
UNKNOWN_FORMAT = "not a workshop-tui json, csv or wikitext export (no summary table found)"
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
        raise ImportFormatError(f"{where}: {error}") from None


def one_line(value: str) -> str:
    """A one-line field (title, event, names), cleaned as the store cleans it."""
    return " ".join(clean_text(value).split())


def checked_step(step: int, where: str) -> int:
    if not 1 <= step <= MAX_STEPS:
        raise ImportFormatError(f"{where}: step {step} is outside 1-{MAX_STEPS}")
    return step


def checked_time(value: str, where: str) -> str:
    """An ISO 8601 time as written, or "" when blank."""
    value = value.strip()
    if value:
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise ImportFormatError(f"{where}: {shown(value)} is not an ISO 8601 time") from None
    return value


def column_key(value: str, catalog: Catalog) -> str | None:
    """`action`, `obstacle` or `tool` for a column's key, label or heading, in any template."""
    wanted = " ".join(value.casefold().split())
    if wanted in COLUMNS:
        return wanted
    for template in catalog.templates.values():
        for column in template.columns:
            if wanted in (column.label.casefold(), column.heading.casefold()):
                return column.key
    return None


def infer_template(catalog: Catalog, titles: dict[int, str]) -> Template:
    """The template whose step titles match most of the given ones; the default on no match."""
    wanted = {step: " ".join(title.casefold().split()) for step, title in titles.items() if title.strip()}
    best, best_score = catalog.default, 0
    for template in catalog.templates.values():
        score = sum(
            1
            for step, title in wanted.items()
            if step <= template.step_count and " ".join(template.step(step).title.casefold().split()) == title
        )
        if score > best_score or (score == best_score and score and template is catalog.default):
            best, best_score = template, score
    return best


def ordered(items: Iterable[Item]) -> tuple[Item, ...]:
    """Items by step, column and position, as the store hands them out (a stable sort)."""
    order = {key: index for index, key in enumerate(COLUMNS)}
    return tuple(sorted(items, key=lambda item: (item.step, order.get(item.column, 99), item.position)))


def numbered(rows: Iterable[tuple[int, str, str, str | None, int, str]]) -> tuple[Item, ...]:
    """Items from (step, column, text, author, votes, created_at), numbered per step and column."""
    counts: dict[tuple[int, str], int] = {}
    items = []
    for step, column, text, author, votes, created_at in rows:
        position = counts.get((step, column), 0)
        counts[(step, column)] = position + 1
        items.append(Item(id=new_id(), step=step, column=column, text=text, author=author,
                          position=position, votes=votes, created_at=created_at))
    return ordered(items)


def inferred_info(title: str, template: Template, items: tuple[Item, ...], highest_step: int = 0,
                  **fields: object) -> SessionInfo:
    """The header of a session read from a csv or wikitext file, which carry no template id."""
    step_count = max([template.step_count, highest_step, *(item.step for item in items)])
    return SessionInfo(id=0, title=one_line(title), template_id=template.id, step_count=step_count,
                       item_count=len(items), **fields)  # type: ignore[arg-type]
