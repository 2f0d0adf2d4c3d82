"""Wikitext: the session as a page shaped like the seed's (`export`); `wikitext_import` reads it back.

The page: the session title, an Information section, the template's introduction and
objectives, the summary table (and under it, while steps still hold items written privately,
a line saying how many are not revealed yet: they are not in the table), then a Follow-ups
checklist. The table has one row per step:
the first cell holds the step's title, its introduction and its time
(`<small class="timebox">Timebox 15 min · spent 17 min</small>`); the others hold the items as
bullets, each followed by its marks: the author `<small>(name)</small>`, the votes
`<small class="votes">(3 votes)</small>` and, for a commitment,
`<small class="followup">(follow-up, owner: Ana, due 2026-12-15)</small>` (`follow-up from last
time` for one carried over from the session this one continues, and `, done`, `, dropped` or
`, carried over` once it is no longer open). A cluster is one
bullet, `<span class="cluster">'''Cluster of 3 items'''</span>` and its votes (its members',
shown there once: the members' bullets carry none), with its members as `**` sub-bullets.
Each cell is ordered by votes, most first (a cluster counts its members'),
ties in the session's own order, so a cell without votes keeps its order.

Typed text is escaped with character references (never `{{!}}`, which MediaWiki turns back
into a live pipe), so it renders exactly as typed, and no typed text can make a raw `<`: the
importer knows every raw tag was written by the exporter or by whoever wrote the page by hand.
Commas in an owner or a due date are references too, so a follow-up mark splits back exactly.
"""

from __future__ import annotations

from datetime import datetime
from itertools import groupby
from operator import itemgetter

from workshop_tui.i18n import _, pgettext
from workshop_tui.i18n.words import step_label
from workshop_tui.content import Template
from workshop_tui.export.wording import (
    Marks,
    INFO_WORDS,
    INFORMATION,
    INTRODUCTION,
    StepTime,
    checklist_note,
    cluster_phrase,
    due_part,
    items_phrase,
    owner_part,
    step_time,
    time_text,
    unrevealed,
)
from workshop_tui.grouping import cell_groups, is_cluster
from workshop_tui.export.rows import CLUSTER, COLUMN, FOLLOWUP, STEP, TEXT, AUTHOR, VOTES, by_position, cleaned, \
    followup_items, item_of, last_step, rows_of
from workshop_tui.export.wikimarkup import escape, needs_escape
from workshop_tui.model import Item, SessionData, SessionInfo, SessionRows
from workshop_tui.text import safe

_place, _cluster, _votes = itemgetter(STEP, COLUMN), itemgetter(CLUSTER), itemgetter(VOTES)

BOLD = "'''"
CLUSTER_OPEN = '<span class="cluster">'
TIME_OPEN = '<small class="timebox">'
CHECKBOX = "☐"
CHECKBOXES = {"done": "☑", "dropped": "☒"}  # open and carried over: still to be done


# -- export ------------------------------------------------------------------------------------


MARKS = Marks(escape, author=" <small>({})</small>", votes=' <small class="votes">({})</small>',
              followup=' <small class="followup">({})</small>', escape_in_mark=lambda text: escape(text, extra=","))


def export(data: SessionData | SessionRows, template: Template, *, now: datetime | None = None) -> str:
    """The page; `now` is when a running timer's time is counted to (the current time if None)."""
    data = rows_of(data)
    info = data.info
    lines = [f"= {escape(info.title)} =", ""] if info.title.strip() else []
    lines += [f"== {_(INFORMATION)} ==", *_information_lines(info), ""]
    if template.introduction or template.objectives:
        lines += [f"== {_(INTRODUCTION)} =="]
        lines += [escape(template.introduction)] if template.introduction else []
        lines += [f"* {escape(objective)}" for objective in template.objectives]
        lines += [""]
    lines += [f"== {escape(template.title)} ==", *_table(data, template, now), *_unrevealed(data),
              *_followups(followup_items(data))]
    return "\n".join(lines) + "\n"


def _unrevealed(data: SessionRows) -> list[str]:
    """A line under the table while steps still hold items written privately (not in the table)."""
    steps = [_("step {step} holds {items}").format(step=step, items=items_phrase(count))
             for step, count in unrevealed(data)]
    if not steps:
        return []
    listed = steps[0] if len(steps) == 1 else _("{list} and {last}").format(list=", ".join(steps[:-1]), last=steps[-1])
    line = _("Not revealed yet: {steps} written privately; they are not in this table.").format(steps=listed)
    return ["", f"''{line}''"]


def _information_lines(info: SessionInfo) -> list[str]:
    values = {name: escape(getattr(info, name)) for name in INFO_WORDS if name != "participants"}
    # A comma inside a name is encoded, so the list splits back into the same names.
    values["participants"] = ", ".join(escape(name, extra=",") for name in info.participants)
    return [f"* {_(label)}: {values[name]}" for name, label in INFO_WORDS.items() if values[name]]


def summary_table(data: SessionData | SessionRows, template: Template, *, now: datetime | None = None) -> str:
    """The summary table alone, `{|` to `|}` and a line end: what publishing puts in a page."""
    return "\n".join(_table(data, template.shaped(data.info.columns), now)) + "\n"


def _table(data: SessionData | SessionRows, template: Template, now: datetime | None) -> list[str]:
    data = rows_of(data)
    try:
        return _table_of(data, data.rows, template, now)
    except (TypeError, AttributeError):  # a field that is not even text: every field made safe first
        return _table_of(data, tuple(map(cleaned, data.rows)), template, now)


def _table_of(data: SessionRows, rows: tuple[tuple, ...], template: Template, now: datetime | None) -> list[str]:
    headings = [template.key_steps_heading, *(column.heading for column in template.columns)]
    lines = ['{| class="wikitable"', "! " + " !! ".join(escape(heading) for heading in headings)]
    cells: dict[tuple[int, str], list[tuple]] = {}
    for place, run in groupby(rows, key=_place):  # one pass, not one per cell: a session may hold 100,000 items
        cells.setdefault(place, []).extend(run)
    for number in range(1, last_step(data) + 1):
        lines += ["|-", "| " + _step_cell(template, number, step_time(data, template, number, now))]
        for key in template.column_keys:
            lines.append("|")
            cell = cells.get((number, key))
            if cell:
                _cell(cell, lines)
    lines.append("|}")
    return lines


def _step_cell(template: Template, number: int, time: StepTime) -> str:
    step = template.step(number) if number <= template.step_count else None
    label = step_label(number, escape(step.title) if step else "")
    intro = f"<br />''{escape(step.introduction)}''" if step and step.introduction else ""
    shown = time_text(time)
    timing = f"<br />{TIME_OPEN}{shown}</small>" if shown else ""
    return f"{BOLD}{label}{BOLD}{intro}{timing}"


def _cell(rows: list[tuple], lines: list[str]) -> None:
    """A cell's bullets added to `lines`. A cell without clusters or votes is in position order
    and each item its own bullet: written from the rows, each field escaped only if a quick
    search says it must be (or holds a control character to drop); others as `_grouped` writes them."""
    rows = sorted(rows, key=by_position)
    if any(map(_cluster, rows)) or any(map(_votes, rows)):
        lines += _grouped([item_of(row) for row in rows])
        return
    append = lines.append
    marks: dict[str | None, str] = {None: ""}  # author -> its mark (a session has few authors)
    for row in rows:
        if row[FOLLOWUP]:
            append(f"* {MARKS.item(item_of(row))}")
            continue
        text, author = row[TEXT], row[AUTHOR]
        mark = marks.get(author)
        if mark is None:
            shown = escape(safe(author)) if needs_escape(author) else author
            mark = marks[author] = f" <small>({shown})</small>" if shown else ""
        append(f"* {escape(safe(text)) if needs_escape(text) else text}{mark}")


def _grouped(items: list[Item]) -> list[str]:
    lines = []
    for group in cell_groups(items):
        if is_cluster(group):
            lines.append(f"* {CLUSTER_OPEN}{BOLD}{cluster_phrase(len(group))}{BOLD}</span>"
                         f"{MARKS.votes_mark(sum(item.votes for item in group))}")
            lines += [f"** {MARKS.item(item, votes=False)}" for item in group]
        else:
            lines.append(f"* {MARKS.item(group[0])}")
    return lines


def _followups(items: list[Item]) -> list[str]:
    """The follow-ups as a checklist in the table's order: `* ☐ text — owner: Ana, due 2026-12-15 (step 5)`."""
    lines = []
    for item in items:
        parts = [owner_part(escape(item.owner))] if item.owner else []
        parts += [due_part(escape(item.due))] if item.due else []
        detail = f" — {', '.join(parts)}" if parts else ""
        box = CHECKBOXES.get(item.followup_status, CHECKBOX)
        lines.append(f"* {box} {escape(item.text)}{detail} ({checklist_note(item)})")
    return ["", "== " + pgettext("heading", "Follow-ups") + " ==", *lines] if lines else []
