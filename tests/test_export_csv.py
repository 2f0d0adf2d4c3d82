"""The csv export: one row per item, every data field quoted, formulas neutralised (OWASP),
issue 2's eight columns first, then clusters, follow-ups and the step's phase and times."""

from __future__ import annotations

import csv
import io

import pytest
from dataclasses import replace

from test_export_wikitext import NOW, facilitated, session_of

from workshop_tui.export import export_text, import_text
from workshop_tui.export.csv import neutralise, restore
from workshop_tui.model import StepState

ISSUE_HEADER = "session,step,step_title,column,text,author,votes,created_at"
HEADER = (ISSUE_HEADER + ",cluster,followup,owner,due,step_phase,step_planned_minutes,step_spent_minutes"
          ",followup_status,from_last_time")


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), strict=True))


def test_header_quoting_and_line_ends(template):
    data = session_of(template, [(1, "action", "Ask why", "Ana"), (8, "tool", 'say "hi", then\nleave', None)],
                      title="Demo, 2026")
    text = export_text(data, template, "csv")
    assert text.startswith(HEADER + "\r\n")
    assert text.count("\r\n") == 3 and text.endswith("\r\n")
    assert text.splitlines()[1] == ('"Demo, 2026","1","Preliminary Work","action","Ask why","Ana","0","",'
                                    '"","","","","brainstorm","15","","",""')
    rows = rows_of(text)
    assert rows[0] == HEADER.split(",") and rows[0][:8] == ISSUE_HEADER.split(",")
    assert rows[2] == ["Demo, 2026", "8", "Improve & develop", "tool", 'say "hi", then\nleave', "", "0", "",
                       "", "", "", "", "brainstorm", "10", "", "", ""]


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r", "\n"])
def test_every_dangerous_prefix_is_neutralised(prefix):
    field = prefix + "HYPERLINK(\"http://evil\")"
    assert neutralise(field) == "'" + field
    assert restore(neutralise(field)) == field


@pytest.mark.parametrize("field", ["'=x", "''+x", "'abc", "'", "plain", "a=b", "", "-", "'-"])
def test_neutralising_is_reversible(field):
    assert restore(neutralise(field)) == field


def test_dangerous_cells_never_start_a_field_in_the_file(template):
    texts = ["=1+1", "+1", "-1", "@SUM(A1)", "\tTAB", "'=x", "=cmd|' /C calc'!A0"]
    data = session_of(template, [(1, "action", text, "=Ana") for text in texts], title="=title")
    data = facilitated(data, [(0, None, "=Bo", "-1 day")] * len(texts))
    rows = rows_of(export_text(data, template, "csv"))[1:]
    assert {(row[10], row[11]) for row in rows} == {("'=Bo", "'-1 day")}
    for row in rows:
        assert all(not field.startswith(("=", "+", "-", "@", "\t", "\r", "\n")) for field in row), row
    assert [row[4] for row in rows] == ["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tTAB", "''=x", "'=cmd|' /C calc'!A0"]
    back = import_text(export_text(data, template, "csv"), _catalog(template))
    assert [item.text for item in back.items] == texts
    assert {item.author for item in back.items} == {"=Ana"} and back.info.title == "=title"
    assert {(item.owner, item.due) for item in back.items} == {("=Bo", "-1 day")}


def test_a_typed_leading_quote_round_trips(template):
    data = session_of(template, [(2, "obstacle", "'=x", None), (2, "obstacle", "'plain", None)])
    back = import_text(export_text(data, template, "csv"), _catalog(template))
    assert [item.text for item in back.items] == ["'=x", "'plain"]


def test_utf8_text_opens_cleanly(template, tmp_path):
    data = session_of(template, [(3, "tool", "😀 שלום e\u0301 Prévost", "Émeric")])
    path = tmp_path / "out.csv"
    path.write_bytes(export_text(data, template, "csv").encode("utf-8"))
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert rows == [{"session": "Workshop", "step": "3", "step_title": "Find common ground to work together",
                     "column": "tool", "text": "😀 שלום e\u0301 Prévost", "author": "Émeric", "votes": "0",
                     "created_at": "", "cluster": "", "followup": "", "owner": "", "due": "",
                     "step_phase": "brainstorm", "step_planned_minutes": "15", "step_spent_minutes": "",
                     "followup_status": "", "from_last_time": ""}]


def test_an_empty_session_is_just_the_header(template):
    assert export_text(session_of(template, []), template, "csv") == HEADER + "\r\n"


def _catalog(template):
    from workshop_tui.content import Catalog

    return Catalog(templates={template.id: template})


def test_clusters_follow_ups_and_step_times(template):
    entries = [(5, "action", text, None) for text in ("Sign", "Draft", "Agree", "Budget")] + [(5, "tool", "Pen", None)]
    marks = [(0, None, "Ana, Jr", "2026-12-15"), (2, "a", None, ""), (1, None, "", ""), (0, "a", None, ""),
             (3, "b", None, "")]
    states = [StepState(step=5, phase="discuss", extra_seconds=300, spent_seconds=1000.4, running_since=NOW.isoformat())]
    data = facilitated(session_of(template, entries), marks, states)
    rows = rows_of(export_text(data, template, "csv", now=NOW.replace(minute=1)))
    assert [row[4:5] + row[8:15] for row in rows[1:]] == [  # the session's order; a spreadsheet sorts by votes
        ["Sign", "", "yes", "Ana, Jr", "2026-12-15", "discuss", "20", "17.67"],
        ["Draft", "1", "", "", "", "discuss", "20", "17.67"],
        ["Agree", "", "yes", "", "", "discuss", "20", "17.67"],
        ["Budget", "1", "", "", "", "discuss", "20", "17.67"],
        ["Pen", "", "", "", "", "discuss", "20", "17.67"],  # a cluster of one is no cluster
    ]


def test_clusters_are_numbered_through_the_session(template):
    entries = [(step, column, text, None) for step in (1, 2) for column in ("action", "tool") for text in "ab"]
    data = facilitated(session_of(template, entries), [(0, "x", None, "")] * len(entries))
    assert [row[8] for row in rows_of(export_text(data, template, "csv"))[1:]] == ["1", "1", "2", "2", "3", "3", "4", "4"]


def test_minutes_give_back_whole_seconds(template):
    for seconds in (0, 1, 29, 30, 59, 61, 1000, 7 * 24 * 3600 - 1):
        data = replace(session_of(template, [(1, "action", "x", None)]),
                       step_states=(StepState(step=1, planned_seconds=seconds, spent_seconds=seconds + 0.4),))
        back = import_text(export_text(data, template, "csv"), _catalog(template))
        assert (back.step_state(1).planned_seconds, back.step_state(1).spent_seconds) == (seconds, seconds)
