"""The wikitext export: a seed-shaped page whose every cell, read by a real parser
(mwparserfromhell), shows exactly what was typed, with the votes, clusters, follow-ups and
step times that facilitating recorded.

`rendered_table` is the reference reader: it walks the parsed table's cells, turns character
references, `<br />` and `<nowiki>` into text, reads our marks (`<small>` author, votes and
follow-up, `<span class="cluster">` heads, the step cell's `<small class="timebox">`) apart, and
fails on any other markup in an item (a link, a template, a tag), which would mean typed text
had turned into wikitext.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import mwparserfromhell
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mwparserfromhell.nodes import ExternalLink, HTMLEntity, Tag, Text

from workshop_tui.export import export_text, wikitext, wikitext_import
from workshop_tui.export.common import one_line
from workshop_tui.grouping import cell_groups
from workshop_tui.export.wikimarkup import escape
from workshop_tui.model import COLUMNS, Item, SessionData, SessionInfo, StepState
from workshop_tui.text import clean_item_text, clean_name
from workshop_tui.timebox import PHASES

LINE, BREAK = "\x01", "\n"
MARK_START, KIND_END, MARK_END = "\x02", "\x06", "\x03"  # a <small> mark: its kind, then what it shows
CLUSTER_START, CLUSTER_END = "\x0e", "\x0f"
# A space written as a reference is kept when MediaWiki trims a list item: mark it until then.
KEPT_SPACE = re.compile("\x04([0-9]+)\x05")
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)

# -- the reference reader ----------------------------------------------------------------------


def _class(node: Tag) -> str | None:
    return str(node.get("class").value).strip() if node.has("class") else None


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
        elif isinstance(node, Tag) and node.tag == "small" and in_item and _class(node) in (None, "votes", "followup"):
            kind = _class(node) or "author"
            out.append(MARK_START + kind + KIND_END + _render(node.contents, in_item=False) + MARK_END)
        elif isinstance(node, Tag) and node.tag == "span" and in_item and _class(node) == "cluster":
            out.append(CLUSTER_START + _render(node.contents, in_item=False) + CLUSTER_END)
        elif isinstance(node, Tag) and node.tag == "small" and not in_item and _class(node) == "timebox":
            out.append(_render(node.contents, in_item=False))
        elif isinstance(node, Tag) and node.tag == "nowiki":
            out.append(_render(node.contents, in_item=False))
        elif isinstance(node, ExternalLink) and not node.brackets:
            out.append(_render(node.url, in_item=False))  # a bare URL shows as itself
        elif isinstance(node, Tag) and node.tag in ("b", "i") and not in_item:
            out.append(_render(node.contents, in_item=False))
        else:
            raise AssertionError(f"typed text became markup: {type(node).__name__} {str(node)[:80]!r}")
    return "".join(out)


@dataclass(frozen=True)
class Bullet:
    """A bullet as MediaWiki shows it: its depth, its text, and the marks after it as shown."""

    level: int
    text: str
    author: str | None = None  # the name inside "(...)"
    votes: str | None = None  # "(3 votes)"
    followup: str | None = None  # "(follow-up, owner: Ana, due 2026-12-15)"
    cluster: bool = False  # a cluster's head: text is its label


def _bullets(cell) -> list[Bullet]:
    """A cell's bullets as MediaWiki shows them: trimmed, the marks apart."""
    bullets = []
    for line in _render(cell.contents, in_item=True).split(LINE):
        if not line.strip(" \t"):
            continue
        level = len(line) - len(line.lstrip("*"))
        assert level, f"a line in an item cell that is not a bullet: {line!r}"
        body, marks = line[level:], {}
        while body.endswith(MARK_END):
            body, _, mark = body[:-1].rpartition(MARK_START)
            kind, _, shown = mark.partition(KIND_END)
            assert kind not in marks and shown.startswith("(") and shown.endswith(")"), mark
            marks[kind] = _kept(shown)
            body = body.rstrip(" \t")
        assert MARK_START not in body and MARK_END not in body
        body = body.strip(" \t")
        if body.startswith(CLUSTER_START):
            assert body.endswith(CLUSTER_END) and set(marks) <= {"votes"}
            bullets.append(Bullet(level, body[1:-1], votes=marks.get("votes"), cluster=True))
            continue
        assert CLUSTER_START not in body
        author = marks.get("author")
        bullets.append(Bullet(level, _kept(body), author[1:-1] if author else None, marks.get("votes"),
                              marks.get("followup")))
    return bullets


def _kept(text: str | None) -> str | None:
    return None if text is None else KEPT_SPACE.sub(lambda match: chr(int(match.group(1))), text)


def rendered_table(page: str, keys: tuple[str, ...] = COLUMNS) -> tuple[list[str], list[tuple[str, dict[str, list[Bullet]]]]]:
    """The summary table's header texts and, per row, the step cell's text and each column's bullets
    (`keys`: the session's columns, in order)."""
    tables = mwparserfromhell.parse(page).filter_tags(matches=lambda node: node.tag == "table")
    assert len(tables) == 1
    table = tables[0]
    header = [_kept(_render(n.contents, in_item=False).replace(LINE, "").strip()) for n in table.contents.nodes
              if isinstance(n, Tag) and n.tag == "th"]
    rows = []
    for row in table.contents.filter_tags(matches=lambda node: node.tag == "tr", recursive=False):
        cells = row.contents.filter_tags(matches=lambda node: node.tag == "td", recursive=False)
        assert len(cells) == len(keys) + 1, str(row)[:200]
        label = _kept(_render(cells[0].contents, in_item=False).replace(LINE, "").strip())
        rows.append((label, {key: _bullets(cell) for key, cell in zip(keys, cells[1:])}))
    return header, rows


def plain(bullets: list[Bullet]) -> list[tuple[str, str | None]]:
    """Bullets as (text, author), for cells with no clusters, votes or follow-ups."""
    assert all(b.level == 1 and not b.cluster and b.votes is b.followup is None for b in bullets)
    return [(b.text, b.author) for b in bullets]


def rendered_header(page: str) -> tuple[str, list[str]]:
    """The page's level-1 heading and its Information section's lines, as MediaWiki shows them."""
    code = mwparserfromhell.parse(page)
    heading = next(h for h in code.filter_headings() if h.level == 1)
    title = _kept(_render(heading.title, in_item=False).strip(" \t"))
    section = code.get_sections(matches="Information")[0]
    body = mwparserfromhell.parse(str(section).split("\n", 1)[1])
    lines = [_kept(line.strip(" \t")) for line in _render(body, in_item=False).split(LINE) if line.strip()]
    return title, lines


def rendered_followups(page: str) -> list[str]:
    """The Follow-ups section's checklist lines, as MediaWiki shows them."""
    sections = mwparserfromhell.parse(page).get_sections(matches="Follow-ups")
    if not sections:
        return []
    body = mwparserfromhell.parse(str(sections[0]).split("\n", 1)[1])
    lines = [line for line in _render(body, in_item=False).split(LINE) if line.strip()]
    assert all(line.startswith("* ") for line in lines), lines
    return [_kept(line[1:].strip(" \t")) for line in lines]


# -- what the page must show -------------------------------------------------------------------


def votes_shown(count: int) -> str | None:
    return f"({count} vote{'' if count == 1 else 's'})" if count else None


STATUS_SHOWN = {"open": [], "done": ["done"], "dropped": ["dropped"], "carried": ["carried over"]}
BOX_SHOWN = {"open": "☐", "done": "☑", "dropped": "☒", "carried": "☐"}


def followup_shown(item: Item) -> str | None:
    if not item.followup:
        return None
    label = "follow-up from last time" if item.from_last_time else "follow-up"
    return "(" + ", ".join([label, *([f"owner: {item.owner}"] if item.owner else []),
                            *([f"due {item.due}"] if item.due else []), *STATUS_SHOWN[item.followup_status]]) + ")"


def checklist_shown(item: Item) -> str:
    """`(step 5)`, `(step 5, from last time, done)`: the end of a follow-up's checklist line."""
    return "(" + ", ".join([f"step {item.step}", *(["from last time"] if item.from_last_time else []),
                            *STATUS_SHOWN[item.followup_status]]) + ")"


def expected_bullets(items: list[Item]) -> list[Bullet]:
    """What a cell must show: each cluster as a head and its members below, all ordered by votes;
    a cluster's votes once, on its head (its members show none)."""
    bullets = []
    for group in cell_groups(items):
        level = 1
        if len(group) > 1:
            bullets.append(Bullet(1, f"Cluster of {len(group)} items", votes=votes_shown(sum(i.votes for i in group)),
                                  cluster=True))
            level = 2
        bullets += [Bullet(level, item.text, item.author, votes_shown(item.votes) if level == 1 else None,
                           followup_shown(item)) for item in group]
    return bullets


def expected_followups(data: SessionData) -> list[str]:
    lines = []
    for step in range(1, data.info.step_count + 1):
        for key in COLUMNS:
            for group in cell_groups(data.items_for(step, key)):
                for item in (item for item in group if item.followup):
                    parts = [f"owner: {item.owner}"] if item.owner else []
                    parts += [f"due {item.due}"] if item.due else []
                    lines.append(f"{BOX_SHOWN[item.followup_status]} {item.text}"
                                 f"{' — ' + ', '.join(parts) if parts else ''} {checklist_shown(item)}")
    return lines


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


def facilitated(data: SessionData, marks, states=()) -> SessionData:
    """A session with facilitating's results: marks are (votes, cluster label, owner or None, due)
    per item, in order (owner None: not a follow-up; items of a cell sharing a label are a cluster),
    and may go on with the follow-up's status and whether it came from last time."""
    items = []
    for item, (votes, label, owner, due, *between) in zip(data.items, marks):
        followup = owner is not None
        status, carried = (*between, "open", False)[:2] if len(between) < 2 else between
        items.append(replace(item, votes=votes, cluster_id=None if label is None else f"c{item.step}{item.column}{label}",
                             followup=followup, owner=owner or None if followup else None, due=due if followup else "",
                             followup_status=status if followup else "open", from_last_time=followup and carried))
    return replace(data, items=tuple(items), step_states=tuple(states))


def assert_renders_as_typed(template, entries, marks=(), states=()) -> str:
    data = facilitated(session_of(template, entries), marks or [(0, None, None, "")] * len(entries), states)
    page = export_text(data, template, "wikitext", now=NOW)
    _, rows = rendered_table(page)
    for number, (label, columns) in enumerate(rows, start=1):
        assert label.startswith(f"STEP {number}")
        for key in COLUMNS:
            assert columns[key] == expected_bullets(data.items_for(number, key))
    assert rendered_followups(page) == expected_followups(data)
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
    assert [label.split("\n")[-1] for label, _ in rows] == [f"Timebox {s.timebox_minutes} min" for s in template.steps]
    assert plain(rows[0][1]["action"]) == [("Identify WHY", "Ana")]
    assert plain(rows[7][1]["tool"]) == [("A wiki page", None)]
    assert "Follow-ups" not in page  # no follow-ups, no section


def test_steps_beyond_the_template_still_get_rows(template):
    data = session_of(template, [(10, "action", "late idea", None)], step_count=10)
    _, rows = rendered_table(export_text(data, template, "wikitext"))
    assert [label for label, _ in rows[8:]] == ["STEP 9", "STEP 10"]  # no timebox in the template, none shown
    assert plain(rows[9][1]["action"]) == [("late idea", None)]


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
    back = wikitext_import.parse(wikitext.export(data, template), _catalog_of(template))
    assert [(i.text, i.author) for i in back.items] == [("x | y", "Ana")]


def _catalog_of(template):
    from workshop_tui.content import Catalog

    return Catalog(templates={template.id: template})


# -- facilitating's results: votes, clusters, follow-ups, step times ----------------------------

owner = st.one_of(st.none(), st.just(""), author.filter(bool))  # None: not a follow-up; "": nobody yet
due = st.one_of(st.just(""), st.just("2026-12-15"), line_text)
mark = st.tuples(st.one_of(st.integers(0, 3), st.integers(0, 2**31 - 1)), st.none() | st.integers(0, 1), owner, due,
                 st.sampled_from(["open", "done", "dropped", "carried"]), st.booleans())
times = st.datetimes(min_value=datetime(2026, 11, 26, 9), max_value=datetime(2026, 11, 26, 12),
                     timezones=st.just(UTC)).map(lambda moment: moment.isoformat(timespec="microseconds"))


@st.composite
def step_states(draw, steps=8):
    return [StepState(step=step, phase=draw(st.sampled_from(PHASES)),
                      planned_seconds=draw(st.none() | st.integers(0, 24 * 3600)),
                      extra_seconds=draw(st.integers(0, 3600)), spent_seconds=draw(st.floats(0, 86400)),
                      running_since=draw(st.none() | times))
            for step in sorted(draw(st.lists(st.integers(1, steps), max_size=4, unique=True)))]


@st.composite
def facilitated_entries(draw, max_size=8):
    """(entries, marks, states) for `facilitated(session_of(...), marks, states)`.

    Some items go to one crowded cell, most of them in clusters, where votes reorder them."""
    crowded = draw(st.lists(st.tuples(st.just(5), st.just("action"), typed_text, author), max_size=max_size // 2))
    entries = crowded + draw(st.lists(entry, max_size=max_size - len(crowded)))
    grouped = mark.map(lambda drawn: (drawn[0], 0, *drawn[2:])) | mark
    marks = [draw(grouped) for _ in crowded] + [draw(mark) for _ in entries[len(crowded):]]
    return entries, marks, draw(step_states())


@settings(max_examples=40, deadline=None)
@given(drawn=facilitated_entries())
def test_votes_clusters_and_follow_ups_render_as_typed(catalog, drawn):
    assert_renders_as_typed(catalog.default, *drawn)


def test_votes_order_each_cell_and_clusters_are_one_bullet(template):
    entries = [(5, "action", text, who) for text, who in
               [("Draft it", "Ana"), ("No money", "Bo"), ("No budget", None), ("Sign it", "Cyd"), ("Ask", None)]]
    marks = [(1, None, None, ""), (2, "x", None, ""), (3, "x", None, ""), (4, None, "Ana, Jr", "2026-12-15"),
             (0, None, None, "")]
    page = assert_renders_as_typed(template, entries, marks)
    cell = page.split("STEP 5:")[1].split("\n|\n")[1].splitlines()
    assert cell == [
        '* <span class="cluster">\'\'\'Cluster of 2 items\'\'\'</span> <small class="votes">(5 votes)</small>',
        '** No budget',  # a cluster's votes are shown once, on the cluster
        '** No money <small>(Bo)</small>',
        '* Sign it <small>(Cyd)</small> <small class="votes">(4 votes)</small> '
        '<small class="followup">(follow-up, owner: Ana&#44; Jr, due 2026-12-15)</small>',
        '* Draft it <small>(Ana)</small> <small class="votes">(1 vote)</small>',
        "* Ask",
    ]
    assert page.endswith("\n== Follow-ups ==\n* ☐ Sign it — owner: Ana, Jr, due 2026-12-15 (step 5)\n")


def test_a_left_alone_cluster_member_is_a_plain_bullet(template):
    data = facilitated(session_of(template, [(2, "tool", "Slides", None)]), [(0, "x", None, "")])
    assert "* Slides\n" in export_text(data, template, "wikitext")


def test_the_step_cell_shows_the_timebox_and_the_time_spent(template):
    running = StepState(step=2, planned_seconds=600, extra_seconds=300, spent_seconds=400,
                        running_since=NOW.isoformat())
    states = [StepState(step=1, spent_seconds=17 * 60), StepState(step=3, spent_seconds=0.4),
              StepState(step=4, planned_seconds=45, spent_seconds=100.6), running,
              StepState(step=5, phase="discuss")]
    data = replace(session_of(template, []), step_states=tuple(states))
    _, rows = rendered_table(export_text(data, template, "wikitext", now=NOW))
    assert [label.split("\n")[-1] for label, _ in rows[:6]] == [
        "Timebox 15 min · spent 17 min", "Timebox 15 min · spent 6 min 40 s", "Timebox 15 min · spent 0 min",
        "Timebox 45 s · spent 1 min 41 s", "Timebox 15 min", "Timebox 10 min"]
    later = export_text(data, template, "wikitext", now=NOW.replace(hour=13))
    assert "Timebox 15 min · spent 66 min 40 s" in later  # a running timer counts up to `now`
