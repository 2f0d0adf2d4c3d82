"""Safe in the room, the screens' side (issue 12 items 4 to 8): the palette finds every action
under the words people search for, the export dialog remembers the format, a cluster's votes
are shown once, presenter mode opens at a whole item, and 80x24 cuts nothing a facilitator needs."""

from __future__ import annotations

import pytest
from helpers.pilot import fill_session, palette_hits, press, screen_text, settle, wait_for

from workshop_tui.app import make_app
from workshop_tui.screens.export_dialog import ExportDialog
from workshop_tui.screens.step import StepScreen
from workshop_tui.screens.summary import SummaryScreen


@pytest.fixture
def facilitated_app(store, catalog, template):
    """The snapshots' facilitated session (step 1 voting, a cluster, a long obstacle)."""
    from test_snapshots import facilitated

    return facilitated.__wrapped__(store, catalog, template)


def format_lines(app) -> list[str]:
    """The export dialog's format lines, as read without colour."""
    return [line for line in screen_text(app).splitlines() if "(." in line and "▐" in line]


async def test_the_export_dialog_remembers_the_format_and_marks_it_without_colour(store, catalog, session,
                                                                                   isolated_dirs):
    store.add_item(session.id, 1, "action", "Call the museum", author="Ana")
    documents = isolated_dirs / "Documents"

    app = make_app(store, catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "ctrl+s", "e")
        assert isinstance(app.screen, ExportDialog)
        # The chosen format is marked by a character, not by colour alone.
        lines = format_lines(app)
        assert any("▐●▌ Wikitext" in line for line in lines), lines
        assert sum(line.count("▐●▌") for line in lines) == 1, lines
        await press(pilot, "right", "enter")  # CSV
        lines = format_lines(app)
        assert any("▐●▌ CSV" in line for line in lines) and sum(line.count("▐●▌") for line in lines) == 1, lines
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, SummaryScreen)
        assert (documents / "partnership-workshop.csv").exists()

        # Again: CSV is chosen, so Ctrl+S offers the .csv file (and asks before replacing it).
        await press(pilot, "e")
        assert "~/Documents/partnership-workshop.csv" in screen_text(app)
        assert any("▐●▌ CSV" in line for line in format_lines(app))
        await press(pilot, "ctrl+s")
        assert "partnership-workshop.csv already exists" in " ".join(screen_text(app).split())
        await press(pilot, "escape", "escape", "escape")

    # Remembered app-wide, between runs too.
    app = make_app(store, catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "ctrl+s", "e")
        assert "~/Documents/partnership-workshop.csv" in screen_text(app)
        await press(pilot, "right", "enter")  # Markdown, copied: remembered as well
        await press(pilot, "ctrl+y")
        assert "Call the museum" in app.clipboard and app.clipboard.startswith("#")
        await press(pilot, "e")
        assert "~/Documents/partnership-workshop.md" in screen_text(app)
    assert not (documents / "partnership-workshop.wiki").exists()


# -- item 4: the palette finds every action under the words people search for -----------------

# A word typed into the palette -> a command it must list (its title begins so) on the step screen.
STEP_WORDS = {
    "export": "Export…", "csv": "Export as CSV", "wiki": "Export as wikitext", "spreadsheet": "Export as CSV",
    "markdown": "Export as Markdown", "json": "Export as JSON", "timer": "Start the timer",
    "vote": "Phase: Vote", "dots": "Dots per participant", "follow-up": "Follow-ups", "followup": "Follow-ups",
    "follow up": "Follow-ups", "presenter": "Presenter mode", "projector": "Presenter mode",
    "agenda": "Agenda", "undo": "Undo delete", "timebox": "Timebox +1 minute", "summary": "Summary",
    "speaker": "Speaker", "phase": "Next phase", "step": "Next step", "cluster": "Phase: Cluster",
    "participant": "Add a participant", "help": "Help: every key", "sessions": "Back to sessions",
    "brief": "Brief", "theme": "Projector theme",
}
SUMMARY_WORDS = {"export": "Export…", "csv": "Export as CSV", "wiki": "Export as wikitext",
                 "agenda": "Agenda", "follow-up": "Follow-ups", "timer": "Agenda", "back": "Back to the step"}


def listed(hits: list[str], title: str) -> bool:
    return any(hit.startswith(title) for hit in hits)


async def test_the_palette_finds_every_action_by_the_words_people_search_for(store, catalog, template):
    fill_session(store, template)
    app = make_app(store, catalog)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, StepScreen)
        for word, title in STEP_WORDS.items():
            hits = await palette_hits(pilot, word)
            assert listed(hits, title), (word, hits)
        # Found by words, still only what matches: "csv" does not list the timer.
        assert not listed(await palette_hits(pilot, "csv"), "Start the timer")

        # The CSV command opens the export dialog on CSV, over the summary.
        await press(pilot, "ctrl+p")
        await pilot.press(*"export as csv")
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, ExportDialog)
        assert "partnership-workshop.csv" in screen_text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, SummaryScreen)
        for word, title in SUMMARY_WORDS.items():
            hits = await palette_hits(pilot, word)
            assert listed(hits, title), (word, hits)


# -- item 7: a cluster's votes are shown once ------------------------------------------------------

def voted_cluster(store, session):
    """Step 1: a cluster of two whose dots all sit on one member (as dots on a cluster do), one item alone."""
    first = store.add_item(session.id, 1, "action", "Ask the museum", author="Ana")
    second = store.add_item(session.id, 1, "action", "Ask the library", author="Bo")
    alone = store.add_item(session.id, 1, "action", "Write the plan", author="Bo")
    store.cluster_items([first.id, second.id])
    for voter in ("Ana", "Bo"):
        store.cast_vote(first.id, voter)
    store.cast_vote(alone.id, "Ana")
    return first, second, alone


async def test_a_clusters_votes_are_shown_once_in_the_summary(store, catalog, session):
    voted_cluster(store, session)
    app = make_app(store, catalog)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "ctrl+s")
        assert isinstance(app.screen, SummaryScreen)
        shown = screen_text(app)
        assert "Cluster of 2 ●●" in shown
        lines = shown.splitlines()
        museum = next(line for line in lines if "Ask the museum" in line)
        assert "●" not in museum.split("Ask the museum")[1].split("│")[0], museum
        plan = next(line for line in lines if "Write the plan" in line)
        assert "●" in plan.split("Write the plan")[1]
        assert shown.count("●") == 3  # two on the cluster, one on the plan


def test_a_clusters_votes_are_shown_once_in_the_exports_and_read_back(store, catalog, session):
    from workshop_tui.export import export_text, import_text

    voted_cluster(store, session)
    data = store.session_data(session.id)
    page = export_text(data, catalog.default, "wikitext")
    assert page.count('<small class="votes">') == 2
    assert ('* <span class="cluster">\'\'\'Cluster of 2 items\'\'\'</span> <small class="votes">(2 votes)</small>\n'
            "** Ask the museum <small>(Ana)</small>\n** Ask the library <small>(Bo)</small>\n"
            '* Write the plan <small>(Bo)</small> <small class="votes">(1 vote)</small>') in page
    markdown = export_text(data, catalog.default, "markdown")
    assert ("- **Cluster of 2 items** (2 votes)\n  - Ask the museum — *Ana*\n  - Ask the library — *Bo*\n"
            "- Write the plan — *Bo* (1 vote)") in markdown

    # Read back: the cluster's votes are its first member's, as they were.
    back = import_text(page, catalog)
    assert [(i.text, i.votes, bool(i.cluster_id)) for i in back.items_for(1, "action")] == [
        ("Ask the museum", 2, True), ("Ask the library", 0, True), ("Write the plan", 1, False)]

    # A page written before (members with their own votes too) reads as it did: the members' votes.
    old = page.replace("** Ask the museum <small>(Ana)</small>",
                       '** Ask the museum <small>(Ana)</small> <small class="votes">(1 vote)</small>').replace(
                       "** Ask the library <small>(Bo)</small>",
                       '** Ask the library <small>(Bo)</small> <small class="votes">(1 vote)</small>')
    back = import_text(old, catalog)
    assert [(i.text, i.votes) for i in back.items_for(1, "action")] == [
        ("Ask the museum", 1), ("Ask the library", 1), ("Write the plan", 1)]


# -- item 8: presenter mode opens at a whole item ------------------------------------------------------

def top_line_starts_a_row(column) -> bool:
    lines = column._lines
    y = round(column.scroll_y)
    return y >= len(lines) or lines[y][1] == 0


async def test_presenter_mode_opens_each_column_at_a_whole_item(facilitated_app):
    from workshop_tui.widgets.group_column import GroupColumn

    app = facilitated_app
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # Select the last obstacle (the column scrolls to it, starting inside the long item), then F12.
        await press(pilot, "enter", "escape", "tab", "down", "down", "down", "down")
        obstacles = app.screen.active_column
        assert round(obstacles.scroll_y) > 0
        await press(pilot, "f12")
        assert app.screen.presenting
        for column in app.screen.query(GroupColumn):
            assert top_line_starts_a_row(column), column.id
        board = screen_text(app).split("Concrete actions")[1]
        first = board.splitlines()[1].split("┃")
        assert all(first[n].strip().startswith("•") for n in (1, 3, 5)), first
        # Walking the items with the arrows and back: a whole row at the top again.
        await press(pilot, "down", "down", "up", "up")
        assert top_line_starts_a_row(app.screen.active_column)
        # Out of presenter mode and in again (columns change width, rows are measured anew): the same.
        await press(pilot, "f12", "escape", "tab", "end", "f12")
        for column in app.screen.query(GroupColumn):
            assert top_line_starts_a_row(column), column.id


# -- item 5: notifications keep off the input line and the columns; no stale undo hint ---------------

async def test_notifications_leave_the_input_and_the_columns_free_and_undo_takes_its_hint_back(
        store, catalog, session):
    from textual.widgets._toast import Toast

    from workshop_tui.widgets.entry import EntryBar
    from workshop_tui.widgets.group_column import GroupColumn

    for text in ("Call the museum", "Ask the library", "Write the plan"):
        store.add_item(session.id, 1, "action", text, author="Ana")
    hint = "Ctrl+Z undoes it."

    def messages() -> list[str]:
        return [notification.message for notification in app._notifications]

    for size in ((80, 24), (160, 48)):
        app = make_app(store, catalog)
        async with app.run_test(size=size, notifications=True) as pilot:
            await settle(pilot)
            await press(pilot, "enter", "escape", "end", "delete")
            await wait_for(lambda: list(app.screen.query(Toast)), pilot, what="the delete's notification")
            assert [m for m in messages() if m == f"Deleted “Write the plan”. {hint}"], messages()
            # On screen above the columns and the input line, never over them.
            kept_free = [*app.screen.query(GroupColumn), app.screen.query_one(EntryBar)]
            for toast in app.screen.query(Toast):
                for widget in kept_free:
                    assert not toast.region.overlaps(widget.region), (size, toast.region, widget.region)

            await press(pilot, "ctrl+z")
            assert "Restored “Write the plan” (step 1)." in messages()
            assert not [m for m in messages() if hint in m], messages()  # the hint went with the undo


# -- item 5: every screen usable at 80x24 ------------------------------------------------------------------

async def test_at_80x24_nothing_a_facilitator_needs_is_cut(facilitated_app, store, template):
    from workshop_tui.screens.agenda import AgendaScreen

    info = store.list_sessions()[0]
    store.update_session(info.id, title="Partnerships, Wikimania 2015 Follow-Up Day")
    app = facilitated_app
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")  # step 1, voting
        # A participant's screen says it is there, as `join` does: the app's own count finds it
        # (a count posted by hand could be overtaken by the app's next count, of nobody).
        store.heartbeat(info.id, "a participant's screen", "participant", "Ana")
        await wait_for(lambda: "1 connected" in screen_text(app).splitlines()[0], pilot, timeout=10,
                       what="the header to count the participant")
        lines = screen_text(app).splitlines()
        assert "Partnerships, Wikimania 2015 Follow-Up Day" in lines[0] and "1 connected" in lines[0]
        assert "Voting: items wait · F8 next phase" in lines[-2]  # the vote-phase hint, whole

        # The footer keeps the keys of facilitating and of the phase, Ctrl+Q and F1: typing while
        # voting, selecting while voting, typing in the discussion, selecting while clustering and
        # while brainstorming, typing.
        def footer() -> str:
            return screen_text(app).splitlines()[-1]

        typing = ("esc Select", "^n Next step", "^s Summary", "f5 Timer", "f8 Phase", "f12 Present")
        for keys, wanted in (((), typing),
                             (("escape",), ("v Vote", "w Withdraw", "f5 Timer", "f8 Phase")),
                             (("escape", "f8"), ("esc Select", "^n Next step", "f5 Timer", "f12 Present",
                                                 "f4 Follow-ups")),
                             # clustering, the phase's keys first: F12 gives way at 80 columns
                             (("escape", "f9", "f9"), ("Del Delete", "␣ Mark", "^x Split", "f5 Timer", "f8 Phase")),
                             (("escape", "f9", "escape"), ("Del Delete", "f5 Timer", "f8 Phase", "f12 Present",
                                                           "f3 Agenda")),
                             (("escape",), typing)):
            await press(pilot, *keys)
            assert all(key in footer() for key in (*wanted, "^q Quit", "f1 Help")), (keys, footer())
        await press(pilot, "escape")

        # The step list opens over the board, the whole width: titles whole, the columns untouched.
        await press(pilot, "ctrl+g")
        shown = screen_text(app)
        for step in template.steps:
            assert step.title in shown, step.title
        await press(pilot, "escape")
        assert "Concrete actions" in screen_text(app)

        # The agenda: every title whole, the headings over their columns.
        await press(pilot, "f3")
        assert isinstance(app.screen, AgendaScreen)
        shown = screen_text(app)
        for step in template.steps:
            assert step.title in shown, step.title
        assert "Remaining" in shown and "1:45:00 planned" in shown
        await press(pilot, "escape")

        # The summary's first column keeps its words whole.
        await press(pilot, "ctrl+s")
        shown = screen_text(app)
        assert "organisations." in shown and "organisation\n" not in shown
