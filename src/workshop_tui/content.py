"""Workshop templates: loading and validating the TOML files in `content/`.

A template is data: the workshop's id, title, a line on when to use it, introduction and
objectives, its shape (its columns: 1 to 6, each a key, a label for screens and a heading for
the summary table; its steps: 1 to 20), and per step the title, introduction, facilitator
prompts and notes, suggested timebox, the phases it uses and its dots. Templates are found in the bundled `content/` folder and in the user
templates folder; a file dropped into either is picked up with no code change.

Errors name the file, the step and the field that is wrong, in one line.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from workshop_tui.i18n import _, ngettext, normalize
from workshop_tui.model import MAX_COLUMNS, PHASES, SessionInfo
from workshop_tui.template_fields import TemplateError, _Checker
from workshop_tui.template_text import TemplateText, TranslationError, read_translations
from workshop_tui.text import safe

MIN_PROMPTS, MAX_PROMPTS = 3, 5
MAX_STEPS = 20
MAX_DOTS = 20
COLUMN_KEY = re.compile(r"[a-z][a-z0-9_-]{0,23}")
"""A column's key: what the store, the csv files and `add --column` name it by."""


@dataclass(frozen=True)
class Column:
    key: str  # lowercase letters, digits, '-', '_' (`COLUMN_KEY`): "action"
    label: str  # short, for screens: "Concrete actions"
    heading: str  # for the summary table: "CONCRETE ACTIONS"


@dataclass(frozen=True)
class Step:
    number: int
    title: str
    prompts: tuple[str, ...]
    timebox_minutes: int
    introduction: str = ""
    notes: str = ""  # for the facilitator only; hidden in presenter mode
    phases: tuple[str, ...] = PHASES  # the phases it uses, in `PHASES` order; brainstorm always
    dots: int | None = None  # dots per participant in its vote; None: the session's setting


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    introduction: str
    objectives: tuple[str, ...]
    key_steps_heading: str
    columns: tuple[Column, ...]
    steps: tuple[Step, ...]
    source: str = ""
    path: Path | None = None
    description: str = ""  # when to use it, in a line
    translations: dict[str, TemplateText] = field(default_factory=dict, compare=False, repr=False)
    base: Template | None = field(default=None, compare=False, repr=False)  # the untranslated one

    def localized(self, language: str | None) -> Template:
        """The template in `language` where its file translates it (`template_text`), else as
        written; from any localized copy, back to any language."""
        return localize(self.base or self, language)

    def step(self, number: int) -> Step:
        return self.steps[number - 1]

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)

    @property
    def step_count(self) -> int:
        return len(self.steps)

    @property
    def column_keys(self) -> tuple[str, ...]:
        return tuple(column.key for column in self.columns)

    @property
    def shape(self) -> str:
        """`3 columns, 8 steps`: what `templates` and the start screen say of it."""
        columns, steps = len(self.columns), self.step_count
        return _("{columns}, {steps}").format(
            columns=ngettext("{count} column", "{count} columns", columns).format(count=columns),
            steps=ngettext("{count} step", "{count} steps", steps).format(count=steps))

    def shaped(self, keys: tuple[str, ...]) -> Template:
        """This template with exactly these columns, in this order: a session keeps its shape
        even if its template was edited since (a column the template lost is named by its key)."""
        if keys == self.column_keys or not keys:
            return self
        known = {column.key: column for column in self.columns}
        columns = tuple(known.get(key) or Column(key=key, label=key, heading=key.upper()) for key in keys)
        return replace(self, columns=columns)


def parse_template(data: dict, path: Path) -> Template:
    """Validate a template's parsed TOML; raise TemplateError naming what is wrong."""
    check = _Checker(path)
    template_id = check.text(data, "id")
    if not all(c.isalnum() or c in "-_." for c in template_id):
        raise check.fail("id", _("use only letters, digits, '-', '_' and '.'"))
    columns = _parse_columns(check, data)
    steps = _parse_steps(path, check.tables(data, "steps"))
    description = check.text(data, "description", required=False) or check.text(data, "when", required=False)
    return Template(
        id=template_id,
        title=check.text(data, "title"),
        introduction=check.text(data, "introduction", required=False),
        objectives=check.texts(data, "objectives", 0, 20),
        key_steps_heading=check.text(data, "key_steps_heading", required=False) or "KEY STEPS",
        columns=columns,
        steps=steps,
        source=check.text(data, "source", required=False),
        path=path,
        description=description,
        translations=_translations(check, data, steps, columns),
    )


def _translations(check: _Checker, data: dict, steps: tuple[Step, ...], columns: tuple[Column, ...]):
    try:
        return read_translations(data.get("translations"), len(steps), tuple(column.key for column in columns),
                                 {step.number: len(step.prompts) for step in steps}, clean=safe)
    except TranslationError as error:
        raise check.fail(error.field_name, error.problem) from None


def localize(template: Template, language: str | None) -> Template:
    """`template` (untranslated) with the words of its `language` table put in."""
    words = template.translations.get(normalize(language) or "") if language else None
    if words is None:
        return template
    columns = tuple(replace(column, label=words.columns.get(column.key, ("", ""))[0] or column.label,
                            heading=words.columns.get(column.key, ("", ""))[1] or column.heading)
                    for column in template.columns)
    steps = []
    for step in template.steps:
        text = words.steps.get(step.number)
        if text is not None:
            step = replace(step, title=text.title or step.title, introduction=text.introduction or step.introduction,
                           notes=text.notes or step.notes, prompts=text.prompts or step.prompts)
        steps.append(step)
    changes = {name: getattr(words, name) for name in ("title", "introduction", "key_steps_heading", "description")
               if getattr(words, name) and hasattr(template, name)}
    return replace(template, **changes, objectives=words.objectives or template.objectives, columns=columns,
                   steps=tuple(steps), base=template)


def _parse_columns(check: _Checker, data: dict) -> tuple[Column, ...]:
    tables = check.tables(data, "columns")
    if not 1 <= len(tables) <= MAX_COLUMNS:
        raise check.fail("columns", _("expected 1 to {highest} [[columns]], got {count}").format(
            highest=MAX_COLUMNS, count=len(tables)))
    columns: list[Column] = []
    for index, table in enumerate(tables, start=1):
        key = table.get("key")
        column_check = _Checker(check.path, _("column {number} '{key}'").format(number=index, key=key)
                                if isinstance(key, str) else _("column {number}").format(number=index))
        key = column_check.text(table, "key")
        if not COLUMN_KEY.fullmatch(key):
            raise column_check.fail("key", _("use 1 to 24 lowercase letters, digits, '-' or '_', starting with a letter"))
        if key in (column.key for column in columns):
            raise column_check.fail("key", _("'{key}' is used by another column").format(key=key))
        label = column_check.text(table, "label")
        heading = column_check.text(table, "heading", required=False) or label
        columns.append(Column(key=key, label=label, heading=heading))
    return tuple(columns)


def _parse_steps(path: Path, tables: list[dict]) -> tuple[Step, ...]:
    if not 1 <= len(tables) <= MAX_STEPS:
        raise _Checker(path).fail("steps", _("expected 1 to {highest} steps, got {count}").format(
            highest=MAX_STEPS, count=len(tables)))
    steps = []
    for index, table in enumerate(tables, start=1):
        check = _Checker(path, _("step {number}").format(number=table.get("number", index)))
        number = check.integer(table, "number", 1, MAX_STEPS)
        if number != index:
            raise check.fail("number", _("steps must be numbered 1, 2, 3... in order; expected {number}").format(number=index))
        steps.append(
            Step(
                number=number,
                title=check.text(table, "title"),
                prompts=check.texts(table, "prompts", MIN_PROMPTS, MAX_PROMPTS),
                timebox_minutes=check.integer(table, "timebox_minutes", 1, 240),
                introduction=check.text(table, "introduction", required=False),
                notes=check.text(table, "notes", required=False),
                phases=_phases(check, table),
                dots=check.integer(table, "dots", 0, MAX_DOTS) if "dots" in table else None,
            )
        )
    return tuple(steps)


def _phases(check: _Checker, table: dict) -> tuple[str, ...]:
    """The phases a step uses (every phase when not given), in `PHASES` order; brainstorm always."""
    if "phases" not in table:
        return PHASES
    named = check.texts(table, "phases", 1, len(PHASES))
    unknown = [phase for phase in named if phase not in PHASES]
    if unknown:
        raise check.fail("phases", _("unknown phase '{phase}': use {known}").format(phase=unknown[0], known=", ".join(PHASES)))
    if "brainstorm" not in named:
        raise check.fail("phases", _("every step uses brainstorm (a step starts in it)"))
    return tuple(phase for phase in PHASES if phase in named)


def load_template(path: Path) -> Template:
    """Read and validate one template file."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise TemplateError(_("{path}: cannot read: {error}").format(path=path, error=error.strerror or error)) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise TemplateError(_("{path}: not UTF-8 text").format(path=path)) from None
    except tomllib.TOMLDecodeError as error:
        raise TemplateError(_("{path}: not valid TOML: {error}").format(path=path, error=error)) from None
    return parse_template(data, path)


@dataclass(frozen=True)
class Catalog:
    """The templates found, by id, and one line for each file that could not be used."""

    templates: dict[str, Template]
    problems: tuple[str, ...] = ()

    def get(self, template_id: str) -> Template:
        try:
            return self.templates[template_id]
        except KeyError:
            known = ", ".join(sorted(self.templates)) or _("none")
            raise TemplateError(_("unknown template '{id}' (known: {known})").format(id=template_id, known=known)) from None

    def for_session(self, info: SessionInfo) -> Template:
        """The template a session runs (the default if its own is gone), in the session's shape."""
        template = self.templates.get(info.template_id) or self.default
        return template.shaped(info.columns)

    @property
    def default(self) -> Template:
        if not self.templates:
            raise TemplateError("; ".join(self.problems) or _("no workshop templates found"))
        return self.templates.get(DEFAULT_TEMPLATE_ID) or next(iter(self.templates.values()))


DEFAULT_TEMPLATE_ID = "8-steps-partnership"


def load_catalog(*folders: Path) -> Catalog:
    """All templates in the given folders; an earlier folder wins a clash of ids.

    With no folders: the bundled `content/` and then the user templates folder.
    """
    if not folders:
        from workshop_tui import locations

        folders = (locations.bundled_content_dir(), locations.user_templates_dir())
    templates: dict[str, Template] = {}
    problems: list[str] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                template = load_template(path)
            except TemplateError as error:
                problems.append(str(error))
                continue
            if template.id in templates:
                problems.append(_("{path}: field 'id': '{id}' is already used by {other}").format(
                    path=path, id=template.id, other=templates[template.id].path))
                continue
            templates[template.id] = template
    if not templates:
        problems.append(_("no workshop templates found in {folders}").format(folders=", ".join(str(f) for f in folders)))
    return Catalog(templates=templates, problems=tuple(problems))
