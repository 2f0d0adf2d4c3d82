"""Cleaning the text people type, on every path into the store (typed, `add`, import, join).

C0 and C1 control characters other than newline and tab are dropped, so no terminal escape
sequence can ever reach a screen; carriage returns become newlines. Everything else,
including Rich markup and wikitext, is kept exactly as typed: it is data.
"""

from __future__ import annotations

import re

MAX_ITEM_LENGTH = 10_000

# C0 controls except \t and \n, DEL, and the C1 controls.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


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


def clean_item_text(text: str) -> str:
    """Clean an item's text and check it is worth storing.

    Leading and trailing blank lines go; spaces inside the text are kept as typed.
    """
    cleaned = clean_text(text).strip("\n")
    if not cleaned.strip():
        raise EmptyTextError("an item needs some text: it is empty or only whitespace")
    if len(cleaned) > MAX_ITEM_LENGTH:
        raise TextTooLongError(
            f"an item can hold at most {MAX_ITEM_LENGTH:,} characters; this one has {len(cleaned):,}"
        )
    return cleaned


def clean_name(text: str | None) -> str | None:
    """A participant's or author's name: one line, no controls, None when blank."""
    if text is None:
        return None
    name = " ".join(clean_text(text).split())
    return name or None
