"""The phone page speaks its browser's language (`Accept-Language`): the page's words and the
script's, from the catalog; every word the script shows is one the catalog knows."""

from __future__ import annotations

import json
import re
from pathlib import Path

from test_phone_protocol import room  # noqa: F401 - the fixture
from test_serve_guard import run_client

from workshop_tui.serve.phone import words
from workshop_tui.serve.server import ParticipantServer

STATIC = Path(__file__).resolve().parents[1] / "src" / "workshop_tui" / "serve" / "phone" / "static"


def test_every_word_the_script_shows_is_in_the_catalog():
    script = (STATIC / "phone.js").read_text(encoding="utf-8")
    assert set(re.findall(r'\bt\("((?:[^"\\]|\\.)*)"', script)) == set(words.SCRIPT_WORDS)
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    shown = {text.strip() for text in re.findall(r">([^<>$]+)<", page) if text.strip()}
    assert shown <= set(words.HTML_WORDS), shown - set(words.HTML_WORDS)


def test_the_browser_s_language_is_chosen():
    assert words.page_language("fr-FR,fr;q=0.9,en;q=0.8") == "fr"
    assert words.page_language("de-DE,de;q=0.9,en;q=0.5,fr;q=0.4") == "en"
    assert words.page_language("en;q=0.2, fr;q=0.8") == "fr"
    assert words.page_language("") == "en" and words.page_language("xx, q=;;,*") == "en"


def test_a_french_browser_gets_a_french_page(room):  # noqa: F811
    info, db = room
    server = ParticipantServer(db, info.id, title=info.title)

    async def scenario(client, base):
        french = await (await client.get(server.prefix, headers={"Accept-Language": "fr-FR,fr;q=0.9"})).text()
        english = await (await client.get(server.prefix)).text()
        assert '<html lang="fr">' in french and ">Rejoindre la séance<" in french and ">Votre nom<" in french
        assert 'aria-label="Étapes"' in french and ">Join the session<" not in french
        block = re.search(r'<script type="application/json" id="words">(.*?)</script>', french).group(1)
        assert json.loads(block)["You are {name}"] == "Vous êtes {name}"
        assert "Partnerships &lt;b&gt;&amp;" in french  # the title is still data
        assert '<html lang="en">' in english and ">Join the session<" in english
        assert re.search(r'id="words">\{\}</script>', english)

    run_client(server, scenario)


def test_a_translation_cannot_break_out_of_the_words_block(monkeypatch):
    monkeypatch.setattr(words, "SCRIPT_WORDS", ("</script><script>alert(1)</script>",))
    monkeypatch.setattr(words, "_", lambda text: text + "!")
    page = words.page_text("<html lang=\"en\"><body></body></html>", "fr")
    assert page.count("</script>") == 1 and "<script>alert" not in page
