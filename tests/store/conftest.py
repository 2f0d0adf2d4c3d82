"""The store tests run twice: on a SQLite file and on a fresh PostgreSQL schema.

Overrides the top-level `store` fixture for the tests in this folder; a test that is about
SQLite itself says so with `@pytest.mark.parametrize("backend", ["sqlite"])`.
"""

from __future__ import annotations

import pytest

from workshop_tui.store import open_store


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request):
    return request.param


@pytest.fixture
def location(backend, tmp_path, request):
    """Where this test's store lives: a SQLite file, or a fresh PostgreSQL schema."""
    if backend == "sqlite":
        return str(tmp_path / "test.db")
    return request.getfixturevalue("pg_location")


@pytest.fixture
def store(location):
    opened = open_store(location)
    yield opened
    opened.close()
