"""The wiki tests run against a real MediaWiki, never a mock: the one `.ci/mediawiki` starts.

`eval "$(.ci/mediawiki)"` exports its API address and the folder holding its accounts
(wiki.json). Without it these tests are skipped, saying why; in CI
(`WORKSHOP_TUI_REQUIRE_WIKI=1`, set by `.ci/run`) they fail instead. Every test works on pages
of its own (a fresh title), so runs never meet.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest

WIKI_ENV = "WORKSHOP_TUI_TEST_WIKI"
WIKI_ROOT_ENV = "WORKSHOP_TUI_TEST_WIKI_ROOT"
WIKI_REQUIRED_ENV = "WORKSHOP_TUI_REQUIRE_WIKI"


@dataclass(frozen=True)
class Account:
    user: str
    password: str


@dataclass(frozen=True)
class TestWiki:
    api: str
    root: Path
    settings: Path
    router: Path
    accounts: dict[str, Account]

    def client(self, account: str | None = "facilitator", api: str | None = None, **options):
        """A logged-in WikiClient (anonymous if account is None)."""
        from workshop_tui.wiki.client import connect

        if account is None:
            return connect(api or self.api, **options)
        chosen = self.accounts[account]
        return connect(api or self.api, user=chosen.user, password=chosen.password, **options)

    @cached_property
    def admin(self):
        """The sysop's client (logged in once per run): for edits in between, protection, checks."""
        return self.client("admin").site

    def revisions(self, title: str) -> list[dict]:
        """Every revision of a page, oldest first (none if there is no page)."""
        site = self.admin
        answer = site.get("query", prop="revisions", titles=title, rvprop="ids|user|comment", rvlimit="max",
                          rvdir="newer", formatversion=2)
        page = answer["query"]["pages"][0]
        return [] if page.get("missing") else list(page["revisions"])

    def text(self, title: str) -> str | None:
        """The page's text now, as saved (a redirect is not followed); None if there is no page."""
        site = self.admin
        answer = site.get("query", prop="revisions", titles=title, rvprop="content", rvslots="main", formatversion=2)
        page = answer["query"]["pages"][0]
        return None if page.get("missing") else page["revisions"][0]["slots"]["main"]["content"]

    def edit_as_admin(self, title: str, text: str, summary: str = "an edit in between") -> int:
        """Another user's edit, straight through the API; the new revision's id."""
        site = self.admin
        answer = site.post("edit", title=title, text=text, summary=summary, token=site.get_token("csrf"),
                           formatversion=2)
        return int(answer["edit"]["newrevid"])

    def protect(self, title: str, level: str = "sysop") -> None:
        site = self.admin
        site.post("protect", title=title, protections=f"edit={level}|move={level}", expiry="infinite",
                  reason="test: a protected page", token=site.get_token("csrf"))

    def protect_title(self, title: str, level: str = "sysop") -> None:
        site = self.admin
        site.post("protect", title=title, protections=f"create={level}", expiry="infinite",
                  reason="test: a protected title", token=site.get_token("csrf"))

    def rendered_html(self, title: str) -> str:
        answer = self.client(None).site.get("parse", page=title, prop="text", formatversion=2)
        return answer["parse"]["text"]

    @contextmanager
    def second_server(self):
        """Another PHP server for the same wiki on a free port: a test may stop it when it likes.

        Yields (api_url, stop)."""
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        env = {**os.environ, "MWCONF": str(self.settings)}
        process = subprocess.Popen(["php", "-S", f"127.0.0.1:{port}", str(self.router)], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        api = f"http://127.0.0.1:{port}/api.php"
        try:
            _wait_until_answers(api, process)
            yield api, lambda: _stop(process)
        finally:
            _stop(process)


def _wait_until_answers(api: str, process: subprocess.Popen) -> None:
    import urllib.request

    for _ in range(200):
        if process.poll() is not None:
            raise RuntimeError(f"php -S exited with status {process.returncode}")
        try:
            urllib.request.urlopen(f"{api}?action=query&meta=siteinfo&format=json", timeout=5).read()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"the second wiki server at {api} never answered")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="session")
def test_wiki() -> TestWiki:
    api, root = os.environ.get(WIKI_ENV, "").strip(), os.environ.get(WIKI_ROOT_ENV, "").strip()
    if not api or not root:
        reason = f"no MediaWiki: run `eval \"$(.ci/mediawiki)\"` to start one and set {WIKI_ENV} and {WIKI_ROOT_ENV}"
        if os.environ.get(WIKI_REQUIRED_ENV):
            pytest.fail(reason)
        pytest.skip(reason)
    described = json.loads((Path(root) / "wiki.json").read_text())
    accounts = {name: Account(entry["user"], Path(entry["password_file"]).read_text().strip())
                for name, entry in described["accounts"].items()}
    return TestWiki(api, Path(root), Path(described["settings"]), Path(described["router"]), accounts)


@pytest.fixture
def page_title() -> str:
    """A page no other test (or run) uses."""
    return f"Workshop test/{uuid.uuid4().hex[:12]}"
