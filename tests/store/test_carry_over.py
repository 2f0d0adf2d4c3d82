"""Between sessions in the store: a follow-up's status, a session continuing another one with
its open follow-ups carried over, and the wiki page a session goes to."""

from __future__ import annotations

import pytest

from workshop_tui.export import export_text, import_text
from workshop_tui.merge import merge_sessions
from workshop_tui.store import InvalidInputError, NotAllowedError, NotFoundError, open_store


def berlin(store, template):
    info = store.create_session("Berlin", template_id=template.id, step_count=template.step_count,
                                facilitator="Anne-Laure", participants=["Ana", "Bo"], date="2015-05-13")
    sign = store.add_item(info.id, 5, "action", "Sign the [bold]agreement[/bold]", author="Ana")
    blog = store.add_item(info.id, 6, "tool", "Blog post template", author="Bo")
    done = store.add_item(info.id, 2, "action", "Meet the chapter")
    plain = store.add_item(info.id, 5, "action", "Not a commitment")
    store.set_followup(sign.id, owner="Ana", due="2026-12-15")
    store.set_followup(blog.id, owner="Bo")
    store.set_followup(done.id, owner="Ana")
    store.set_followup_status(done.id, "done", by="Anne-Laure")
    return info, sign, blog, done, plain


def test_a_status_is_set_recorded_and_refused_when_it_cannot_be(store, template):
    info, sign, blog, done, plain = berlin(store, template)
    assert store.get_item(done.id).followup_status == "done"
    assert store.set_followup_status(sign.id, " Dropped ").followup_status == "dropped"
    assert store.set_followup_status(sign.id, "open").followup_status == "open"
    before = store.history(info.id)
    assert store.set_followup_status(sign.id, "open").followup_status == "open"  # no change: not recorded
    assert store.history(info.id) == before
    with pytest.raises(NotAllowedError, match="not a follow-up"):
        store.set_followup_status(plain.id, "done")
    with pytest.raises(InvalidInputError, match="continuing"):
        store.set_followup_status(sign.id, "carried")
    with pytest.raises(InvalidInputError, match="unknown follow-up status"):
        store.set_followup_status(sign.id, "finished")
    with pytest.raises(NotFoundError):
        store.set_followup_status("0" * 32, "done")
    status = [(e.kind, e.who, e.detail) for e in store.history(info.id) if e.kind == "status"]
    assert status == [("status", "Anne-Laure", {"status": "done", "was": "open"}),
                      ("status", None, {"status": "dropped", "was": "open"}),
                      ("status", None, {"status": "open", "was": "dropped"})]
    assert store.clear_followup(done.id).followup_status == "open"  # no longer a follow-up at all


def test_continuing_carries_the_open_follow_ups_and_marks_them_carried(store, template):
    info, sign, blog, done, plain = berlin(store, template)
    mexico = store.continue_session(info.id, "Mexico", date="2015-07-19", participants=["Cyd"])
    assert (mexico.template_id, mexico.step_count, mexico.facilitator, mexico.date) == (
        template.id, template.step_count, "Anne-Laure", "2015-07-19")
    assert mexico.participants == ("Ana", "Bo", "Cyd")
    carried = store.list_items(mexico.id)
    assert [(i.step, i.column, i.text, i.author, i.owner, i.due, i.followup, i.followup_status, i.from_last_time)
            for i in carried] == [
        (5, "action", "Sign the [bold]agreement[/bold]", "Ana", "Ana", "2026-12-15", True, "open", True),
        (6, "tool", "Blog post template", "Bo", "Bo", "", True, "open", True)]
    assert not {i.id for i in carried} & {sign.id, blog.id}
    before = {i.id: i.followup_status for i in store.list_followups(info.id)}
    assert before == {sign.id: "carried", blog.id: "carried", done.id: "done"}
    assert store.get_item(plain.id).followup_status == "open" and not store.get_item(plain.id).followup
    # Each change is in its session's history: the copies added, the originals carried.
    assert [(e.kind, e.text, e.detail["carried_from"]) for e in store.history(mexico.id)] == [
        ("added", "Sign the [bold]agreement[/bold]", sign.id), ("added", "Blog post template", blog.id)]
    assert [(e.item_id, e.detail["status"]) for e in store.history(info.id)[-2:]] == [
        (sign.id, "carried"), (blog.id, "carried")]
    # Continuing again carries nothing twice; a follow-up closed in Mexico is not carried on.
    assert store.continue_session(info.id, "Again").item_count == 0
    store.set_followup_status(carried[0].id, "done")
    third = store.continue_session(mexico.id, "Third", facilitator="Bo")
    assert [(i.text, i.from_last_time) for i in store.list_items(third.id)] == [("Blog post template", True)]
    assert third.facilitator == "Bo"
    assert store.get_item(carried[1].id).followup_status == "carried"


def test_continuing_refuses_in_one_line_and_changes_nothing(store, template):
    info, *_ = berlin(store, template)
    with pytest.raises(NotFoundError):
        store.continue_session(999, "Nowhere")
    with pytest.raises(InvalidInputError):
        store.continue_session(info.id, "   ")
    assert [s.title for s in store.list_sessions()] == ["Berlin"]
    assert {i.followup_status for i in store.list_followups(info.id)} == {"open", "done"}


def test_a_private_follow_up_is_not_carried(store, template):
    info = store.create_session("Private", template_id=template.id, step_count=template.step_count)
    store.set_phase(info.id, 3, "private")
    store.add_item(info.id, 3, "action", "Secret", author="Ana")
    assert store.continue_session(info.id, "Next").item_count == 0


def test_every_export_shows_the_status_and_reads_it_back(store, template, catalog):
    info, sign, blog, done, plain = berlin(store, template)
    mexico = store.continue_session(info.id, "Mexico")
    first = store.list_items(mexico.id)[0]
    store.set_followup_status(first.id, "dropped")
    for session_id in (info.id, mexico.id):
        data = store.session_data(session_id)
        for fmt in ("wikitext", "csv", "json"):
            back = import_text(export_text(data, template, fmt), catalog)
            assert sorted((i.text, i.followup_status, i.from_last_time) for i in back.items if i.followup) == sorted(
                (i.text, i.followup_status, i.from_last_time) for i in data.items if i.followup), fmt
    page = export_text(store.session_data(mexico.id), template, "wikitext")
    assert '<small class="followup">(follow-up from last time, owner: Ana, due 2026-12-15, dropped)</small>' in page
    checklist = page.split("== Follow-ups ==\n")[1].splitlines()
    assert checklist[0].startswith("* ☒ Sign the ") and checklist[0].endswith(
        " — owner: Ana, due 2026-12-15 (step 5, from last time, dropped)")
    berlin_page = export_text(store.session_data(info.id), template, "wikitext")
    assert "(follow-up, owner: Bo, carried over)</small>" in berlin_page
    assert "* ☑ Meet the chapter — owner: Ana (step 2, done)" in berlin_page
    markdown = export_text(store.session_data(mexico.id), template, "markdown")
    assert "(follow-up from last time, owner: Bo)" in markdown
    assert "- [x] Sign the \\[bold\\]agreement\\[/bold\\] — owner: Ana, due 2026\\-12\\-15 (step 5, from last time, " \
           "dropped)" in markdown
    csv = export_text(store.session_data(mexico.id), template, "csv")
    assert csv.splitlines()[0].endswith(",followup_status,from_last_time")
    assert csv.splitlines()[1].endswith(',"dropped","yes"')


def test_merging_the_two_sessions_keeps_what_the_second_made_of_a_carried_follow_up(store, template):
    info, sign, blog, done, plain = berlin(store, template)
    mexico = store.continue_session(info.id, "Mexico")
    store.set_followup_status(store.list_items(mexico.id)[0].id, "done")
    merged = merge_sessions(store.session_data(info.id), store.session_data(mexico.id), title="Both")
    status = {i.text: i.followup_status for i in merged.items if i.followup}
    assert status == {"Sign the [bold]agreement[/bold]": "done", "Blog post template": "open",
                      "Meet the chapter": "done"}


def test_the_wiki_target_is_kept_per_session(store, template):
    info, *_ = berlin(store, template)
    other = store.create_session("Other", template_id=template.id, step_count=template.step_count)
    assert store.wiki_target(info.id) is None
    store.set_wiki_target(info.id, "http://127.0.0.1:1/api.php", "Partnerships/Berlin", "Admin@tui")
    store.set_wiki_target(info.id, "http://127.0.0.1:1/api.php", "Partnerships/Berlin 2", "Admin@tui")
    assert store.wiki_target(info.id) == ("http://127.0.0.1:1/api.php", "Partnerships/Berlin 2", "Admin@tui")
    assert store.wiki_target(other.id) is None
    with pytest.raises(InvalidInputError):
        store.set_wiki_target(other.id, "", "Page")
    store.delete_session(info.id)
    assert store.wiki_target(other.id) is None


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_schema_4_store_migrates_with_every_follow_up_open(location, template):
    from test_migration_v3 import _make_v2_store

    _make_v2_store(location, "sqlite")
    with open_store(location) as store:
        info = store.find_session("Wikimania 2015 follow-up")
        followups = store.list_followups(info.id)
        assert followups and {(i.followup_status, i.from_last_time) for i in followups} == {("open", False)}
        assert store.continue_session(info.id, "Next").item_count == len(followups)


def test_a_carried_follow_up_is_changed_in_the_later_session_only(store, template):
    """Reopening (or clearing) a carried original would let continuing carry it twice."""
    info, sign, *_ = berlin(store, template)
    store.continue_session(info.id, "Mexico")
    for change in (lambda: store.set_followup_status(sign.id, "open"),
                   lambda: store.set_followup_status(sign.id, "done"),
                   lambda: store.clear_followup(sign.id)):
        with pytest.raises(NotAllowedError, match="carried over into a later session: change it there"):
            change()
    kept = store.get_item(sign.id)
    assert (kept.followup, kept.followup_status) == (True, "carried")
    assert store.continue_session(info.id, "Again").item_count == 0
