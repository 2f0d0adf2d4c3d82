"""The summary table as a Rich renderable: one row per step, one column per kind of item.

Used by `workshop-tui show`. Every piece of user text goes in as a `Text`, never as markup.
"""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text

from workshop_tui.content import Template
from workshop_tui.export.wording import items_phrase, unrevealed
from workshop_tui.i18n import _
from workshop_tui.i18n.words import step_label
from workshop_tui.model import Item, SessionData


def item_text(item: Item, *, bullet: str = "• ") -> Text:
    """One item as literal text: a bullet, the text as typed, and its author dimmed."""
    line = Text(bullet)
    line.append(item.text)
    if item.author:
        line.append(f" ({item.author})", style="dim")
    return line


def step_heading(template: Template, number: int) -> Text:
    step = template.step(number) if number <= template.step_count else None
    heading = Text(step_label(number, step.title) if step else step_label(number, colon=True), style="bold")
    if step and step.introduction:
        heading.append("\n" + step.introduction, style="italic")
    return heading


def summary_table(data: SessionData, template: Template) -> Table:
    info = data.info
    title = Text(info.title, style="bold")
    table = Table(title=title, box=box.HEAVY_HEAD, show_lines=True, expand=True, caption=_unrevealed(data))
    table.add_column(template.key_steps_heading, ratio=2)
    template = template.shaped(info.columns)
    for column in template.columns:
        table.add_column(column.heading, ratio=3)
    for number in range(1, info.step_count + 1):
        cells = []
        for key in template.column_keys:
            items = data.items_for(number, key)
            cells.append(Text("\n").join(item_text(item) for item in items) if items else Text(""))
        table.add_row(step_heading(template, number), *cells)
    return table


def _unrevealed(data: SessionData) -> Text | None:
    """Under the table, while steps hold items written privately: how many, per step (not shown)."""
    steps = [_("step {step}: {items}").format(step=step, items=items_phrase(count)) for step, count in unrevealed(data)]
    line = _("Not revealed yet, so not shown: {steps}").format(steps="; ".join(steps))
    return Text(line, style="italic") if steps else None
