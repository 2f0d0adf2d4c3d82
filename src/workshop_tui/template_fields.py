"""Reading a template's TOML tables field by field (`_Checker`): text, whole numbers, lists and
tables, each refused with `TemplateError`, one line naming the file, the step and the field."""

from __future__ import annotations

from pathlib import Path

from workshop_tui.i18n import _
from workshop_tui.text import safe


class TemplateError(ValueError):
    """A template file that cannot be used; the message names the file, step and field."""


class _Checker:
    """Reads typed fields out of a TOML table, raising TemplateError with the field's place."""

    def __init__(self, path: Path, where: str = "") -> None:
        self.path = path
        self.where = where

    def fail(self, field_name: str, problem: str) -> TemplateError:
        if self.where:
            return TemplateError(_("{path}: {where}: field '{field}': {problem}").format(
                path=self.path, where=self.where, field=field_name, problem=problem))
        return TemplateError(_("{path}: field '{field}': {problem}").format(path=self.path, field=field_name, problem=problem))

    def text(self, table: dict, name: str, *, required: bool = True) -> str:
        if name not in table:
            if required:
                raise self.fail(name, _("missing"))
            return ""
        value = table[name]
        if not isinstance(value, str):
            raise self.fail(name, _("expected text, got {kind}").format(kind=type(value).__name__))
        value = safe(value).strip()  # a template's text reaches screens and exports as typed, controls aside
        if required and not value:
            raise self.fail(name, _("is empty"))
        return value

    def integer(self, table: dict, name: str, low: int, high: int) -> int:
        if name not in table:
            raise self.fail(name, _("missing"))
        value = table[name]
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail(name, _("expected a whole number, got {kind}").format(kind=type(value).__name__))
        if not low <= value <= high:
            raise self.fail(name, _("expected {low} to {high}, got {value}").format(low=low, high=high, value=value))
        return value

    def texts(self, table: dict, name: str, low: int, high: int) -> tuple[str, ...]:
        value = table.get(name, [] if low == 0 else None)
        if value is None:
            raise self.fail(name, _("missing"))
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(name, _("expected a list of non-empty texts"))
        if not low <= len(value) <= high:
            raise self.fail(name, _("expected {low} to {high} entries, got {count}").format(low=low, high=high, count=len(value)))
        return tuple(safe(v).strip() for v in value)

    def tables(self, table: dict, name: str) -> list[dict]:
        value = table.get(name)
        if value is None:
            raise self.fail(name, _("missing"))
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(name, _("expected a list of [[{name}]] tables").format(name=name))
        return value
