"""The csv export: one row per item, every data field quoted, formulas neutralised (OWASP)."""

from __future__ import annotations

import csv
import io

import pytest
from test_export_wikitext import session_of

from workshop_tui.export import export_text, import_text
from workshop_tui.export.csv import neutralise, restore

HEADER = "session,step,step_title,column,text,author,votes,created_at"


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), strict=True))


def test_header_quoting_and_line_ends(template):
    data = session_of(template, [(1, "action", "Ask why", "Ana"), (8, "tool", 'say "hi", then\nleave', None)],
                      title="Demo, 2026")
    text = export_text(data, template, "csv")
    assert text.startswith(HEADER + "\r\n")
    assert text.count("\r\n") == 3 and text.endswith("\r\n")
    assert text.splitlines()[1] == '"Demo, 2026","1","Preliminary Work","action","Ask why","Ana","0",""'
    rows = rows_of(text)
    assert rows[0] == HEADER.split(",")
    assert rows[2] == ["Demo, 2026", "8", "Improve & develop", "tool", 'say "hi", then\nleave', "", "0", ""]


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
    rows = rows_of(export_text(data, template, "csv"))[1:]
    for row in rows:
        assert all(not field.startswith(("=", "+", "-", "@", "\t", "\r", "\n")) for field in row), row
    assert [row[4] for row in rows] == ["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tTAB", "''=x", "'=cmd|' /C calc'!A0"]
    back = import_text(export_text(data, template, "csv"), _catalog(template))
    assert [item.text for item in back.items] == texts
    assert {item.author for item in back.items} == {"=Ana"} and back.info.title == "=title"


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
                     "created_at": ""}]


def test_an_empty_session_is_just_the_header(template):
    assert export_text(session_of(template, []), template, "csv") == HEADER + "\r\n"


def _catalog(template):
    from workshop_tui.content import Catalog

    return Catalog(templates={template.id: template})
