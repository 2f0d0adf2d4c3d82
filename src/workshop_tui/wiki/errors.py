"""What can go wrong between us and a wiki, one class per thing the user can act on.

Every `WikiError`'s text is one line that says what happened and that nothing was saved
(nothing ever is, half-way: an edit is one request, and it is refused whole).
"""

from __future__ import annotations

import re

NOTHING_SAVED = "nothing was saved"


class WikiError(Exception):
    """A wiki problem; `str()` is the one line shown to the user."""

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message))


class WikiUnreachable(WikiError):
    """No answer: no server, no network, a timeout, or not a MediaWiki API at that address."""


class WikiLoginError(WikiError):
    """The wiki refused the user name and bot password."""


class PageProtected(WikiError):
    """The page (or title, or namespace) is protected, or the account may not edit or create it."""


class EditConflict(WikiError):
    """The page changed after it was read: nothing was overwritten."""


class SummaryTablesAmbiguous(WikiError):
    """The page holds more than one table in the summary's shape: which one is ours is not clear."""


class PageTooLarge(WikiError):
    """The page would be larger than the wiki allows."""


class WikiBusy(WikiError):
    """Rate limited, or the wiki asked us to wait (maxlag, Retry-After) for longer than we do."""


class WikiRefused(WikiError):
    """Any other refusal, in the wiki's own words."""


_TAG = re.compile(r"<[^>]{0,200}>")


def one_line(text: str, limit: int = 400) -> str:
    """Text from a wiki (or ours) as one plain line: tags out, whitespace folded, cut short."""
    line = " ".join(_TAG.sub("", str(text)).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
