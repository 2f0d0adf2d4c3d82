"""Validation inside the store: one-line fields, required fields, item text, columns and steps.

Each refuses with `InvalidInputError` (one line for the user) before anything is written.
"""

from __future__ import annotations

from workshop_tui.content import COLUMN_KEY
from workshop_tui.i18n import _, available, current, normalize
from workshop_tui.model import MAX_COLUMNS
from workshop_tui.store.errors import InvalidInputError
from workshop_tui.store.tables import SessionRow
from workshop_tui.text import EmptyTextError, TextTooLongError, clean_item_text, clean_text


def one_line(value: str | None) -> str:
    return " ".join(clean_text(value or "").split())


def required_line(value: str | None, what: str) -> str:
    text = one_line(value)
    if not text:
        raise InvalidInputError(_('the {what} is empty').format(what=what))
    if len(text) > 500:
        raise InvalidInputError(_('the {what} is too long ({value1:,} characters; at most 500)').format(what=what, value1=len(text)))
    return text


def checked_item_text(text: str) -> str:
    try:
        return clean_item_text(text)
    except (EmptyTextError, TextTooLongError) as error:
        raise InvalidInputError(str(error)) from None


def check_column(keys: tuple[str, ...], column: str) -> None:
    """`column` is one of a session's columns (`SessionInfo.columns`: its template's keys)."""
    if column not in keys:
        raise InvalidInputError(_("unknown column '{column}': use one of {value1}").format(
            column=column, value1=", ".join(keys)))


def checked_keys(keys: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """A session's shape: 1 to 6 distinct column keys, each as a template names one."""
    keys = tuple(keys)
    if not 1 <= len(keys) <= MAX_COLUMNS:
        raise InvalidInputError(f"a session needs 1 to {MAX_COLUMNS} columns, not {len(keys)}")
    for key in keys:
        if not isinstance(key, str) or not COLUMN_KEY.fullmatch(key):
            raise InvalidInputError(f"the column key {key!r} is not one (lowercase letters, digits, '-', '_')")
    if len(set(keys)) != len(keys):
        raise InvalidInputError("a session's columns name one key twice")
    return keys


def check_step(session: SessionRow, step: int) -> None:
    if not isinstance(step, int) or not 1 <= step <= session.step_count:
        raise InvalidInputError(_('step {step} is outside 1-{step_count}').format(step=step, step_count=session.step_count))


def known_language(code: str | None) -> str:
    """A session's language as stored: a language the app speaks (`i18n.available`), else ""
    (English, as sessions older than languages)."""
    found = normalize(code) if code else None
    return found if found in available() else ""


def session_language(code: str | None) -> str:
    """The language a new session keeps: the one asked for (it must be known), else the one in use."""
    if code is None:
        return current()
    found = known_language(code)
    if not found:
        raise InvalidInputError(_("unknown language '{code}' (known: {known})").format(code=code, known=", ".join(available())))
    return found
