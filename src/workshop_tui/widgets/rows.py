"""How a column draws its rows: an item, or a cluster of items, as lines of literal text.

A column is an `OptionList` drawing its rows line by line (not a widget per item: Textual lays
out widgets, so a column of 400 items would otherwise make every add lay out 2,000 widgets).
Each row is a `Row` (an item, or a cluster of items, and whether it is marked for merging)
drawn by a `RowVisual`: a bullet in a gutter, the text wrapped beside it, dots on the right.
Every item is drawn as `Content` built from plain text, so `[bold]` or `[@click=app.quit]`
typed by a participant is shown exactly as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from workshop_tui.i18n import N_, _
from workshop_tui.grouping import Group, votes_of
from workshop_tui.model import Item

GUTTER = 2  # the bullet and a space

# What joins or modifies an emoji into a sequence: the joiner, the variation selectors, skin
# tones, a flag's tag characters. Terminals disagree on how wide such a sequence is (tmux draws
# 👩🏽‍🚀 four cells wide, Rich measures two), and a row drawn narrower or wider than measured
# pushes the column's right border (and everything after it on the line) out of place.
_SEQUENCE_PARTS = re.compile("[\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]")


def drawn(text: str) -> str:
    """Text as a column draws it: an emoji sequence as its parts (👩🏽‍🚀 as 👩🚀), each of a width
    every terminal agrees on. Only the drawing: the store and the exports keep the text exact."""
    return _SEQUENCE_PARTS.sub("", text) if not text.isascii() else text


def item_content(item: Item) -> Content:
    """An item as literal text, its author (if any) dimmed after it."""
    content = Content(drawn(item.text))
    if item.author:
        content = Content.assemble(content, "  ", ("— ", "dim"), (drawn(item.author), "dim italic"))
    return content


@dataclass(frozen=True)
class Row:
    """What one row of a column shows: an item, or a cluster of items (`group`)."""

    group: Group
    marked: bool = False

    @property
    def item(self) -> Item:
        return self.group[0]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.group)

    @property
    def is_cluster(self) -> bool:
        return len(self.group) > 1


@dataclass(eq=False)
class RowVisual(Visual):
    """A row drawn with a hanging indent: `bullet` on the first line, `gutter` on the others,
    `text` wrapped beside them, `votes` (if any) at the right of the first line."""

    text: Content
    bullet: Content = field(default_factory=lambda: Content("•"))
    gutter: Content = field(default_factory=lambda: Content(""))
    votes: Content = field(default_factory=Content)

    def _side(self) -> int:
        return self.votes.cell_length + 1 if self.votes.cell_length else 0

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return GUTTER + self.text.get_optimal_width(rules, container_width) + self._side()

    def get_height(self, rules: RulesMap, width: int) -> int:
        return max(1, self.text.get_height(rules, max(1, width - GUTTER - self._side())))

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        side = self._side()
        text_width = max(1, width - GUTTER - side)
        base = style.rich_style
        lines = self.text.render_strips(text_width, None, style, options) or [Strip.blank(text_width, base)]

        def cell(content: Content, cells: int) -> Strip:
            if not cells:
                return Strip([])
            strips = content.render_strips(cells, 1, style, options) if content.cell_length else []
            return (strips[0] if strips else Strip([])).adjust_cell_length(cells, base)

        first, other = cell(self.bullet, GUTTER), cell(self.gutter, GUTTER)
        votes, blank = cell(Content(" ").append(self.votes), side), Strip.blank(side, base)
        return [
            Strip.join([first if y == 0 else other, line.adjust_cell_length(text_width, base), votes if y == 0 else blank])
            for y, line in enumerate(lines)
        ]


MAX_DOTS = 5  # more votes than this show as "●12"


def dots(votes: int) -> str:
    """●●● for a few votes, ●12 for many; "" for none."""
    if votes <= 0:
        return ""
    return "●" * votes if votes <= MAX_DOTS else f"●{votes}"


STATUS_SHOWN = {"done": N_(" · done ✓"), "dropped": N_(" · dropped"), "carried": N_(" · carried over")}


def followup_content(item: Item) -> Content:
    """`⚑ follow-up: Ana, by 2026-12-01` (owner and date as typed, never markup); one carried
    over from the previous session reads `↻ from last time: Ana, by ...`; then its status, if
    it is no longer open (` · done ✓`)."""
    label = _("↻ from last time") if item.from_last_time else _("⚑ follow-up")
    parts: list[Content | tuple[str, str] | str] = [(label, "bold $success")]
    if item.owner:
        parts += [": ", (item.owner, "$success")]
    if item.due:
        parts += [(_(", by ") if item.owner else _(": by "), "$success"), (item.due, "$success")]
    if item.followup_status in STATUS_SHOWN:
        parts += [(_(STATUS_SHOWN[item.followup_status]), "bold" if item.followup_status == "done" else "dim")]
    return Content.assemble(*parts)


def group_content(group: Group) -> Content:
    """One row's text: an item as typed, or a cluster's count and all its members."""
    if len(group) == 1:
        item = group[0]
        content = item_content(item)
        return Content.assemble(content, "\n", followup_content(item)) if item.followup else content
    lines = [Content.styled(_("Cluster of {count}").format(count=len(group)), "bold $accent")]
    for item in group:
        lines.append(Content.assemble(("▪ ", "$accent"), item_content(item)))
        if item.followup:
            lines.append(Content.assemble("  ", followup_content(item)))
    return Content("\n").join(lines)


def group_visual(row: Row) -> Visual:
    """A row as the column draws it: bullet (or a cluster's bar), text, dots."""
    text = group_content(row.group)
    if row.marked:
        text = text.stylize("on $accent 30%")
    bar = Content.styled("▌", "$accent 60%")
    return RowVisual(
        text,
        bullet=Content.styled("◆", "bold $accent") if row.marked else (bar if row.is_cluster else Content("•")),
        gutter=bar if row.is_cluster else Content(""),
        votes=Content.styled(dots(votes_of(row.group)), "bold $accent"),
    )
