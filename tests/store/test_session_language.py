"""A session remembers its language (schema 6): its exports are in it, whatever the screen speaks.

Sessions from an older store migrate with no language ("") and export exactly as before, in
English; a new session takes the language in use (or the one asked for); continuing, importing
a JSON export and merging keep it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from workshop_tui import i18n
from workshop_tui.export import export_text, import_text
from workshop_tui.merge import merge_sessions
from workshop_tui.store import migrations, open_store
from workshop_tui.store.errors import InvalidInputError


@pytest.fixture
def french():
    i18n.set_language("fr")
    yield
    i18n.set_language("en")


def _new(store, template, title="Atelier", **options):
    info = store.create_session(title, template_id=template.id, step_count=template.step_count,
                                facilitator="Anne-Laure", **options)
    store.add_item(info.id, 1, "action", "Cartographier les partenaires", author="Ana")
    return info


def test_a_new_session_takes_the_language_in_use(store, template, french):
    info = _new(store, template)
    assert info.language == "fr" and store.get_session(info.id).language == "fr"
    i18n.set_language("en")  # the screen now speaks English: the session's exports stay French
    page = export_text(store.session_data(info.id), template, "wikitext")
    assert "== Informations ==" in page and "* Animation: Anne-Laure" in page and "'''ÉTAPE 1\u00a0: " in page


def test_a_language_asked_for_and_changed(store, template):
    info = _new(store, template, language="fr_FR.UTF-8")
    assert info.language == "fr"
    assert store.update_session(info.id, language="en").language == "en"
    assert "== Information ==" in export_text(store.session_data(info.id), template, "wikitext")
    with pytest.raises(InvalidInputError, match=r"^unknown language 'xx' \(known: en, fr\)$"):
        store.update_session(info.id, language="xx")
    with pytest.raises(InvalidInputError):
        _new(store, template, "Other", language="klingon")
    assert store.get_session(info.id).language == "en"


def test_continuing_importing_and_merging_keep_it(store, template, catalog, french):
    info = _new(store, template)
    assert store.continue_session(info.id, "Suite").language == "fr"
    data = store.session_data(info.id)
    text = export_text(data, template, "json")
    assert '"language": "fr"' in text
    i18n.set_language("en")
    back = import_text(text, catalog)
    assert back.info.language == "fr" and store.import_session(back).language == "fr"
    assert merge_sessions(data, data, title="Both").info.language == "fr"
    assert import_text(text.replace('"language": "fr"', '"language": "tlh"'), catalog).info.language == ""


@pytest.mark.parametrize("backend", ["sqlite"])
def test_an_older_store_migrates_and_its_sessions_export_as_before(location, catalog, template):
    from test_migration_v3 import _make_v2_store

    _make_v2_store(location, "sqlite")
    with open_store(location) as store:
        sessions = store.list_sessions()
        assert sessions and {info.language for info in sessions} == {""}
        english = [export_text(store.session_data(info.id), template, "wikitext") for info in sessions]
        i18n.set_language("fr")
        try:  # a French screen: the old sessions' exports do not change
            assert [export_text(store.session_data(info.id), template, "wikitext") for info in sessions] == english
            json = export_text(store.session_data(sessions[0].id), template, "json")
        finally:
            i18n.set_language("en")
        assert '"language"' not in json
    assert migrations.SCHEMA_VERSION >= 6


def test_a_session_without_a_language_exports_in_english(store, template):
    info = _new(store, template, language="fr")
    data = store.session_data(info.id)
    gone = replace(data, info=replace(data.info, language=""))
    assert "== Information ==" in export_text(gone, template, "wikitext")
