"""The summary's statistics, drawn in the terminal: items per step and column, contributions per
participant (anonymous items counted apart), and time per step against the plan.

Draws a `stats.SessionStats` (pure arithmetic, computed by the screen) as block bars scaled to
the widget's width; redrawn when the width changes. Names and titles are literal text.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from workshop_tui.content import Template
from workshop_tui.stats import SessionStats
from workshop_tui.widgets.bars import duration, fit, stacked_bar, time_bar

COLUMN_STYLES = ("$success", "$error", "$primary", "$warning", "#a06cd5", "#2bb5b5")  # a template's 1-6 columns


class SessionStatsView(Static):
    """Three small charts and a line of totals."""

    DEFAULT_CSS = """
    SessionStatsView {
        height: auto;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.stats: SessionStats | None = None
        self.template: Template | None = None

    def show(self, stats: SessionStats, template: Template) -> None:
        self.stats, self.template = stats, template
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        stats, template = self.stats, self.template
        if stats is None or template is None:
            return
        width = max(40, self.content_region.width or 76)
        label = max(12, min(30, width // 3))
        bar = max(8, min(60, width - label - 26))
        heading = Content.styled("Statistics", "bold $accent")
        self.update(Content("\n").join([heading, _totals(stats), "", *_items(stats, template, label, bar), "",
                                        *_people(stats, label, bar), "", *_times(stats, label, bar)]))


def _totals(stats: SessionStats) -> Content:
    def count(n: int, noun: str) -> str:
        return f"{n} {noun}{'' if n == 1 else 's'}"

    parts = [count(stats.item_total, "item"), count(stats.vote_total, "dot"), count(stats.clusters, "cluster"),
             count(stats.followups, "follow-up"),
             f"{duration(stats.spent_total)} spent of {duration(stats.planned_total)} planned"]
    return Content.styled(" · ".join(parts), "dim")


def _legend(template: Template) -> Content:
    keys = [Content.assemble(("█ ", style), column.label)
            for column, style in zip(template.columns, COLUMN_STYLES)]
    return Content("  ").join(keys)


def _items(stats: SessionStats, template: Template, label: int, bar: int) -> list[Content]:
    scale = max([1, *(step.total for step in stats.items)])
    lines = [Content.assemble(("Items per step  ", "bold"), _legend(template))]
    for step in stats.items:
        name = fit(f"{step.step:>2} {step.title}", label)
        counts = "·".join(str(count) for count in step.counts)
        lines.append(Content.assemble(name, " ", fit(stacked_bar(step.counts, COLUMN_STYLES, scale, bar), bar),
                                      " ", fit(str(step.total), 3, right=True), (f"  {counts}", "dim")))
    return lines


def _people(stats: SessionStats, label: int, bar: int) -> list[Content]:
    everyone = [*stats.contributions, stats.anonymous]
    scale = max([1, *(person.items for person in everyone)])
    lines = [Content.styled("Contributions per participant", "bold")]
    for person in everyone:
        if person.name is None:
            lines.append(Content.styled("╌" * (label + 1 + bar), "dim"))  # anonymous apart
        name = fit(Content(person.name) if person.name else Content.styled("Anonymous", "italic"), label)
        dots = f" · {person.votes_cast} dot{'s' if person.votes_cast != 1 else ''}" if person.name else ""
        lines.append(Content.assemble(name, " ", fit(stacked_bar(person.counts, COLUMN_STYLES, scale, bar), bar),
                                      " ", fit(str(person.items), 3, right=True), (f" items{dots}", "dim")))
    return lines


def _times(stats: SessionStats, label: int, bar: int) -> list[Content]:
    scale = max([1.0, *(max(time.planned_seconds, time.spent_seconds) for time in stats.times)])
    lines = [Content.assemble(("Time per step against the plan  ", "bold"),
                              ("█ spent ", "$success"), ("░ left ", "dim"), ("█ over", "$error"))]
    for time in stats.times:
        name = fit(f"{time.step:>2} {time.title}", label)
        over = time.spent_seconds - time.planned_seconds
        note = (Content.styled(f" +{duration(over)}", "$text-error") if over > 0 else Content(""))
        lines.append(Content.assemble(
            name, " ", fit(time_bar(time.planned_seconds, time.spent_seconds, scale, bar), bar), " ",
            (f"{duration(time.spent_seconds)}/{duration(time.planned_seconds)}", "dim"), note))
    return lines
