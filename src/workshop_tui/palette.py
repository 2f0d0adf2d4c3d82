"""The command palette's search: a command is found by its title, and by the words people use for it.

Textual's own provider matches the query against titles only, so "export" found nothing on a
step (the Summary mentions exports only in its help) and "csv" or "wiki" found nothing
anywhere. `SearchableCommands` keeps the fuzzy match on titles (those hits come first) and adds
the commands whose title or help text holds every word typed, each word also read as the
words people use for it (`SYNONYMS`: "csv" finds the exports, "dots" the votes, "undo" the
undo). Prefixes count, so the list narrows as a word is typed; hyphens do not ("followup",
"follow-up" and "follow up" are one).
"""

from __future__ import annotations

import re
from textual.command import Hit, Hits
from textual.content import Content
from textual.system_commands import SystemCommandsProvider

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

