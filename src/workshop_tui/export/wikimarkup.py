"""Typed text to wikitext that renders exactly as typed, and wikitext back to the text it shows.

`escape` writes every character that could mean something to MediaWiki as a character
reference (`&#124;`, `&lt;`, ...) and a line break as `<br />`; `to_text` undoes that in one
left-to-right pass (so `&amp;lt;` gives back `&lt;`, not `<`), and also reads the light markup
of a hand-made wiki table: bold and italics, links, `<br>`, `<nowiki>`, comments.
"""

from __future__ import annotations

import html
import re
from typing import Callable

# Always special somewhere in a table or list: tags, entities, cells, templates, links.
_ALWAYS = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "[": "&#91;", "]": "&#93;",
           "{": "&#123;", "}": "&#125;"}
# Markup made of a run of one character: bold/italic, signatures, `!!` cells, `__NOTOC__`, rules.
_RUNS = re.compile(r"[&<>|\[\]{}]|'{2,}|~{3,}|!{2,}|_{2,}|-{4,}")
# Special at the start of a line (lists, tables, headings, rules), or at an edge next to our markup.
_LEAD = set("*#:;-+}=!{|'~_")
_TRAIL = set("'=")
# `_plain`'s quick test: these single characters, and the runs it looks for as substrings.
_SPECIAL_CHARS = re.compile(r"[&<>|\[\]{}\n\r]")


_MIDDLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f&<>|\\[\\]{}\u202a-\u202e\u2066-\u2069]").search


def needs_escape(text: str) -> bool:
    """Whether `escape` might change `text`, or `text.safe` would (a control character): when
    False it is written as it is. Quick (a character class and a few substrings), for writers
    of many items."""
    return bool(text) and (
        text[0] in _LEAD or text[-1] in _TRAIL or text[0].isspace() or text[-1].isspace()
        or _MIDDLE(text) is not None or "''" in text or "~~~" in text or "!!" in text or "__" in text
        or "----" in text
    )


def _reference(char: str) -> str:
    return _ALWAYS.get(char) or f"&#{ord(char)};"


_ALWAYS_TABLE = str.maketrans(_ALWAYS)
_RUN = re.compile(r"'{2,}|~{3,}|!{2,}|_{2,}|-{4,}")  # what `_RUNS` matches but its single characters
_RUN_REFERENCES: dict[str, str] = {}


def _run_reference(match: re.Match) -> str:
    run = match.group()
    reference = _RUN_REFERENCES.get(run)
    if reference is None:
        reference = "".join(map(_reference, run))
        if len(_RUN_REFERENCES) < 256:  # the usual few runs; a hostile page's are not all kept
            _RUN_REFERENCES[run] = reference
    return reference


def _escape_line(text: str, extra: str) -> str:
    if not text:
        return ""
    # Edge characters: leading and trailing whitespace (MediaWiki trims it), then one markup char.
    start = len(text) - len(text.lstrip())
    if start < len(text) and text[start] in _LEAD:
        start += 1
    end = len(text.rstrip())
    if end > start and text[end - 1] in _TRAIL:
        end -= 1
    head = "".join(map(_reference, text[:start])) if start else ""
    tail = "".join(map(_reference, text[end:])) if start <= end < len(text) else ""
    # What `_RUNS` matches: its single characters at once (their references hold none of the
    # runs' characters, so the order does not matter), then the runs.
    middle = text[start:max(start, end)].translate(_ALWAYS_TABLE)
    if _RUN.search(middle):
        middle = _RUN.sub(_run_reference, middle)
    for char in extra:
        middle = middle.replace(char, _reference(char))
    return head + middle + tail


def escape(text: str, *, extra: str = "") -> str:
    """Wikitext that renders as text; `extra` names more characters to encode (a separator)."""
    if _plain(text) and not (extra and any(char in text for char in extra)):
        return text  # most items: nothing in them means anything to MediaWiki
    # A bare CR is a line break to whoever reads the page back (universal newlines): say it as one.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br />".join(_escape_line(part, extra) for part in lines)


def _plain(text: str) -> bool:
    """True when `_escape_line` would give the text back unchanged: no line break, nothing
    `_RUNS` matches (checked as one character class and plain substrings, several times faster
    than `_RUNS` itself), and neither edge a space or a character that means something there."""
    return not text or (
        text[0] not in _LEAD and text[-1] not in _TRAIL and not text[0].isspace() and not text[-1].isspace()
        and _SPECIAL_CHARS.search(text) is None and "''" not in text and "~~~" not in text and "!!" not in text
        and "__" not in text and "----" not in text
    )


# -- reading back ------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"(?P<nowiki><nowiki\s*>)"
    r"|(?P<void><nowiki\s*/>)"
    r"|(?P<comment><!--)"
    r"|(?P<br></?br\s*/?>[ \t]*)"
    r"|(?P<entity>&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<quotes>'{2,})"
    r"|(?P<link>\[\[[^\[\]\n]{1,2000}\]\])"
    r"|(?P<url>\[(?:https?:|ftp:|mailto:|//)[^\[\]\s]*(?:[ \t][^\[\]\n]*)?\])"
    r"|(?P<escape>\{\{[!=]\}\})"
    r"|(?P<tag></?(?:b|i|u|s|small|big|span|div|p|sup|sub|code|tt|strong|em|del|ins|mark|center|font)\b[^<>\n]*>)",
    re.I,
)
_NOWIKI_END = re.compile(r"</nowiki\s*>", re.I)


def without_comments(source: str) -> str:
    """The text with `<!-- -->` comments removed, as MediaWiki does before anything else."""
    return _replace_comments(source, lambda comment: "")


def blank_comments(source: str) -> str:
    """The text with each `<!-- -->` comment's characters made spaces (line ends kept): the page's
    structure as MediaWiki reads it, with every offset still pointing into the page as written."""
    return _replace_comments(source, lambda comment: re.sub(r"[^\n]", " ", comment))


def _replace_comments(source: str, replace: Callable[[str], str]) -> str:
    if "<!--" not in source:
        return source
    kept, position = [], 0
    while (start := source.find("<!--", position)) >= 0:
        kept.append(source[position:start])
        end = source.find("-->", start + 4)
        end = len(source) if end < 0 else end + 3  # an unclosed comment hides the rest
        kept.append(replace(source[start:end]))
        position = end
    kept.append(source[position:])
    return "".join(kept)


def to_text(source: str) -> str:
    """The text a line of wikitext shows: our escapes decoded, light markup removed."""
    out: list[str] = []
    position = 0
    for match in _TOKEN.finditer(source):
        if match.start() < position:
            continue  # inside a nowiki or comment already consumed
        out.append(source[position : match.start()])
        kind, token = match.lastgroup, match.group()
        position = match.end()
        if kind == "nowiki":
            # Unclosed, it runs to the end: later tokens are skipped, so nothing is searched twice.
            end = _NOWIKI_END.search(source, position)
            out.append(html.unescape(source[position : end.start() if end else len(source)]))
            position = end.end() if end else len(source)
        elif kind == "comment":
            end = source.find("-->", position)
            position = len(source) if end < 0 else end + 3
        elif kind == "br":
            out[-1] = out[-1].rstrip(" \t")  # the raw text just before: MediaWiki drops that space
            out.append("\n")
        elif kind == "entity":
            out.append(html.unescape(token))
        elif kind == "quotes":
            out.append(_quotes(len(token)))
        elif kind == "link":
            out.append(token[2:-2].split("|")[-1])
        elif kind == "url":
            target, *label = re.split(r"[ \t]", token[1:-1], maxsplit=1)
            out.append("".join(label).strip() or target)
        elif kind == "escape":
            out.append("|" if token[2] == "!" else "=")
    out.append(source[position:])
    return "".join(out)


def _quotes(count: int) -> str:
    """What a run of apostrophes leaves visible: `''` and `'''` and `'''''` are bold or italics."""
    if count in (2, 3, 5):
        return ""
    return "'" if count == 4 else "'" * (count - 5)
