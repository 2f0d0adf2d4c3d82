"""Templates carry their own translations (`[translations.fr]` in the same TOML file): screens
show the language in use, a session's exports its language, and a page exported in French
reads back; a bad translation table is one line naming the file and the field."""

from __future__ import annotations

from dataclasses import replace

import pytest
from test_export_wikitext import NOW, session_of

from workshop_tui.content import TemplateError, load_catalog, load_template
from workshop_tui.export import export_text, import_text

SEED = "8-steps-partnership"


def test_the_seed_speaks_french(catalog):
    english = catalog.get(SEED)
    french = english.localized("fr_FR.UTF-8")
    assert french.title == "8 étapes vers un partenariat" and french.key_steps_heading == "ÉTAPES CLÉS"
    assert [column.label for column in french.columns] == ["Actions concrètes", "Obstacles possibles", "Outils"]
    assert french.step(1).title == "Travail préliminaire" and french.step(8).title == "Améliorer et développer"
    assert french.step(2).notes.startswith("Selon leur premier contact")
    for one, other in zip(english.steps, french.steps):  # every step translated, nothing else changed
        assert one.title != other.title and len(one.prompts) == len(other.prompts)
        assert (one.number, one.timebox_minutes) == (other.number, other.timebox_minutes)
    assert french.localized("en") == english and english.localized("de") == english
    assert french.localized("en").title == "8 Steps to a Partnership"


def _with(tmp_path, table: str):
    source = (load_catalog().get(SEED).path).read_text(encoding="utf-8").split("\n# The workshop in French")[0]
    path = tmp_path / "t.toml"
    path.write_text(source.replace('id = "8-steps-partnership"', 'id = "t"') + table, encoding="utf-8")
    return path


@pytest.mark.parametrize(("table", "field"), [
    ('\n[translations.fr.columns.nope]\nlabel = "x"\n', "translations.fr.columns.nope"),
    ('\n[[translations.fr.steps]]\nnumber = 9\ntitle = "x"\n', "translations.fr.steps"),
    ('\n[[translations.fr.steps]]\nnumber = 1\nprompts = ["a"]\n', "translations.fr.steps.1.prompts"),
    ('\n[translations.fr]\ntitle = 3\n', "translations.fr.title"),
])
def test_a_bad_translation_table_is_one_line_naming_the_field(tmp_path, table, field):
    path = _with(tmp_path, table)
    with pytest.raises(TemplateError) as refused:
        load_template(path)
    message = str(refused.value)
    assert str(path) in message and field in message and "\n" not in message


def test_a_partial_translation_keeps_the_rest(tmp_path):
    template = load_template(_with(tmp_path, '\n[translations.fr]\ntitle = "Atelier"\n'))
    french = template.localized("fr")
    assert french.title == "Atelier" and french.step(1).title == template.step(1).title


def test_a_french_session_exports_the_french_template_and_reads_back(catalog):
    template = catalog.get(SEED)
    entries = [(1, "action", "Cartographier les partenaires", "Ana"), (3, "tool", "Un agenda partagé", "Bo")]
    data = session_of(template, entries, title="Atelier")
    french = replace(data, info=replace(data.info, language="fr"))
    page = export_text(french, template, "wikitext", now=NOW)
    assert "! ÉTAPES CLÉS !! ACTIONS CONCRÈTES !! OBSTACLES POSSIBLES !! OUTILS pour accompagner les étapes" in page
    assert "'''ÉTAPE 1\u00a0: Travail préliminaire'''" in page and "== 8 étapes vers un partenariat ==" in page
    back = import_text(page, catalog)
    assert back.info.template_id == SEED
    assert [(i.step, i.column, i.text, i.author) for i in back.items] == [
        (i.step, i.column, i.text, i.author) for i in data.items]
    csv = export_text(french, template, "csv")
    assert [(i.step, i.column, i.text) for i in import_text(csv, catalog).items] == [
        (i.step, i.column, i.text) for i in data.items]
    assert "8 Steps to a Partnership" in export_text(data, template, "markdown")  # an English session
