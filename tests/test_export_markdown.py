"""The markdown export: a page readable on GitHub, where typed text shows literally.

Checked by rendering it with markdown-it-py (CommonMark, as GitHub) and reading the HTML back.
"""

from __future__ import annotations

import html
import re

import pytest
from markdown_it import MarkdownIt
from test_export_wikitext import METACHARACTERS, session_of

from workshop_tui.export import export_text
from workshop_tui.text import clean_item_text

MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")


def rendered_items(page: str) -> list[str]:
    """The text of each list item under a step, as a browser shows it (tags out, entities in)."""
    items = []
    for fragment in re.findall(r"<li>(.*?)</li>", MARKDOWN.render(page), re.S):
        fragment = re.sub(r"<br\s*/?>\n?", "\n", fragment)
        assert not re.search(r"<(?!/?em>)", fragment), f"typed text became HTML: {fragment!r}"
        items.append(html.unescape(re.sub(r"</?em>", "", fragment)))
    return items


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
