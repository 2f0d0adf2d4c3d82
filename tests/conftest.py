"""Shared fixtures: every test gets its own data dir and store under `tmp_path`.

The autouse fixture points the user data dir, documents dir and `WORKSHOP_TUI_DB` into the
test's temporary folder, so no test can touch the developer's own sessions. It also pins the
language to English (whatever `LANG` the machine has), so a test that wants French asks for it.
"""

from __future__ import annotations

import pytest

from helpers.mounts import mount_unavailable
from workshop_tui.content import load_catalog
from workshop_tui.i18n import CHOSEN, ENVIRONMENT, set_language


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(home / "Documents"))
    monkeypatch.delenv("WORKSHOP_TUI_DB", raising=False)
    for name in (*ENVIRONMENT, CHOSEN):
        monkeypatch.setenv(name, "")  # so that teardown removes what a test's `--lang` set
        monkeypatch.delenv(name)
    monkeypatch.setenv("LANG", "C.UTF-8")
    set_language("en")
    yield home
    set_language("en")


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


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder whose files can be made truly read-only, even for root.

    Returns (folder, make_read_only). As root (CI) the folder is a small tmpfs remounted
    read-only, which no permission bit can bypass; otherwise the files and folder are chmod-ed.
    """
    import os
    import subprocess

    folder = tmp_path / "ro"
    folder.mkdir()
    mounted = False
    if os.geteuid() == 0:
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(folder)], capture_output=True)
        mounted = result.returncode == 0
        if not mounted:
            mount_unavailable(f"running as root without permission to mount a tmpfs: {result.stderr.decode().strip()}")

    def make_read_only():
        if mounted:
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        else:
            for path in folder.iterdir():
                path.chmod(0o444)
            folder.chmod(0o555)

    yield folder, make_read_only
    if mounted:
        subprocess.run(["umount", "-l", str(folder)], check=False)
    else:
        folder.chmod(0o755)


PG_ENV = "WORKSHOP_TUI_TEST_PG"
PG_REQUIRED_ENV = "WORKSHOP_TUI_REQUIRE_PG"


@pytest.fixture(scope="session")
def pg_server():
    """The PostgreSQL server for the store tests, from $WORKSHOP_TUI_TEST_PG.

    Without one the PostgreSQL tests are skipped, saying why; in CI
    ($WORKSHOP_TUI_REQUIRE_PG=1, set by .ci/run) a missing server fails them instead.
    """
    import os

    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        reason = f"no PostgreSQL server: set {PG_ENV}=postgresql://... (`.ci/postgres` starts one and prints it)"
        if os.environ.get(PG_REQUIRED_ENV):
            pytest.fail(reason)
        pytest.skip(reason)
    return url


@pytest.fixture
def pg_location(pg_server):
    """A fresh, empty PostgreSQL schema for one test, as a store URL; dropped afterwards."""
    import uuid

    import sqlalchemy

    schema = "t_" + uuid.uuid4().hex[:12]
    admin = sqlalchemy.create_engine(pg_server.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in pg_server else "?"
    yield f"{pg_server}{separator}options=-csearch_path%3D{schema}"
    with admin.begin() as connection:
        connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    admin.dispose()
