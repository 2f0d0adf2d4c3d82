"""A string the screens show goes through the catalog: a test fails when one is written as a
bare literal (in English only) where the app shows it: a notification, a key's description or
tooltip, a label, a button, a palette command, a prompt, a dialog, a static text, a table column.
Style strings (`Content.styled(text, "bold $accent")`'s second argument) are not shown.

The same holds for the one-line errors the command line prints: an importer's
(`ImportFormatError`, the json reader's `Fields`) and a template's (`TemplateError`, a field's
`fail`, a translation table's `TranslationError`): every text they are built from, and every
"where" (line 3, item 2, step 4) and kind word passed along, goes through the catalog.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "workshop_tui"
SHOWN_BY = {"notify", "Binding", "Static", "Label", "Button", "SystemCommand", "TextPrompt", "ConfirmDialog",
            "set_title", "add_column", "Content", "styled", "assemble"}
SHOWN_KEYWORDS = {"description", "tooltip", "title", "message", "placeholder", "confirm", "label", "help"}
ERRORS_BY = {"ImportFormatError", "TemplateError", "TranslationError", "fail", "Fields", "_Checker",
             "unknown_column", "item_text", "checked_step", "checked_time", "cell_rows", "bounded"}
ERROR_MODULES = ("export/__init__.py", "export/common.py", "export/csv.py", "export/files.py", "export/json.py",
                 "export/json_fields.py", "export/wikitable.py", "export/wikitext_import.py",
                 "export/wikitext_cells.py", "export/wikitext_columns.py", "content.py", "template_fields.py",
                 "template_text.py")
# Shown as they are: a field's name in a file (TOML or json keys, csv headings), never translated.
FIELD_NAMES = re.compile(r"^[a-z_.]+$")
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


def bare_calls(path: Path, names: set[str], arguments) -> list[str]:
    """Each argument of a call to one of `names` in the module that is bare English."""
    bare = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name in names:
            bare += [f"{path.relative_to(SRC)}:{node.lineno}: {ast.unparse(argument)[:70]}"
                     for argument in arguments(node, name) if bare_english(argument)]
    return bare


def test_every_shown_string_goes_through_the_catalog():
    modules = [*sorted((SRC / "screens").glob("*.py")), *sorted((SRC / "widgets").glob("*.py")),
               *(SRC / name for name in ("app.py", "participant.py", "presenter.py", "store_app.py"))]
    bare = [line for path in modules for line in bare_calls(path, SHOWN_BY, shown_arguments)]
    assert not bare, "shown but not through the catalog (wrap it in _() or N_()):\n" + "\n".join(bare)


def field_name(node: ast.expr) -> bool:
    """A field's name or path (`"key"`, `f"translations.{code}"`): shown as the file has it."""
    if isinstance(node, ast.Constant):
        return bool(FIELD_NAMES.match(str(node.value)))
    return isinstance(node, ast.JoinedStr) and all(
        FIELD_NAMES.match(part.value) for part in node.values if isinstance(part, ast.Constant))


def error_arguments(call: ast.Call, name: str) -> list[ast.expr]:
    """What an error is made of: every argument but a field's name (`fail("key", ...)`)."""
    return [argument for argument in [*call.args, *(k.value for k in call.keywords)] if not field_name(argument)]


def test_every_import_and_template_error_goes_through_the_catalog():
    """`workshop-tui --lang fr import bad.csv` and `templates check bad.toml` print French."""
    bare = [line for name in ERROR_MODULES for line in bare_calls(SRC / name, ERRORS_BY, error_arguments)]
    assert not bare, "an error line not through the catalog (wrap it in _()):\n" + "\n".join(bare)


def test_the_check_sees_a_bare_string():
    """The check itself: a bare notification is found, a wrapped one and a style are not."""
    tree = ast.parse('self.notify("Saved it")\nself.notify(_("Saved it"))\nContent.styled(_("x y z"), "bold $accent")')
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and
             getattr(node.func, "attr", "") in ("notify", "styled")]
    found = [bare_english(argument) for call in calls for argument in shown_arguments(call, call.func.attr)]
    assert found == [True, False, False]
    tree = ast.parse('raise ImportFormatError(f"{where}: not a step")\ncheck.fail("number", "expected one")\n'
                     'raise ImportFormatError(_("{where}: not a step").format(where=where))\ncheck.fail("number", x)')
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and
             getattr(node.func, "id", getattr(node.func, "attr", "")) in ERRORS_BY]
    assert [bare_english(argument) for call in calls for argument in error_arguments(call, "")] == [True, True, False, False]
