"""Importing csv: our export, the same file after a spreadsheet, and what must be refused."""

from __future__ import annotations

import pytest

from workshop_tui.export import ImportFormatError, import_text
from workshop_tui.model import StepState

HEADER = "session,step,step_title,column,text,author,votes,created_at\r\n"


def test_a_minimal_file_with_columns_in_any_order(catalog):
    data = import_text("text,column,step\r\nAsk why,action,1\r\nNo time,Potential obstacles,1\r\n", catalog)
    assert [(i.step, i.column, i.text, i.author, i.votes) for i in data.items] == [
        (1, "action", "Ask why", None, 0), (1, "obstacle", "No time", None, 0)]
    assert data.info.title == "Imported session" and data.info.step_count == 8 and data.info.id == 0


def test_what_a_spreadsheet_leaves_is_still_read(catalog):
    text = ("\ufeff" + HEADER + "Demo,1,Preliminary Work,CONCRETE ACTIONS,Ask why,Ana,3,26/11/2026 10:00\r\n"
            '"Demo","2","","tool","\'@mention","","",""\r\n'
            "Demo,3,,obstacle,short row\r\n"
            ",,,,,,,\r\n\r\n")
    data = import_text(text, catalog)
    assert [(i.step, i.column, i.text, i.author, i.votes, i.created_at) for i in data.items] == [
        (1, "action", "Ask why", "Ana", 3, ""), (2, "tool", "@mention", None, 0, ""),
        (3, "obstacle", "short row", None, 0, "")]
    assert data.info.title == "Demo"


def test_positions_follow_the_rows_within_each_step_and_column(catalog):
    text = HEADER + "".join(f"D,{step},,action,item {n},,0,\r\n" for n, step in enumerate([2, 1, 2, 2]))
    data = import_text(text, catalog)
    assert [(i.step, i.text, i.position) for i in data.items] == [
        (1, "item 1", 0), (2, "item 0", 0), (2, "item 2", 1), (2, "item 3", 2)]


def test_the_template_is_inferred_from_step_titles(catalog):
    from dataclasses import replace

    from workshop_tui.content import Catalog, Step

    other = replace(catalog.default, id="retro", steps=tuple(Step(n, f"Phase {n}", ("a", "b", "c"), 10) for n in (1, 2)))
    both = Catalog(templates={**catalog.templates, "retro": other})
    data = import_text(HEADER + "D,2,Phase 2,tool,x,,0,\r\n", both)
    assert data.info.template_id == "retro" and data.info.step_count == 2
    data = import_text(HEADER + "D,12,Unknown,tool,x,,0,\r\n", both)
    assert data.info.template_id == catalog.default.id and data.info.step_count == 12


@pytest.mark.parametrize(
    "body, message",
    [
        ("D,1,,action,   ,,0,\r\n", "line 2: an item needs some text"),
        ("D,1,,action,\x1b\x07,,0,\r\n", "line 2: an item needs some text"),
        ("D,1,,action," + "x" * 10_001 + ",,0,\r\n", "line 2: an item can hold at most 10,000 characters"),
        ("D,0,,action,x,,0,\r\n", "line 2: step 0 is outside 1-50"),
        ("D,51,,action,x,,0,\r\n", "step 51 is outside 1-50"),
        ("D,one,,action,x,,0,\r\n", "the step 'one' is not a step number"),
        ("D,١,,action,x,,0,\r\n", "is not a step number"),
        ("D,1,,ideas,x,,0,\r\n", "unknown column 'ideas'"),
        ("D,1,,action,x,,-1,\r\n", "the votes '-1' are not a number"),
        ("D,1,,action,x,,99999999999,\r\n", "are not a number from 0 to 2,147,483,647"),
        ("D,1,,action,x,,0,,extra\r\n", "9 fields, but the header names 8"),
        ('D,1,,action,"unclosed,,0,\r\n', "not a valid csv file"),
        ('D,1,,action,"a"b,,0,\r\n', "not a valid csv file"),
    ],
)
def test_bad_rows_are_refused_naming_the_line(catalog, body, message):
    with pytest.raises(ImportFormatError) as error:
        import_text(HEADER + body, catalog, fmt="csv")
    assert message in str(error.value) and "\n" not in str(error.value)


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "the file is empty"),
        ("\r\n\r\n", "the file is empty"),
        ("session,step,column\r\n", "its header has no text column"),
        ("step,column,text,text\r\n", "names a column twice"),
        ("a,b,c\r\n1,2,3\r\n", "no step, column, text column"),
    ],
)
def test_files_that_are_not_our_csv_are_refused(catalog, text, message):
    with pytest.raises(ImportFormatError, match=message):
        import_text(text, catalog, fmt="csv")


def test_a_field_beyond_the_csv_modules_limit_is_refused(catalog):
    with pytest.raises(ImportFormatError, match="not a valid csv file"):
        import_text(HEADER + 'D,1,,action,"' + "x" * 200_000 + '",,0,\r\n', catalog)


FULL = HEADER.rstrip("\r\n") + ",cluster,followup,owner,due,step_phase,step_planned_minutes,step_spent_minutes\r\n"


def test_clusters_follow_ups_and_step_times_are_read(catalog):
    text = FULL + (
        "D,5,,action,Sign,Ana,3,,,yes,Ana,2026-12-15,discuss,20,17.67\r\n"
        "D,5,,action,Draft,,1,,7,,,,,,\r\n"
        "D,5,,action,Agree,,0,,7,TRUE,,,Vote,\"12,5\",\r\n"
        "D,5,,tool,Pen,,0,,7,,Bo,,,,\r\n"  # the same label in another column: no cluster
        "D,6,,tool,Slides,,0,,,x,,next week,,,\r\n"
    )
    data = import_text(text, catalog)
    assert [(i.step, i.column, i.text, i.votes, i.followup, i.owner, i.due) for i in data.items] == [
        (5, "action", "Sign", 3, True, "Ana", "2026-12-15"), (5, "action", "Draft", 1, False, None, ""),
        (5, "action", "Agree", 0, True, None, ""), (5, "tool", "Pen", 0, True, "Bo", ""),  # an owner: a follow-up
        (6, "tool", "Slides", 0, True, None, "next week")]
    draft, agree = data.items[1], data.items[2]
    assert draft.cluster_id and draft.cluster_id == agree.cluster_id
    assert [i.cluster_id for i in (data.items[0], data.items[3], data.items[4])] == [None, None, None]
    # The first row of a step that gives its phase or time wins; the template's timebox is not stored.
    assert data.step_states == (StepState(step=5, phase="discuss", planned_seconds=1200, spent_seconds=1060.0),)


def test_the_old_eight_columns_still_read(catalog):
    data = import_text(HEADER + "Demo,2,,tool,Slides,Ana,4,\r\n", catalog)
    item = data.items[0]
    assert (item.text, item.votes, item.cluster_id, item.followup, item.owner, item.due) == ("Slides", 4, None, False, None, "")
    assert data.step_states == ()


def test_the_templates_timebox_is_not_stored_as_the_steps_own(catalog):
    data = import_text(FULL + "D,1,,action,x,,0,,,,,,brainstorm,15,\r\n", catalog)
    assert data.step_states == ()


@pytest.mark.parametrize(
    "fields, message",
    [
        (",maybe,,,,,", "line 2: the followup 'maybe' is not yes or no"),
        (",,,,dance,,", "line 2: the step_phase 'dance' is not one of private, brainstorm"),
        (",,,,,ten,", "the step_planned_minutes 'ten' is not a number of minutes from 0 to 10,080"),
        (",,,,,,-1", "the step_spent_minutes '-1' is not a number of minutes"),
        (",,,,,,10081", "the step_spent_minutes '10081' is not a number of minutes"),
        (",,,,,1e3,", "is not a number of minutes"),
    ],
)
def test_bad_facilitation_fields_are_refused_naming_the_line(catalog, fields, message):
    with pytest.raises(ImportFormatError) as error:
        import_text(FULL + "D,1,,action,x,,0,," + fields + "\r\n", catalog, fmt="csv")
    assert message in str(error.value) and "\n" not in str(error.value)
