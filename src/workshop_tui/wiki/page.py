"""The page text to publish, and its diff against the page as it is: pure functions, no network.

On a page that holds the summary table (found by its header row, as the importer finds it)
only that table is replaced; whatever else the page holds stays exactly as others wrote it.
A page without one (or no page yet) gets the whole seed-shaped page. Two summary tables on a
page are refused: which of them is ours cannot be told.

MediaWiki stores text in Unicode NFC and without trailing whitespace, so the text is made so
before it is compared: a page that already holds the session is "unchanged", not a diff of
invisible differences.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from workshop_tui.i18n import SOURCE_LANGUAGE, using
from workshop_tui.content import Catalog, Template
from workshop_tui.export import wikitext, wikitext_import
from workshop_tui.model import SessionData
from workshop_tui.wiki.errors import NOTHING_SAVED, SummaryTablesAmbiguous

CREATE, TABLE, PAGE, UNCHANGED = "create", "table", "page", "unchanged"


@dataclass(frozen=True)
class NewText:
    text: str
    mode: str  # CREATE (no page yet), TABLE (only the table replaced), PAGE (the whole page), UNCHANGED


def as_saved(text: str) -> str:
    """Text as MediaWiki keeps it: NFC, Unix line ends, no trailing whitespace."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n")).rstrip()


def text_to_publish(current: str | None, data: SessionData, template: Template, catalog: Catalog, *,
                    title: str = "", now: datetime | None = None) -> NewText:
    """What the page should hold once the session is published; `current` is None for no page.
    The page's words are in the session's language, as its exports'."""
    language = data.info.language or SOURCE_LANGUAGE
    with using(language):
        return _text_to_publish(current, data, template.localized(language), catalog, title=title, now=now)


def _text_to_publish(current: str | None, data: SessionData, template: Template, catalog: Catalog, *,
                     title: str = "", now: datetime | None = None) -> NewText:
    if current is None:
        return NewText(as_saved(wikitext.export(data, template, now=now)), CREATE)
    current = as_saved(current)
    spans = wikitext_import.summary_tables(current, catalog)
    if len(spans) > 1:
        lines = ", ".join(str(current.count("\n", 0, start) + 1) for start, _ in spans)
        raise SummaryTablesAmbiguous(
            f"{title or 'the page'} holds {len(spans)} summary tables (at lines {lines}): keep one on the wiki, "
            f"or publish to another page; {NOTHING_SAVED}")
    if spans:
        start, end = spans[0]
        table = wikitext.summary_table(data, template, now=now)
        new, mode = as_saved(current[:start] + table + current[end:]), TABLE
    else:
        new, mode = as_saved(wikitext.export(data, template, now=now)), PAGE
    return NewText(new, UNCHANGED if new == current else mode)


def diff_lines(current: str, new: str, *, title: str, revid: int) -> list[str]:
    """A unified diff of the page's text, from the revision read to the text to publish."""
    before = f"{title} (revision {revid})" if revid else f"{title} (no page yet)"
    return list(difflib.unified_diff(as_saved(current).split("\n") if current else [], new.split("\n"),
                                     fromfile=before, tofile=f"{title} (to publish)", lineterm="", n=3))


def diff_counts(diff: list[str]) -> tuple[int, int]:
    """Lines added and removed by a diff."""
    added = sum(1 for line in diff if line.startswith("+") and not line.startswith("+++"))
    removed = sum(1 for line in diff if line.startswith("-") and not line.startswith("---"))
    return added, removed
