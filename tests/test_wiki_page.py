"""The page text to publish, without a wiki: only the summary table replaced, whatever surrounds
it; the whole page when there is none; two refused; tables in comments ignored; no change when
the page already holds the session (as MediaWiki keeps text: NFC, no trailing whitespace)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop_tui.export import wikitext
from workshop_tui.export.wikitext_import import summary_tables
from workshop_tui.wiki.errors import SummaryTablesAmbiguous
from workshop_tui.wiki.page import CREATE, PAGE, TABLE, UNCHANGED, diff_counts, diff_lines, text_to_publish


@pytest.fixture
def data(store, session):
    store.add_item(session.id, 1, "action", "List WHY we need a partner", author="Ana")
    store.add_item(session.id, 3, "obstacle", "Different timelines | schedules")
    return store.session_data(session.id)


@pytest.fixture
def newer(store, data):
    store.add_item(data.info.id, 6, "tool", "Blog post template", author="Bo")
    return store.session_data(data.info.id)


def test_no_page_gets_the_whole_seed_shaped_page(data, template, catalog):
    new = text_to_publish(None, data, template, catalog)
    assert new.mode == CREATE and new.text == wikitext.export(data, template).rstrip()


def test_only_the_table_is_replaced(data, newer, template, catalog):
    before = "Intro by someone else.\n<!-- {|\n! KEY STEPS !! CONCRETE ACTIONS !! POTENTIAL OBSTACLES !! TOOLS\n|} -->\n"
    after = "\n== Comments ==\n{| class=\"wikitable\"\n! Who !! What\n|}\nThanks!"
    page = before + wikitext.summary_table(data, template) + after
    new = text_to_publish(page, newer, template, catalog)
    assert new.mode == TABLE
    assert new.text == before + wikitext.summary_table(newer, template) + after
    assert text_to_publish(new.text, newer, template, catalog).mode == UNCHANGED


def test_a_page_without_a_summary_table_is_replaced_whole(data, template, catalog):
    new = text_to_publish("Just a note.\n{| class=\"wikitable\"\n! A !! B\n|}", data, template, catalog)
    assert new.mode == PAGE and new.text == wikitext.export(data, template).rstrip()


def test_two_summary_tables_are_refused(data, template, catalog):
    table = wikitext.summary_table(data, template)
    second = 2 + len(table.splitlines()) + 2  # after a blank line and "Mexico"
    with pytest.raises(SummaryTablesAmbiguous, match=rf"holds 2 summary tables \(at lines 2, {second}\)"):
        text_to_publish(f"Berlin\n{table}\nMexico\n{table}", data, template, catalog, title="X")


def test_unchanged_as_mediawiki_keeps_text(store, session, template, catalog):
    store.add_item(session.id, 1, "action", "Cafe\u0301 meeting   ")  # decomposed é, trailing spaces
    data = store.session_data(session.id)
    as_the_wiki_has_it = unicodedata.normalize("NFC", wikitext.export(data, template)).rstrip()
    assert text_to_publish(as_the_wiki_has_it, data, template, catalog).mode == UNCHANGED
    assert text_to_publish(as_the_wiki_has_it.replace("\n", "\r\n"), data, template, catalog).mode == UNCHANGED


def test_the_diff_counts_lines(data, newer, template, catalog):
    current = wikitext.export(data, template)
    new = text_to_publish(current, newer, template, catalog)
    diff = diff_lines(current, new.text, title="P", revid=7)
    assert diff[:2] == ["--- P (revision 7)", "+++ P (to publish)"]
    assert diff_counts(diff) == (1, 0)


_LINE = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x85\u2028\u2029"), max_size=40)


# The fixtures are only read: sharing them between examples is safe.
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=st.lists(_LINE, max_size=6), after=st.lists(_LINE, max_size=6))
def test_whatever_surrounds_the_table_is_kept_exactly(data, newer, template, catalog, before, after):
    # Lines that would open or close a table of their own, or a comment around ours, are
    # another page; any other text around the table must come back untouched.
    def harmless(line):
        return not line.lstrip(" \t").startswith(("{|", "|", "!")) and "<!--" not in line and "-->" not in line

    head = "".join(line + "\n" for line in before if harmless(line))
    tail = "".join("\n" + line for line in after if harmless(line))
    page = unicodedata.normalize("NFC", head + wikitext.summary_table(data, template) + tail).rstrip()
    assert len(summary_tables(page, catalog)) == 1
    new = text_to_publish(page, newer, template, catalog)
    start = page.index('{| class="wikitable"')
    end = page.index("\n|}", start) + 3
    assert new.text.startswith(page[:start])
    assert new.text.endswith(page[end:].rstrip())
