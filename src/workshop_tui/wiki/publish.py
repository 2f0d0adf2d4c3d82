"""Publishing a session in two moves: `plan_publish` reads the page and shows what would change;
`save_plan` saves exactly that, and only if the page is still at the revision the diff was made from.

Between the two the user reads the diff and says yes (or `--yes` said it before). Anything
saved on the page meanwhile, by anyone, makes `save_plan` refuse with `EditConflict`: we check
the latest revision just before saving (MediaWiki alone lets an account overwrite its own
edits without a conflict), and the edit carries its base revision and start time, so the
wiki refuses it too if someone saves in the moment between.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from workshop_tui.i18n import SOURCE_LANGUAGE, formats, ngettext, using
from workshop_tui.content import Catalog, Template
from workshop_tui.model import SessionData
from workshop_tui.text import clean_text
from workshop_tui.wiki.client import PageState, SaveResult, WikiClient
from workshop_tui.wiki.errors import NOTHING_SAVED, EditConflict, PageProtected, PageTooLarge
from workshop_tui.wiki.page import UNCHANGED, diff_lines, text_to_publish

MAX_SUMMARY = 400  # characters; MediaWiki cuts edit summaries at 500 bytes


@dataclass(frozen=True)
class PublishPlan:
    page: PageState
    text: str
    mode: str  # page.CREATE, TABLE, PAGE or UNCHANGED
    diff: tuple[str, ...]

    @property
    def changes(self) -> bool:
        return self.mode != UNCHANGED


def plan_publish(client: WikiClient, title: str, data: SessionData, template: Template, catalog: Catalog, *,
                 now: datetime | None = None) -> PublishPlan:
    """Read the page and work out the text to save and its diff; refuse early what cannot be saved."""
    page = client.read_page(title)
    if not page.can_edit:
        protection = f" ({', '.join(page.protection)})" if page.protection else ""
        verb = "edit" if page.exists else "create"
        raise PageProtected(f"{page.title} is protected{protection}: this account may not {verb} it; {NOTHING_SAVED}")
    new = text_to_publish(page.text if page.exists else None, data, template, catalog, title=page.title, now=now)
    limit = client.max_page_bytes
    size = len(new.text.encode("utf-8"))
    if limit and size > limit:
        raise PageTooLarge(f"the page would be {size / 1024:,.0f} KB and {client.name or 'this wiki'} takes at most "
                           f"{limit / 1024:,.0f} KB a page; {NOTHING_SAVED}: publish fewer items, or split the session")
    diff = diff_lines(page.text, new.text, title=page.title, revid=page.revid) if new.mode != UNCHANGED else []
    return PublishPlan(page, new.text, new.mode, tuple(diff))


def save_plan(client: WikiClient, plan: PublishPlan, *, summary: str) -> SaveResult:
    """Save the plan's text, only over the revision it was made from; no new revision if nothing changed."""
    page = plan.page
    if not plan.changes:
        return SaveResult(page.title, page.revid, False, page.url)
    latest = client.latest_revision(page.title)
    latest_id = latest.revid if latest else 0
    if latest_id != page.revid:
        if latest is None:
            what = "the page was deleted"
        elif page.exists:
            what = f"revision {latest.revid} by {latest.user} at {latest.timestamp} came after the one read"
        else:
            what = f"{latest.user} created the page at {latest.timestamp}"
        raise EditConflict(f"edit conflict on {page.title}: {what}; nothing was overwritten. Pull the page, merge it "
                           f"with the session, and publish again")
    return client.save(page, plan.text, edit_summary(summary))


def edit_summary(summary: str) -> str:
    line = " ".join(clean_text(summary).split())
    return line if len(line) <= MAX_SUMMARY else line[: MAX_SUMMARY - 1] + "…"


def default_summary(data: SessionData) -> str:
    """The edit summary, in the session's language (as its page)."""
    count = len(data.items)
    with using(data.info.language or SOURCE_LANGUAGE):
        return ngettext("Workshop summary table: {title} ({count} item), from workshop-tui",
                        "Workshop summary table: {title} ({count} items), from workshop-tui", count).format(
            title=data.info.title, count=formats.number(count))
