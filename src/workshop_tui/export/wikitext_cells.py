"""One cell of the summary table read back into rows (`cell_rows`): its bullets (a cluster's members
nested under it), each item's author, votes and follow-up mark (owner, due date, status, in any
language the app speaks), and the line breaks a hand-written page may use instead of bullets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from workshop_tui.export.common import (
    MAX_INT,
    ImportFormatError,
    Row,
    item_text,
    one_line,
)
from workshop_tui.export.wording import (
    CARRIED_LABEL,
    DUE_WORD,
    FOLLOWUP_LABEL,
    OWNER_WORD,
    read_status,
)
from workshop_tui.i18n import _, variants
from workshop_tui.export.wikimarkup import to_text
from workshop_tui.export.wikitable import CELL_SEPARATOR
from workshop_tui.export.wikitext import CLUSTER_OPEN
from workshop_tui.model import new_id
from workshop_tui.text import clean_name, clean_text

MAX_SOURCE = 200_000  # an item of 10,000 characters takes at most about 100,000 escaped
_BULLET = re.compile(r"^[*#]+")
_NESTED_TABLE = re.compile(r"^[ \t]*(?:\{\||\|[}+-])")
_NESTED_CELLS = re.compile(r"^[ \t]*[|!]")
_BREAK = re.compile(r"</?br\s*/?>", re.I)
_MARK = re.compile(r'<small(?: class="(votes|followup)")?>\(')
_MARK_CLOSE = ")</small>"
_VOTES = re.compile(r"([0-9]{1,10}) votes?")
_CLUSTER_VOTES = re.compile(r'<small class="votes">\(([0-9]{1,12}) votes?\)</small>[ \t]*$')


def starting(text: str, word: str) -> str | None:
    """`text` after `word` (in any language) and a space or the end; None if it does not start so."""
    for variant in variants(word):
        if text.startswith(variant) and (len(text) == len(variant) or text[len(variant)] in " \t"):
            return text[len(variant):]
    return None


def cell_rows(lines: list[str], step: int, column: str, where: str, cluster_votes: dict[str, int]) -> Iterator[Row]:
    """A cell's items: one per bullet (its `<br />`s are line breaks), else one per line or `<br>`.

    A bullet that opens a cluster gathers the deeper bullets below it into the cluster; its
    votes go into `cluster_votes` (`with_cluster_votes` gives them to a member)."""
    cluster, cluster_level = None, 0
    for raw in _cell_lines(lines):
        bullet = _BULLET.match(raw)
        if bullet:
            content = bounded(raw[bullet.end() :].strip(" \t"), where)
            if cluster and bullet.end() <= cluster_level:
                cluster = None
            if content.startswith(CLUSTER_OPEN):
                cluster, cluster_level = new_id(), bullet.end()
                total = _CLUSTER_VOTES.search(content)
                cluster_votes[cluster] = min(int(total.group(1)), MAX_INT) if total else 0
                continue
            content, row = _marks(content, Row(step, column, "", cluster=cluster))
            pieces: Iterator[str] = iter([to_text(content)])
        else:
            if raw.strip():
                cluster = None
            row = Row(step, column, "")
            pieces = (to_text(bounded(piece, where)) for piece in _between_breaks(raw))
        for piece in map(clean_text, pieces):
            if piece.strip():  # a blank bullet on a hand-made page shows nothing: skipped
                yield Row(step, column, item_text(piece, where), row.author, row.votes, cluster=row.cluster,
                          followup=row.followup, owner=row.owner, due=row.due,
                          followup_status=row.followup_status, from_last_time=row.from_last_time)


def with_cluster_votes(rows: list[Row], totals: dict[str, int]) -> list[Row]:
    """A cluster's votes, written once on its own line, given to its first member (where the
    room's dots on a cluster land, and the member listed first; at most `MAX_INT`). A page whose
    members carry their own votes (written before votes were shown once) keeps them as they are."""
    members: dict[str, list[Row]] = {}
    for row in rows:
        if row.cluster in totals:
            members.setdefault(row.cluster, []).append(row)
    for label, group in members.items():
        if totals[label] and not any(row.votes for row in group):
            group[0].votes = totals[label]
    return rows


def bounded(source: str, where: str) -> str:
    """Refuse early what cannot be an item, before decoding megabytes of it."""
    if len(source) > MAX_SOURCE:
        raise ImportFormatError(_("{where}: an item's wikitext is {length:,} characters long; too long for an item").format(
            where=where, length=len(source)))
    return source


def _between_breaks(raw: str) -> Iterator[str]:
    """The pieces of a plain line between its `<br>`s, one at a time (a line may hold thousands)."""
    position = 0
    for match in _BREAK.finditer(raw):
        yield raw[position : match.start()].strip(" \t")
        position = match.end()
    yield raw[position:].strip(" \t")


def _cell_lines(lines: list[str]) -> Iterator[str]:
    """A cell's lines; a table nested in the cell gives its cells' text, one line each."""
    for raw in lines:
        nested = _NESTED_CELLS.match(raw)
        if _NESTED_TABLE.match(raw):
            continue
        if nested:
            yield from CELL_SEPARATOR.split(raw[nested.end() :])
        else:
            yield raw


def _marks(content: str, row: Row) -> tuple[str, Row]:
    """A bullet's text without its trailing marks (author, votes, follow-up), read into row.

    Typed text never holds a raw `<`, so in our pages the last `<small` starts a mark. Each kind
    is read once; a mark that does not read as one stays in the text."""
    seen: set[str] = set()
    while content.endswith(_MARK_CLOSE):
        start = content.rfind("<small")
        match = _MARK.match(content, start) if start >= 0 else None
        if match is None or match.end() > len(content) - len(_MARK_CLOSE):
            break
        kind = match.group(1) or "author"
        inner = content[match.end() : len(content) - len(_MARK_CLOSE)]
        if kind in seen or not _read_mark(kind, inner, row):
            break
        seen.add(kind)
        content = content[:start].rstrip(" \t")
    return content, row


def _read_mark(kind: str, inner: str, row: Row) -> bool:
    if kind == "author":
        row.author = clean_name(to_text(inner))
        return True
    if kind == "votes":
        match = _VOTES.fullmatch(inner)
        if match is None or int(match.group(1)) > MAX_INT:
            return False
        row.votes = int(match.group(1))
        return True
    label, *parts = inner.split(",")  # commas typed in an owner or a due date are references
    carried = label.strip() in variants(CARRIED_LABEL)
    if not carried and label.strip() not in variants(FOLLOWUP_LABEL):
        return False
    owner, due, status = None, "", "open"
    for part in (part.strip(" \t") for part in parts):
        if (value := _owner(part)) is not None:
            owner = clean_name(to_text(value))
        elif (value := starting(part, DUE_WORD)) is not None:
            due = one_line(to_text(value[1:]))
        elif read_status(part):
            status = read_status(part)  # type: ignore[assignment]
        else:
            return False
    row.followup, row.owner, row.due = True, owner, due
    row.followup_status, row.from_last_time = status, carried
    return True


def _owner(part: str) -> str | None:
    """The owner in `owner: Ana` (any language), as written after the label; None if not one."""
    return next((part[len(word):] for word in variants(OWNER_WORD) if part.startswith(word)), None)
