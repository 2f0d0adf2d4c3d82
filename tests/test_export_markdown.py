"""The markdown export: a page readable on GitHub, where typed text shows literally, with the
votes, clusters, follow-ups and step times that facilitating recorded.

Checked by rendering it with markdown-it-py (CommonMark, as GitHub) and reading the HTML back.
"""

from __future__ import annotations

import html
import re

import pytest
from markdown_it import MarkdownIt
from hypothesis import given, settings
from test_export_wikitext import (
    METACHARACTERS,
    NOW,
    facilitated,
    facilitated_entries,
    checklist_shown,
    followup_shown,
    session_of,
    votes_shown,
)

from workshop_tui.export import export_text
from workshop_tui.grouping import cell_groups
from workshop_tui.model import COLUMNS, StepState
from workshop_tui.text import clean_item_text

MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")


def rendered_list(page: str) -> list[tuple[int, str]]:
    """Each list item's own text as a browser shows it (tags out, entities in), with its depth."""
    items, depth = [], 0
    tokens = MARKDOWN.parse(page)
    for index, token in enumerate(tokens):
        depth += {"bullet_list_open": 1, "bullet_list_close": -1}.get(token.type, 0)
        if token.type == "inline" and index >= 2 and tokens[index - 2].type == "list_item_open":
            fragment = MARKDOWN.renderer.renderInline(token.children, MARKDOWN.options, {})
            fragment = re.sub(r"<br\s*/?>\n?", "\n", fragment)
            assert not re.search(r"<(?!/?(em|strong)>)", fragment), f"typed text became HTML: {fragment!r}"
            items.append((depth, html.unescape(re.sub(r"</?(em|strong)>", "", fragment))))
    return items


def rendered_items(page: str) -> list[str]:
    return [text for _, text in rendered_list(page)]


def test_the_page_has_a_heading_information_and_steps(template):
    data = session_of(template, [(1, "action", "Ask why", "Ana")], facilitator="Anne", participants=("Ana", "Bo"))
    page = export_text(data, template, "markdown")
    assert page.startswith("# Workshop\n")
    assert "## Information" in page and "- **Facilitator:** Anne" in page and "- **Participants:** Ana, Bo" in page
    assert page.count("\n### STEP ") == 8 and "### STEP 1\\: Preliminary Work" in page
    assert page.count("**CONCRETE ACTIONS**") == 8
    assert "- Ask why — *Ana*" in page


@pytest.mark.parametrize("text", [t for t in METACHARACTERS if t.strip()])
def test_typed_text_reads_literally(template, text):
    text = clean_item_text(text)
    data = session_of(template, [(1, "action", text, None), (1, "obstacle", text, "A*n*a")])
    items = rendered_items(export_text(data, template, "markdown"))
    assert text in items
    assert f"{text} — A*n*a" in items


def expected_list(data, step: int, column: str) -> list[tuple[int, str]]:
    """What a step's column must show: clusters as a head with their members nested, by votes."""
    shown = []
    for group in cell_groups(data.items_for(step, column)):
        depth = 1
        if len(group) > 1:
            votes = votes_shown(sum(item.votes for item in group))
            shown.append((1, f"Cluster of {len(group)} items" + (f" {votes}" if votes else "")))
            depth = 2
        for item in group:
            marks = [m for m in (votes_shown(item.votes), followup_shown(item)) if m]
            author = f" — {item.author}" if item.author else ""
            shown.append((depth, " ".join([item.text + author, *marks])))
    return shown or [(1, "(none yet)")]


@settings(max_examples=20, deadline=None)
@given(drawn=facilitated_entries())
def test_votes_clusters_and_follow_ups_read_literally(catalog, drawn):
    entries, marks, states = drawn
    data = facilitated(session_of(catalog.default, entries), marks, states)
    page = export_text(data, catalog.default, "markdown", now=NOW)
    listed = rendered_list(page)
    objectives = len(catalog.default.objectives)
    want = [item for step in range(1, 9) for column in COLUMNS for item in expected_list(data, step, column)]
    followups = [item for step in range(1, 9) for column in COLUMNS for group in cell_groups(data.items_for(step, column))
                 for item in group if item.followup]
    assert listed[objectives : objectives + len(want)] == want
    checklist = [text for _, text in listed[objectives + len(want):]]
    box = {"open": "[ ]", "done": "[x]", "dropped": "[x]", "carried": "[ ]"}
    assert checklist == [f"{box[item.followup_status]} {item.text}"
                         + (" — " + ", ".join([*([f"owner: {item.owner}"] if item.owner else []),
                                               *([f"due {item.due}"] if item.due else [])])
                            if item.owner or item.due else "") + f" {checklist_shown(item)}"
                         for item in followups]


def test_time_per_step_and_the_follow_ups_task_list(template):
    data = facilitated(session_of(template, [(5, "action", "Sign [x]", "Bo")]), [(2, None, "Ana", "2026-12-15")],
                       [StepState(step=5, spent_seconds=17 * 60)])
    page = export_text(data, template, "markdown")
    assert "\n*Timebox 15 min · spent 17 min*\n" in page and "\n*Timebox 10 min*\n" in page
    assert "- Sign \\[x\\] — *Bo* (2 votes) (follow-up, owner: Ana, due 2026\\-12\\-15)\n" in page
    assert page.endswith("\n## Follow-ups\n\n- [ ] Sign \\[x\\] — owner: Ana, due 2026\\-12\\-15 (step 5)\n")
