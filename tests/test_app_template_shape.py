"""A workshop of another shape, driven by keys through the real app: a four-column, five-step
template dropped into the user templates folder is chosen on the start screen, its five steps
take items in its four columns (Tab goes round the four), a dot is placed, the summary shows its
headings, and the exports (wikitext, csv, json, written from the export dialog) import back exactly."""

from __future__ import annotations

import csv
import io

from helpers.pilot import record_notifications, screen_text, settle, type_text
from helpers.templates import FOUR_COLUMNS, write_template
from test_export_wikitext import rendered_table

from workshop_tui import locations
from workshop_tui.app import make_app
from workshop_tui.content import load_catalog
from workshop_tui.export import EXTENSIONS, import_file
from workshop_tui.i18n.formats import sort_key
from workshop_tui.screens.export_dialog import ExportDialog
from workshop_tui.screens.start import StartScreen
from workshop_tui.screens.step import StepScreen
from workshop_tui.screens.summary import SummaryScreen
from workshop_tui.widgets.item_column import ItemColumn

KEYS = tuple(key for key, _, _ in FOUR_COLUMNS)
SIZE = (140, 44)


async def test_a_whole_session_of_a_four_column_five_step_template(store, isolated_dirs):
    write_template(locations.user_templates_dir(), "four-by-five", FOUR_COLUMNS, 5, title="Four by five")
    catalog = load_catalog()
    app = make_app(store, catalog)
    documents = isolated_dirs / "Documents"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        await type_text(pilot, "Team retro")
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "Ana")
        await pilot.press("tab")
        await type_text(pilot, "Bo")
        # The workshop: open the choice, go down to "Four by five", take it.
        await pilot.press("tab", "enter")
        await settle(pilot)
        # The list is in the order of the titles shown (`sort_key`), the default chosen.
        ids = [each.id for each in sorted(catalog.templates.values(), key=lambda each: sort_key(each.title))]
        moves = ids.index("four-by-five") - ids.index(catalog.default.id)
        await pilot.press(*(["down"] * moves if moves > 0 else ["up"] * -moves), "enter")
        await settle(pilot)
        shown = screen_text(app)
        assert "4 columns, 5 steps" in shown and "Keep · Drop · Add · Ideas" in shown and "A test shape." in shown
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "shift+tab", "shift+tab")  # back to the title
        await pilot.press("enter")
        await settle(pilot)

        step = app.screen
        assert isinstance(step, StepScreen)
        session_id = step.info.id
        assert store.get_session(session_id).columns == KEYS
        assert "Step 1 of 5" in screen_text(app)
        for number in range(1, 6):
            for key in KEYS:  # Tab goes round the four columns
                await type_text(pilot, f"s{number} {key}")
                await pilot.press("enter")
                await settle(pilot)
                await pilot.press("tab")
            if number < 5:
                await pilot.press("ctrl+n")
                await settle(pilot)
        items = store.list_items(session_id)
        assert {(i.step, i.column, i.text) for i in items} == {(n, k, f"s{n} {k}") for n in range(1, 6) for k in KEYS}
        assert all(f"#col-{key}" for key in KEYS) and len(step.query(ItemColumn)) == 4

        # Step 5: to the vote (F8 twice), a dot on the selected idea, then discuss.
        await pilot.press("f8", "f8")
        await settle(pilot)
        await pilot.press("shift+tab")  # while the group votes, Shift+Tab goes to the columns: the fourth
        await settle(pilot)
        assert app.focused is step.query_one("#col-idea", ItemColumn)
        await pilot.press("v")
        await settle(pilot)
        assert [i.votes for i in store.list_items(session_id, 5) if i.column == "idea"] == [1]

        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        shown = screen_text(app)
        assert "KEEP doing" in shown and "WILD | IDEAS" in shown and "s5 idea" in shown

        written = {}
        # The dialog opens on the format used last: wikitext, then csv (one right), json (two more).
        for fmt, moves in (("wikitext", ()), ("csv", ("right",)), ("json", ("right", "right"))):
            await pilot.press("e")
            await settle(pilot)
            assert isinstance(app.screen, ExportDialog)
            if moves:
                await pilot.press(*moves, "enter")
                await settle(pilot)
            await pilot.press("ctrl+s")
            await settle(pilot)
            written[fmt] = documents / f"team-retro{EXTENSIONS[fmt]}"
            assert written[fmt].exists(), sorted(documents.iterdir())

    header, rows = rendered_table(written["wikitext"].read_text(encoding="utf-8"), KEYS)
    assert header == ["STAGES", "KEEP doing", "DROP it", "ADD this", "WILD | IDEAS"] and len(rows) == 5
    assert [row["column"] for row in csv.DictReader(io.StringIO(written["csv"].read_text(encoding="utf-8")))] == \
        [key for _ in range(5) for key in KEYS]
    data = store.session_data(session_id)
    for path in written.values():
        back = import_file(path, catalog)
        assert back.info.columns == KEYS and back.info.template_id == "four-by-five"
        assert [(i.step, i.column, i.text, i.votes) for i in back.items] == \
            [(i.step, i.column, i.text, i.votes) for i in data.items]


async def test_a_step_walks_only_the_phases_its_template_gives_and_votes_with_its_dots(store, isolated_dirs):
    write_template(locations.user_templates_dir(), "quick", FOUR_COLUMNS[:2], 3,
                   phases={1: ["brainstorm", "discuss"], 2: ["brainstorm", "vote"], 3: ["brainstorm", "vote"]},
                   dots={2: 5})
    catalog = load_catalog()
    template = catalog.get("quick")
    info = store.create_session("Quick", template_id=template.id, step_count=3, columns=template.column_keys,
                                facilitator="Ana")
    item = store.add_item(info.id, 2, template.column_keys[0], "An idea")
    app = make_app(store, catalog)
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        step = app.screen
        assert isinstance(step, StepScreen)
        shown = screen_text(app)
        assert "Discuss" in shown and "Cluster" not in shown and "Vote" not in shown
        await pilot.press("f8")
        await settle(pilot)
        assert store.step_states(info.id)[1].phase == "discuss"
        await pilot.press("f8")  # discuss is this step's last phase
        await settle(pilot)
        assert store.step_states(info.id)[1].phase == "discuss"
        await pilot.press("f9")
        await settle(pilot)
        assert store.step_states(info.id)[1].phase == "brainstorm"
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert store.get_session(info.id).votes_per_participant == 3
        await pilot.press("f8")  # straight to the vote, with the five dots the template gives it
        await settle(pilot)
        assert store.step_states(info.id)[2].phase == "vote"
        assert store.step_states(info.id)[2].dots == 5  # this step's own ...
        assert store.get_session(info.id).votes_per_participant == 3  # ... the session's left alone
        assert any("5 dots per participant in this step" in note for _, note in notes)
        assert "5 of 5 dots left" in screen_text(app)
        await pilot.press("v")  # the first item is selected once the vote starts
        await settle(pilot)
        assert store.get_item(item.id).votes == 1 and "4 of 5 dots left" in screen_text(app)
        await pilot.press("escape", "ctrl+n")
        await settle(pilot)
        await pilot.press("f8")  # step 3 plans no dots: the session's 3
        await settle(pilot)
        assert store.step_states(info.id)[3].phase == "vote" and store.step_states(info.id)[3].dots is None
        assert "3 of 3 dots left" in screen_text(app) and store.votes_left(info.id, 3, "Ana") == 3
        assert store.votes_left(info.id, 2, "Ana") == 4
