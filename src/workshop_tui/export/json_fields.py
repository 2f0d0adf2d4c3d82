"""Typed reads from one object of a json export (`Fields`): texts, whole numbers, flags, lists,
ids and times, each refusal one line naming the object and the key, and what was found.
"""

from __future__ import annotations

import math
import re

from workshop_tui.export.common import (
    MAX_SECONDS,
    ImportFormatError,
    checked_time,
    shown,
)
from workshop_tui.i18n import _

_SURROGATE = re.compile("[\ud800-\udfff]")
_ID = re.compile(r"[0-9A-Za-z_-]{1,32}")


class Fields:
    """Typed reads from one json object; every refusal names the object and the key."""

    MISSING = object()

    def __init__(self, value: object, where: str) -> None:
        if not isinstance(value, dict):
            raise ImportFormatError(_("{where}: expected an object, got {kind}").format(where=where, kind=_kind(value)))
        self.values, self.where = value, where

    def value(self, key: str, default: object = None) -> object:
        """The key's value; null counts as missing."""
        if key in self.values and self.values[key] is not None:
            return self.values[key]
        if default is self.MISSING:
            raise ImportFormatError(_("{where}: \"{key}\" is missing").format(where=self.where, key=key))
        return default

    def fail(self, key: str, expected: str, got: object) -> ImportFormatError:
        return ImportFormatError(_("{where}: \"{key}\" should be {expected}, not {kind}").format(
            where=self.where, key=key, expected=expected, kind=_kind(got)))

    def text(self, key: str, default: object = "") -> str | None:
        value = self.value(key, default)
        if value is not None and not isinstance(value, str):
            raise self.fail(key, _("text"), value)
        if value and _SURROGATE.search(value):
            raise ImportFormatError(_("{where}: \"{key}\" holds an invalid character (a lone surrogate)").format(
                where=self.where, key=key))
        return value

    def identifier(self, key: str, *, required: bool = False) -> str | None:
        value = self.text(key, default=self.MISSING if required else None)
        if value is not None and not _ID.fullmatch(value):
            raise ImportFormatError(_("{where}: the {field} {value} is not 1-32 letters, digits, '-' or '_'").format(
                where=self.where, field=key, value=shown(value)))
        return value

    def integer(self, key: str, low: int, high: int, default: object = MISSING) -> int:
        value = self.value(key, default)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail(key, _("a whole number"), value)
        if not low <= value <= high:
            raise ImportFormatError(_("{where}: \"{key}\" is {value}, outside {low}-{high}").format(
                where=self.where, key=key, value=value, low=low, high=high))
        return value

    def seconds(self, key: str) -> float:
        value = self.value(key, 0.0)
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
            raise self.fail(key, _("a number of seconds"), value)
        if not 0 <= value <= MAX_SECONDS:
            raise ImportFormatError(_("{where}: \"{key}\" is {value}, outside {low}-{high}").format(
                where=self.where, key=key, value=value, low=0, high=MAX_SECONDS))
        return float(value)

    def boolean(self, key: str, default: object) -> bool:
        value = self.value(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, _("true or false"), value)
        return value

    def time(self, key: str) -> str:
        return checked_time(self.text(key) or "", f"{self.where}: \"{key}\"")

    def table(self, key: str) -> dict:
        value = self.value(key, self.MISSING)
        if not isinstance(value, dict):
            raise self.fail(key, _("an object"), value)
        return value

    def list(self, key: str) -> list:
        value = self.value(key, [])
        if not isinstance(value, list):
            raise self.fail(key, _("a list"), value)
        return value

    def texts(self, key: str) -> list[str]:
        values = self.list(key)
        for value in values:
            if not isinstance(value, str) or _SURROGATE.search(value):
                raise self.fail(key, _("a list of texts"), value)
        return values


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, (int, float)):
        return _("the number {value}").format(value=shown(value))
    if isinstance(value, str):
        return _("the text {value}").format(value=shown(value))
    kinds = {list: _("a list"), dict: _("an object"), type(None): "null"}
    return kinds.get(type(value), type(value).__name__)
