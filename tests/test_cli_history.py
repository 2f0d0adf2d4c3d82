"""`workshop-tui history` and `export --as-of`: who changed what and when, and the session as it was."""

from __future__ import annotations

from datetime import date

import pytest

from workshop_tui.moments import MomentError, moment_upto, shown
from workshop_tui.store import open_store
from helpers.cli import run




def test_history_lists_every_change_and_export_as_of_shows_the_session_then(capsys, tmp_path, template,
                                                                            monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    db = str(tmp_path / "h.db")
    with open_store(db) as store:
        info = store.create_session("Berlin", template_id=template.id, step_count=template.step_count)
        first = store.add_item(info.id, 1, "action", "Ask [bold]why[/bold]", author="Ana", by="Ana")
        store.edit_item(first.id, "Ask why we need a partner", by="Anne-Laure")
        second = store.add_item(info.id, 3, "obstacle", "Different timelines")
        store.delete_item(second.id, by="Bo")
        stamps = [entry.at for entry in store.history(info.id)]

    code, out, err = run(capsys, "--db", db, "history", "Berlin")
    assert code == 0, err
    lines = [line for line in out.splitlines()[1:] if line.strip()]
    assert len(lines) == 4
    assert lines[0].startswith(shown(stamps[0])) and "Ana" in lines[0] and "Ask [bold]why[/bold]" in lines[0]
    assert "Anne-Laure" in lines[1] and "edited" in lines[1] and "(was: Ask [bold]why[/bold])" in lines[1]
    assert "facilitator" in lines[2] and "step 3 obstacle" in lines[2]
    assert "Bo" in lines[3] and "deleted" in lines[3]

    def export_as_of(stamp):
        code, out, err = run(capsys, "--db", db, "export", "1", "--format", "csv", "--as-of", stamp)
        assert code == 0, err
        return out

    assert "Ask [bold]why[/bold]" in export_as_of(stamps[0]) and "timelines" not in export_as_of(stamps[0])
    assert "Ask why we need a partner" in export_as_of(stamps[2]) and "Different timelines" in export_as_of(stamps[2])
    assert "Different timelines" not in export_as_of(stamps[3])
    code, out, err = run(capsys, "--db", db, "export", "1", "--format", "csv", "--as-of", "yesterday")
    assert code == 2 and "is not a moment" in err and len(err.strip().splitlines()) == 1


def test_a_moment_means_the_end_of_what_it_names():
    utc = "+00:00"
    assert moment_upto(f"2026-12-03 14:05:07{utc}") == "2026-12-03T14:05:07.999999+00:00"
    assert moment_upto("2026-12-03T14:05Z") == "2026-12-03T14:05:59.999999+00:00"
    assert moment_upto(f"2026-12-03T14:05:07.250000{utc}") == "2026-12-03T14:05:07.250000+00:00"
    assert moment_upto(f"2026-12-03{utc}".replace(utc, "")).endswith(".999999+00:00")
    assert moment_upto("14:05", today=date(2026, 12, 3)).startswith("2026-12-0")
    with pytest.raises(MomentError):
        moment_upto("next tuesday")
    assert shown(moment_upto("2026-12-03 14:05:07")) == "2026-12-03 14:05:07"  # local time, both ways
