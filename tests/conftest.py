"""Shared fixtures: every test gets its own data dir and store under `tmp_path`.

The autouse fixture points the user data dir, documents dir and `WORKSHOP_TUI_DB` into the
test's temporary folder, so no test can touch the developer's own sessions.
"""

from __future__ import annotations

import pytest

from workshop_tui.content import load_catalog


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(home / "Documents"))
    monkeypatch.delenv("WORKSHOP_TUI_DB", raising=False)
    return home


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()


@pytest.fixture
def template(catalog):
    return catalog.default


@pytest.fixture
def store(tmp_path):
    from workshop_tui.store import open_store

    opened = open_store(tmp_path / "test.db")
    yield opened
    opened.close()


@pytest.fixture
def session(store, template):
    """A fresh session of the default template, with two participants."""
    return store.create_session(
        "Partnership workshop",
        template_id=template.id,
        step_count=template.step_count,
        facilitator="Anne-Laure",
        participants=["Ana", "Bo"],
        event="Wikimania",
        date="2026-11-26",
    )
