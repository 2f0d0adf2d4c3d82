"""The summary's statistics, drawn in the terminal: items per step and column, contributions per
participant (anonymous items counted apart), and time per step against the plan.

Draws a `stats.SessionStats` (pure arithmetic, computed by the screen) as block bars scaled to
the widget's width; redrawn when the width changes. Names and titles are literal text.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from workshop_tui.i18n import _, ngettext
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
        heading = Content.styled(_("Statistics"), "bold $accent")
        self.update(Content("\n").join([heading, _totals(stats), "", *_items(stats, template, label, bar), "",
                                        *_people(stats, label, bar), "", *_times(stats, label, bar)]))


def _totals(stats: SessionStats) -> Content:
    parts = [ngettext("{count} item", "{count} items", stats.item_total),
             ngettext("{count} dot", "{count} dots", stats.vote_total),
             ngettext("{count} cluster", "{count} clusters", stats.clusters),
             ngettext("{count} follow-up", "{count} follow-ups", stats.followups)]
    counts = [stats.item_total, stats.vote_total, stats.clusters, stats.followups]
    parts = [part.format(count=count) for part, count in zip(parts, counts)]
    parts.append(_("{spent} spent of {planned} planned").format(spent=duration(stats.spent_total),
                                                               planned=duration(stats.planned_total)))
    return Content.styled(" · ".join(parts), "dim")


def _legend(template: Template) -> Content:
    keys = [Content.assemble(("█ ", style), column.label)
            for column, style in zip(template.columns, COLUMN_STYLES)]
    return Content("  ").join(keys)


def _items(stats: SessionStats, template: Template, label: int, bar: int) -> list[Content]:
    scale = max([1, *(step.total for step in stats.items)])
    lines = [Content.assemble((_("Items per step  "), "bold"), _legend(template))]
    for step in stats.items:
        name = fit(f"{step.step:>2} {step.title}", label)
        counts = "·".join(str(count) for count in step.counts)
        lines.append(Content.assemble(name, " ", fit(stacked_bar(step.counts, COLUMN_STYLES, scale, bar), bar),
                                      " ", fit(str(step.total), 3, right=True), (f"  {counts}", "dim")))
    return lines


def _people(stats: SessionStats, label: int, bar: int) -> list[Content]:
    everyone = [*stats.contributions, stats.anonymous]
    scale = max([1, *(person.items for person in everyone)])
    lines = [Content.styled(_("Contributions per participant"), "bold")]
    for person in everyone:
        if person.name is None:
            lines.append(Content.styled("╌" * (label + 1 + bar), "dim"))  # anonymous apart
        name = fit(Content(person.name) if person.name else Content.styled(_("Anonymous"), "italic"), label)
        dots = " · " + ngettext("{count} dot", "{count} dots", person.votes_cast).format(count=person.votes_cast) \
            if person.name else ""
        lines.append(Content.assemble(name, " ", fit(stacked_bar(person.counts, COLUMN_STYLES, scale, bar), bar),
                                      " ", fit(str(person.items), 3, right=True), (ngettext(" item", " items", person.items) + dots, "dim")))
    return lines


def _times(stats: SessionStats, label: int, bar: int) -> list[Content]:
    scale = max([1.0, *(max(time.planned_seconds, time.spent_seconds) for time in stats.times)])
    lines = [Content.assemble((_("Time per step against the plan  "), "bold"),
                              (_("█ spent "), "$success"), (_("░ left "), "dim"), (_("█ over"), "$error"))]
    for time in stats.times:
        name = fit(f"{time.step:>2} {time.title}", label)
        over = time.spent_seconds - time.planned_seconds
        note = (Content.styled(f" +{duration(over)}", "$text-error") if over > 0 else Content(""))
        lines.append(Content.assemble(
            name, " ", fit(time_bar(time.planned_seconds, time.spent_seconds, scale, bar), bar), " ",
            (f"{duration(time.spent_seconds)}/{duration(time.planned_seconds)}", "dim"), note))
    return lines
