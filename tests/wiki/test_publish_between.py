"""Between sessions on a real MediaWiki: a continued session published shows every follow-up's
status and what came from last time, exactly, in the rendered page; pulled back, each reads
as it was."""

from __future__ import annotations

import html

from html_cells import summary_cells
from test_publish import essentials, expected_cells

from workshop_tui.wiki.publish import plan_publish, save_plan
from workshop_tui.wiki.pull import pull_page


def test_a_continued_session_on_the_wiki_shows_each_follow_ups_status(test_wiki, page_title, store, template,
                                                                      catalog):
    berlin = store.create_session("Berlin", template_id=template.id, step_count=template.step_count,
                                  participants=["Ana, Jr", "Bo"])
    for step, text, owner in [(5, "Sign the [[agreement]] | now", "Ana, Jr"), (6, "Blog post {{template}}", "Bo"),
                              (8, "Yearly review", "Bo")]:
        item = store.add_item(berlin.id, step, "action", text, author=owner)
        store.set_followup(item.id, owner=owner, due="2026-12-15")
    mexico = store.continue_session(berlin.id, "Mexico")
    carried = store.list_items(mexico.id)
    store.set_followup_status(carried[0].id, "done")
    store.set_followup_status(carried[1].id, "dropped")
    store.add_item(mexico.id, 5, "action", "A new commitment", author="Bo")

    for session_id in (berlin.id, mexico.id):
        data = store.session_data(session_id)
        title = f"{page_title} {session_id}"
        client = test_wiki.client()
        save_plan(client, plan_publish(client, title, data, template, catalog), summary="carried over")
        _, rows = summary_cells(test_wiki.rendered_html(title))
        assert [cells for _, cells in rows] == expected_cells(data)
        pulled, _ = pull_page(test_wiki.client(None), title, catalog)
        assert essentials(pulled) == essentials(data)
    shown = html.unescape(test_wiki.rendered_html(f"{page_title} {mexico.id}"))
    assert "follow-up from last time, owner: Ana, Jr, due 2026-12-15, done" in shown
    assert "☒ Blog post {{template}}" in shown
