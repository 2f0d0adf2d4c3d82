"""Languages: `_()`, `ngettext()` and `N_()` over the gettext catalogs in `workshop_tui/locale/`.

The catalogs are `.po` files, one per language (`locale/fr/LC_MESSAGES/workshop_tui.po`) made
from `locale/workshop_tui.pot` (`python -m workshop_tui.i18n.extract` writes it from the
source): the layout translation platforms import. They are read at run time (`po.py`), so no
build step is needed. English is the source language and needs no catalog.

The language is chosen once, early (`choose`: `--lang`, else `LANGUAGE`/`LC_ALL`/
`LC_MESSAGES`/`LANG`), and `using(code)` switches it for one block (a session's exports are in
the session's language, whatever the screen's). `N_()` only marks a string for the catalog:
strings made when a module is imported (bindings, titles) are marked so, and translated with
`_()` where they are shown. A translation is plain text, never markup.
"""

from __future__ import annotations

import contextlib
import contextvars
import gettext
import os
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Mapping

from workshop_tui.i18n import po

DOMAIN = "workshop_tui"
SOURCE_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
NAMES = {"en": "English", "fr": "Français"}  # each language in its own words
ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
CHOSEN = "WORKSHOP_TUI_LANG"  # `--lang`, handed to the processes this one starts (`serve`'s participants)

__all__ = ["N_", "_", "available", "choose", "current", "ngettext", "set_language", "using", "variants"]


class Catalog(gettext.NullTranslations):
    """One language's translations, read from its `.po` file (fuzzy and empty ones left out)."""

    def __init__(self, language: str, entries: list[po.Entry]) -> None:
        super().__init__()
        self.language = language
        self.messages: dict[tuple[str, str], str] = {}
        self.plural_messages: dict[tuple[str, str], list[str]] = {}
        for entry in entries:
            if entry.fuzzy or not entry.msgid or not entry.translated:
                continue
            if entry.plural:
                self.plural_messages[(entry.context, entry.msgid)] = entry.plurals
            else:
                self.messages[(entry.context, entry.msgid)] = entry.msgstr
        forms = po.header_fields(entries).get("Plural-Forms", "")
        expression = forms.partition("plural=")[2].rstrip(";").strip()
        self.plural = gettext.c2py(expression) if expression else (lambda n: int(n != 1))

    def gettext(self, message: str) -> str:
        return self.messages.get(("", message), message)

    def pgettext(self, context: str, message: str) -> str:
        return self.messages.get((context, message), message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        forms = self.plural_messages.get(("", singular))
        if not forms:
            return singular if n == 1 else plural
        index = self.plural(n)
        return forms[index] if index < len(forms) else forms[-1]


def catalog_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def available() -> tuple[str, ...]:
    """The languages the app speaks: English, then every language with a catalog."""
    found = sorted(path.name for path in LOCALE_DIR.iterdir() if catalog_path(path.name).is_file()) \
        if LOCALE_DIR.is_dir() else []
    return (SOURCE_LANGUAGE, *[code for code in found if code != SOURCE_LANGUAGE])


@lru_cache(maxsize=None)
def _catalog(language: str) -> gettext.NullTranslations:
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    path = catalog_path(language)
    return Catalog(language, po.parse(path.read_text(encoding="utf-8"), str(path)))


def normalize(name: str | None) -> str | None:
    """A locale name as a supported language: `fr_FR.UTF-8`, `fr-CA`, `FR` -> "fr"; "C" and
    "POSIX" -> English; anything else -> None."""
    if not name:
        return None
    base = name.strip().split(".")[0].split("@")[0].replace("-", "_")
    if base in ("C", "POSIX"):
        return SOURCE_LANGUAGE
    supported = available()
    for candidate in (base.lower(), base.split("_")[0].lower()):
        if candidate in supported:
            return candidate
    return None


def from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for: `WORKSHOP_TUI_LANG` (set by `--lang` for the
    processes it starts), else as gettext reads it: `LANGUAGE` (a list: the first supported
    one) unless the locale is C, then `LC_ALL`, `LC_MESSAGES`, `LANG`."""
    environ = os.environ if environ is None else environ
    if normalize(environ.get(CHOSEN)):
        return normalize(environ[CHOSEN])  # type: ignore[return-value]
    locale_name = next((environ[key] for key in ENVIRONMENT[1:] if environ.get(key)), "")
    if normalize(locale_name) == SOURCE_LANGUAGE and locale_name.split(".")[0] in ("C", "POSIX"):
        return SOURCE_LANGUAGE
    for wanted in environ.get("LANGUAGE", "").split(":"):
        if normalize(wanted):
            return normalize(wanted)  # type: ignore[return-value]
    return normalize(locale_name) or SOURCE_LANGUAGE


_language = SOURCE_LANGUAGE
_override: contextvars.ContextVar[str | None] = contextvars.ContextVar("workshop_tui_language", default=None)


def set_language(code: str) -> str:
    """Use `code` from now on (an unsupported one means English); returns the language used."""
    global _language
    _language = normalize(code) or SOURCE_LANGUAGE
    return _language


def choose(option: str | None, environ: Mapping[str, str] | None = None) -> tuple[str, str | None]:
    """Set the language from `--lang` (given) or the environment: (the language used, a one-line
    warning when `--lang` names a language the app does not speak, which then means English)."""
    if option:
        found = normalize(option)
        if found is None:
            found, warning = SOURCE_LANGUAGE, _("unknown language '{code}' (known: {known}); using English").format(
                code=option, known=", ".join(available()))
        else:
            warning = None
        if environ is None:
            os.environ[CHOSEN] = found  # the processes it starts speak it too
        return set_language(found), warning
    return set_language(from_environment(environ)), None


def current() -> str:
    return _override.get() or _language


@contextlib.contextmanager
def using(code: str | None) -> Iterator[str]:
    """Speak `code` inside the block (this thread or task only); None or "" keeps the current."""
    language = (normalize(code) or SOURCE_LANGUAGE) if code else current()
    token = _override.set(language)
    try:
        yield language
    finally:
        _override.reset(token)


def _(message: str) -> str:
    """`message` in the current language (itself when there is no translation)."""
    return _catalog(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalog(current()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    catalog = _catalog(current())
    return catalog.pgettext(context, message) if isinstance(catalog, Catalog) else message


def variants(message: str) -> tuple[str, ...]:
    """`message` in every language the app speaks, English first: what an importer accepts
    where an export wrote a word (a page exported in French reads back in English too)."""
    found = [message]
    for code in available()[1:]:
        text = _catalog(code).gettext(message)
        if text not in found:
            found.append(text)
    return tuple(found)


def N_(message: str) -> str:
    """Marks `message` for the catalog without translating it (translate it where it is shown)."""
    return message
