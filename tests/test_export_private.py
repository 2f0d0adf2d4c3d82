"""Exports before and after a reveal (issue 12, private writing): every format holds only revealed
items, and says so, in words the reader sees, while a step still holds unrevealed ones. Each
export still reads back (the note is never taken for an item)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from workshop_tui.export import FORMATS, export_text, import_text

SECRET = "Ana's private idea"


@pytest.fixture
def privately_written(store, session):
    store.add_item(session.id, 1, "action", "Said out loud", author="Bo")
    store.set_phase(session.id, 3, "private")
    store.add_item(session.id, 3, "obstacle", SECRET, author="Ana")
    store.add_item(session.id, 3, "tool", "Bo's private tool", author="Bo")
    store.set_phase(session.id, 5, "private")
    store.add_item(session.id, 5, "action", "One more, anonymous")
    return session


def _exports(store, session, template):
    data = store.session_data(session.id)
    return {fmt: export_text(data, template, fmt) for fmt in FORMATS}


def test_before_the_reveal_no_export_holds_a_hidden_item_and_each_says_so(store, privately_written, template,
                                                                          catalog):
    texts = _exports(store, privately_written, template)
    for fmt, text in texts.items():
        assert SECRET not in text and "Bo's private tool" not in text and "One more" not in text, fmt
        assert "Said out loud" in text, fmt

    wiki = texts["wikitext"]
    table_end = wiki.index("|}")
    assert ("''Not revealed yet: step 3 holds 2 items and step 5 holds 1 item written privately; "
            "they are not in this table.''") in wiki[table_end:]

    markdown = texts["markdown"]
    step3 = markdown[markdown.index("### STEP 3"):markdown.index("### STEP 4")]
    assert "*Not revealed yet: 2 items written privately in this step are not shown.*" in step3
    step5 = markdown[markdown.index("### STEP 5"):markdown.index("### STEP 6")]
    assert "*Not revealed yet: 1 item written privately in this step is not shown.*" in step5
    assert "Not revealed" not in markdown[:markdown.index("### STEP 3")]

    rows = list(csv.reader(io.StringIO(texts["csv"])))
    notes = [row for row in rows[1:] if row[3] == "note"]
    assert [(row[1], row[4]) for row in notes] == [
        ("3", "Not revealed yet: 2 items written privately in this step are not in this file."),
        ("5", "Not revealed yet: 1 item written privately in this step is not in this file."),
    ]
    assert rows[1:3] == notes  # right under the header, where the reader looks first

    payload = json.loads(texts["json"])
    assert payload["unrevealed"] == [{"step": 3, "items": 2}, {"step": 5, "items": 1}]

    for fmt in ("wikitext", "csv", "json"):  # each reads back: the notes are not items
        data = import_text(texts[fmt], catalog)
        assert [item.text for item in data.items] == ["Said out loud"], fmt


def test_after_the_reveal_every_export_holds_everything_and_no_note(store, privately_written, template, catalog):
    assert store.reveal_step(privately_written.id, 3) == 2
    assert store.reveal_step(privately_written.id, 5) == 1
    texts = _exports(store, privately_written, template)
    for fmt, text in texts.items():
        assert SECRET in text and "Bo's private tool" in text and "One more, anonymous" in text, fmt
        assert "Not revealed" not in text and "unrevealed" not in text, fmt
    for fmt in ("wikitext", "csv", "json"):
        data = import_text(texts[fmt], catalog)
        assert len(data.items) == 4, fmt


def test_a_session_without_private_writing_exports_as_before(store, session, template):
    store.add_item(session.id, 1, "action", "Plain", author="Bo")
    texts = _exports(store, session, template)
    assert all("Not revealed" not in text for text in texts.values())
    assert "unrevealed" not in json.loads(texts["json"])
