"""Nasty item text through every way in: typed (and pasted) in the app, `workshop-tui add`, and
`workshop-tui import` of every format. Whatever the way, the store keeps the text as typed,
minus control characters (so no terminal escape sequence survives), the screen shows it
literally (never as markup, a link or an action), and every export, read back by a real parser
(csv, json, mwparserfromhell, markdown-it), gives back exactly the stored text.

The snapshot `test_nasty_text_on_screen` (120x36) shows a step holding all of it; look at it
when it changes: `rsvg-convert tests/__snapshots__/test_bad_input_text/*.svg -o /tmp/x.png`.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from helpers.pilot import screen_text, settle
from test_export_markdown import rendered_items
from test_export_wikitext import plain, rendered_table
from textual import events

from workshop_tui.app import make_app
from workshop_tui.cli import main
from workshop_tui.export import export_text
from workshop_tui.export.csv import restore
from workshop_tui.model import COLUMNS, Item, SessionData
from workshop_tui.screens.step import StepScreen
from workshop_tui.store import open_store
from workshop_tui.text import clean_item_text

# Each starts with a short marker that fits the first line of a column at 120x36 (`MARKERS`).
NASTY = [
    "rich: [bold]not bold[/bold] [link=https://x.example]no link[/link] [@click=app.quit]no action[/]",
    "textual: $accent [b]x[/b] [$primary]y[/] {{z}} \\[escaped]",
    "wiki: {{!}} || !! [[Main Page]] ~~~~ __NOTOC__ <b>raw</b> &amp; ''it'' ---- {| |}",
    'csv: =SUM(A1) "quoted", comma ; =HYPERLINK("http://x.example","click") ; +1 ; -1 ; @SUM(A1)',
    "=starts with a formula",
    "@starts with an at",
    "ctrl: bell\x07 nul\x00 esc\x1b[31mred\x1b[0m csi\x9b31m osc\x1b]8;;http://x.example\x07link\x1b]8;;\x07 bs\x08 del\x7f",
    "\x1b[2J\x1b[Hclear screen and home",
    "planes: BMP é ✓ 東京 | SMP 😀 𝄞 | SIP 𠀀 | TIP 𰀀 | SSP \U000e0041 | PUA-A \U000f0000 | PUA-B \U00100000",
    "rtl: مرحبا שלום \u202eRLO\u202c e\u0301 Z\u0351\u0352 zero\u200dwidth 👩‍👩‍👧",
    "lines: first\nsecond\r\nthird\rfourth\n  indented",
    "  spaces around  ",
    "long: " + "0123456789" * 999 + "abcd",  # 10,000 characters in all
]
CLEAN = [clean_item_text(text) for text in NASTY]
MARKERS = ["rich: [bold]not", "textual: $accent", "wiki: {{!}} ||", "csv: =SUM(A1)", "=starts with", "@starts with",
           "ctrl: bell nul", "[2J[Hclear", "planes: BMP é", "rtl:", "lines: first", "spaces around", "long: 012345"]
assert len(MARKERS) == len(NASTY)


def test_the_nasty_texts_are_what_they_claim():
    assert len(CLEAN[-1]) == 10_000
    assert all("\x1b" not in text and "\x07" not in text and "\x9b" not in text for text in CLEAN)
    assert CLEAN[6].startswith("ctrl: bell nul esc[31mred[0m csi31m osc]8;;http://x.example")
    assert CLEAN[10] == "lines: first\nsecond\nthird\nfourth\n  indented"
    assert {ord(char) >> 16 for char in CLEAN[8]} == {0, 1, 2, 3, 14, 15, 16}  # every Unicode plane in use


def check_exports(data: SessionData, template, expected: list[str]) -> None:
    """Each export, read by a real parser, gives back exactly the stored texts, in order."""
    assert [item.text for item in data.items] == expected
    page = export_text(data, template, "csv")
    rows = list(csv.DictReader(io.StringIO(page, newline="")))
    assert [restore(row["text"]) for row in rows] == expected
    document = json.loads(export_text(data, template, "json"))
    assert [item["text"] for item in document["items"]] == expected
    _, table = rendered_table(export_text(data, template, "wikitext"))
    shown = [text for _, cells in table for key in COLUMNS for text, _ in plain(cells[key])]
    assert shown == expected
    markdown = rendered_items(export_text(data, template, "markdown"))  # the list items, as rendered
    at = 0
    for text in expected:  # every text, in the session's order (leading/trailing spaces aside)
        at = next(i for i in range(at, len(markdown)) if markdown[i] in (text, text.strip())) + 1


async def test_typed_and_pasted_in_the_app_shown_literally_and_exported_back(store, session, catalog, template):
    app = make_app(store, catalog)
    app.cursor_blink = False
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        step = app.screen
        assert isinstance(step, StepScreen)
        await pilot.press("ctrl+o", "down", "down", "down", "enter")  # anonymous: the texts alone in the exports
        await settle(pilot)
        assert step.speaker == ""
        await pilot.press(*"typed [bold]x[/bold] [@click=app.quit]q[/]")  # key by key
        await pilot.press("enter")
        await settle(pilot)
        shown = screen_text(app)
        assert "typed [bold]x[/bold]" in shown and "[@click=app.quit]q[/]" in shown
        missing = []
        for text, marker in zip(NASTY, MARKERS):  # as a terminal delivers a paste: one event, all of it
            app.post_message(events.Paste(text))
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert step.entry.text == "", text[:40]
            if not marker.startswith("long"):  # the newest item is in view (a long one fills the column)
                missing.extend([] if marker in screen_text(app) else [marker])
        assert not missing, missing
        assert app.is_running
    data = store.session_data(session.id)
    check_exports(data, template, ["typed [bold]x[/bold] [@click=app.quit]q[/]", *CLEAN])


def test_add_on_the_command_line(tmp_path, capsys, template):
    db = str(tmp_path / "cli.db")
    assert main(["--db", db, "new", "Nasty"]) == 0
    for text in NASTY:
        assert main(["--db", db, "add", "Nasty", "--step", "1", "--column", "action", text]) == 0, capsys.readouterr()
    capsys.readouterr()
    with open_store(db) as store:
        data = store.session_data(store.find_session("Nasty").id)
    check_exports(data, template, CLEAN)
    assert main(["--db", db, "show", "Nasty"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out  # no escape sequence or bell from an item reaches the terminal


@pytest.mark.parametrize("fmt", ["json", "csv", "wikitext"])
def test_import_of_every_format(tmp_path, capsys, template, fmt):
    """A file carrying the raw texts, control characters and all (as a hostile or careless tool
    might write it), imports as the cleaned texts. A NUL byte makes a csv or wikitext file
    binary, which is refused (below); json writes it as `\\u0000`."""
    raw = NASTY if fmt == "json" else [text.replace("\x00", "") for text in NASTY]
    path = write_export(tmp_path / f"nasty.{fmt}", raw, template, fmt)
    db = str(tmp_path / "import.db")
    code = main(["--db", db, "import", str(path)])
    _, err = capsys.readouterr()
    assert code == 0, err
    with open_store(db) as store:
        data = store.session_data(store.list_sessions()[0].id)
    check_exports(data, template, CLEAN)


@pytest.mark.parametrize("fmt", ["csv", "wikitext"])
def test_a_nul_byte_in_an_import_is_refused_in_one_line_and_makes_no_session(tmp_path, capsys, template, fmt):
    path = write_export(tmp_path / f"nul.{fmt}", NASTY, template, fmt)
    exported = path.read_text(encoding="utf-8")
    assert "\x00" not in exported  # an export never holds one: a file edited elsewhere might
    path.write_text(exported.replace("ctrl: bell", "ctrl: bell\x00"), encoding="utf-8")
    db = str(tmp_path / "import.db")
    assert main(["--db", db, "new", "Already here"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "import", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == f"workshop-tui: error: {path}: a binary file, not a json, csv or wikitext export\n"
    with open_store(db) as store:
        assert [info.title for info in store.list_sessions()] == ["Already here"]


def write_export(path, texts, template, fmt):
    from workshop_tui.model import SessionInfo

    items = tuple(Item(id=f"{n:032x}", step=1, column="action", text=text, position=n) for n, text in enumerate(texts))
    info = SessionInfo(id=1, title="Imported nasty", template_id=template.id, step_count=8, item_count=len(items))
    path.write_text(export_text(SessionData(info=info, items=items), template, fmt), encoding="utf-8")
    return path


def test_nasty_text_on_screen(snap_compare, store, session, catalog):
    """One step holding every nasty text, spread over the three columns, at 120x36."""
    for n, text in enumerate(NASTY):
        store.add_item(session.id, 1, COLUMNS[n % 3], text, author=["Ana", None, "[b]Bo[/b]"][n % 3])
    app = make_app(store, catalog)
    app.cursor_blink = False

    async def open_it(pilot):
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        shown = screen_text(pilot.app)
        for marker in ("rich: [bold]not", "wiki: {{!}} ||", "csv: =SUM(A1)", "=starts with", "[b]Bo[/b]"):
            assert marker in shown, marker

    assert snap_compare(app, terminal_size=(120, 36), run_before=open_it)
