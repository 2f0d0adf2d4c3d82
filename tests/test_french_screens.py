"""The app in French: the start, step and summary screens speak French (`--lang fr` or LANG),
and nothing is cut at 80x24 (snapshots, looked at). Typed text stays exactly as typed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from helpers.pilot import fill_session, screen_text, settle
from helpers.pilot import keys

from workshop_tui.app import make_app
from workshop_tui.i18n import set_language


@pytest.fixture
def french():
    set_language("fr")
    yield
    set_language("en")


@pytest.fixture
def app(store, catalog, template, french):
    fill_session(store, template)
    workshop = make_app(store, catalog)
    workshop.cursor_blink = False
    return workshop


async def test_start_and_step_screens_speak_french(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        start = screen_text(app)
        for french in ("démarrer ou reprendre un atelier", "Séances", "Nouvelle séance", "Titre", "Atelier",
                       "Créer la séance", "Nouvelle", "Poursuivre", "Renommer", "Aide", "Quitter"):
            assert french in start, french
        for english in ("Sessions", "New session", "Create session", "Rename", "Help", " Quit "):
            assert english not in start, english
        await pilot.press("enter")
        await settle(pilot)
        step = screen_text(app)
        for french in ("Étape 1 sur 8", "ÉTAPE 1", "Travail préliminaire", "Actions concrètes", "Obstacles possibles",
                       "BRAINSTORM", "Groupement", "Orateur : Anne", "Minuteur", "3 éléments"):
            assert french in step, french
        assert "[bold]x" in step and "[@click=app.quit]" in step  # typed text as typed
        for english in ("Step 1 of 8", "STEP 1", "Speaker", "Timer", "Preliminary Work", "Concrete actions"):
            assert english not in step, english
        await pilot.press("ctrl+s")
        await settle(pilot)
        summary = screen_text(app)
        assert "Synthèse · Partnership workshop" in summary and "Historique" in summary and "Vers l’étape" in summary


def test_french_start_screen(snap_compare, app):
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys())


def test_french_step_screen(snap_compare, app):
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys("enter"))


def test_french_summary_screen(snap_compare, app):
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys("enter", "ctrl+s"))


def test_french_help_screen(snap_compare, app):
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys("enter", "f1"))


def test_the_command_line_speaks_the_environment_s_language(tmp_path):
    """A real process, as a French user runs it: LANG chooses, --lang overrides."""
    db = str(tmp_path / "fr.db")
    env = {**os.environ, "LANG": "fr_FR.UTF-8", "WORKSHOP_TUI_DB": db}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "workshop_tui", *args], capture_output=True, text=True,
                              env=env, timeout=60)

    assert run("sessions").stderr == "aucune séance pour l’instant : `workshop-tui new TITRE` en crée une\n"
    assert run("new", "Atelier").returncode == 0
    done = run("add", "1", "--step", "9", "--column", "action", "x")
    assert done.returncode == 2 and done.stderr.startswith("workshop-tui : erreur : ")
    assert "Traceback" not in done.stderr
    assert "utilisation :" in run("--help").stdout
    assert "usage:" in run("--lang", "en", "--help").stdout
    unknown = run("--lang", "tlh", "sessions")
    assert unknown.returncode == 0 and unknown.stderr.startswith("workshop-tui: warning: unknown language 'tlh'")


def test_french_export_dialog(snap_compare, app):
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys("enter", "ctrl+s", "e"))


async def test_the_french_template_list_is_in_the_order_of_its_french_titles(store, catalog, french, isolated_dirs):
    """The new-session form lists the templates by the title shown, accents and case aside:
    "Évaluation à chaud" with the E's, not after the Z's."""
    from textual.widgets import Select
    from textual.widgets._select import SelectOverlay

    from helpers.templates import write_template
    from workshop_tui import locations
    from workshop_tui.content import load_catalog
    from workshop_tui.i18n.formats import sort_key

    columns = (("a", "A", "A"), ("b", "B", "B"))
    for template_id, title in (("hot", "Évaluation à chaud"), ("end", "fin de projet"), ("zed", "Zénith")):
        write_template(locations.user_templates_dir(), template_id, columns, 2, title=title)
    app = make_app(store, load_catalog())
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        select = app.screen.query_one("#field-template", Select)
        select.focus()
        await pilot.press("enter")  # the list opens, as a person sees it
        await settle(pilot)
        overlay = app.screen.query_one(SelectOverlay)
        shown = [str(overlay.get_option_at_index(n).prompt) for n in range(overlay.option_count)]
        assert shown == [
            "8 étapes vers un partenariat", "Analyse SWOT", "Évaluation à chaud", "fin de projet",
            "Lancement de projet", "Lean Coffee", "Les 4L : aimé, appris, manqué, désiré",
            "Mad, Sad, Glad (fâché, triste, content)", "Pré-mortem de projet",
            "Start, Stop, Continue (commencer, arrêter, continuer)", "Zénith"]
        assert shown == sorted(shown, key=sort_key)
        assert select.value == "8-steps-partnership"  # the default stays chosen


def test_titles_sort_with_accents_and_case_aside():
    from workshop_tui.i18n.formats import sort_key

    titles = ["Zénith", "étape", "Évaluation", "eau", "Fin", "Été", "ete", "Œuvre", "oeuvre", "ﬁn"]
    assert sorted(titles, key=sort_key) == ["eau", "étape", "ete", "Été", "Évaluation", "Fin", "ﬁn", "oeuvre",
                                            "Œuvre", "Zénith"]
