"""The `templates` commands: list the workshop templates with their shape, write a starting file
for a new one into the user templates folder (`templates new ID`), check a file (`templates check FILE`)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from workshop_tui.cli.common import CommandError, load_templates, printable, write_stdout
from workshop_tui.i18n import _
from workshop_tui.text import safe

STARTER = '''# A workshop template: edit it, then run `workshop-tui templates check {path}`.
# Columns: 1 to 6 (key: lowercase letters, digits, '-' or '_'; label: on screens; heading: in exports).
# Steps: 1 to 20, numbered in order; each has 3 to 5 prompts, a timebox in minutes, and may name
# the phases it uses (private, brainstorm, cluster, vote, discuss; brainstorm always; all when left
# out) and the dots each participant gets in its vote (0 to 20; the session's setting when left out).

id = "{id}"
title = "{title}"
description = "When to use it, in one line."
source = "Where the format comes from (a book, an article, a web page)."
introduction = "What the group will do, in a few sentences."
objectives = ["what the workshop should achieve"]
key_steps_heading = "STEPS"

[[columns]]
key = "idea"
label = "Ideas"
heading = "IDEAS"

[[columns]]
key = "question"
label = "Questions"
heading = "OPEN QUESTIONS"

[[steps]]
number = 1
title = "Collect"
timebox_minutes = 10
phases = ["private", "brainstorm", "cluster"]
prompts = [
    "What do you bring to this topic?",
    "What do you want to know?",
    "What worries you?",
]

[[steps]]
number = 2
title = "Choose"
timebox_minutes = 15
dots = 3
phases = ["brainstorm", "vote", "discuss"]
prompts = [
    "Which ideas matter most?",
    "Which questions must be answered first?",
    "Who takes what on?",
]
'''


def cmd_templates(args: argparse.Namespace) -> int:
    if getattr(args, "templates_command", None) == "new":
        return _new(args.template_id)
    if getattr(args, "templates_command", None) == "check":
        return _check(Path(os.fsdecode(args.file)).expanduser())
    from workshop_tui import locations

    catalog = load_templates()
    lines = [f"{t.id}\t{t.title}\t{t.shape}\t{' / '.join(c.label for c in t.columns)}\t{printable(str(t.path))}"
             for t in catalog.templates.values()]
    write_stdout("".join(line + "\n" for line in lines))
    print(safe(_("(add your own: `workshop-tui templates new ID` writes one into {folder})").format(
        folder=locations.user_templates_dir())), file=sys.stderr)
    return 0


def _new(template_id: str) -> int:
    """A starting file in the user templates folder; never over an existing file or id."""
    from workshop_tui import locations
    from workshop_tui.content import COLUMN_KEY

    if not COLUMN_KEY.fullmatch(template_id):
        raise CommandError(_("'{id}' cannot be a template id: use 1 to 24 lowercase letters, digits, "
                             "'-' or '_', starting with a letter").format(id=template_id))
    catalog = load_templates()
    if template_id in catalog.templates:
        raise CommandError(_("a template '{id}' exists already ({path}): choose another id").format(
            id=template_id, path=catalog.templates[template_id].path))
    folder = locations.user_templates_dir()
    path = folder / f"{template_id}.toml"
    text = STARTER.format(id=template_id, title=template_id.replace("-", " ").replace("_", " ").capitalize(),
                          path=path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError:
        raise CommandError(_("{path} exists already: nothing was written (edit it, or choose another id)").format(
            path=path)) from None
    print(printable(str(path)))
    return 0


def _check(path: Path) -> int:
    """Validate one file as the app would load it; TemplateError (one line: file, step, field) otherwise."""
    from workshop_tui.content import load_template

    template = load_template(path)
    catalog = load_templates()
    other = catalog.templates.get(template.id)
    if other is not None and other.path is not None and other.path.resolve() != path.resolve():
        raise CommandError(_("{path}: field 'id': '{id}' is already used by {other}").format(
            path=path, id=template.id, other=other.path))
    print(safe(printable(_("{path}: ok: '{id}', {title}: {shape} ({columns})").format(
        path=path, id=template.id, title=template.title, shape=template.shape,
        columns=", ".join(column.key for column in template.columns)))))
    return 0
