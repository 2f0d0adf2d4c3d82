"""The catalogs: the `.pot` is what the source marks, and every language translates all of it.

A string wrapped in `_()` but missing from the `.pot`, or a French entry left empty or fuzzy,
fails here: run `python -m workshop_tui.i18n.extract`, then translate what it reports."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from workshop_tui import i18n
from workshop_tui.i18n import extract, po

LANGUAGES = [code for code in i18n.available() if code != i18n.SOURCE_LANGUAGE]
PLACEHOLDER = re.compile(r"\{[a-z_]*(?::[^}]*)?\}|%\(\w+\)[rsd]|%[sdr]")


def _entries(code: str) -> list[po.Entry]:
    path = i18n.catalog_path(code)
    return po.parse(path.read_text(encoding="utf-8"), str(path))


def test_french_is_there():
    assert "fr" in LANGUAGES


def _keys(entries: list[po.Entry]) -> set[tuple[str, str, str]]:
    return {(entry.context, entry.msgid, entry.plural) for entry in entries if entry.msgid}


def test_the_pot_matches_the_source():
    """Every string the source marks is in the .pot, and nothing else (where each is used may
    move: only the messages count)."""
    path = i18n.LOCALE_DIR / f"{i18n.DOMAIN}.pot"
    assert _keys(po.parse(path.read_text(encoding="utf-8"))) == _keys(extract.extract()), (
        "the .pot is out of date: run `python -m workshop_tui.i18n.extract`")


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_message_is_translated_and_nothing_else(code):
    entries = [entry for entry in _entries(code) if entry.msgid]
    assert _keys(entries) == _keys(extract.extract()), "run `python -m workshop_tui.i18n.extract`"
    untranslated = [entry.msgid for entry in entries if not entry.translated or entry.fuzzy]
    assert untranslated == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_translations_keep_every_placeholder(code):
    for entry in _entries(code):
        if not entry.msgid:
            continue
        wanted = sorted(PLACEHOLDER.findall(entry.plural or entry.msgid))
        for text in entry.plurals if entry.plural else [entry.msgstr]:
            got = sorted(PLACEHOLDER.findall(text))
            # a singular may say "1" instead of {count}: only what it says must be known
            assert set(got) <= set(wanted) and (entry.plural or got == wanted), (entry.msgid, text)


@pytest.mark.parametrize("code", LANGUAGES)
def test_msgfmt_reports_nothing_untranslated_or_fuzzy(code):
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt (GNU gettext) is not installed; the pure-Python checks above still ran")
    done = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(i18n.catalog_path(code))],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "untranslated" not in done.stderr and "fuzzy" not in done.stderr, done.stderr
    assert re.fullmatch(r"\d+ translated messages?\.\n", done.stderr), done.stderr


MARKUP = set("[]{}|<>*_#=`~&\\")


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_translation_brings_no_markup_of_its_own(code):
    """A translation is text, never markup: it may use only the markup characters its English
    has (exports and screens write the English ones knowingly; a translator's `[b]` or `''`
    would become formatting in a wiki page, Markdown or a Textual label)."""
    for entry in _entries(code):
        if not entry.msgid:
            continue
        source = entry.msgid + entry.plural
        for text in entry.plurals if entry.plural else [entry.msgstr]:
            assert set(text) & MARKUP <= set(source) & MARKUP, (entry.msgid, text)
            assert ("''" in text) <= ("''" in source), (entry.msgid, text)
