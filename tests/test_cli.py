"""The command line: every command, and one clear line with exit status 2 for bad input."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from helpers.cli import run


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "cli.db")




def new_session(capsys, db, *extra):
    code, out, err = run(capsys, "--db", db, "new", "Demo", *extra)
    assert code == 0, err
    return out.strip()


def test_new_prints_the_id_and_sessions_lists_it(capsys, db):
    first = new_session(capsys, db, "--facilitator", "Anne-Laure", "--participant", "Ana", "--participant", "Bo",
                        "--event", "Wikimania 2015", "--date", "2015-07-19")
    assert first == "1"
    run(capsys, "--db", db, "add", "1", "--step", "1", "--column", "action", "Find partners")
    code, out, _ = run(capsys, "--db", db, "sessions")
    assert code == 0
    row = next(line for line in out.splitlines() if line.startswith("1"))
    assert "Demo" in row and "2015-07-19" in row and " 1 " in f" {row} "


def test_add_by_title_and_show_the_table(capsys, db, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    new_session(capsys, db)
    code, out, err = run(capsys, "--db", db, "add", "Demo", "--step", "3", "--column", "obstacle",
                         "--author", "Ana", "[bold]not bold[/bold]")
    assert code == 0, err
    assert len(out.strip()) == 32  # the new item's id
    code, out, _ = run(capsys, "--db", db, "show", "Demo")
    assert code == 0
    assert "[bold]not bold[/bold]" in out
    assert "STEP 3: Find common ground" in out
    assert "KEY STEPS" in out and "POTENTIAL OBSTACLES" in out


def test_templates_lists_the_bundled_workshop(capsys):
    code, out, err = run(capsys, "templates")
    assert code == 0
    assert "8-steps-partnership\t8 Steps to a Partnership\t3 columns, 8 steps\t" in out
    assert "templates" in err


def test_new_with_a_template_and_an_unknown_one(capsys, db):
    assert new_session(capsys, db, "--template", "8-steps-partnership") == "1"
    code, out, err = run(capsys, "--db", db, "new", "X", "--template", "nope")
    assert (code, out) == (2, "")
    assert err.strip() == ("workshop-tui: error: unknown template 'nope' (known: 4ls, 8-steps-partnership, lean-coffee, "
                           "mad-sad-glad, pre-mortem, project-kickoff, start-stop-continue, swot)")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "99", "--step", "1", "--column", "action", "x"], "unknown session '99'"),
        (["add", "Demo", "--step", "9", "--column", "action", "x"], "step 9 is outside 1-8"),
        (["add", "Demo", "--step", "0", "--column", "action", "x"], "step 0 is outside 1-8"),
        (["add", "Demo", "--step", "1", "--column", "idea", "x"], "unknown column 'idea': use one of action, obstacle, tool"),
        (["add", "Demo", "--step", "one", "--column", "action", "x"], "invalid int value: 'one'"),
        (["add", "Demo", "--step", "1", "--column", "action", "   "], "empty or only whitespace"),
        (["show", "Nope"], "unknown session 'Nope'"),
        (["export", "Nope", "--format", "csv"], "unknown session 'Nope'"),
        (["export", "Demo", "--format", "pdf"], "invalid choice: 'pdf'"),
        (["merge", "Demo", "Nope", "--title", "M"], "unknown session 'Nope'"),
        (["new", "   "], "the title is empty"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_bad_input_is_one_line_and_status_2(capsys, db, args, message):
    new_session(capsys, db)
    code, out, err = run(capsys, "--db", db, *args)
    assert code == 2
    assert out == ""
    assert message in err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    # nothing was added
    assert run(capsys, "--db", db, "sessions")[1].count("\n") == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "is empty"), (b"not a database at all" * 20, "not a SQLite database")],
)
def test_a_bad_store_file_is_one_line_and_left_alone(capsys, tmp_path, content, message):
    path = tmp_path / "store" / "bad.db"
    path.parent.mkdir()
    path.write_bytes(content)
    for args in (["sessions"], ["new", "X"], ["add", "1", "--step", "1", "--column", "tool", "x"]):
        code, out, err = run(capsys, "--db", str(path), *args)
        assert code == 2 and out == ""
        assert message in err and len(err.strip().splitlines()) == 1
    assert path.read_bytes() == content
    assert sorted(p.name for p in path.parent.iterdir()) == ["bad.db"]


def test_the_app_command_refuses_a_bad_store_before_starting(capsys, tmp_path):
    path = tmp_path / "bad.db"
    path.write_bytes(b"")
    code, out, err = run(capsys, "--db", str(path))
    assert code == 2 and "is empty" in err


def test_db_from_the_environment(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_TUI_DB", str(tmp_path / "env.db"))
    assert run(capsys, "new", "From env")[0] == 0
    assert (tmp_path / "env.db").exists()


def test_every_command_has_help(capsys):
    for command in ("new", "sessions", "show", "add", "export", "import", "merge", "templates"):
        code, out, _ = run(capsys, command, "--help")
        assert code == 0 and "usage: workshop-tui " + command in out


# -- export, import and merge through the command line ----------------------------------------


def seeded(capsys, db):
    new_session(capsys, db, "--facilitator", "Anne-Laure", "--participant", "Ana")
    for step, column, text, author in [
        (1, "action", "Identify WHY we need a partner", "Ana"),
        (1, "obstacle", "=HYPERLINK(\"http://evil\")", None),
        (2, "tool", "Meet | greet {{!}} [[Link]] ~~~~", "Bo"),
        (8, "action", "line one\nline two", None),
    ]:
        extra = ["--author", author] if author else []
        assert run(capsys, "--db", db, "add", "Demo", "--step", str(step), "--column", column, *extra, text)[0] == 0


def test_export_to_stdout_and_to_a_file_that_is_never_overwritten(capsys, db, tmp_path):
    seeded(capsys, db)
    code, out, err = run(capsys, "--db", db, "export", "Demo", "--format", "wikitext")
    assert code == 0, err
    assert "KEY STEPS" in out and "CONCRETE ACTIONS" in out
    assert "{{!}}" not in out.replace("&#123;&#123;!&#125;&#125;", "")
    target = tmp_path / "out.csv"
    code, _, err = run(capsys, "--db", db, "export", "Demo", "--format", "csv", "-o", str(target))
    assert code == 0 and str(target) in err
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0][:8] == ["session", "step", "step_title", "column", "text", "author", "votes", "created_at"]
    assert any(row[4].startswith("'=HYPERLINK") for row in rows[1:])
    before = target.read_bytes()
    code, _, err = run(capsys, "--db", db, "export", "Demo", "--format", "json", "-o", str(target))
    assert code == 2 and "exists" in err
    assert target.read_bytes() == before
    assert run(capsys, "--db", db, "export", "Demo", "--format", "json", "-o", str(target), "--force")[0] == 0
    assert json.loads(target.read_text(encoding="utf-8"))["session"]["title"] == "Demo"


@pytest.mark.parametrize("fmt", ["json", "csv", "wikitext"])
def test_export_then_import_gives_back_the_items(capsys, db, tmp_path, fmt):
    seeded(capsys, db)
    target = tmp_path / f"export.{fmt}"
    assert run(capsys, "--db", db, "export", "Demo", "--format", fmt, "-o", str(target))[0] == 0
    code, out, err = run(capsys, "--db", db, "import", str(target), "--title", "Back")
    assert code == 0, err
    new_id = out.strip()
    from workshop_tui.store import open_store

    with open_store(db) as store:
        original = store.session_data(store.find_session("Demo").id)
        restored = store.session_data(int(new_id))
    assert restored.info.title == "Back"
    key = lambda i: (i.step, i.column, i.position, i.text, i.author)  # noqa: E731
    assert [key(i) for i in restored.items] == [key(i) for i in original.items]


def test_import_refuses_bad_files_with_one_line(capsys, db, tmp_path):
    new_session(capsys, db)
    cases = {
        "missing.json": None,
        "notes.txt": b"just some notes\n",
        "binary.bin": bytes(range(256)) * 10,
        "broken.json": b'{"format": "workshop-tui/session", "version": 1, "session": {',
    }
    for name, content in cases.items():
        path = tmp_path / name
        if content is not None:
            path.write_bytes(content)
        code, out, err = run(capsys, "--db", db, "import", str(path))
        assert code == 2 and out == "", (name, err)
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, (name, err)
    assert run(capsys, "--db", db, "sessions")[1].count("\n") == 2  # only Demo


def test_merge_keeps_both_sessions_items_once(capsys, db):
    new_session(capsys, db)
    run(capsys, "--db", db, "new", "Berlin")
    for session, text, author in [("Demo", "Shared idea", "Ana"), ("Berlin", "shared  IDEA", "Bo"),
                                  ("Berlin", "Only in Berlin", "Cyd")]:
        run(capsys, "--db", db, "add", session, "--step", "2", "--column", "tool", "--author", author, text)
    code, out, err = run(capsys, "--db", db, "merge", "Demo", "Berlin", "--title", "Both")
    assert code == 0, err
    from workshop_tui.store import open_store

    with open_store(db) as store:
        merged = store.session_data(int(out.strip()))
    assert [(i.text, i.author) for i in merged.items] == [("Shared idea", "Ana"), ("Only in Berlin", "Cyd")]
    assert merged.info.title == "Both"


def test_console_script_and_module_entry_points(tmp_path):
    env = {**os.environ, "WORKSHOP_TUI_DB": str(tmp_path / "entry.db")}
    for command in ([sys.executable, "-m", "workshop_tui", "new", "Entry"],
                    [os.path.join(os.path.dirname(sys.executable), "workshop-tui"), "sessions"]):
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
        assert result.returncode == 0, result.stderr
    assert "Entry" in result.stdout
