"""The wikitext export: a seed-shaped page whose every cell, read by a real parser
(mwparserfromhell), shows exactly what was typed.

`rendered_table` is the reference reader: it walks the parsed table's cells, turns character
references, `<br />` and `<nowiki>` into text, and fails on any other markup in an item (a link,
a template, a tag), which would mean typed text had turned into wikitext.
"""

from __future__ import annotations

import re

import mwparserfromhell
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mwparserfromhell.nodes import ExternalLink, HTMLEntity, Tag, Text

from workshop_tui.export import export_text, wikitext
from workshop_tui.export.common import one_line
from workshop_tui.export.wikimarkup import escape
from workshop_tui.model import COLUMNS, Item, SessionData, SessionInfo
from workshop_tui.text import clean_item_text, clean_name

LINE, BREAK, AUTHOR_START, AUTHOR_END = "\x01", "\n", "\x02", "\x03"
# A space written as a reference is kept when MediaWiki trims a list item: mark it until then.
KEPT_SPACE = re.compile("\x04([0-9]+)\x05")

# -- the reference reader ----------------------------------------------------------------------


def _render(code, *, in_item: bool) -> str:
    out = []
    for node in code.nodes:
        if isinstance(node, Text):
            out.append(node.value.replace("\n", LINE))
        elif isinstance(node, HTMLEntity):
            char = node.normalize()
            out.append(f"\x04{ord(char)}\x05" if char.isspace() else char)
        elif isinstance(node, Tag) and node.tag == "br":
            out.append(BREAK)
        elif isinstance(node, Tag) and node.tag == "li" and node.wiki_markup == "*":
            out.append("*")
        elif isinstance(node, Tag) and node.tag == "small" and in_item:
            out.append(AUTHOR_START + _render(node.contents, in_item=False) + AUTHOR_END)
        elif isinstance(node, Tag) and node.tag == "nowiki":
            out.append(_render(node.contents, in_item=False))
        elif isinstance(node, ExternalLink) and not node.brackets:
            out.append(_render(node.url, in_item=False))  # a bare URL shows as itself
        elif isinstance(node, Tag) and node.tag in ("b", "i") and not in_item:
            out.append(_render(node.contents, in_item=False))
        else:
            raise AssertionError(f"typed text became markup: {type(node).__name__} {str(node)[:80]!r}")
    return "".join(out)


def _items(cell) -> list[tuple[str, str | None]]:
    """A cell's bullets as MediaWiki shows them: trimmed, the author apart."""
    items = []
    for line in _render(cell.contents, in_item=True).split(LINE):
        if not line.strip(" \t"):
            continue
        assert line.startswith("*"), f"a line in an item cell that is not a bullet: {line!r}"
        body, author = line[1:], None
        if body.endswith(AUTHOR_END):
            body, _, author = body[:-1].rpartition(AUTHOR_START)
            assert author.startswith("(") and author.endswith(")")
            author = author[1:-1]
        assert AUTHOR_START not in body
        items.append((_kept(body.strip(" \t")), _kept(author)))
    return items


def _kept(text: str | None) -> str | None:
    return None if text is None else KEPT_SPACE.sub(lambda match: chr(int(match.group(1))), text)


def rendered_table(page: str) -> tuple[list[str], list[tuple[str, dict[str, list]]]]:
    """The summary table's header texts and, per row, the step cell's text and each column's items."""
    tables = mwparserfromhell.parse(page).filter_tags(matches=lambda node: node.tag == "table")
    assert len(tables) == 1
    table = tables[0]
    header = [_kept(_render(n.contents, in_item=False).replace(LINE, "").strip()) for n in table.contents.nodes
              if isinstance(n, Tag) and n.tag == "th"]
    rows = []
    for row in table.contents.filter_tags(matches=lambda node: node.tag == "tr", recursive=False):
        cells = row.contents.filter_tags(matches=lambda node: node.tag == "td", recursive=False)
        assert len(cells) == 4, str(row)[:200]
        label = _kept(_render(cells[0].contents, in_item=False).replace(LINE, "").strip())
        rows.append((label, {key: _items(cell) for key, cell in zip(COLUMNS, cells[1:])}))
    return header, rows


def rendered_header(page: str) -> tuple[str, list[str]]:
    """The page's level-1 heading and its Information section's lines, as MediaWiki shows them."""
    code = mwparserfromhell.parse(page)
    heading = next(h for h in code.filter_headings() if h.level == 1)
    title = _kept(_render(heading.title, in_item=False).strip(" \t"))
    section = code.get_sections(matches="Information")[0]
    body = mwparserfromhell.parse(str(section).split("\n", 1)[1])
    lines = [_kept(line.strip(" \t")) for line in _render(body, in_item=False).split(LINE) if line.strip()]
    return title, lines


# -- building sessions -------------------------------------------------------------------------


def session_of(template, entries, **info) -> SessionData:
    """A session from (step, column, text, author) entries, positions in order."""
    items, counts = [], {}
    for number, (step, column, text, author) in enumerate(entries):
        position = counts.get((step, column), 0)
        counts[(step, column)] = position + 1
        items.append(Item(id=f"{number:032x}", step=step, column=column, text=text, author=author,
                          position=position))
    items.sort(key=lambda i: (i.step, COLUMNS.index(i.column), i.position))
    fields = {"title": "Workshop", "template_id": template.id, "step_count": template.step_count, **info}
    return SessionData(info=SessionInfo(id=1, item_count=len(items), **fields), items=tuple(items))


def assert_renders_as_typed(template, entries) -> str:
    data = session_of(template, entries)
    page = export_text(data, template, "wikitext")
    _, rows = rendered_table(page)
    for number, (label, columns) in enumerate(rows, start=1):
        assert label.startswith(f"STEP {number}")
        for key in COLUMNS:
            expected = [(item.text, item.author) for item in data.items_for(number, key)]
            assert columns[key] == expected
    return page


METACHARACTERS = [
    "a | b", "a || b", "a !! b", "{{tmpl}}", "}} and {{", "[[Link]]", "]] [[", "[http://x.org label]",
    "<b>bold</b>", "a > b", "AT&T &amp; &#124; &lt;", "sign ~~~~", "~~~ and ~~~~~", "''italic''",
    "'''bold'''", "it's", "----", "__NOTOC__", "__TOC__ __FORCETOC__", "*star", "#hash", ":colon",
    ";semi", "-dash", "+plus", "}brace", "=equals=", "!bang", "|pipe", "{|table", "|}", "|-", "|+",
    "  leading spaces", "trailing spaces  ", "\ttab first", "line one\nline two", "a\n\n\nb",
    "x\n  indented\n*bullet\n#num", "{{!}}", "&#124;", "<nowiki>x</nowiki>", "<!-- hidden -->",
    "<small>(Ana)</small>", "text <small>(Bo)</small>", "[bold]", "[link=x]", "[@click=app.quit]",
    "😀 emoji 👩‍👩‍👧", "שלום עולם RTL", "مرحبا", "e\u0301 combining", "\u202eRLO", "\u00a0nbsp\u00a0",
    "http://example.org/a&b|c", "ISBN 1234567890", "'", "''", "'''''", "=", "==", "x=", "!", "~", "_",
]


@pytest.mark.parametrize("text", METACHARACTERS)
def test_every_metacharacter_renders_as_typed(template, text):
    text = clean_item_text(text)
    assert_renders_as_typed(template, [(1, "action", text, None), (2, "tool", text, "Ana")])


def test_ten_thousand_characters_render_as_typed(template):
    text = clean_item_text(("x|{{[[<&'~_ " * 1000)[:10_000])
    assert_renders_as_typed(template, [(3, "obstacle", text, "Bo")])


def test_escaped_items_hold_no_live_markup():
    dangerous = re.compile(r"[|<>\[\]{}]|''|~~~|!!|__|----|^[\s*#:;\-+}=!]|\s$")
    for text in METACHARACTERS:
        for line in escape(clean_item_text(text)).split("<br />"):
            without_references = re.sub(r"&(#\d+|amp|lt|gt);", "\x00", line)
            assert not dangerous.search(without_references), (text, line)


def test_never_uses_the_pipe_template_and_never_a_raw_pipe_in_a_cell(template):
    text = "Meet | greet {{!}} a || b"
    page = export_text(session_of(template, [(2, "tool", text, "Ana | Bo")]), template, "wikitext")
    assert "{{!}}" not in page
    bullet = next(line for line in page.splitlines() if line.startswith("* Meet"))
    assert "|" not in bullet and "{" not in bullet
    assert bullet.count("&#124;") == 4  # one, two in "||", one in the author


def test_the_page_has_the_seeds_shape(template):
    data = session_of(template, [(1, "action", "Identify WHY", "Ana"), (8, "tool", "A wiki page", None)],
                      title="Wikimania 2015 follow-up", facilitator="Anne-Laure Prévost",
                      participants=("Émeric Vallespi", "John Andersson"), event="Wikimania 2015",
                      place="Mexico City", date="2015-07-15")
    page = export_text(data, template, "wikitext")
    lines = page.splitlines()
    assert lines[0] == "= Wikimania 2015 follow-up ="
    assert "== Information ==" in lines
    for expected in ("* Facilitator: Anne-Laure Prévost", "* Participants: Émeric Vallespi, John Andersson",
                     "* Event: Wikimania 2015", "* Place: Mexico City", "* Date: 2015-07-15"):
        assert expected in lines
    assert "== Introduction ==" in lines and template.introduction[:40] in page
    assert all(f"* {objective}" in lines for objective in template.objectives)
    assert '{| class="wikitable"' in lines and lines[-1] == "|}"
    header, rows = rendered_table(page)
    assert header == ["KEY STEPS", "CONCRETE ACTIONS", "POTENTIAL OBSTACLES", "TOOLS to support the different steps"]
    assert [label.split("\n")[0] for label, _ in rows] == [f"STEP {s.number}: {s.title}" for s in template.steps]
    assert rows[0][0].split("\n")[1] == template.step(1).introduction
    assert rows[0][1]["action"] == [("Identify WHY", "Ana")]
    assert rows[7][1]["tool"] == [("A wiki page", None)]


def test_steps_beyond_the_template_still_get_rows(template):
    data = session_of(template, [(10, "action", "late idea", None)], step_count=10)
    _, rows = rendered_table(export_text(data, template, "wikitext"))
    assert [label for label, _ in rows[8:]] == ["STEP 9", "STEP 10"]
    assert rows[9][1]["action"] == [("late idea", None)]


# -- property: whatever was typed renders as typed ----------------------------------------------

WIKI_PIECES = ["|", "||", "!!", "!", "{{", "}}", "{{!}}", "[[", "]]", "[", "]", "<", ">", "&", "&amp;",
               "&#124;", "~~~~", "~", "''", "'''", "'", "----", "-", "__NOTOC__", "_", "*", "#", ":", ";",
               "+", "=", "}", "{|", "|}", "|-", " ", "  ", "\t", "\n", "\u00a0", "\u2028", "<br />",
               "<small>(", ")</small>", "<nowiki>", "<!--", "http://x.org/", "[bold]", "STEP 1:"]


def _valid(text: str) -> bool:
    try:
        clean_item_text(text)
    except ValueError:
        return False
    return True


piece = st.one_of(st.text(st.characters(codec="utf-8"), min_size=1, max_size=8), st.sampled_from(WIKI_PIECES))
typed_text = st.lists(piece, min_size=1, max_size=20).map("".join).filter(_valid).map(clean_item_text)
author = st.one_of(st.none(), st.lists(piece, min_size=1, max_size=4).map("".join).map(clean_name))
entry = st.tuples(st.integers(1, 8), st.sampled_from(COLUMNS), typed_text, author)


@settings(max_examples=150, deadline=None)
@given(entries=st.lists(entry, min_size=1, max_size=6))
def test_any_typed_text_renders_as_typed(catalog, entries):
    assert_renders_as_typed(catalog.default, entries)


line_text = st.lists(piece, min_size=1, max_size=6).map("".join).map(one_line).filter(bool)


@settings(max_examples=100, deadline=None)
@given(title=line_text, facilitator=line_text, event=line_text, people=st.lists(author.filter(bool), max_size=3))
def test_the_title_and_information_render_as_typed(catalog, title, facilitator, event, people):
    people = tuple(dict.fromkeys(people))
    data = session_of(catalog.default, [], title=title, facilitator=facilitator, event=event, participants=people)
    shown_title, lines = rendered_header(export_text(data, catalog.default, "wikitext"))
    assert shown_title == title
    expected = [f"* Facilitator: {facilitator}", f"* Event: {event}"]
    if people:
        expected.insert(1, f"* Participants: {', '.join(people)}")
    assert lines == expected


def test_the_parser_module_reads_back_what_it_wrote(template):
    data = session_of(template, [(1, "action", "x | y", "Ana")])
    back = wikitext.parse(wikitext.export(data, template), _catalog_of(template))
    assert [(i.text, i.author) for i in back.items] == [("x | y", "Ana")]


def _catalog_of(template):
    from workshop_tui.content import Catalog

    return Catalog(templates={template.id: template})
