"""Templates of other shapes, written as TOML files into a folder (the user templates folder in
tests), as a facilitator would drop them there (this module holds no tests itself)."""

from __future__ import annotations

from pathlib import Path

FOUR_COLUMNS = (("keep", "Keep", "KEEP doing"), ("drop", "Drop", "DROP it"), ("add", "Add", "ADD this"),
                ("idea", "Ideas", "WILD | IDEAS"))
SIX_COLUMNS = (("who", "Who", "WHO"), ("what", "What", "WHAT"), ("when", "When", "WHEN"),
               ("where", "Where", "WHERE"), ("why", "Why", "WHY"), ("how", "How", "HOW"))


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def template_toml(template_id: str, columns, steps: int, *, title: str = "", phases=None, dots=None) -> str:
    """`phases` and `dots`: {step number: what that step declares}."""
    lines = [f"id = {_quoted(template_id)}", f"title = {_quoted(title or template_id.title())}",
             'description = "A test shape."', 'source = "tests"', 'key_steps_heading = "STAGES"', ""]
    for key, label, heading in columns:
        lines += ["[[columns]]", f"key = {_quoted(key)}", f"label = {_quoted(label)}", f"heading = {_quoted(heading)}", ""]
    for number in range(1, steps + 1):
        lines += ["[[steps]]", f"number = {number}", f'title = "Stage {number} of {template_id}"', "timebox_minutes = 5",
                  'prompts = ["First question?", "Second question?", "Third question?"]']
        if phases and number in phases:
            lines.append("phases = [" + ", ".join(_quoted(phase) for phase in phases[number]) + "]")
        if dots and number in dots:
            lines.append(f"dots = {dots[number]}")
        lines.append("")
    return "\n".join(lines)


def write_template(folder: Path, template_id: str, columns, steps: int, **fields) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{template_id}.toml"
    path.write_text(template_toml(template_id, columns, steps, **fields), encoding="utf-8")
    return path
