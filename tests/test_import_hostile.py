"""Hostile, broken and huge input: every import ends in a session or in one clear line.

Never another exception, never a traceback, never a hang: random bytes, truncated and mangled
exports, files that are folders, binary, not UTF-8, over the size limit, or 50 MB of nonsense.
"""

from __future__ import annotations

import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_export_wikitext import NOW, facilitated, session_of

from workshop_tui.export import ImportFormatError, detect_format, export_text, import_file, import_text
from workshop_tui.export.files import MAX_IMPORT_BYTES
from workshop_tui.model import SessionData, StepState

ENTRIES = [(1, "action", "Ask | why {{!}}", "Ana"), (1, "action", "=SUM(A1)\nline", None),
           (4, "obstacle", "'' ~~~~ __NOTOC__ <b>", "Bo, Jr"), (8, "tool", "😀 שלום", "Cyd")]


# Votes, a cluster, follow-ups and step times, so mangling hits every mark the importers read.
MARKS = [(2, "c", "Ana, Jr", "2026-12-15"), (1, "c", None, ""), (0, None, "", "next, week"), (7, None, None, "")]
STATES = [StepState(step=1, phase="vote", spent_seconds=1000), StepState(step=4, planned_seconds=90)]


@pytest.fixture(scope="module")
def exports(catalog):
    data = session_of(catalog.default, ENTRIES, facilitator="Anne", participants=("Ana",), event="WMCON")
    data = facilitated(data, MARKS, STATES)
    return {fmt: export_text(data, catalog.default, fmt, now=NOW) for fmt in ("json", "csv", "wikitext")}


def outcome(catalog, text: str, fmt: str | None = None):
    """Import text: a SessionData or an ImportFormatError with a one-line message; nothing else."""
    try:
        data = import_text(text, catalog, fmt=fmt)
    except ImportFormatError as error:
        assert str(error) and "\n" not in str(error)
        return error
    assert isinstance(data, SessionData) and data.info.id == 0 and data.info.title
    assert all(1 <= item.step <= data.info.step_count for item in data.items)
    assert all(item.text.strip() and "\x1b" not in item.text for item in data.items)
    return data


def test_exports_are_detected(exports):
    assert {fmt: detect_format(text) for fmt, text in exports.items()} == {f: f for f in exports}
    assert detect_format("\ufeff" + exports["csv"]) == "csv"
    assert detect_format('"session","step","step_title","column","text"\r\n') == "csv"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.binary(max_size=2000))
def test_random_bytes(catalog, tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("random") / "input.txt"
    path.write_bytes(raw)
    try:
        data = import_file(path, catalog)
    except ImportFormatError as error:
        assert str(error).startswith(str(path)) and "\n" not in str(error)
    else:
        assert isinstance(data, SessionData)


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=500), fmt=st.sampled_from([None, "json", "csv", "wikitext", "markdown"]))
def test_random_text(catalog, text, fmt):
    outcome(catalog, text, fmt)


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_truncated_exports(catalog, exports, data):
    fmt = data.draw(st.sampled_from(sorted(exports)))
    text = exports[fmt]
    cut = data.draw(st.integers(0, len(text)))
    outcome(catalog, text[:cut])
    outcome(catalog, text[:cut], fmt)


def test_every_truncation_of_a_small_export(catalog):
    data = session_of(catalog.default, [(1, "action", "a|b", "Ana"), (2, "tool", "=x", None)], title="T")
    for fmt in ("json", "csv", "wikitext"):
        text = export_text(data, catalog.default, fmt)
        for cut in range(len(text) + 1):
            outcome(catalog, text[:cut])


MANGLES = ["", "\x00", "\ufeff", "\r", "\n", '"', "'", ",", "{", "}", "[", "]", "|", "||", "!!", "{|", "|}", "|-",
           "<small>(", ")</small>", "<nowiki>", "<!--", "&#", "&#1114112;", "&#xD800;", "\\u", "\ud800", "9" * 30,
           "-1", "null", "true", "1e999", "STEP 99", "* ", "\x1b[31m", "=" * 3, "**", '<small class="votes">(',
           '<small class="followup">(', '<span class="cluster">', " votes)", "follow-up", ", owner: ", ", due ",
           '<small class="timebox">', " · spent ", " min", "yes", "maybe", "discuss", "dance", "99999", "12,5"]


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_mangled_exports(catalog, exports, data):
    fmt = data.draw(st.sampled_from(sorted(exports)))
    text = exports[fmt]
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        span = data.draw(st.integers(0, 5))
        text = text[:at] + data.draw(st.sampled_from(MANGLES) | st.text(max_size=4)) + text[at + span:]
    outcome(catalog, text)
    outcome(catalog, text, fmt)


# -- files -------------------------------------------------------------------------------------


def refused(catalog, path, *fragments):
    with pytest.raises(ImportFormatError) as error:
        import_file(path, catalog)
    message = str(error.value)
    assert "\n" not in message and str(path) in message, message
    for fragment in fragments:
        assert fragment in message, message
    return message


def test_files_that_are_not_exports(catalog, tmp_path):
    cases = {
        "notes.txt": (b"just some notes\n", "not a workshop-tui json, csv or wikitext export (no summary table found)"),
        "empty.csv": (b"", "no summary table found"),
        "binary.bin": (bytes(range(256)) * 10, "a binary file"),
        "latin1.csv": ("step,column,text\n1,action,Prévost\n".encode("latin-1"), "not UTF-8 text"),
        "utf16.csv": ("step,column,text\n".encode("utf-16"), "UTF-16 text"),
        "page.md": (b"# Title\n\n- item\n", "no summary table found"),
    }
    for name, (content, fragment) in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        message = refused(catalog, path, fragment)
        assert message.startswith(f"{path}: ")


def test_missing_files_and_folders(catalog, tmp_path):
    refused(catalog, tmp_path / "missing.json", "cannot read it", "No such file")
    refused(catalog, tmp_path, "is a folder")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions, not root")
def test_an_unreadable_file(catalog, tmp_path):
    path = tmp_path / "secret.json"
    path.write_text("{}")
    path.chmod(0)
    refused(catalog, path, "cannot read it", "Permission denied")


def test_a_file_that_cannot_be_read(catalog, tmp_path, monkeypatch):
    from workshop_tui.export import files

    path = tmp_path / "secret.json"
    path.write_text("{}")
    real_open = os.open

    def denied(name, *args, **kwargs):
        if os.fspath(name) == str(path):
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(files.os, "open", denied)  # works when the tests run as root, too
    refused(catalog, path, "cannot read it: Permission denied")


def test_a_utf8_bom_is_fine(catalog, tmp_path, exports):
    for fmt, text in exports.items():
        path = tmp_path / f"bom.{fmt}"
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
        assert [i.text for i in import_file(path, catalog).items] == [e[2] for e in ENTRIES]


def test_the_file_name_titles_a_session_that_has_none(catalog, tmp_path):
    path = tmp_path / "berlin-2015.csv"
    path.write_text("step,column,text\n1,action,Ask\n", encoding="utf-8")
    assert import_file(path, catalog).info.title == "berlin-2015"


def test_a_file_over_64_mb_is_refused_without_reading_it(catalog, tmp_path):
    path = tmp_path / "huge.json"
    with path.open("wb") as stream:
        stream.truncate(MAX_IMPORT_BYTES + 1)  # sparse: no time, no disk
    started = time.monotonic()
    refused(catalog, path, "too big", "at most 64 MB")
    assert time.monotonic() - started < 1


def test_markdown_cannot_be_imported(catalog):
    page = export_text(session_of(catalog.default, [(1, "action", "x", None)]), catalog.default, "markdown")
    for fmt in (None, "markdown"):
        with pytest.raises(ImportFormatError, match="a markdown export cannot be imported"):
            import_text(page, catalog, fmt=fmt)


FIFTY_MB = 50 * 1024 * 1024
SUMMARY_HEAD = "{|\n! KEY STEPS !! ACTIONS !! OBSTACLES !! TOOLS\n|-\n| STEP 1\n| "


def _repeat(piece: str, size: int = FIFTY_MB, head: str = "", tail: str = "") -> str:
    return head + piece * ((size - len(head) - len(tail)) // len(piece)) + tail


HUGE = {
    "one long line": lambda: _repeat("a"),
    "blank lines": lambda: _repeat("\n"),
    "spaces after an equals sign": lambda: _repeat(" ", head="="),
    "spaces before a label": lambda: _repeat(" ", head="* ") + "\n{|",
    "tables in tables": lambda: _repeat("{|\n"),
    "an endless table": lambda: _repeat("|\n", head="{|\n! KEY STEPS !! A !! B !! TOOLS\n"),
    "one endless row": lambda: _repeat("||", head="{|\n| STEP 1 "),
    "an endless cell": lambda: _repeat("x<br>", head=SUMMARY_HEAD),
    "unclosed tags": lambda: _repeat("<nowiki><!--[http://x ", head=SUMMARY_HEAD),
    "attributes": lambda: _repeat("a=b ", head="{|\n| ") + "|",
    "csv rows": lambda: _repeat("D,1,,action,x,,0,\r\n", head="session,step,step_title,column,text,author,votes,created_at\r\n"),
    "endless marks": lambda: _repeat('<small class="votes">(1 vote)</small> <small>(a)</small>', head=SUMMARY_HEAD + "* x "),
    "endless timebox": lambda: _repeat("9", head='{|\n! KEY STEPS !! A !! B !! TOOLS\n|-\n| STEP 1 <small class="timebox">Timebox '),
    "a csv field": lambda: _repeat("x", head='step,column,text\r\n1,action,"'),
    "json values": lambda: _repeat("{},", head='{"format": "workshop-tui/session", "items": [', tail="{}]}"),
    "a json string": lambda: _repeat("x", head='{"format": "workshop-tui/session", "session": {"title": "', tail='"}}'),
    "escaped quotes": lambda: _repeat('\\"', head='{"format": "workshop-tui/session", "x": "'),
    "json nesting": lambda: _repeat("[", head='{"format": "workshop-tui/session", "x": '),
}


@pytest.mark.parametrize("name", sorted(HUGE))
def test_fifty_megabytes_are_refused_or_read_quickly(catalog, tmp_path, name):
    path = tmp_path / "huge.txt"
    path.write_text(HUGE[name](), encoding="utf-8")
    assert path.stat().st_size >= FIFTY_MB - 100
    started = time.monotonic()
    try:
        data = import_file(path, catalog)
    except ImportFormatError as error:
        assert "\n" not in str(error) and len(str(error)) < 500
    else:
        assert isinstance(data, SessionData)
    assert time.monotonic() - started < 20, name
