"""The phone page's words, in the language its browser asks for (`Accept-Language`).

The page (`static/index.html`) is written in English; `page_text` translates its text nodes and
`aria-label`s (`HTML_WORDS`), sets `<html lang>`, and adds a JSON block (`#words`) of the
script's words (`SCRIPT_WORDS`, each `t("...")` of `static/phone.js`, English -> translated), which
the script fills in (`{name}` placeholders). A translation is text: escaped for HTML, and the
script puts it in with `textContent`. `tests/test_phone_words.py` checks these lists against
the files.
"""

from __future__ import annotations

import html
import json

from workshop_tui.i18n import N_, _, available, current, normalize, using

HTML_WORDS = (
    N_("Connecting…"),
    N_("Join the session"),
    N_("Your name"),
    N_("Join"),
    N_("Your name goes with the items you add. Only you can change or delete them."),
    N_("Previous step"),
    N_("Next step"),
    N_("What this step asks"),
    N_("Column"),
    N_("Your item"),
    N_("Add"),
    N_("Undo"),
    N_("Terminal view"),
    N_("Steps"),
)

SCRIPT_WORDS = (
    N_("This link has ended: ask the facilitator for the new one"),
    N_("The session is full: ask the facilitator"),
    N_("reconnecting… {count} waiting to send"),
    N_("reconnecting…"),
    N_("Saving {count}…"),
    N_("Saved · live"),
    N_("Connected"),
    N_("You are {name}"),
    N_("The facilitator is on step {step}: you follow once your edit is saved or cancelled."),
    N_("Now: step {step} of {steps}, {title}"),
    N_("Step {step} of {steps}"),
    N_("{left} of {count} dots left"),
    N_("Back to step {step} (the facilitator's)"),
    N_("Nothing here yet."),
    N_("New item in {column}"),
    N_("New item in this column"),
    N_("Voting is on: new items wait until the facilitator moves on. Your text stays here."),
    N_("New in {column} from {name}: {text}"),
    N_("New in {column}: {text}"),
    N_("{count} new items"),
    N_("{name} (you)"),
    N_("anonymous"),
    N_("{count} of your dots"),
    N_("only you see it until the facilitator reveals it"),
    N_("grouped with {count} more"),
    N_("waits until voting ends"),
    N_("saving…"),
    N_("waiting to send"),
    N_("Edit your item: {text}"),
    N_("Edit"),
    N_("Delete your item: {text}"),
    N_("Delete"),
    N_("+ Dot"),
    N_("Place a dot on: {text}"),
    N_("− Dot"),
    N_("Take a dot back from: {text}"),
    N_("Type something first."),
    N_("Edit your item"),
    N_("Save"),
    N_("Cancel"),
    N_("Deleted: {text}"),
    N_("Deleted “{text}”"),
    N_("{time} left"),
    N_("{time} left (paused)"),
    N_("{time} over"),
    N_("Type your name first."),
    N_("Not connected yet: joining as soon as the server answers."),
)


def page_language(accept_language: str) -> str:
    """The first language of an `Accept-Language` header the app speaks (by its q weights),
    else the server's own."""
    wanted = []
    for position, part in enumerate(accept_language.split(",")[:20]):
        tag, _semicolon, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        wanted.append((-weight, position, tag.strip()))
    for _weight, _position, tag in sorted(wanted):
        found = normalize(tag) if tag and tag != "*" else None
        if found in available():
            return found
    return current()


def page_text(page: str, language: str) -> str:
    """The page (its template already filled in) in `language`."""
    with using(language):
        for word in HTML_WORDS:
            shown = html.escape(_(word), quote=True)
            page = page.replace(f">{word}<", f">{shown}<").replace(f'aria-label="{word}"', f'aria-label="{shown}"')
        words = {word: _(word) for word in SCRIPT_WORDS if _(word) != word}
    block = json.dumps(words, ensure_ascii=False).replace("<", "\\u003c")
    page = page.replace('<html lang="en">', f'<html lang="{html.escape(language)}">', 1)
    return page.replace("</body>", f'<script type="application/json" id="words">{block}</script>\n</body>', 1)
