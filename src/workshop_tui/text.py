"""Cleaning text: on every path into the store, and on every path out of it.

In (`clean_text`, `clean_item_text`, `clean_name`: typed, `add`, import, join): C0 and C1
control characters other than newline and tab are dropped, and so are the bidirectional
embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), whose effect runs on past
the text holding them (an override in an item would reverse the author's name after it);
carriage returns become newlines. Everything else, including Rich markup and wikitext, is kept
exactly as typed: it is data.

Out (`safe`, `safe_document`): the same rules, whatever a store holds (a store written by
another program, a shared database, a file received from someone), for every screen, export
and line the command line prints. Clean text, the usual case, passes after one fast check.
"""

from __future__ import annotations

import re
from typing import Iterable
from workshop_tui.i18n import _

MAX_ITEM_LENGTH = 10_000

# C0 controls except \t and \n, DEL, the C1 controls, and the bidi embeddings, overrides and isolates.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# The same in a whole document, whose own line ends may be \r\n (RFC 4180 csv).
_DOCUMENT_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_ASCII_CONTROL = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


class EmptyTextError(ValueError):
    """An item whose text is empty or only whitespace."""


class TextTooLongError(ValueError):
    """An item longer than MAX_ITEM_LENGTH characters."""


def short(text: str, width: int = 40) -> str:
    """One line of at most `width` characters, for a message or a table cell: "Call the cur…"."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: max(1, width - 1)] + "…"


def clean_text(text: str) -> str:
    """Drop control characters and normalise line endings; keep everything else."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def safe(text: str) -> str:
    """Text fit for a screen or a file, whatever a store holds: `clean_text`'s rules.

    Returns `text` itself when it is clean (one fast check). Something that is not text (a
    number where a store should hold text) becomes its text."""
    if type(text) is not str:
        text = "" if text is None else str(text)
    if text.isprintable() or _CONTROL.search(text) is None:
        return text
    return clean_text(text)


def safe_or_none(text: str | None) -> str | None:
    return None if text is None else safe(text)


def all_safe(texts: Iterable[str | None]) -> bool:
    """Whether every one of many texts is clean already: one pass in C over all of them.

    (A session of 100,000 items is checked this way in a few milliseconds.) False also when
    one is not text at all, so the caller cleans each."""
    try:
        blob = "".join(filter(None, texts))
    except TypeError:
        return False
    if blob.isascii():
        data = blob.encode("ascii")
        return len(data.translate(None, _ASCII_CONTROL)) == len(data) and "\r" not in blob
    return _CONTROL.search(blob) is None


def safe_document(text: str) -> str:
    """A whole export or printout, with no control character but tab, newline and carriage
    return (a csv's own line ends): the last check on the way out, in case any field slipped by."""
    if text.isascii():
        data = text.encode("ascii")
        if len(data.translate(None, _ASCII_CONTROL)) == len(data):
            return text
    elif _DOCUMENT_CONTROL.search(text) is None:
        return text
    return _DOCUMENT_CONTROL.sub("", text)


def clean_item_text(text: str) -> str:
    """Clean an item's text and check it is worth storing.

    Leading and trailing blank lines go; spaces inside the text are kept as typed.
    """
    cleaned = clean_text(text).strip("\n")
    if not cleaned.strip():
        raise EmptyTextError(_("an item needs some text: it is empty or only whitespace"))
    if len(cleaned) > MAX_ITEM_LENGTH:
        raise TextTooLongError(
            _('an item can hold at most {MAX_ITEM_LENGTH:,} characters; this one has {value1:,}').format(MAX_ITEM_LENGTH=MAX_ITEM_LENGTH, value1=len(cleaned))
        )
    return cleaned


def clean_name(text: str | None) -> str | None:
    """A participant's or author's name: one line, no controls, None when blank."""
    if text is None:
        return None
    name = " ".join(clean_text(text).split())
    return name or None
