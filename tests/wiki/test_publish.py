"""Publishing to and pulling from a real MediaWiki (`.ci/mediawiki`): new page, republish (no new
revision), an edit in between (refused, nothing overwritten), a page with other sections (only
the table changes), pulled back (items exact), and what the rendered page shows (every item
exactly as typed)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from html_cells import Shown, summary_cells

from workshop_tui.export import wikitext
from workshop_tui.grouping import cell_groups, is_cluster
from workshop_tui.model import COLUMNS
from workshop_tui.wiki.errors import EditConflict, SummaryTablesAmbiguous
from workshop_tui.wiki.page import CREATE, PAGE, TABLE, UNCHANGED
from workshop_tui.wiki.publish import plan_publish, save_plan
from workshop_tui.wiki.pull import pull_page

# What people type that a wiki would otherwise read as markup, and more.
HOSTILE = [
    "Ask | why {{!}} || !! |- |} {|",
    "[[Main Page]] [https://evil.example click here] [[Category:Hidden]] [[File:X.png]]",
    "{{subst:CURRENTYEAR}} {{#if:1|a|b}} {{{1}}} ~~~~ ~~~ ~~~~~",
    "<script>alert(1)</script> <b>bold</b> &amp; &lt; &#124; <!-- not a comment -->",
    "''italic'' '''bold''' ---- __NOTOC__ __TOC__ <nowiki>x</nowiki> <pre>p</pre>",
    "* not a bullet\n# not a number\n: not indented\n; not a term\n=not a heading=",
    "  two leading spaces, two inside  and a\ttab",
    "#REDIRECT [[Elsewhere]]",
    "Visit https://example.org/path?q=1&x=2 now",
    "😀 שלום مرحبا 漢字 -{zh-hans:a;zh-hant:b}-",
    "{| class=\"wikitable\"\n| a nested table?\n|}",
    "trailing spaces   ",
]


def build_session(store, template, *, hostile=True):
    """A session with hostile items, authors (one with a comma), votes, a cluster and follow-ups (one done)."""
    info = store.create_session("Partnership <b>workshop</b> | Berlin", template_id=template.id,
                                step_count=template.step_count, facilitator="Anne-Laure",
                                participants=["Ana, Jr", "Bo"], event="Wikimania [[2015]]", date="2026-11-26")
    authors = ["Ana, Jr", "Bo", None, "<i>Cyd</i>"]
    texts = HOSTILE if hostile else [f"Plain item {n}" for n in range(6)]
    items = [store.add_item(info.id, 1 + n % 3, COLUMNS[n % 3], text, author=authors[n % 4])
             for n, text in enumerate(texts)]
    extra = [store.add_item(info.id, 5, "action", f"Sign the agreement {n}", author="Bo") for n in range(3)]
    store.cluster_items([extra[1].id, extra[2].id])
    store.cast_vote(extra[2].id, "Ana, Jr")
    store.cast_vote(extra[2].id, "Bo")
    store.cast_vote(items[0].id, "Bo")
    store.set_followup(extra[0].id, owner="Ana, Jr", due="2026-12-15")
    store.set_followup(items[1].id, owner="Bo", due="")
    store.set_followup_status(items[1].id, "done")
    return store.session_data(info.id)


def expected_cells(data):
    """Per step, per column, the bullets the page should show, in the summary's order (a cluster's
    votes once, on the cluster; its members' bullets carry none)."""
    def shown(item):
        votes = f"{item.votes} vote{'' if item.votes == 1 else 's'}" if item.votes else None
        followup = None
        if item.followup:
            status = {"open": [], "done": ["done"], "dropped": ["dropped"], "carried": ["carried over"]}
            parts = ["follow-up from last time" if item.from_last_time else "follow-up"] + \
                    ([f"owner: {item.owner}"] if item.owner else []) + \
                    ([f"due {item.due}"] if item.due else []) + status[item.followup_status]
            followup = ", ".join(parts)
        return Shown(item.text, item.author, votes, followup)

    rows = []
    for step in range(1, data.info.step_count + 1):
        row = []
        for column in COLUMNS:
            bullets = []
            for group in cell_groups(data.items_for(step, column)):
                if is_cluster(group):
                    total = sum(item.votes for item in group)
                    bullets.append(Shown(f"Cluster of {len(group)} items",
                                         votes=f"{total} vote{'' if total == 1 else 's'}" if total else None,
                                         members=tuple(replace(shown(item), votes=None) for item in group)))
                else:
                    bullets.append(shown(group[0]))
            row.append(bullets)
        rows.append(row)
    return rows


def publish(client, title, data, template, catalog, summary="test publish"):
    plan = plan_publish(client, title, data, template, catalog)
    return plan, save_plan(client, plan, summary=summary)


def essentials(data):
    """What a round trip through the wiki must keep exactly, cell by cell, in the summary's order."""
    out = []
    for step in range(1, data.info.step_count + 1):
        for column in COLUMNS:
            for group in cell_groups(data.items_for(step, column)):
                out += [(step, column, item.text, item.author, item.votes, item.followup, item.owner, item.due,
                         item.followup_status, item.from_last_time, is_cluster(group)) for item in group]
    return out


def test_publish_a_new_page_then_again_makes_no_new_revision(test_wiki, page_title, store, template, catalog):
    data = build_session(store, template, hostile=False)
    client = test_wiki.client()
    plan, saved = publish(client, page_title, data, template, catalog)
    assert plan.mode == CREATE and plan.diff[0].startswith("---") and saved.changed
    assert test_wiki.text(page_title) == plan.text
    assert [r["revid"] for r in test_wiki.revisions(page_title)] == [saved.revid]
    assert test_wiki.revisions(page_title)[0]["user"] == "Facilitator"

    again, resaved = publish(test_wiki.client(), page_title, data, template, catalog)
    assert again.mode == UNCHANGED and again.diff == () and not resaved.changed
    assert resaved.revid == saved.revid
    assert [r["revid"] for r in test_wiki.revisions(page_title)] == [saved.revid]

    store.add_item(data.info.id, 2, "tool", "One more tool", author="Bo")
    third, changed = publish(client, page_title, store.session_data(data.info.id), template, catalog)
    assert third.mode == TABLE and changed.changed
    assert [line for line in third.diff if line.startswith("+") and not line.startswith("+++")] == \
        ["+* One more tool <small>(Bo)</small>"]
    assert len(test_wiki.revisions(page_title)) == 2


def test_the_rendered_page_shows_every_item_exactly_as_typed(test_wiki, page_title, store, template, catalog):
    data = build_session(store, template)
    publish(test_wiki.client(), page_title, data, template, catalog)
    header, rows = summary_cells(test_wiki.rendered_html(page_title))
    assert header == [template.key_steps_heading, *(template.column(key).heading for key in COLUMNS)]
    assert [cells for _, cells in rows] == expected_cells(data)
    assert [label.split("\n")[0] for label, _ in rows] == \
        [f"STEP {n}: {template.step(n).title}" for n in range(1, template.step_count + 1)]


def test_pulled_back_items_are_exact(test_wiki, page_title, store, template, catalog):
    data = build_session(store, template)
    publish(test_wiki.client(), page_title, data, template, catalog)
    pulled, page = pull_page(test_wiki.client(None), page_title, catalog)
    assert page.exists and page.title == page_title
    assert essentials(pulled) == essentials(data)
    assert pulled.info.title == data.info.title
    assert (pulled.info.facilitator, pulled.info.participants, pulled.info.event) == \
        (data.info.facilitator, data.info.participants, data.info.event)
    info = store.import_session(pulled)
    assert essentials(store.session_data(info.id)) == essentials(data)


def test_an_edit_in_between_is_refused_and_nothing_is_overwritten(test_wiki, page_title, store, template, catalog):
    data = build_session(store, template, hostile=False)
    client = test_wiki.client()
    publish(client, page_title, data, template, catalog)
    store.add_item(data.info.id, 3, "obstacle", "Different timelines")
    plan = plan_publish(client, page_title, store.session_data(data.info.id), template, catalog)
    theirs = test_wiki.text(page_title) + "\n\nA comment from a reader, saved while the diff was read.\n"
    their_revision = test_wiki.edit_as_admin(page_title, theirs)

    with pytest.raises(EditConflict) as refused:
        save_plan(client, plan, summary="should not land")
    assert "\n" not in str(refused.value) and "nothing was overwritten" in str(refused.value)
    assert f"revision {their_revision} by Admin" in str(refused.value)
    assert test_wiki.text(page_title) == theirs.rstrip()
    assert [r["revid"] for r in test_wiki.revisions(page_title)][-1] == their_revision


def test_the_wiki_itself_refuses_an_edit_based_on_an_old_revision(test_wiki, page_title, store, template, catalog):
    """The edit carries its base revision: even past our own check, another user's edit in
    between is never overwritten (the wiki answers editconflict)."""
    data = build_session(store, template, hostile=False)
    client = test_wiki.client()
    publish(client, page_title, data, template, catalog)
    first = data.items_for(1, "action")[0]
    store.edit_item(first.id, "Plain item 0, reworded in the room")
    plan = plan_publish(client, page_title, store.session_data(data.info.id), template, catalog)
    theirs = test_wiki.text(page_title).replace("Plain item 0", "Plain item 0, reworded on the wiki")
    test_wiki.edit_as_admin(page_title, theirs)
    with pytest.raises(EditConflict):
        client.save(plan.page, plan.text, "bypassing the revision check")
    assert test_wiki.text(page_title) == theirs

    # Changes that do not touch the same lines, the wiki merges: both are kept, nothing is lost.
    store.edit_item(first.id, "Plain item 0")
    store.add_item(data.info.id, 8, "tool", "Far from the reworded line")
    plan = plan_publish(client, page_title, store.session_data(data.info.id), template, catalog)
    theirs = test_wiki.text(page_title) + "\n\n== Comments ==\nA reader's comment."
    test_wiki.edit_as_admin(page_title, theirs)
    client.save(plan.page, plan.text, "bypassing the revision check")
    merged = test_wiki.text(page_title)
    assert "A reader's comment." in merged and "Far from the reworded line" in merged

    # Nor does the wiki let this account's own edit in between pass unseen (no basetimestamp sent).
    store.edit_item(first.id, "Plain item 0, reworded once more in the room")
    plan = plan_publish(client, page_title, store.session_data(data.info.id), template, catalog)
    ours_elsewhere = test_wiki.text(page_title).replace("Plain item 0", "Plain item 0 from the other laptop")
    other_laptop = test_wiki.client()
    other_laptop.save(other_laptop.read_page(page_title), ours_elsewhere, "other laptop")
    with pytest.raises(EditConflict):
        client.save(plan.page, plan.text, "bypassing the revision check")
    assert test_wiki.text(page_title) == ours_elsewhere


def test_our_own_edit_in_between_is_refused_too(test_wiki, page_title, store, template, catalog):
    """MediaWiki lets an account overwrite its own edits without a conflict: our check does not."""
    data = build_session(store, template, hostile=False)
    publish(test_wiki.client(), page_title, data, template, catalog)
    store.add_item(data.info.id, 1, "action", "Typed on the first laptop")
    first_laptop = test_wiki.client()
    plan = plan_publish(first_laptop, page_title, store.session_data(data.info.id), template, catalog)
    other = build_session(store, template, hostile=False)  # the same account, from another laptop
    store.add_item(other.info.id, 2, "tool", "Typed on the second laptop")
    other = store.session_data(other.info.id)
    _, theirs = publish(test_wiki.client(), page_title, other, template, catalog)
    their_text = test_wiki.text(page_title)

    with pytest.raises(EditConflict, match=f"revision {theirs.revid} by Facilitator"):
        save_plan(first_laptop, plan, summary="first laptop")
    assert test_wiki.text(page_title) == their_text
    assert len(test_wiki.revisions(page_title)) == 2


def test_a_page_created_in_between_is_not_overwritten(test_wiki, page_title, store, template, catalog):
    data = build_session(store, template, hostile=False)
    client = test_wiki.client()
    plan = plan_publish(client, page_title, data, template, catalog)
    assert plan.mode == CREATE
    test_wiki.edit_as_admin(page_title, "Someone else's page.")
    with pytest.raises(EditConflict, match="created the page"):
        save_plan(client, plan, summary="x")
    with pytest.raises(EditConflict, match="created the page"):
        client.save(plan.page, plan.text, "x")  # the wiki refuses it too (createonly)
    assert test_wiki.text(page_title) == "Someone else's page."


def test_on_a_page_with_other_sections_only_the_table_changes(test_wiki, page_title, store, template, catalog):
    data = build_session(store, template, hostile=False)
    old_table = wikitext.summary_table(data, template)
    before = ("{{Work in progress}}\nThis is still a work in progress, please feel free to comment/amend.\n\n"
              "== Berlin and Mexico ==\nGathered by hand from two sessions. <!-- {| a table in a comment |} -->\n\n")
    after = ("\n== Another table ==\n{| class=\"wikitable\"\n! Name !! Role\n|-\n| Ana || facilitator\n|}\n\n"
             "== Comments ==\n* I would add a step about money. ~~~~\n[[Category:Workshops]]")
    test_wiki.edit_as_admin(page_title, before + old_table + after)
    written = test_wiki.text(page_title)  # as the wiki keeps it (the signature expanded)
    store.add_item(data.info.id, 8, "tool", "Yearly review | template", author="Ana, Jr")
    new_data = store.session_data(data.info.id)

    plan, saved = publish(test_wiki.client(), page_title, new_data, template, catalog)
    assert plan.mode == TABLE and saved.changed
    now = test_wiki.text(page_title)
    start = written.index("{| class=\"wikitable\"\n! KEY")
    end = written.index("|}\n", start) + 3
    assert now[:start] == written[:start]
    assert now[start:].endswith(written[end:])
    assert now[start : len(now) - len(written[end:])] == wikitext.summary_table(new_data, template)
    header, rows = summary_cells(test_wiki.rendered_html(page_title).split("Another table")[0])
    assert [cells for _, cells in rows] == expected_cells(new_data)


def test_a_page_with_two_summary_tables_is_refused(test_wiki, page_title, store, template, catalog):
    data = build_session(store, template, hostile=False)
    table = wikitext.summary_table(data, template)
    test_wiki.edit_as_admin(page_title, f"== Berlin ==\n{table}\n== Mexico ==\n{table}")
    with pytest.raises(SummaryTablesAmbiguous, match=r"2 summary tables \(at lines 2, \d+\)"):
        plan_publish(test_wiki.client(), page_title, data, template, catalog)
    with pytest.raises(SummaryTablesAmbiguous):
        pull_page(test_wiki.client(None), page_title, catalog)
    assert len(test_wiki.revisions(page_title)) == 1


def test_a_page_without_a_summary_table_gets_the_whole_page(test_wiki, page_title, store, template, catalog):
    data = build_session(store, template, hostile=False)
    test_wiki.edit_as_admin(page_title, "An old note about partnerships.")
    plan, saved = publish(test_wiki.client(), page_title, data, template, catalog)
    assert plan.mode == PAGE and "-An old note about partnerships." in plan.diff
    assert test_wiki.text(page_title) == plan.text == wikitext.export(data, template).rstrip()


def test_a_redirect_is_followed(test_wiki, page_title, store, template, catalog):
    data = build_session(store, template, hostile=False)
    target = page_title + " (target)"
    test_wiki.edit_as_admin(page_title, f"#REDIRECT [[{target}]]")
    plan, saved = publish(test_wiki.client(), page_title, data, template, catalog)
    assert plan.page.title == target and plan.page.redirected_from == page_title
    assert test_wiki.text(target) == plan.text
    assert test_wiki.text(page_title) == f"#REDIRECT [[{target}]]"
