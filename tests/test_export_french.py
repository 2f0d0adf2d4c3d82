"""Exports in French: a French session's page says its fixed words in French, and every importer
reads them back.

A session exported in French (its words through the catalog) imports back exactly as an
English export does, whichever language the importing app speaks."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from hypothesis import given, settings
from test_export_wikitext import NOW, facilitated, facilitated_entries, session_of
from test_import_roundtrip import clusters_of, facilitation_key, shown, times_of

from workshop_tui import i18n
from workshop_tui.export import export_text, import_text
from workshop_tui.i18n.words import step_label
from workshop_tui.model import StepState


def _session(template):
    entries = [(1, "action", "Map the partners", "Ana"), (1, "action", "Call them", "Bo"),
               (2, "obstacle", "No time", ""), (5, "tool", "A shared calendar", "Ana")]
    marks = [(2, "x", None, ""), (1, "x", None, ""), (0, None, "Bo", "2026-12-15", "done", True),
             (1, None, "Ana", "", "open", False)]
    data = facilitated(session_of(template, entries, title="Atelier", facilitator="Anne-Laure",
                                  participants=("Ana", "Bo"), place="Paris", date="2026-11-26"), marks,
                       [StepState(step=1, spent_seconds=1020.0)])
    return replace(data, info=replace(data.info, language="fr"), hidden_counts={3: 2})


def _english(data):
    return replace(data, info=replace(data.info, language="en"))


def test_the_wikitext_page_speaks_french(template):
    page = export_text(_session(template), template, "wikitext", now=NOW)  # the screen speaks English
    for french in ("== Informations ==", "* Animation: Anne-Laure", "* Lieu: Paris", "'''ÉTAPE 1\u00a0: ",
                   '<small class="timebox">Durée 15 min · passé 17 min</small>',
                   "'''Groupe de 2 éléments'''", '<small class="votes">(3 votes)</small>',
                   "(suite à donner de la séance précédente, responsable : Bo, échéance 2026-12-15, faite)",
                   "(suite à donner, responsable : Ana)",
                   "''Pas encore dévoilé : l’étape 3 contient 2 éléments écrits en privé ; ils ne sont pas dans ce tableau.''",
                   "== Suites à donner ==", "* ☑ No time — responsable : Bo, échéance 2026-12-15 (étape 2, de la séance précédente, faite)"):
        assert french in page, french
    for english in ("Information ==", "STEP ", "Timebox", "Cluster of", "owner:", "(follow-up", "Not revealed"):
        assert english not in page, english


def test_markdown_and_csv_speak_french(template):
    data = _session(template)
    markdown = export_text(data, template, "markdown", now=NOW)
    csv = export_text(data, template, "csv", now=NOW)
    assert "## Informations" in markdown and "- **Animation:** Anne\\-Laure" in markdown
    assert "### ÉTAPE 1\u00a0\\: " in markdown and "**Groupe de 2 éléments** (3 votes)" in markdown
    assert "*Pas encore dévoilés : 2 éléments écrits en privé dans cette étape ne sont pas affichés.*" in markdown
    assert "Pas encore dévoilés : 2 éléments écrits en privé dans cette étape ne sont pas dans ce fichier." in csv


def test_a_french_page_reads_back_as_the_english_one(catalog, template):
    data = _session(template)
    french = export_text(data, template, "wikitext", now=NOW)
    english = export_text(_english(data), template, "wikitext", now=NOW)
    assert "== Informations ==" in french and "== Information ==" in english
    for language in ("en", "fr"):
        with i18n.using(language):
            from_french, from_english = import_text(french, catalog), import_text(english, catalog)
        assert [facilitation_key(item) for item in from_french.items] == [
            facilitation_key(item) for item in from_english.items]
        assert clusters_of(from_french) == clusters_of(from_english)
        assert from_french.info == from_english.info and from_french.step_states == from_english.step_states
    assert from_french.info.facilitator == "Anne-Laure" and from_french.info.place == "Paris"
    assert [item.followup_status for item in from_french.items if item.followup] == ["done", "open"]


@settings(max_examples=30, deadline=None)
@given(drawn=facilitated_entries())
def test_french_wikitext_round_trip_with_votes_clusters_follow_ups_and_times(catalog, drawn):
    entries, marks, states = drawn
    data = facilitated(session_of(catalog.default, entries), marks, states)
    if not data.items:
        return
    text = export_text(replace(data, info=replace(data.info, language="fr")), catalog.default, "wikitext", now=NOW)
    back = import_text(text, catalog)
    items, clusters = shown(data)
    assert [facilitation_key(item) for item in back.items] == items
    assert clusters_of(back) == clusters
    assert times_of(back, catalog.default) == times_of(data, catalog.default)


LABELS = {"new": "ÉTAPE {n}\u00a0: ", "narrow": "ÉTAPE {n}\u202f: ", "spaced": "ÉTAPE {n} : ", "old": "ÉTAPE {n}: ",
          "english": "STEP {n}: "}


@pytest.mark.parametrize("label", LABELS.values(), ids=LABELS.keys())
def test_a_french_export_imports_back_to_the_same_steps_whatever_its_step_labels(catalog, template, label):
    """French puts a no-break space before the colon ("ÉTAPE 1 : …"); a page any version wrote
    (English "STEP 1:", French "ÉTAPE 1:" before that) reads back to the same steps and titles."""
    seed = catalog.get("8-steps-partnership")
    entries = [(step, "action", f"Idée {step}", "Ana") for step in range(1, 9)]
    data = session_of(seed, entries, title="Atelier")
    data = replace(data, info=replace(data.info, language="fr"))
    page = export_text(data, seed, "wikitext", now=NOW)
    titles = [seed.localized("fr").step(n).title for n in range(1, 9)]
    for n, title in enumerate(titles, start=1):
        assert f"'''ÉTAPE {n}\u00a0: {title}'''" in page
    page = re.sub(r"ÉTAPE (\d+)\u00a0: ", lambda found: label.format(n=found[1]), page)
    back = import_text(page, catalog)
    assert back.info.template_id == seed.id and back.info.step_count == 8
    assert [(item.step, item.column, item.text, item.author) for item in back.items] == [
        (item.step, item.column, item.text, item.author) for item in data.items]


def test_french_step_labels_have_a_no_break_space_before_the_colon(template):
    data = _session(template)
    markdown = export_text(data, template, "markdown", now=NOW)
    page = export_text(data, template, "wikitext", now=NOW)
    assert "ÉTAPE 1\u00a0\\: " in markdown and "ÉTAPE 1\u00a0: " in page
    assert "ÉTAPE 1:" not in page + markdown and "ÉTAPE 1 :" not in page + markdown
    with i18n.using("fr"):
        assert step_label(3, "Titre") == "ÉTAPE 3\u00a0: Titre" and step_label(9, colon=True) == "ÉTAPE 9\u00a0: "
        assert step_label(9) == "ÉTAPE 9"
    assert step_label(3, "Title") == "STEP 3: Title" and step_label(9, colon=True) == "STEP 9: "
