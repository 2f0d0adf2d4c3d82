"""`workshop-tui new TITLE --continue SESSION`, `followups`, `followup`: carrying follow-ups over
from the command line, each refusal one line that changes nothing."""

from __future__ import annotations

from helpers.cli import run

from workshop_tui.store import open_store


def test_continue_a_session_and_close_its_follow_ups(capsys, tmp_path, template, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    db = str(tmp_path / "c.db")
    with open_store(db) as store:
        info = store.create_session("Berlin", template_id=template.id, step_count=template.step_count,
                                    facilitator="Anne-Laure", participants=["Ana"])
        sign = store.add_item(info.id, 5, "action", "Sign [bold]it[/bold]", author="Ana")
        meet = store.add_item(info.id, 2, "action", "Meet the chapter")
        store.set_followup(sign.id, owner="Ana", due="2026-12-15")
        store.set_followup(meet.id, owner="Bo")

    code, out, err = run(capsys, "--db", db, "followup", "Berlin", meet.id[:6], "done")
    assert (code, err) == (0, "") and out == f"follow-up {meet.id[:8]} is done: Meet the chapter\n"

    code, out, err = run(capsys, "--db", db, "new", "Mexico", "--continue", "Berlin", "--date", "2015-07-19")
    assert code == 0 and out.strip().isdigit()
    assert err == "continues session 1 'Berlin': 1 open follow-up carried over\n"
    mexico = int(out)

    code, out, err = run(capsys, "--db", db, "followups", str(mexico))
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["id", "status", "step", "owner", "due", "from", "follow-up"]
    assert lines[1].split()[1:] == ["open", "5", "Ana", "2026-12-15", "last", "time", "Sign", "[bold]it[/bold]"]
    carried = lines[1].split()[0]

    code, out, _ = run(capsys, "--db", db, "followups", "Berlin")
    assert sorted(line.split()[1] for line in out.splitlines()[1:]) == ["carried", "done"]

    assert run(capsys, "--db", db, "followup", str(mexico), carried, "dropped")[0] == 0
    code, out, _ = run(capsys, "--db", db, "export", str(mexico), "--format", "wikitext")
    assert "(follow-up from last time, owner: Ana, due 2026-12-15, dropped)" in out
    code, out, _ = run(capsys, "--db", db, "history", str(mexico))
    assert "carried over" in out and "follow-up dropped" in out
    with open_store(db) as store:
        assert store.get_session(mexico).participants == ("Ana",)
        assert store.get_session(mexico).date == "2015-07-19"


def test_every_refusal_is_one_line_and_changes_nothing(capsys, tmp_path, template):
    db = str(tmp_path / "c.db")
    with open_store(db) as store:
        info = store.create_session("Berlin", template_id=template.id, step_count=template.step_count)
        plain = store.add_item(info.id, 1, "action", "Plain")
        item = store.add_item(info.id, 1, "action", "Commit")
        store.set_followup(item.id, owner="Ana")
    refusals = [
        (("new", "X", "--continue", "Nowhere"), "unknown session 'Nowhere'"),
        (("new", "X", "--continue", "Berlin", "--template", "other"), "runs the same one"),
        (("followup", "Berlin", item.id[:3], "done"), "at least 4 characters"),
        (("followup", "Berlin", plain.id, "done"), "no follow-up of 'Berlin' has an id starting"),
        (("followup", "Berlin", item.id, "carried"), "invalid choice"),
        (("followups", "Nowhere"), "unknown session"),
    ]
    for args, message in refusals:
        code, out, err = run(capsys, "--db", db, *args)
        assert code == 2 and out == "" and message in err and err.count("\n") == 1, (args, err)
    with open_store(db) as store:
        assert [s.title for s in store.list_sessions()] == ["Berlin"]
        assert store.get_item(item.id).followup_status == "open"
