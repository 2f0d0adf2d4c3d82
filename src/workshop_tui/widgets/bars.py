"""Bars drawn with block characters, as `Content`: the agenda's and the statistics' charts.

Pure drawing, no widgets: a value becomes a run of cells scaled to the widest value, and
any value above zero gets at least one cell, so nothing counted disappears.
"""

from __future__ import annotations

from typing import Sequence

from textual.content import Content, Span

FULL = "█"
EMPTY = "░"


def cells(value: float, scale: float, width: int) -> int:
    """How many cells `value` takes when `scale` fills `width`."""
    if value <= 0 or scale <= 0 or width <= 0:
        return 0
    return max(1, min(width, round(value / scale * width)))


def stacked_bar(values: Sequence[float], styles: Sequence[str], scale: float, width: int) -> Content:
    """One bar of several parts side by side (items per column, say), each in its style.

    The whole bar is as long as the parts' sum would be; each part above zero keeps a cell.
    """
    total = cells(sum(values), scale, width)
    counts, running, edge = [], 0.0, 0
    for value in values:
        running += value
        end = round(running / sum(values) * total) if total else 0
        counts.append(max(end - edge, 1 if value > 0 else 0))
        edge = end
    while sum(counts) > total and max(counts) > 1:  # the kept cells of small parts come off the largest
        counts[counts.index(max(counts))] -= 1
    return Content.assemble(*(Content.styled(FULL * count, style) for count, style in zip(counts, styles)))


def time_bar(planned: float, spent: float, scale: float, width: int) -> Content:
    """Spent against planned: the time used, the time left (light), and any overtime in red."""
    plan = cells(planned, scale, width)
    used = cells(spent, scale, width)
    if spent <= planned:
        return Content.assemble((FULL * used, "$success"), (EMPTY * max(0, plan - used), "dim"))
    over = max(1, used - plan)
    return Content.assemble((FULL * min(plan, width - over), "$success"), (FULL * over, "$error"))


def duration(seconds: float) -> str:
    """`12:34`, `1:02:03` for an hour or more; `-0:42` when negative."""
    sign = "-" if seconds < 0 else ""
    whole = int(round(abs(seconds)))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours}:{minutes:02d}:{secs:02d}" if hours else f"{sign}{minutes}:{secs:02d}"


def fit(content: Content | str, width: int, *, right: bool = False) -> Content:
    """A table cell: exactly `width` cells, cut with an ellipsis, aligned left or right."""
    content = Content(content) if isinstance(content, str) else content
    if right:
        return content.right(width, ellipsis=True)
    return content.truncate(width, ellipsis=True, pad=True)


def joined_spaces(content: Content) -> Content:
    """The same line, each styled run carried over the spaces that follow it, so that every
    run after the first starts at a letter: SVG renderers such as rsvg drop a text run's
    leading spaces, which drew `Preliminary Work15:00` and `1:45:00planned` in pictures of
    the screen. Only for styles without a background (the spaces take the run's style)."""
    text = content.plain
    spans = []
    for span in content.spans:
        start, end = span.start, span.end
        while start < end and text[start] == " ":  # its leading spaces go to the run before
            start += 1
        while end < len(text) and text[end] == " ":
            end += 1
        if start < end:
            spans.append(Span(start, end if end < len(text) else span.end, span.style))
    return Content(text, spans)
