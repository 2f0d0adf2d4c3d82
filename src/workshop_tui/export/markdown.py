"""Markdown: the session as a page that reads well on GitHub (export only).

A heading, the information, the introduction, then per step a `###` heading and one bullet
list per column. Typed text is escaped (a backslash before Markdown punctuation, character
references for `<`, `&` and the edges' spaces), so it reads literally, never as markup or HTML.
"""

from __future__ import annotations

import re

from workshop_tui.content import Template
from workshop_tui.model import COLUMNS, Item, SessionData

# ASCII punctuation with a meaning somewhere in GitHub Markdown (emphasis, links, lists, code,
# tables, headings, math, emoji shortcodes); `<` and `&` become references instead.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$:=>^])")


def escape(text: str) -> str:
    """Markdown that shows `text` literally; line breaks become `<br>`."""
    return "<br>".join(_escape_line(part) for part in text.split("\n"))


def _escape_line(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    text = _SPECIAL.sub(r"\\\1", text)
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    # Markdown trims a list item's edges and folds tabs: references keep them.
    head = "".join(f"&#{ord(c)};" for c in text[:start])
    tail = "".join(f"&#{ord(c)};" for c in text[max(start, end):])
    return head + text[start:max(start, end)] + tail


def export(data: SessionData, template: Template) -> str:
    info = data.info
    lines = [f"# {escape(info.title)}", "", f"*{escape(template.title)}*", ""]
    details = [("Facilitator", info.facilitator), ("Participants", ", ".join(info.participants)),
               ("Event", info.event), ("Place", info.place), ("Date", info.date)]
    shown = [f"- **{label}:** {escape(value)}" for label, value in details if value]
    if shown:
        lines += ["## Information", "", *shown, ""]
    if template.introduction or template.objectives:
        lines += ["## Introduction", ""]
        lines += [escape(template.introduction), ""] if template.introduction else []
        lines += [*(f"- {escape(objective)}" for objective in template.objectives), ""]
    lines += [f"## {escape(template.title)}", ""]
    last_step = max([info.step_count, *(item.step for item in data.items)])
    for number in range(1, last_step + 1):
        lines += _step(data, template, number)
    return "\n".join(lines).rstrip("\n") + "\n"


def _step(data: SessionData, template: Template, number: int) -> list[str]:
    step = template.step(number) if number <= template.step_count else None
    title = f"STEP {number}: {step.title}" if step else f"STEP {number}"
    lines = [f"### {escape(title)}", ""]
    if step and step.introduction:
        lines += [f"*{escape(step.introduction)}*", ""]
    for key in COLUMNS:
        items = data.items_for(number, key)
        lines += [f"**{escape(template.column(key).heading)}**", ""]
        lines += [_bullet(item) for item in items] if items else ["- *(none yet)*"]
        lines += [""]
    return lines


def _bullet(item: Item) -> str:
    author = f" — *{escape(item.author)}*" if item.author else ""
    return f"- {escape(item.text)}{author}"
