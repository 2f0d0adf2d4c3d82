"""The wiki as the summary's home: publishing a session to a MediaWiki page and pulling one back.

- `errors.py`: `WikiError` and its kinds; `str()` is always the one line the user reads;
- `client.py`: `WikiClient`, the Action API through mwclient: connecting, bot-password login,
  reading a page with the revision it is at, saving an edit based on that revision, retries
  that wait as long as the wiki asks (maxlag, Retry-After);
- `page.py`: pure text work: the page text to save (only the summary table replaced on a page
  that has one, else the whole seed-shaped page) and the diff shown before saving;
- `publish.py`: plan (read the page, build the new text and its diff), then save the plan only
  if the page is still at the revision the diff was made from;
- `pull.py`: a page's summary table read into a session (the wikitext importer).

Nothing here imports Textual or the database; mwclient (and requests) load only when a client
is made, so importing the package is cheap.
"""

from __future__ import annotations

from workshop_tui.wiki.errors import WikiError

PASSWORD_ENV = "WORKSHOP_TUI_WIKI_PASSWORD"

__all__ = ["PASSWORD_ENV", "WikiError"]
