"""The house's walls: the database stays in the store, Textual stays in the UI.

Checked on the source (every import statement, including ones inside functions) and at run
time (importing the app must not load SQLAlchemy, so the first frame does not wait for it).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import workshop_tui

PACKAGE = Path(workshop_tui.__file__).parent
UI = ("app.py", "store_app.py", "screens/", "widgets/", "participant.py", "presenter.py")
DATABASE_MODULES = ("sqlalchemy", "sqlmodel", "sqlite3", "psycopg")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def sources():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE).as_posix(), imported_modules(path)


def test_only_the_store_touches_a_database():
    offenders = {
        name: sorted(m for m in modules if m.split(".")[0] in DATABASE_MODULES)
        for name, modules in sources()
        if not name.startswith("store/")
    }
    assert {name: mods for name, mods in offenders.items() if mods} == {}


def test_core_modules_do_not_import_textual():
    offenders = {
        name: sorted(m for m in modules if m.split(".")[0] == "textual")
        for name, modules in sources()
        if not name.startswith(UI)
    }
    assert {name: mods for name, mods in offenders.items() if mods} == {}


def test_importing_the_app_does_not_load_the_database_layer():
    code = (
        "import sys, workshop_tui.app, workshop_tui.cli;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
