"""A disk that fills up and a store that is read-only: one clear line, nothing saved by half,
the store whole and still readable, and the app still up with the typed text kept.

The full disk is a real one: a 4 MB tmpfs filled to its last byte (`small_disk`), so SQLite's
own write fails exactly as it would on a full laptop. The read-only store sits on a tmpfs
remounted read-only (`read_only_folder`), which even root cannot write.
"""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys

import pytest
from faultkit import ROOT, subprocess_env
from helpers.pilot import record_notifications, screen_text, settle

from workshop_tui.app import make_app
from workshop_tui.screens.step import StepScreen
from workshop_tui.screens.summary import SummaryScreen
from workshop_tui.store import StoreWriteError, open_store

BIG = "x" * 9_000  # several pages per commit: a full disk cannot hide it in free space of the WAL


def integrity(path) -> str:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


def fingerprint(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workshop_tui", *args], capture_output=True, text=True, cwd=ROOT,
                          env=subprocess_env(), timeout=120)


def add_until_refused(store, session_id: int, tag: str, limit: int = 300) -> tuple[list[str], StoreWriteError]:
    saved = []
    for n in range(limit):
        text = f"{tag} {n} {BIG}"
        try:
            store.add_item(session_id, 1 + n % 8, "tool", text)
        except StoreWriteError as error:
            return saved, error
        saved.append(text)
    raise AssertionError(f"the disk never filled up after {limit} adds")


def test_a_full_disk_refuses_a_write_whole_and_the_store_stays_usable(small_disk):
    db = small_disk.folder / "store.db"
    with open_store(db) as store:
        session = store.create_session("Full disk", template_id="8-steps-partnership", step_count=8)
        before = [store.add_item(session.id, 1, "action", f"before {n}").text for n in range(20)]
        small_disk.fill()
        saved, refused = add_until_refused(store, session.id, "during")
        message = str(refused)
        assert message == f"the disk holding {db} is full; nothing was changed", message
        texts = [item.text for item in store.list_items(session.id)]  # still readable, same connection
        assert texts[:20] == before and set(saved) <= set(texts) and len(texts) == 20 + len(saved)
        with pytest.raises(StoreWriteError, match="is full; nothing was changed"):
            store.rename_session(session.id, "Renamed on a full disk")
        assert store.get_session(session.id).title == "Full disk"
    small_disk.free()
    assert integrity(db) == "ok"
    with open_store(db) as store:  # room again: everything is there, and writes work
        assert len(store.list_items(session.id)) == 20 + len(saved)
        store.add_item(session.id, 2, "action", "after")
        assert store.list_items(session.id, step=2)[-1].text == "after"


async def test_the_app_keeps_the_text_when_the_disk_fills_up_and_stays_usable(small_disk, catalog):
    db = small_disk.folder / "store.db"
    with open_store(db) as store:
        store.create_session("Full disk", template_id="8-steps-partnership", step_count=8)
    store = open_store(db)

    try:
        app = make_app(store, catalog)
        notes = record_notifications(app)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            step = app.screen
            assert isinstance(step, StepScreen)
            await pilot.press(*"saved first")
            await pilot.press("enter")
            await settle(pilot)
            assert step.entry.text == ""
            small_disk.fill()
            for attempt in range(100):  # the WAL may still have room for a few: type until one is refused
                text = f"typed on a full disk {attempt} {BIG}"
                step.entry.insert(text)
                await pilot.press("enter")
                await settle(pilot)
                if step.entry.text:
                    break
            assert step.entry.text == text, "the typed text stays in the box"
            assert any(severity == "error" and "is full; nothing was changed" in message and "still in the box" in message
                       for severity, message in notes), notes
            assert app.is_running
            # Still usable for reading: another step, the summary, and back.
            await pilot.press("ctrl+n")
            await settle(pilot)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, SummaryScreen)
            assert "saved first" in screen_text(app)
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("ctrl+b")
            await settle(pilot)
            assert app.screen is step and step.entry.text == text
            # Room again: the same Enter saves it, once.
            small_disk.free()
            await pilot.press("enter")
            await settle(pilot)
            assert step.entry.text == ""
        items = store.list_items(store.list_sessions()[0].id)
    finally:
        store.close()
    texts = [item.text for item in items]
    assert texts[0] == "saved first" and texts[-1].startswith("typed on a full disk")
    assert len(texts) == len(set(texts))
    assert integrity(db) == "ok"


def test_cli_add_on_a_full_disk_is_one_line_and_exit_2(small_disk):
    db = small_disk.folder / "store.db"
    with open_store(db) as store:
        session = store.create_session("Full disk", template_id="8-steps-partnership", step_count=8)
        for n in range(5):
            store.add_item(session.id, 1, "action", f"kept {n}")
    small_disk.fill()
    outcomes = [cli("--db", str(db), "add", "1", "--step", "1", "--column", "tool", f"refused {n} {BIG}")
                for n in range(3)]
    refused = [done for done in outcomes if done.returncode != 0]
    assert refused, "the disk was full, yet every add went through"
    for done in refused:
        assert done.returncode == 2 and done.stdout == ""
        lines = done.stderr.strip().splitlines()
        assert lines == [f"workshop-tui: error: the disk holding {db} is full; nothing was changed"], done.stderr
    small_disk.free()
    assert integrity(db) == "ok"
    with open_store(db) as store:
        texts = [item.text for item in store.list_items(session.id)]
    assert texts[:5] == [f"kept {n}" for n in range(5)]
    assert len(texts) == 5 + (len(outcomes) - len(refused))  # each add whole or not at all


def test_cli_on_a_read_only_store_reads_and_refuses_writes_untouched(read_only_folder, tmp_path):
    folder, make_read_only = read_only_folder
    db = folder / "ro.db"
    with open_store(db) as store:
        session = store.create_session("Frozen", template_id="8-steps-partnership", step_count=8)
        store.add_item(session.id, 1, "action", "still here")
    exported = tmp_path / "frozen.json"
    assert cli("--db", str(db), "export", "Frozen", "--format", "json", "-o", str(exported)).returncode == 0
    make_read_only()
    before = fingerprint(folder)
    for args in (["add", "Frozen", "--step", "1", "--column", "tool", "refused"], ["new", "Another"],
                 ["import", str(exported)], ["merge", "Frozen", "Frozen", "--title", "Both"]):
        done = cli("--db", str(db), *args)
        assert done.returncode == 2 and done.stdout == "", done
        assert done.stderr == f"workshop-tui: error: the store {db} is read-only; nothing was changed\n", done.stderr
    shown = cli("--db", str(db), "export", "Frozen", "--format", "csv")
    assert shown.returncode == 0 and "still here" in shown.stdout
    assert cli("--db", str(db), "sessions").stdout.count("Frozen") == 1
    assert fingerprint(folder) == before
