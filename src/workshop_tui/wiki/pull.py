"""Pulling: a wiki page's summary table read into a session (the wikitext importer), so a
follow-up workshop starts from what the wiki holds. Reading needs no login on a public wiki."""

from __future__ import annotations

from dataclasses import replace

from workshop_tui.i18n import _
from workshop_tui.content import Catalog
from workshop_tui.export import ImportFormatError, wikitext_import
from workshop_tui.model import SessionData
from workshop_tui.wiki.client import PageState, WikiClient
from workshop_tui.wiki.errors import SummaryTablesAmbiguous, WikiError


def pull_page(client: WikiClient, title: str, catalog: Catalog) -> tuple[SessionData, PageState]:
    """The page's summary table as a session (not yet stored), and the page as read."""
    page = client.read_page(title)
    if not page.exists:
        raise WikiError(_('there is no page {title} on {value1}').format(title=page.title, value1=client.name or client.api_url))
    spans = wikitext_import.summary_tables(page.text, catalog)
    if not spans:
        raise WikiError(_('{title} holds no summary table (a table whose header row names the key steps, actions, obstacles and tools)').format(title=page.title))
    if len(spans) > 1:
        raise SummaryTablesAmbiguous(f"{page.title} holds {len(spans)} summary tables: which one to pull is not "
                                     f"clear; keep one on the wiki")
    try:
        data = wikitext_import.parse(page.text, catalog)
    except ImportFormatError as error:
        raise WikiError(f"{page.title}: {error}") from None
    if not data.info.title:
        data = replace(data, info=replace(data.info, title=page.title))
    return data, page
