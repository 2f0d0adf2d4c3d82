"""The summary table as Textual widgets: KEY STEPS, then one column per kind of item.

One row per step, as in the seed's table. Each cell is a `Static` of `Content` built from
plain text, so items read exactly as typed, wrap inside their cell (a long word folds rather
than being cut off), and the grid follows the theme.
"""

from __future__ import annotations

from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.geometry import Size
from textual.widgets import Static

from workshop_tui.i18n import _
from workshop_tui.i18n.words import step_label
from workshop_tui.content import Template
from workshop_tui.grouping import cell_groups
from workshop_tui.model import Item, SessionData
from workshop_tui.widgets.rows import dots, followup_content


def _item_lines(items: list[Item]) -> Content:
    """A cell: clusters together, ordered by votes (as the exports order them), dots and follow-ups."""
    lines = []
    for group in cell_groups(items):
        cluster = len(group) > 1
        if cluster:
            total = sum(item.votes for item in group)
            lines.append(Content.assemble((_("Cluster of {count}").format(count=len(group)), "bold $accent"),
                                          (f" {dots(total)}" if total else "", "bold $accent")))
        indent = "  " if cluster else ""
        for item in group:
            # Continuation lines of a multi-line item are indented under its first line.
            line = Content.assemble(indent, ("• ", "$accent"), item.text.replace("\n", "\n  " + indent))
            if item.author:
                line = Content.assemble(line, " ", (f"({item.author})", "dim italic"))
            if item.votes and not cluster:  # a cluster's votes are on its own line, once
                line = Content.assemble(line, " ", (dots(item.votes), "bold $accent"))
            if item.followup:
                line = Content.assemble(line, "\n  ", indent, followup_content(item))
            lines.append(line)
    return Content("\n").join(lines)


def _step_cell(template: Template, number: int) -> Content:
    step = template.step(number) if number <= template.step_count else None
    heading = Content.styled(step_label(number, step.title) if step else step_label(number) + ": ", "bold")
    if step and step.introduction:
        heading = Content.assemble(heading, "\n", (step.introduction, "italic dim"))
    return heading


class Cell(Static):
    """One cell. A cell can hold hundreds of items, and every layout pass asks each cell its
    height: it is measured once per width (a cell's text never changes; `show` makes new ones)."""

    def __init__(self, content: Content, *, classes: str | None = None) -> None:
        super().__init__(content, classes=classes)
        self._heights: dict[int, int] = {}

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().get_content_height(container, viewport, width)
        return height


class SummaryGrid(Vertical):
    """The whole session, one row (a `Horizontal` of four cells) per step; `show` fills it.

    Rows rather than a `Grid`, so each row's background and rule span its tallest cell.
    """

    DEFAULT_CSS = """
    SummaryGrid {
        height: auto;
        border: round $foreground 30%;
        & > Horizontal { height: auto; border-bottom: solid $foreground 15%; }
        & > Horizontal > Static { height: auto; width: 3fr; padding: 0 1; }
        /* Wide enough for the steps' longest words ("organisations.") on an 80-column screen. */
        & > Horizontal > .summary-step { width: 2fr; min-width: 18; }
        & > .summary-headings { background: $panel; border-bottom: solid $foreground 30%; }
        & > .summary-headings > Static { text-style: bold; color: $accent; }
        & > .-current { background: $accent 10%; }
    }
    """

    async def show(self, data: SessionData, template: Template) -> None:
        headings = [Cell(Content(template.key_steps_heading), classes="summary-step")]
        headings += [Cell(Content(column.heading)) for column in template.columns]
        rows = [Horizontal(*headings, classes="summary-headings")]
        for number in range(1, data.info.step_count + 1):
            cells = [Cell(_step_cell(template, number), classes="summary-step")]
            cells += [Cell(_item_lines(data.items_for(number, key))) for key in template.column_keys]
            current = "-current" if number == data.info.current_step else ""
            rows.append(Horizontal(*cells, classes=f"summary-row {current}".strip()))
        await self.remove_children()
        await self.mount_all(rows)
