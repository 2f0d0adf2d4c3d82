"""Importing wikitext: our own pages, and summary tables copied from wiki pages such as the seed's.

A hand-made table has plain `* item` bullets with no authors, cells that separate items with
`<br>` or put one per line, a header row of `!` cells, bold, links, comments and spans.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from workshop_tui.content import Catalog, Step
from workshop_tui.export import ImportFormatError, import_text
from workshop_tui.export.wikimarkup import to_text
from workshop_tui.model import StepState

# What the seed's page looks like in wikitext (its rendered text is in the seed file).
SEED_PAGE = """\
Outputs from Wikimedia Conference 2015 Follow-Up Day at Wikimania 2015: "Building-up a successful partnership (workshop)"
== Information ==
* '''Facilitator''': [[User:Anne-Laure Prévost (WMFr)|Anne-Laure Prévost]]
* '''Participants''': Émeric Vallespi, John Andersson, Ilario Valdelli, Kiril Simeonovski, Bojan Jankulovski
* [[:File:Partnerships workshop.pdf|Slides of the workshop]]

== Introduction ==
Partnering with external or internal organizations is a great lever for many a purpose.
This is still a work in progress, please feel free to comment/amend! [[User:Anne-Laure WMFr|Anne-Laure WMFr]] ([[User talk:Anne-Laure WMFr|talk]]) 15:41, 24 August 2015 (UTC)

== 8 Steps to a Partnership ==
{| class="wikitable" style="width:100%"
!KEY STEPS
!CONCRETE ACTIONS
!POTENTIAL OBSTACLES
!TOOLS to support the different steps
|-
|'''STEP 1: Preliminary Work'''
You may have - or may have not yet - identify WHY you need to partner with other organisations.
|
* Identify WHY you need to partner
* Map the organisations around you<br>and what they do
|
* Lack of time
|
* [https://meta.wikimedia.org/wiki/Grants Grants pages]
|-
| rowspan="2" |'''STEP 2: Getting to know each other'''
|
* Meet the people in charge
|
* Different cultures <!-- the hard one -->
|
* Presentation of the movement
|-
| colspan="3" style="background:#eee" | According to their first contact with someone from your organization, there might be a need to have more / other people on board.
|-
|'''STEP 3: Find common ground to work together'''||Find a win-win<br>Write it down||Diverging goals||
|-
|'''Step 4 - Define a project scope and a project team'''
|Project team on both sides
Project scope document
|
|
* ''Project charter'' template
|}
"""


@pytest.fixture
def seed(catalog):
    return import_text(SEED_PAGE, catalog)


def texts(data, step, column):
    return [item.text for item in data.items_for(step, column)]


def test_the_seed_page_reads_as_a_session(seed, catalog):
    assert seed.info.id == 0 and seed.info.template_id == catalog.default.id
    assert seed.info.title == "Imported session"  # a wiki page has no level-1 heading
    assert seed.info.facilitator == "Anne-Laure Prévost"
    assert seed.info.participants[:2] == ("Émeric Vallespi", "John Andersson") and len(seed.info.participants) == 5
    assert seed.info.step_count == 8
    assert texts(seed, 1, "action") == [
        "Identify WHY you need to partner", "Map the organisations around you\nand what they do"]
    assert texts(seed, 1, "obstacle") == ["Lack of time"]
    assert texts(seed, 1, "tool") == ["Grants pages"]
    assert all(item.author is None for item in seed.items)


def test_a_row_spanned_step_takes_the_rows_below_it(seed):
    assert texts(seed, 2, "action") == [
        "Meet the people in charge",
        ("According to their first contact with someone from your organization, there might be a need to "
         "have more / other people on board."),
    ]
    assert texts(seed, 2, "obstacle") == ["Different cultures"]


def test_inline_cells_br_separated_and_plain_lines(seed):
    assert texts(seed, 3, "action") == ["Find a win-win", "Write it down"]
    assert texts(seed, 3, "obstacle") == ["Diverging goals"]
    assert texts(seed, 3, "tool") == []
    assert texts(seed, 4, "action") == ["Project team on both sides", "Project scope document"]
    assert texts(seed, 4, "tool") == ["Project charter template"]


def test_positions_count_up_per_step_and_column(seed):
    assert [item.position for item in seed.items_for(2, "action")] == [0, 1]


def test_our_own_page_names_the_title_and_authors(catalog):
    page = """= Berlin 2015 =
== Information ==
* Facilitator: Anne
* Participants: Ana, Bo&#44; Jr
{| class="wikitable"
! KEY STEPS !! CONCRETE ACTIONS !! POTENTIAL OBSTACLES !! TOOLS to support the different steps
|-
| '''STEP 1: Preliminary Work'''
|
* Ask &#124; listen <small>(Bo&#44; Jr)</small>
* &lt;small&gt;(not an author)&lt;/small&gt;
|
|
|}
"""
    data = import_text(page, catalog)
    assert data.info.title == "Berlin 2015" and data.info.participants == ("Ana", "Bo, Jr")
    assert [(i.text, i.author) for i in data.items] == [
        ("Ask | listen", "Bo, Jr"), ("<small>(not an author)</small>", None)]


def test_information_comes_from_its_own_section(catalog):
    page = """= T =
== Information ==
* Facilitator: Anne
== Introduction ==
* Date: not the session's date
* Facilitator: not the facilitator
{|
! KEY STEPS !! ACTIONS !! OBSTACLES !! TOOLS
|-
| STEP 1 || Ask || ||
|}"""
    info = import_text(page, catalog).info
    assert (info.facilitator, info.date) == ("Anne", "")


def test_a_table_without_step_labels_is_one_row_per_step(catalog):
    page = """{| class="wikitable"
! Key steps !! Actions !! Obstacles !! Tools
|-
| Preliminary work || Ask || Time || Wiki
|-
| Getting to know each other || Meet || || Slides
|}"""
    data = import_text(page, catalog)
    assert [(i.step, i.column, i.text) for i in data.items] == [
        (1, "action", "Ask"), (1, "obstacle", "Time"), (1, "tool", "Wiki"), (2, "action", "Meet"), (2, "tool", "Slides")]


def test_columns_are_found_by_their_headings_in_any_order(catalog):
    page = """{|
! Step !! Tools !! Actions !! Obstacles !! Notes
|-
| STEP 1 || a wiki || ask || no time || ignored
|}"""
    data = import_text(page, catalog)
    assert {(i.column, i.text) for i in data.items} == {("tool", "a wiki"), ("action", "ask"), ("obstacle", "no time")}


def test_a_headerless_table_of_step_rows_is_a_summary(catalog):
    data = import_text("{|\n| STEP 2: x || a || b || c\n|}", catalog)
    assert [(i.step, i.column, i.text) for i in data.items] == [(2, "action", "a"), (2, "obstacle", "b"), (2, "tool", "c")]


def test_the_first_summary_shaped_table_is_used(catalog):
    page = "{|\n! Name !! Role\n|-\n| Ana || host\n|}\n\n{|\n! KEY STEPS !! CONCRETE ACTIONS !! POTENTIAL OBSTACLES !! TOOLS\n|-\n| STEP 5 || x || || \n|}"
    data = import_text(page, catalog)
    assert [(i.step, i.text) for i in data.items] == [(5, "x")]


def test_nested_tables_stay_inside_their_cell(catalog):
    page = "{|\n! KEY STEPS !! ACTIONS !! OBSTACLES !! TOOLS\n|-\n| STEP 1\n|\n* a\n{|\n| inner || cells\n|}\n* b\n|\n|\n* c\n|}"
    data = import_text(page, catalog)
    assert texts(data, 1, "action") == ["a", "inner", "cells", "b"]
    assert texts(data, 1, "tool") == ["c"]


def test_the_template_is_inferred_from_the_step_titles(catalog):
    other = replace(catalog.default, id="retro", title="Retro",
                    steps=tuple(Step(n, f"Phase {n}", ("a", "b", "c"), 10) for n in range(1, 4)))
    both = Catalog(templates={**catalog.templates, "retro": other})
    page = "{|\n! KEY STEPS !! ACTIONS !! OBSTACLES !! TOOLS\n|-\n| STEP 1: Phase 1 || a || ||\n|-\n| STEP 2: Phase 2 || || ||\n|}"
    data = import_text(page, both)
    assert data.info.template_id == "retro" and data.info.step_count == 3
    assert import_text(SEED_PAGE, both).info.template_id == catalog.default.id


def test_the_step_count_covers_the_highest_step(catalog):
    data = import_text("{|\n! KEY STEPS !! ACTIONS !! OBSTACLES !! TOOLS\n|-\n| STEP 12 || late || ||\n|}", catalog)
    assert data.info.step_count == 12 and data.items[0].step == 12


@pytest.mark.parametrize(
    "page, message",
    [
        ("just text\n", "no summary table found"),
        ("{|\n! Name !! Role\n|-\n| Ana || host\n|}", "no summary table found"),
        ("{|\n! KEY STEPS !! ACTIONS !! OBSTACLES !! TOOLS\n|-\n| STEP 51 || x || ||\n|}", "step 51 is outside 1-50"),
        ("{|\n! KEY STEPS !! ACTIONS !! OBSTACLES !! TOOLS\n|-\n| STEP 1 || " + "x" * 10_001 + " || ||\n|}",
         "at most 10,000 characters"),
    ],
)
def test_bad_pages_are_refused_in_one_line(catalog, page, message):
    with pytest.raises(ImportFormatError) as error:
        import_text(page, catalog, fmt="wikitext")
    assert message in str(error.value) and "\n" not in str(error.value)


def test_blank_bullets_and_control_characters_are_skipped(catalog):
    page = "{|\n! KEY STEPS !! ACTIONS !! OBSTACLES !! TOOLS\n|-\n| STEP 1\n|\n*\n* \x1b[31m\n*  \n* kept\x07\n|\n|\n|}"
    data = import_text(page, catalog)
    assert [i.text for i in data.items] == ["[31m", "kept"]


@pytest.mark.parametrize(
    "source, text",
    [
        ("&amp;lt;", "&lt;"),  # decoded once, not twice
        ("&#124;&#x7C;&vert;", "|||"),
        ("'''bold''' and ''italic'' and '''''both'''''", "bold and italic and both"),
        ("[[Page]] and [[Page|label]] and [https://x.org site] and [https://y.org]", "Page and label and site and https://y.org"),
        ("<nowiki>[[not a link]] &amp;</nowiki>", "[[not a link]] &"),
        ("a <!-- hidden --> b", "a  b"),
        ("one<br>two<br/>three<BR />four", "one\ntwo\nthree\nfour"),
        ("a {{!}} b", "a | b"),
        ("<span style='color:red'>red</span>", "red"),
        ("unclosed <nowiki>[[x]]", "unclosed [[x]]"),
        ("unclosed <!-- rest", "unclosed "),
        ("&unknown; & &#xZZ;", "&unknown; & &#xZZ;"),
    ],
)
def test_light_markup_reads_as_it_shows(source, text):
    assert to_text(source) == text


# -- facilitating's marks: votes, clusters, follow-ups, step times ------------------------------

OUR_TABLE = """{| class="wikitable"
! KEY STEPS !! CONCRETE ACTIONS !! POTENTIAL OBSTACLES !! TOOLS to support the different steps
|-
| '''STEP 1: Preliminary Work'''<br />''Intro''<br /><small class="timebox">Timebox 20 min · spent 16 min 40 s</small>
|
* <span class="cluster">'''Cluster of 2 items'''</span> <small class="votes">(5 votes)</small>
** No budget <small class="votes">(3 votes)</small>
** No money <small>(Bo)</small> <small class="votes">(2 votes)</small>
* Sign it <small>(Cyd)</small> <small class="votes">(1 vote)</small> <small class="followup">(follow-up, owner: Ana&#44; Jr, due 2026-12-15)</small>
* Call <small class="followup">(follow-up)</small>
|
|
|-
| '''STEP 2: Getting to know each other'''<br /><small class="timebox">Timebox 10 min</small>
|
|
* Time <small class="followup">(follow-up, due next&#44; week)</small>
|
|-
| '''STEP 3: Find common ground to work together'''<br /><small class="timebox">spent 3 min</small>
|
|
|
|}

== Follow-ups ==
* ☐ Sign it — owner: Someone Else, due 2027-01-01 (step 1)
"""


def test_our_marks_are_read_back(catalog):
    data = import_text(OUR_TABLE, catalog)
    assert [(i.step, i.column, i.position, i.text, i.author, i.votes, i.followup, i.owner, i.due) for i in data.items] == [
        (1, "action", 0, "No budget", None, 3, False, None, ""),
        (1, "action", 1, "No money", "Bo", 2, False, None, ""),
        (1, "action", 2, "Sign it", "Cyd", 1, True, "Ana, Jr", "2026-12-15"),  # the table is the source
        (1, "action", 3, "Call", None, 0, True, None, ""),
        (2, "obstacle", 0, "Time", None, 0, True, None, "next, week"),
    ]
    clusters = [item.cluster_id for item in data.items]
    assert clusters[0] and clusters[0] == clusters[1] and clusters[2:] == [None, None, None]
    assert data.step_states == (StepState(step=1, planned_seconds=1200, spent_seconds=1000.0),
                                StepState(step=3, spent_seconds=180.0))  # step 2's timebox is the template's


def test_a_bullet_at_the_clusters_level_ends_it(catalog):
    page = ("{|\n! KEY STEPS !! ACTIONS !! OBSTACLES !! TOOLS\n|-\n| STEP 1\n|\n"
            "* <span class=\"cluster\">'''Cluster of 2 items'''</span>\n** a\n** b\n* c\n** d\nplain\n** e\n|\n|\n|}")
    data = import_text(page, catalog)
    by_text = {item.text: item.cluster_id for item in data.items}
    assert list(by_text) == ["a", "b", "c", "d", "plain", "e"]
    assert by_text["a"] == by_text["b"] and by_text["a"] and not any(by_text[t] for t in "cde") and not by_text["plain"]


def test_marks_in_any_order_and_marks_that_do_not_read(catalog):
    page = ("{|\n! KEY STEPS !! ACTIONS !! OBSTACLES !! TOOLS\n|-\n| STEP 1\n|\n"
            '* a <small class="votes">(2 votes)</small> <small>(Ana)</small>\n'
            '* b <small class="votes">(many votes)</small>\n'
            '* c <small class="votes">(99999999999 votes)</small>\n'
            '* d <small class="followup">(follow-up, whenever)</small>\n'
            '* e <small class="votes">(1 vote)</small> <small class="votes">(2 votes)</small>\n'
            '* f <small class="timebox">Timebox 5 min</small>\n'
            "|\n|\n|}")
    data = import_text(page, catalog)
    assert [(i.text, i.author, i.votes, i.followup) for i in data.items] == [
        ("a", "Ana", 2, False), ("b (many votes)", None, 0, False), ("c (99999999999 votes)", None, 0, False),
        ("d (follow-up, whenever)", None, 0, False), ("e (1 vote)", None, 2, False), ("f Timebox 5 min", None, 0, False)]
    assert data.step_states == ()


def test_a_hand_made_nested_list_is_not_a_cluster(seed, catalog):
    data = import_text("{|\n! KEY STEPS !! ACTIONS !! OBSTACLES !! TOOLS\n|-\n| STEP 1\n|\n* Money\n** grants\n** fees\n|\n|\n|}",
                       catalog)
    assert [(i.text, i.cluster_id) for i in data.items] == [("Money", None), ("grants", None), ("fees", None)]
    assert seed.step_states == () and all(not i.followup and not i.votes for i in seed.items)
