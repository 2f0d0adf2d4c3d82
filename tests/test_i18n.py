"""Languages: choosing one (`--lang`, the environment), the catalogs read at run time, the CLI in French."""

from __future__ import annotations

import pytest

from helpers.cli import run
from workshop_tui import i18n
from workshop_tui.i18n import _, ngettext, po


@pytest.mark.parametrize(("environ", "expected"), [
    ({}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "fr"),
    ({"LANG": "fr_CA"}, "fr"),
    ({"LANG": "de_DE.UTF-8"}, "en"),           # a language without a catalog: English
    ({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8"}, "fr"),
    ({"LANG": "fr_FR.UTF-8", "LC_ALL": "C"}, "en"),
    ({"LC_ALL": "C", "LANGUAGE": "fr"}, "en"),  # GNU gettext: LANGUAGE is ignored in the C locale
    ({"LANG": "en_US.UTF-8", "LANGUAGE": "de:fr:en"}, "fr"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "garbage!!"}, "en"),
    ({"WORKSHOP_TUI_LANG": "fr", "LC_ALL": "C"}, "fr"),  # --lang, handed to the processes it starts
])
def test_the_environment_chooses_the_language(environ, expected):
    assert i18n.from_environment(environ) == expected


def test_lang_option_wins_over_the_environment():
    assert i18n.choose("fr", {"LANG": "en_US.UTF-8"}) == ("fr", None)
    assert _("nothing was saved") == "rien n’a été enregistré"
    assert i18n.choose(None, {"LANG": "en_US.UTF-8"}) == ("en", None)
    assert _("nothing was saved") == "nothing was saved"


def test_an_unknown_lang_option_is_one_line_and_english():
    language, warning = i18n.choose("xx", {"LANG": "fr_FR.UTF-8"})
    assert language == "en"
    assert warning == "unknown language 'xx' (known: en, fr); using English"


def test_plurals_follow_the_language():
    i18n.set_language("fr")
    one, many = "{count} step", "{count} steps"
    assert [ngettext(one, many, n).format(count=n) for n in (0, 1, 2)] == ["0 étape", "1 étape", "2 étapes"]
    i18n.set_language("en")
    assert [ngettext(one, many, n).format(count=n) for n in (0, 1, 2)] == ["0 steps", "1 step", "2 steps"]


def test_using_switches_for_a_block_only():
    with i18n.using("fr") as language:
        assert language == "fr" and _("done") == "faite"
        with i18n.using(None):
            assert _("done") == "faite"
    assert _("done") == "done"


def test_po_parser_reads_what_platforms_write():
    text = '''# header
msgid ""
msgstr ""
"Language: fr\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

#: a.py:1
#, fuzzy
msgid "old"
msgstr "vieux"

msgctxt "menu"
msgid "Open"
msgstr "Ouvrir"

msgid ""
"two "
"lines\\n"
msgstr "deux lignes\\n"

msgid "{n} dot"
msgid_plural "{n} dots"
msgstr[0] "{n} gommette"
msgstr[1] "{n} gommettes"

#~ msgid "gone"
#~ msgstr "parti"
'''
    entries = po.parse(text)
    assert [entry.msgid for entry in entries] == ["", "old", "Open", "two lines\n", "{n} dot"]
    assert entries[1].fuzzy and entries[2].context == "menu"
    catalog = i18n.Catalog("fr", entries)
    assert catalog.gettext("old") == "old"  # fuzzy: not used, as msgfmt does
    assert catalog.pgettext("menu", "Open") == "Ouvrir"
    assert catalog.gettext("two lines\n") == "deux lignes\n"
    assert [catalog.ngettext("{n} dot", "{n} dots", n) for n in (1, 2)] == ["{n} gommette", "{n} gommettes"]
    assert po.parse(po.format_catalog(entries))[3].msgid == "two lines\n"  # written back, read the same


def test_a_broken_po_file_is_one_line():
    with pytest.raises(po.PoError, match="x.po:2: expected a quoted string"):
        po.parse('msgid "a"\nmsgstr oops\n', "x.po")


def test_cli_help_and_errors_in_french(capsys):
    code, out, _err = run(capsys, "--lang", "fr", "--help")
    assert code == 0
    assert "utilisation :" in out and "créer une séance ; affiche son id" in out
    assert "afficher cette aide et quitter" in out
    code, _out, err = run(capsys, "--lang", "fr", "show", "nope")
    assert code == 2 and err.startswith("workshop-tui : erreur : ") and err.count("\n") == 1


def test_cli_french_from_lang_environment(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    code, _out, err = run(capsys, "sessions")
    assert code == 0 and err == "aucune séance pour l’instant : `workshop-tui new TITRE` en crée une\n"
    code, out, err = run(capsys, "--lang", "en", "sessions")  # --lang wins
    assert err == "no sessions yet: `workshop-tui new TITLE` makes one\n"


def test_cli_unknown_lang_warns_once_and_goes_on_in_english(capsys):
    code, _out, err = run(capsys, "--lang", "klingon", "sessions")
    assert code == 0
    assert err == ("workshop-tui: warning: unknown language 'klingon' (known: en, fr); using English\n"
                   "no sessions yet: `workshop-tui new TITLE` makes one\n")


def test_cli_usage_error_in_french(capsys):
    code, _out, err = run(capsys, "--lang=fr", "add")
    assert code == 2
    assert "les arguments suivants sont obligatoires" in err and "(voir `workshop-tui add --help`)" in err


def test_numbers_and_dates_as_each_language_writes_them():
    from datetime import date, datetime

    from workshop_tui.i18n import formats

    assert formats.number(1234567, "en") == "1,234,567" and formats.number(1234567, "fr") == "1\u202f234\u202f567"
    assert formats.number(3.5, "fr", decimals=1) == "3,5" and formats.number(12, "de") == "12"
    assert formats.day(date(2026, 12, 3), "en") == "2026-12-03" and formats.day(date(2026, 12, 3), "fr") == "03/12/2026"
    assert formats.short_moment(datetime(2026, 12, 3, 14, 5, 7), "fr") == "03/12 14:05"
    assert formats.iso_day("03/12/2026 14:05") == "2026-12-03 14:05" and formats.iso_day("14:05") == "14:05"


def test_history_times_are_shown_in_the_language_and_read_back_in_any(monkeypatch):
    from workshop_tui import moments

    monkeypatch.setenv("TZ", "UTC")
    import time

    time.tzset()
    try:
        stamp = "2026-12-03T14:05:07.250000+00:00"
        i18n.set_language("fr")
        shown = moments.shown(stamp)
        assert shown == "03/12/2026 14:05:07"
        assert moments.moment_upto(shown) == "2026-12-03T14:05:07.999999+00:00"
        assert moments.moment_upto("2026-12-03 14:05:07") == "2026-12-03T14:05:07.999999+00:00"
        with pytest.raises(moments.MomentError, match="écrivez-le 03/12/2026 14:05:07"):
            moments.moment_upto("demain")
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_a_session_made_in_french_exports_in_french_from_an_english_command_line(capsys, tmp_path):
    db = str(tmp_path / "s.db")
    code, out, _err = run(capsys, "--db", db, "--lang", "fr", "new", "Atelier", "--facilitator", "Anne")
    assert code == 0
    assert run(capsys, "--db", db, "add", "Atelier", "--step", "1", "--column", "action", "Appeler")[0] == 0
    code, page, _err = run(capsys, "--db", db, "export", "Atelier", "--format", "wikitext")
    assert code == 0 and "== Informations ==" in page and "* Animation: Anne" in page and "'''ÉTAPE 1\u00a0: " in page
    code, _out, err = run(capsys, "--db", db, "sessions")
    assert err == "" and "Atelier" in _out


def test_show_prints_the_workshop_in_the_language_in_use(capsys, tmp_path):
    db = str(tmp_path / "s.db")
    assert run(capsys, "--db", db, "new", "Workshop")[0] == 0
    code, out, _err = run(capsys, "--db", db, "--lang", "fr", "show", "Workshop")
    assert code == 0 and "ÉTAPES" in out and "ACTIONS" in out and "CONCRÈTES" in out and "ÉTAPE 1\u00a0:" in out
    code, page, _err = run(capsys, "--db", db, "--lang", "fr", "export", "Workshop", "--format", "wikitext")
    assert "! KEY STEPS !!" in page  # an English session's export stays English


BAD_TEMPLATE = """id = "bad"
title = "Bad"
[[columns]]
key = "a"
label = "A"
[[steps]]
number = 1
title = "One"
prompts = ["Why?", "How?", "What?"]
timebox_minutes = 0
"""


@pytest.mark.parametrize(("name", "content", "french"), [
    ("bad.csv", "session,step,column,text\nX,abc,action,hello\n",
     "bad.csv : ligne 2 : l’étape 'abc' n’est pas un numéro d’étape"),
    ("bad.csv", "session,step,column,text\nX,1,action,\n", "bad.csv : ligne 2 : "),
    ("bad.json", '{"format": "workshop-tui/session", "items": [{"step": 1, "column": "action"}]}',
     'bad.json : élément 1 : "text" manque'),
    ("bad.json", '{"format": "workshop-tui/session", "items": [{"column": "action", "step": "x"}]}',
     'bad.json : élément 1 : "step" devrait être un nombre entier, pas le texte'),
    ("bad.wiki", '{| class="wikitable"\n! KEY STEPS !! Concrete actions !! Potential obstacles !! Magic\n|-\n'
     '| STEP 1 || a || b || c\n|}\n', "bad.wiki : l’en-tête du tableau de synthèse : colonne inconnue 'Magic'"),
    ("bad.md", "# Title\n\n### STEP 1\n", "bad.md : un export markdown ne peut pas être importé"),
    ("bad.txt", "hello\n", "bad.txt : ce n’est pas un export json, csv ou wikitext de workshop-tui"),
])
def test_an_import_error_is_one_french_line(capsys, tmp_path, name, content, french):
    (tmp_path / name).write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "--db", str(tmp_path / "w.db"), "--lang", "fr", "import", str(tmp_path / name))
    assert (code, out, err.count("\n")) == (2, "", 1)
    assert err.startswith(f"workshop-tui : erreur : {tmp_path / name} : ") and french.split(" : ", 1)[1] in err
    code, _out, err = run(capsys, "--db", str(tmp_path / "w.db"), "--lang", "en", "sessions")
    assert "aucune" not in err and "no sessions yet" in err  # nothing was imported


def test_a_template_error_is_one_french_line(capsys, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(BAD_TEMPLATE, encoding="utf-8")
    code, out, err = run(capsys, "--lang", "fr", "templates", "check", str(path))
    assert (code, out) == (2, "")
    assert err == f"workshop-tui : erreur : {path} : étape 1 : champ « timebox_minutes » : attendu : de 1 à 240, trouvé : 0\n"
    path.write_text(BAD_TEMPLATE.replace('key = "a"', 'key = "A b"'), encoding="utf-8")
    code, out, err = run(capsys, "--lang", "fr", "templates", "check", str(path))
    assert err == (f"workshop-tui : erreur : {path} : colonne 1 « A b » : champ « key » : utilisez de 1 à 24 minuscules, "
                   "chiffres, « - » ou « _ », en commençant par une lettre\n")
    code, out, err = run(capsys, "--lang", "en", "templates", "check", str(path))  # the same in English
    assert err == (f"workshop-tui: error: {path}: column 1 'A b': field 'key': use 1 to 24 lowercase letters, "
                   "digits, '-' or '_', starting with a letter\n")
