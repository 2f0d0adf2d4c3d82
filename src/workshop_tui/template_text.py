"""A workshop template's own translations: the `[translations.<code>]` tables of its TOML file.

A table gives, in one language, any of the template's words: `title`, `description`,
`introduction`, `objectives`, `key_steps_heading`; per column (`[translations.fr.columns.<key>]`)
its `label` and `heading`; per step (`[[translations.fr.steps]]` with its `number`) its `title`,
`introduction`, `notes` and `prompts`. What a table leaves out stays as the template says it.
`content.Template.localized(code)` puts them in; screens use the language in use, exports the
session's. Pure: reading and checking only (errors name the field, `TranslationError`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from workshop_tui.i18n import _, normalize

TEXTS = ("title", "description", "introduction", "key_steps_heading")
STEP_TEXTS = ("title", "introduction", "notes")
MAX_TEXT = 10_000


class TranslationError(ValueError):
    """A translation table that cannot be used: `field` is where, the text says why."""

    def __init__(self, field_name: str, problem: str) -> None:
        super().__init__(f"field '{field_name}': {problem}")
        self.field_name, self.problem = field_name, problem


@dataclass(frozen=True)
class StepText:
    title: str = ""
    introduction: str = ""
    notes: str = ""
    prompts: tuple[str, ...] = ()


@dataclass(frozen=True)
class TemplateText:
    """One language's words for a template; "" or () where the template's own stay."""

    title: str = ""
    description: str = ""
    introduction: str = ""
    key_steps_heading: str = ""
    objectives: tuple[str, ...] = ()
    columns: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (label, heading)
    steps: dict[int, StepText] = field(default_factory=dict)


def _text(table: dict, name: str, where: str, clean: Callable[[str], str]) -> str:
    value = table.get(name, "")
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise TranslationError(f"{where}{name}", _("expected text of at most {count} characters").format(count=MAX_TEXT))
    return clean(value).strip()


def _texts(table: dict, name: str, where: str, clean: Callable[[str], str]) -> tuple[str, ...]:
    value = table.get(name, [])
    if not isinstance(value, list) or len(value) > 50 or not all(isinstance(each, str) for each in value):
        raise TranslationError(f"{where}{name}", _("expected a list of texts"))
    return tuple(clean(each).strip() for each in value)


def read_translations(table: object, step_count: int, column_keys: tuple[str, ...],
                      prompt_counts: dict[int, int] | None = None, *,
                      clean: Callable[[str], str] = str) -> dict[str, TemplateText]:
    """The `translations` table: language code -> its words (each through `clean`), checked
    against the template's steps and columns (a step or column it does not have is refused)."""
    if table is None:
        return {}
    if not isinstance(table, dict):
        raise TranslationError("translations", _("expected a table of languages ([translations.fr])"))
    found: dict[str, TemplateText] = {}
    for code, words in table.items():
        where = f"translations.{code}."
        language = normalize(str(code))
        if language is None and not str(code).isalpha():
            raise TranslationError(f"translations.{code}", _("expected a language code, such as fr"))
        if not isinstance(words, dict):
            raise TranslationError(f"translations.{code}", _("expected a table"))
        columns = {}
        for key, column in (words.get("columns") or {}).items():
            if key not in column_keys or not isinstance(column, dict):
                raise TranslationError(f"{where}columns.{key}", _("no such column (the template has {keys})").format(
                    keys=", ".join(column_keys)))
            columns[key] = (_text(column, "label", f"{where}columns.{key}.", clean),
                            _text(column, "heading", f"{where}columns.{key}.", clean))
        steps = {}
        for index, step in enumerate(words.get("steps") or [], start=1):
            number = step.get("number", index) if isinstance(step, dict) else None
            if not isinstance(number, int) or not 1 <= number <= step_count:
                raise TranslationError(f"{where}steps", _("expected steps numbered 1 to {count}").format(count=step_count))
            at = f"{where}steps.{number}."
            prompts = _texts(step, "prompts", at, clean)
            wanted = (prompt_counts or {}).get(number)
            if prompts and wanted is not None and len(prompts) != wanted:
                raise TranslationError(f"{at}prompts", _("expected {count} prompts, as the step has").format(count=wanted))
            steps[number] = StepText(*(_text(step, name, at, clean) for name in STEP_TEXTS), prompts=prompts)
        found[language or str(code).lower()] = TemplateText(
            *(_text(words, name, where, clean) for name in TEXTS), objectives=_texts(words, "objectives", where, clean),
            columns=columns, steps=steps)
    return found
