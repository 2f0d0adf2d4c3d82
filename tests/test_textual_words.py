"""Textual's own words a facilitator sees, in the language in use: the command palette's search
placeholder and its "No matches found", Textual's system commands (Theme, Quit, Keys,
Screenshot, ...), the theme search, the footer's palette key and the hint Ctrl+C gives.

`palette.Palette` repeats one method of Textual 8.2's palette to put in the catalog's "No
matches found": the test below fails if Textual stops calling it or changes what it shows.
"""

from __future__ import annotations

import pytest
from helpers.pilot import fill_session, record_notifications, screen_text, settle, wait_for
from textual.command import CommandInput

from workshop_tui.app import make_app
from workshop_tui.i18n import set_language
from workshop_tui.palette import Palette
from workshop_tui.widgets.footer import AppFooter


@pytest.fixture(params=["fr", "en"])
def language(request):
    set_language(request.param)
    yield request.param
    set_language("en")


WORDS = {
    "fr": ("Chercher une commande…", "Aucun résultat", "Capture d’écran", "Enregistrer une capture SVG de l’écran actuel",
           "Chercher un thème…", "Voulez-vous quitter ?: Appuyez sur ^q pour quitter l’application",
           "Ouvrir la palette de commandes"),
    "en": ("Search for commands…", "No matches found", "Screenshot", "Save an SVG 'screenshot' of the current screen",
           "Search for themes…", "Do you want to quit?: Press ^q to quit the app", "Open the command palette"),
}


async def test_textuals_own_words_are_in_the_language_in_use(store, catalog, template, language):
    search, nothing, screenshot, screenshot_help, themes, quit_hint, palette_tip = WORDS[language]
    fill_session(store, template)
    app = make_app(store, catalog)
    notes = record_notifications(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(AppFooter)
        palette_key = next(key for key in footer.children if key.has_class("-command-palette"))
        assert palette_key.description == "palette" and palette_key.tooltip == palette_tip
        await pilot.press("ctrl+c")  # copies; Textual's hint says which key quits
        await settle(pilot)
        assert quit_hint in [note for _, note in notes]

        await pilot.press("ctrl+p")
        await wait_for(lambda: isinstance(app.screen, Palette) and app.screen.query(CommandInput), pilot)
        assert isinstance(app.screen, Palette)
        assert app.screen.query_one(CommandInput).placeholder == search
        await pilot.press(*"zqxjzqxj")
        await wait_for(lambda: nothing in screen_text(app), pilot, what="no matches")
        await pilot.press(*["backspace"] * 8, *screenshot[:7])
        await wait_for(lambda: screenshot_help in screen_text(app), pilot, what="the screenshot command")
        await pilot.press("escape")
        await settle(pilot)

        app.action_change_theme()
        await wait_for(lambda: isinstance(app.screen, Palette) and app.screen.query(CommandInput), pilot)
        assert app.screen.query_one(CommandInput).placeholder == themes
        await wait_for(lambda: "textual-dark" in screen_text(app), pilot, what="the themes")
        await pilot.press("escape")
        await settle(pilot)
