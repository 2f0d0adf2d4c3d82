"""A string the screens show goes through the catalog: a test fails when one is written as a
bare literal (in English only) where the app shows it: a notification, a key's description or
tooltip, a label, a button, a palette command, a prompt, a dialog, a static text, a table column.
Style strings (`Content.styled(text, "bold $accent")`'s second argument) are not shown.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "workshop_tui"
SHOWN_BY = {"notify", "Binding", "Static", "Label", "Button", "SystemCommand", "TextPrompt", "ConfirmDialog",
            "set_title", "add_column", "Content", "styled", "assemble"}
SHOWN_KEYWORDS = {"description", "tooltip", "title", "message", "placeholder", "confirm", "label", "help"}
WORDS = re.compile(r"[A-Za-z]{3,}")


def shown_arguments(call: ast.Call, name: str) -> list[ast.expr]:
    """The arguments of a call that reach the screen as text."""
    keywords = [k.value for k in call.keywords if k.arg in SHOWN_KEYWORDS]
    if name == "Binding":  # key, action, description
        return call.args[2:3] + keywords
    if name == "styled":  # text, style
        return call.args[:1]
    if name == "assemble":  # parts: text, or (text, style)
        return [part.elts[0] if isinstance(part, ast.Tuple) and part.elts else part for part in call.args]
    return list(call.args) + keywords


def bare_english(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(WORDS.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(part, ast.Constant) and WORDS.search(part.value) for part in node.values)
    return False


def test_every_shown_string_goes_through_the_catalog():
    modules = [*sorted((SRC / "screens").glob("*.py")), *sorted((SRC / "widgets").glob("*.py")),
               *(SRC / name for name in ("app.py", "participant.py", "presenter.py", "store_app.py"))]
    bare = []
    for path in modules:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in SHOWN_BY:
                bare += [f"{path.relative_to(SRC)}:{node.lineno}: {ast.unparse(argument)[:70]}"
                         for argument in shown_arguments(node, name) if bare_english(argument)]
    assert not bare, "shown but not through the catalog (wrap it in _() or N_()):\n" + "\n".join(bare)


def test_the_check_sees_a_bare_string():
    """The check itself: a bare notification is found, a wrapped one and a style are not."""
    tree = ast.parse('self.notify("Saved it")\nself.notify(_("Saved it"))\nContent.styled(_("x y z"), "bold $accent")')
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and
             getattr(node.func, "attr", "") in ("notify", "styled")]
    found = [bare_english(argument) for call in calls for argument in shown_arguments(call, call.func.attr)]
    assert found == [True, False, False]
