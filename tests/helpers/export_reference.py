"""The csv and wikitext exporters as they were before the fast writers (`export/rows.py`):
the reference the tests hold every export to, byte for byte (`tests/test_export_rows.py`).

Copied from the exporters of 2026-12-03 (main at 596580d) and kept as they were: one `Item` per
item, `csv.writer` row by row, every text through the old `escape`. Not used by the app.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime

from workshop_tui.content import Template
from workshop_tui.export.csv import HEADER, NOTE, _RISKY_START, _minutes, neutralise
from workshop_tui.export.wikimarkup import _LEAD, _RUNS, _TRAIL, _plain, _reference
from workshop_tui.export.wikitext import BOLD, CHECKBOX, CHECKBOXES, CLUSTER_OPEN, TIME_OPEN
from workshop_tui.export.wording import (
    INFO_WORDS,
    INFORMATION,
    INTRODUCTION,
    Marks,
    StepTime,
    checklist_note,
    cluster_phrase,
    due_part,
    followups,
    items_phrase,
    last_step,
    owner_part,
    step_time,
    time_text,
    unrevealed,
    unrevealed_note,
)
from workshop_tui.grouping import cell_groups, is_cluster
from workshop_tui.i18n import SOURCE_LANGUAGE, _, pgettext, using
from workshop_tui.i18n.words import step_label
from workshop_tui.model import Item, SessionData, SessionInfo
from workshop_tui.text import safe_document


def export_text(data: SessionData, template: Template, fmt: str, *, now: datetime | None = None) -> str:
    """`export.export_text` as it was, for csv, wikitext and markdown."""
    language = data.info.language or SOURCE_LANGUAGE
    exporter = {"csv": csv_export, "wikitext": wikitext_export, "markdown": markdown_export}[fmt]
    with using(language):
        text = exporter(data, template.localized(language).shaped(data.info.columns), now=now)
    return safe_document(text)


# -- csv ---------------------------------------------------------------------------------------


def csv_export(data: SessionData, template: Template, *, now: datetime | None = None) -> str:
    out = io.StringIO()
    out.write(",".join(HEADER) + "\r\n")
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    clusters = _cluster_numbers(data)
    session = neutralise(data.info.title)
    for step, count in unrevealed(data):
        title = template.step(step).title if step <= template.step_count else ""
        writer.writerow((session, str(step), neutralise(title), NOTE, unrevealed_note(count, shown=False))
                        + ("",) * (len(HEADER) - 5))
    steps: dict[int, tuple[str, ...]] = {}
    write = writer.writerow
    risky = _RISKY_START
    for item in data.items:
        step = steps.get(item.step)
        if step is None:
            time = step_time(data, template, item.step, now)
            title = template.step(item.step).title if item.step <= template.step_count else ""
            step = steps[item.step] = tuple(map(neutralise, (
                str(item.step), title, data.step_state(item.step).phase, _minutes(time.planned), _minutes(time.spent))))
        text, author, created, owner, due = item.text, item.author or "", item.created_at, item.owner or "", item.due
        write((session, step[0], step[1], item.column if not item.column.startswith(risky) else neutralise(item.column),
               text if not text.startswith(risky) else neutralise(text),
               author if not (author and author.startswith(risky)) else neutralise(author),
               item.votes if item.votes >= 0 else neutralise(str(item.votes)),
               created if not (created and created.startswith(risky)) else neutralise(created),
               clusters.get(item.id, "") if clusters else "", "yes" if item.followup else "",
               owner if not (owner and owner.startswith(risky)) else neutralise(owner),
               due if not (due and due.startswith(risky)) else neutralise(due), step[2], step[3], step[4],
               item.followup_status if item.followup else "", "yes" if item.from_last_time else ""))
    return out.getvalue()


def _cluster_numbers(data: SessionData) -> dict[str, str]:
    numbers: dict[str, str] = {}
    clustered = {(item.step, item.column) for item in data.items if item.cluster_id}
    if not clustered:
        return numbers
    cells: dict[tuple[int, str], list] = {}
    for item in data.items:
        if (item.step, item.column) in clustered:
            cells.setdefault((item.step, item.column), []).append(item)
    count = 0
    for _key, items in sorted(cells.items()):
        for group in cell_groups(items):
            if is_cluster(group):
                count += 1
                numbers.update((item.id, str(count)) for item in group)
    return numbers


# -- wikitext ----------------------------------------------------------------------------------


def escape_line(text: str, extra: str) -> str:
    if not text:
        return ""
    start = len(text) - len(text.lstrip())
    if start < len(text) and text[start] in _LEAD:
        start += 1
    end = len(text.rstrip())
    if end > start and text[end - 1] in _TRAIL:
        end -= 1
    head = "".join(_reference(c) for c in text[:start])
    tail = "".join(_reference(c) for c in text[end:]) if end >= start else ""
    middle = _RUNS.sub(lambda m: "".join(_reference(c) for c in m.group()), text[start:max(start, end)])
    for char in extra:
        middle = middle.replace(char, _reference(char))
    return head + middle + tail


def escape(text: str, *, extra: str = "") -> str:
    if _plain(text) and not (extra and any(char in text for char in extra)):
        return text
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br />".join(escape_line(part, extra) for part in lines)


MARKS = Marks(escape, author=" <small>({})</small>", votes=' <small class="votes">({})</small>',
              followup=' <small class="followup">({})</small>', escape_in_mark=lambda text: escape(text, extra=","))


def wikitext_export(data: SessionData, template: Template, *, now: datetime | None = None) -> str:
    info = data.info
    lines = [f"= {escape(info.title)} =", ""] if info.title.strip() else []
    lines += [f"== {_(INFORMATION)} ==", *_information_lines(info), ""]
    if template.introduction or template.objectives:
        lines += [f"== {_(INTRODUCTION)} =="]
        lines += [escape(template.introduction)] if template.introduction else []
        lines += [f"* {escape(objective)}" for objective in template.objectives]
        lines += [""]
    lines += [f"== {escape(template.title)} ==", *_table(data, template, now), *_unrevealed(data), *_followups(data)]
    return "\n".join(lines) + "\n"


def summary_table(data: SessionData, template: Template, *, now: datetime | None = None) -> str:
    return "\n".join(_table(data, template.shaped(data.info.columns), now)) + "\n"


def _unrevealed(data: SessionData) -> list[str]:
    steps = [_("step {step} holds {items}").format(step=step, items=items_phrase(count))
             for step, count in unrevealed(data)]
    if not steps:
        return []
    listed = steps[0] if len(steps) == 1 else _("{list} and {last}").format(list=", ".join(steps[:-1]), last=steps[-1])
    line = _("Not revealed yet: {steps} written privately; they are not in this table.").format(steps=listed)
    return ["", f"''{line}''"]


def _information_lines(info: SessionInfo) -> list[str]:
    values = {name: escape(getattr(info, name)) for name in INFO_WORDS if name != "participants"}
    values["participants"] = ", ".join(escape(name, extra=",") for name in info.participants)
    return [f"* {_(label)}: {values[name]}" for name, label in INFO_WORDS.items() if values[name]]


def _table(data: SessionData, template: Template, now: datetime | None) -> list[str]:
    headings = [template.key_steps_heading, *(column.heading for column in template.columns)]
    lines = ['{| class="wikitable"', "! " + " !! ".join(escape(heading) for heading in headings)]
    cells: dict[tuple[int, str], list[Item]] = {}
    for item in data.items:
        cells.setdefault((item.step, item.column), []).append(item)
    for number in range(1, last_step(data) + 1):
        lines += ["|-", "| " + _step_cell(template, number, step_time(data, template, number, now))]
        for key in template.column_keys:
            lines += ["|", *_cell(cells.get((number, key), []))]
    lines.append("|}")
    return lines


def _step_cell(template: Template, number: int, time: StepTime) -> str:
    step = template.step(number) if number <= template.step_count else None
    label = step_label(number, escape(step.title) if step else "")
    intro = f"<br />''{escape(step.introduction)}''" if step and step.introduction else ""
    shown = time_text(time)
    timing = f"<br />{TIME_OPEN}{shown}</small>" if shown else ""
    return f"{BOLD}{label}{BOLD}{intro}{timing}"


def _cell(items: list[Item]) -> list[str]:
    lines = []
    for group in cell_groups(items):
        if is_cluster(group):
            lines.append(f"* {CLUSTER_OPEN}{BOLD}{cluster_phrase(len(group))}{BOLD}</span>"
                         f"{MARKS.votes_mark(sum(item.votes for item in group))}")
            lines += [f"** {MARKS.item(item, votes=False)}" for item in group]
        else:
            lines.append(f"* {MARKS.item(group[0])}")
    return lines


def _followups(data: SessionData) -> list[str]:
    lines = []
    for item in followups(data):
        parts = [owner_part(escape(item.owner))] if item.owner else []
        parts += [due_part(escape(item.due))] if item.due else []
        detail = f" — {', '.join(parts)}" if parts else ""
        box = CHECKBOXES.get(item.followup_status, CHECKBOX)
        lines.append(f"* {box} {escape(item.text)}{detail} ({checklist_note(item)})")
    return ["", "== " + pgettext("heading", "Follow-ups") + " ==", *lines] if lines else []


# -- markdown (its own escaping, marks and follow-ups are unchanged: only the cells were read
# with `items_for`, once per cell) -------------------------------------------------------------


def markdown_export(data: SessionData, template: Template, *, now: datetime | None = None) -> str:
    from workshop_tui.export import markdown

    info = data.info
    lines = [f"# {markdown.escape(info.title)}", "", f"*{markdown.escape(template.title)}*", ""]
    values = {name: ", ".join(info.participants) if name == "participants" else getattr(info, name)
              for name in INFO_WORDS}
    shown = [f"- **{_(label)}:** {markdown.escape(values[name])}" for name, label in INFO_WORDS.items()
             if values[name]]
    if shown:
        lines += [f"## {_(INFORMATION)}", "", *shown, ""]
    if template.introduction or template.objectives:
        lines += [f"## {_(INTRODUCTION)}", ""]
        lines += [markdown.escape(template.introduction), ""] if template.introduction else []
        lines += [*(f"- {markdown.escape(objective)}" for objective in template.objectives), ""]
    lines += [f"## {markdown.escape(template.title)}", ""]
    for number in range(1, last_step(data) + 1):
        cells = {(number, column.key): data.items_for(number, column.key) for column in template.columns}
        lines += markdown._step(data, template, number, now, cells)
    lines += markdown._followups(data)
    return "\n".join(lines).rstrip("\n") + "\n"
