"""Markdown: the session as a page that reads well on GitHub (export only).

A heading, the information, the introduction, then per step a `###` heading, the step's time
(`*Timebox 15 min · spent 17 min*`) and one bullet list per column, then a `## Follow-ups`
task list (`- [ ] text — owner: Ana, due 2026-12-15 (step 5)`; `- [x]` once done or dropped;
`(step 5, from last time, carried over)`). Items read as in the wikitext
export: `text — *author* (3 votes) (follow-up, owner: Ana, due 2026-12-15)`, a cluster as one
bullet `**Cluster of 3 items** (5 votes)` (its members' votes, shown there only) with its
members nested below it, each list ordered
by votes (most first, ties in the session's order). A step still holding items written
privately ends with a line saying how many are not revealed yet (they are not shown).

Typed text is escaped (a backslash before Markdown punctuation, character references for `<`,
`&` and the edges' spaces), so it reads literally, never as markup or HTML.
"""

from __future__ import annotations

import re
from datetime import datetime

from workshop_tui.i18n import _, pgettext
from workshop_tui.i18n.words import step_label
from workshop_tui.content import Template
from workshop_tui.export.wording import (
    Marks,
    INFO_WORDS,
    INFORMATION,
    INTRODUCTION,
    checklist_note,
    cluster_phrase,
    due_part,
    followups,
    last_step,
    owner_part,
    step_time,
    time_text,
    unrevealed_note,
)
from workshop_tui.grouping import cell_groups, is_cluster
from workshop_tui.model import Item, SessionData

# ASCII punctuation with a meaning somewhere in GitHub Markdown (emphasis, links, lists, code,
# tables, headings, math, emoji shortcodes); `<` and `&` become references instead.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$:=>^])")


def escape(text: str) -> str:
    """Markdown that shows `text` literally; line breaks become `<br>`."""
    return "<br>".join(_escape_line(part) for part in text.split("\n"))


MARKS = Marks(escape, author=" — *{}*", votes=" ({})", followup=" ({})")


def _escape_line(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    text = _SPECIAL.sub(r"\\\1", text)
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    # Markdown trims a list item's edges and folds tabs: references keep them.
    head = "".join(f"&#{ord(c)};" for c in text[:start])
    tail = "".join(f"&#{ord(c)};" for c in text[max(start, end):])
    return head + text[start:max(start, end)] + tail


def export(data: SessionData, template: Template, *, now: datetime | None = None) -> str:
    """The page; `now` is when a running timer's time is counted to (the current time if None)."""
    info = data.info
    lines = [f"# {escape(info.title)}", "", f"*{escape(template.title)}*", ""]
    values = {name: ", ".join(info.participants) if name == "participants" else getattr(info, name)
              for name in INFO_WORDS}
    shown = [f"- **{_(label)}:** {escape(values[name])}" for name, label in INFO_WORDS.items() if values[name]]
    if shown:
        lines += [f"## {_(INFORMATION)}", "", *shown, ""]
    if template.introduction or template.objectives:
        lines += [f"## {_(INTRODUCTION)}", ""]
        lines += [escape(template.introduction), ""] if template.introduction else []
        lines += [*(f"- {escape(objective)}" for objective in template.objectives), ""]
    lines += [f"## {escape(template.title)}", ""]
    cells: dict[tuple[int, str], list[Item]] = {}
    for item in data.items:  # one pass, not one per cell: a session may hold 100,000 items
        cells.setdefault((item.step, item.column), []).append(item)
    for number in range(1, last_step(data) + 1):
        lines += _step(data, template, number, now, cells)
    lines += _followups(data)
    return "\n".join(lines).rstrip("\n") + "\n"


def _step(data: SessionData, template: Template, number: int, now: datetime | None,
          cells: dict[tuple[int, str], list[Item]]) -> list[str]:
    step = template.step(number) if number <= template.step_count else None
    title = step_label(number, step.title if step else "")
    lines = [f"### {escape(title)}", ""]
    if step and step.introduction:
        lines += [f"*{escape(step.introduction)}*", ""]
    timing = time_text(step_time(data, template, number, now))
    if timing:
        lines += [f"*{timing}*", ""]
    for column in template.columns:
        groups = cell_groups(cells.get((number, column.key), []))
        lines += [f"**{escape(column.heading)}**", ""]
        lines += [line for group in groups for line in _group(group)] if groups else [f"- *{_('(none yet)')}*"]
        lines += [""]
    hidden = data.hidden_counts.get(number, 0)
    if hidden:
        lines += [f"*{unrevealed_note(hidden, shown=True)}*", ""]
    return lines


def _group(group: tuple[Item, ...]) -> list[str]:
    if not is_cluster(group):
        return [f"- {MARKS.item(group[0])}"]
    head = f"- **{cluster_phrase(len(group))}**{MARKS.votes_mark(sum(item.votes for item in group))}"
    return [head, *(f"  - {MARKS.item(item, votes=False)}" for item in group)]


def _followups(data: SessionData) -> list[str]:
    """The follow-ups as a task list, in the steps' order: `- [ ] text — owner: Ana, due ... (step 5)`."""
    lines = []
    for item in followups(data):
        parts = [owner_part(escape(item.owner))] if item.owner else []
        parts += [due_part(escape(item.due))] if item.due else []
        detail = f" — {', '.join(parts)}" if parts else ""
        box = "[x]" if item.followup_status in ("done", "dropped") else "[ ]"
        lines.append(f"- {box} {escape(item.text)}{detail} ({checklist_note(item)})")
    return ["", "## " + pgettext("heading", "Follow-ups"), "", *lines] if lines else []
