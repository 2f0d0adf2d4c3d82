"""Dates and numbers as each language writes them: a small table, no locale database.

`number(1234567)` is `1,234,567` in English and `1 234 567` in French (narrow no-break
spaces); `day` and `moment` write a date and a time of day (`2026-12-03 14:05:07`,
`03/12/2026 14:05:07`); `iso_day` reads any of them back into ISO 8601 (`moments.moment_upto`
takes a time as the history shows it, in any language). A language missing here writes as English.
`sort_key` orders titles as a reader expects in French as in English: accents and case aside.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from workshop_tui.i18n import SOURCE_LANGUAGE, current


@dataclass(frozen=True)
class Formats:
    day: str  # str.format fields: d, m, y
    short_day: str  # without the year: d, m
    thousands: str
    decimal: str


FORMATS = {
    "en": Formats(day="{y:04d}-{m:02d}-{d:02d}", short_day="{m:02d}-{d:02d}", thousands=",", decimal="."),
    "fr": Formats(day="{d:02d}/{m:02d}/{y:04d}", short_day="{d:02d}/{m:02d}", thousands="\u202f", decimal=","),
}
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?=$|[ T])")


def formats(language: str | None = None) -> Formats:
    return FORMATS.get(language or current(), FORMATS[SOURCE_LANGUAGE])


def number(value: int | float, language: str | None = None, *, decimals: int = 0) -> str:
    """`1,234` / `1 234`; with `decimals`, `3.5` / `3,5`."""
    shape = formats(language)
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", shape.decimal).replace("\0", shape.thousands)


def day(value: date, language: str | None = None) -> str:
    return formats(language).day.format(d=value.day, m=value.month, y=value.year)


def moment(value: datetime, language: str | None = None) -> str:
    """A date and a time of day to the second, as the history shows it."""
    return f"{day(value, language)} {value:%H:%M:%S}"


def short_moment(value: datetime, language: str | None = None) -> str:
    """The day without its year and the time to the minute: `12-03 14:05`, `03/12 14:05`."""
    return f"{formats(language).short_day.format(d=value.day, m=value.month)} {value:%H:%M}"


def iso_day(text: str) -> str:
    """`text` with a leading day in a language's format (`03/12/2026 14:05`) written in ISO 8601
    (`2026-12-03 14:05`); any other text as it is."""
    match = _DAY_MONTH_YEAR.match(text)
    if match is None:
        return text
    d, m, y = (int(part) for part in match.groups())
    return f"{y:04d}-{m:02d}-{d:02d}{text[match.end():]}"


def sort_key(text: str) -> tuple[str, str]:
    """Alphabetical order for titles, accents and case aside ("Évaluation" with the E's, before
    "Fin"), without a locale database (`locale.strxfrm` needs a locale the machine may lack);
    the text itself breaks ties, so the order is always the same."""
    letters = unicodedata.normalize("NFKD", text.casefold().replace("œ", "oe").replace("æ", "ae"))
    return "".join(char for char in letters if not unicodedata.combining(char)), text
