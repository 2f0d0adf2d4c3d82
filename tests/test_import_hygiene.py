"""The house's walls: the layers of `pyproject.toml`'s import-linter contracts, and a fast start.

`lint-imports` checks the contracts on the source (every import statement, including ones
inside functions); running it here makes the README's one test command check them too. What a
contract cannot see is checked at run time: importing the app must not load SQLAlchemy, so
the first frame does not wait for it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_import_contracts_are_kept():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_importing_the_app_does_not_load_the_database_layer():
    code = (
        "import sys, workshop_tui.app, workshop_tui.cli;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
