"""The command palette's search: a command is found by its title, and by the words people use for it.

Textual's own provider matches the query against titles only, so "export" found nothing on a
step (the Summary mentions exports only in its help) and "csv" or "wiki" found nothing
anywhere. `SearchableCommands` keeps the fuzzy match on titles (those hits come first) and adds
the commands whose title or help text holds every word typed, each word also read as the
words people use for it (`SYNONYMS`: "csv" finds the exports, "dots" the votes, "undo" the
undo). Prefixes count, so the list narrows as a word is typed; hyphens do not ("followup",
"follow-up" and "follow up" are one).

Textual's own words a facilitator sees are in the catalog too (`TEXTUAL_WORDS`): `Palette` is
Textual's command palette with its search placeholder and its "No matches found" in the language
in use; `translated` gives Textual's system commands (Theme, Quit, Keys, Screenshot, ...) theirs;
the footer translates the palette key's label (`widgets/footer.py`).
"""

from __future__ import annotations

import re
from typing import Iterable

from rich.align import Align
from rich.text import Text
from textual.app import SystemCommand
from textual.command import CommandList, CommandPalette, Hit, Hits
from textual.content import Content
from textual.system_commands import SystemCommandsProvider
from textual.widgets.option_list import Option

from workshop_tui.i18n import N_, _

SEARCH_COMMANDS = N_("Search for commands…")
SEARCH_THEMES = N_("Search for themes…")
NO_MATCHES = N_("No matches found")
# Textual's words, as Textual 8 writes them, translated where they are shown (`_(text)`): the
# system commands' titles and help (`App.get_system_commands`), the palette key's label and
# tooltip in the footer (`App.__init__`), the hint when Ctrl+C is pressed (`action_help_quit`).
TEXTUAL_WORDS = (
    N_("Theme"), N_("Change the current theme"), N_("Quit"), N_("Quit the application as soon as possible"),
    N_("Keys"), N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"), N_("Minimize the widget and restore to normal size"),
    N_("Maximize"), N_("Maximize the focused widget"),
    N_("Screenshot"), N_("Save an SVG 'screenshot' of the current screen"),
    N_("palette"), N_("Open the command palette"),
)

# A word typed -> other words that find the same commands (all lowercase, hyphens dropped).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "csv": ("export",), "spreadsheet": ("csv", "export"), "excel": ("csv", "export"),
    "wiki": ("wikitext", "export", "publish"), "mediawiki": ("wikitext", "publish"),
    "markdown": ("export",), "json": ("export",), "save": ("export",), "download": ("export",),
    "file": ("export",), "clipboard": ("copy", "export"), "copy": ("export",),
    "timer": ("timebox", "clock", "time"), "clock": ("timer", "timebox"), "time": ("timer", "timebox", "agenda"),
    "timebox": ("timer", "agenda"), "countdown": ("timer",), "minute": ("timebox",),
    "vote": ("dots", "dot", "voting"), "votes": ("dots", "vote"), "dot": ("vote",), "dots": ("vote",),
    "voting": ("vote",), "poll": ("vote",),
    "followup": ("followups", "commitment"), "commitment": ("followup",), "todo": ("followup",),
    "owner": ("followup",), "due": ("followup",), "task": ("followup",),
    "presenter": ("presenter", "projector", "shared"), "present": ("presenter",), "projector": ("presenter",),
    "beamer": ("presenter", "projector"), "fullscreen": ("presenter",), "shared": ("presenter",),
    "agenda": ("agenda", "timebox", "plan"), "plan": ("agenda",), "schedule": ("agenda",),
    "undo": ("undo", "restore", "back"), "restore": ("undo",), "undelete": ("undo",),
    "cluster": ("merge", "split"), "group": ("merge", "cluster"), "combine": ("merge",),
    "phase": ("phase",), "brainstorm": ("phase",), "discuss": ("phase",),
    "participant": ("speaker", "participant"), "author": ("speaker",), "person": ("speaker", "participant"),
    "who": ("speaker",), "name": ("speaker", "participant", "rename"),
    "keys": ("help",), "shortcut": ("help",), "theme": ("theme", "projector"), "light": ("projector", "theme"),
    "summary": ("summary", "table"), "table": ("summary",), "step": ("step",), "exit": ("quit",),
    "close": ("quit", "back"), "leave": ("quit", "back", "sessions"),
}


def _normal(text: str) -> str:
    return text.lower().replace("-", "").replace("‐", "")


def words(text: str) -> list[str]:
    """The words of `text`, lowercase, hyphens dropped ("Follow-ups" -> "followups")."""
    return re.findall(r"\w+", _normal(text))


def mentions(query: str, text: str) -> bool:
    """Whether every word of `query` (or a word people use for it) begins a word of `text`."""
    typed = words(query)
    if not typed:
        return False
    candidates = words(text)

    def found(word: str) -> bool:
        alternatives = (word, *SYNONYMS.get(word, ()), *SYNONYMS.get(word.removesuffix("s"), ()))
        return any(candidate.startswith(alternative) for alternative in alternatives for candidate in candidates)

    # "follow up" typed as two words is also "followup"
    return all(found(word) for word in typed) or (len(typed) > 1 and found("".join(typed)))


class SearchableCommands(SystemCommandsProvider):
    """The app's system commands, found by title (fuzzy) or by the words of their help."""

    WORD_SCORE = 0.5  # below any title match, so what the title says comes first

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        searchable = len(query.strip()) >= 2
        for title, help_text, callback, *_ in self.app.get_system_commands(self.screen):
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
            elif searchable and mentions(query, f"{title} {help_text}"):
                yield Hit(self.WORD_SCORE, Content(title), callback, text=title, help=help_text)



def translated(commands: Iterable[SystemCommand]) -> Iterable[SystemCommand]:
    """Textual's system commands with their title and help in the language in use."""
    for command in commands:
        yield command._replace(title=_(command.title), help=_(command.help))


class Palette(CommandPalette):
    """Textual's command palette, its words from the catalog."""

    def __init__(self, *args, placeholder: str | None = None, **kwargs) -> None:
        super().__init__(*args, placeholder=placeholder or _(SEARCH_COMMANDS), **kwargs)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual 8.2 writes "No matches found" as a literal inside this method, so it is
        # repeated here with the catalog's words (tests/test_textual_words.py notices a change).
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(_(NO_MATCHES), style="not bold")), disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


class TextualWords:
    """An app mixin: Textual's own palette, theme search and Ctrl+C hint in the language in use."""

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[attr-defined]
            self.push_screen(Palette(id="--command-palette"))  # type: ignore[attr-defined]

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        self.push_screen(Palette(providers=[ThemeProvider], placeholder=_(SEARCH_THEMES)))  # type: ignore[attr-defined]

    def action_help_quit(self) -> None:
        """Ctrl+C does not quit (it copies): say which key does, as Textual does, in our words."""
        for key, active in self.active_bindings.items():  # type: ignore[attr-defined]
            if active.binding.action in ("quit", "app.quit"):
                self.notify(_("Press {key} to quit the app").format(key=self.get_key_display(active.binding)),  # type: ignore[attr-defined]
                            title=_("Do you want to quit?"), markup=False)
                return
