"""`WikiClient`: one MediaWiki's Action API, through mwclient.

mwclient keeps the session (cookies, tokens, the bot-password login) and sends `maxlag` with
every request. Its own retries are turned off (`max_retries=0`): a connection refused is one
line at once, not minutes of silent retrying. Only when the wiki says how long to wait
(`Retry-After` on a maxlag answer, a 429 or a 503) does `_call` wait that long, telling the
user, and try again, a few times at most. An edit that asked us to wait was not made, so
trying it again is safe.

Every failure leaves here as a `WikiError` whose text is one line; the password is never in it.
"""

from __future__ import annotations

import hashlib
import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar
from urllib.parse import urlsplit

from workshop_tui.i18n import _
from workshop_tui.wiki.address import USER_AGENT, find_api, is_loopback, split_api
from workshop_tui.wiki.answers import API_EXAMPLE, api_error, edit_error, http_hint, only_page, reason, retry_after
from workshop_tui.wiki.errors import (
    NOTHING_SAVED,
    WikiBusy,
    WikiError,
    WikiLoginError,
    WikiRefused,
    WikiUnreachable,
    one_line,
)

T = TypeVar("T")
# The API takes a login as a bot-password login only if the password looks like one
# Special:BotPasswords makes (BotPassword::canonicalizeLoginData); any other password is tried
# as the main account's password of a user named "Name@app", which does not exist.
BOT_PASSWORD = re.compile(r"[0-9a-w]{32,}")




@dataclass(frozen=True)
class PageState:
    """A page as read: the revision an edit will be based on, and whether we may edit it."""

    title: str  # as the wiki spells it (normalised, redirects followed)
    exists: bool
    revid: int  # 0 for a page that does not exist
    timestamp: str  # the revision's, "" for none
    user: str  # who saved that revision
    text: str
    url: str
    loaded_at: str  # the wiki's clock when it was read: the edit's start time
    can_edit: bool
    protection: tuple[str, ...]  # "edit=sysop", ...
    redirected_from: str = ""


@dataclass(frozen=True)
class Revision:
    revid: int
    timestamp: str
    user: str


@dataclass(frozen=True)
class SaveResult:
    title: str
    revid: int
    changed: bool  # False: the page already held this text, and the wiki made no new revision
    url: str


class WikiClient:
    """A connection to one wiki. Made by `connect`, which fails at once if nothing answers."""

    def __init__(self, api_url: str, *, timeout: float = 30.0, max_lag: int = 5, tries: int = 4,
                 max_wait: float = 120.0, sleep: Callable[[float], None] = time.sleep,
                 notify: Callable[[str], None] | None = None) -> None:
        self.api_url = api_url
        scheme, host, path = split_api(api_url)
        self.tries, self.max_wait, self.sleep = tries, max_wait, sleep
        self.notify = notify or (lambda message: None)
        self.site = _site_class()(host, path=path, scheme=scheme, do_init=False, max_retries=0, retry_timeout=0,
                                      max_lag=max_lag, connection_options={"timeout": timeout},
                                      clients_useragent=USER_AGENT)
        self._last_response: Any = None
        self.site.connection.hooks["response"].append(self._remember)
        self.user = ""

    # -- connecting --------------------------------------------------------------------------

    def connect(self) -> WikiClient:
        """Reach the wiki and read what it says about itself; WikiUnreachable if it does not answer."""
        self._call(self.site.site_init, doing="reach the wiki")
        return self

    @property
    def name(self) -> str:
        return str(self.site.site.get("sitename", "")) if self.site.initialized else ""

    @property
    def max_page_bytes(self) -> int | None:
        size = self.site.site.get("maxarticlesize") if self.site.initialized else None
        return int(size) if size else None

    def login(self, user: str, password: str) -> None:
        """Log in with a bot password (`Name@BotName` and the password Special:BotPasswords showed)."""
        if urlsplit(self.api_url).scheme != "https" and not is_loopback(urlsplit(self.api_url).hostname or ""):
            raise WikiLoginError(_("refusing to send a password over plain http to {hostname}: use the wiki's https:// address; {NOTHING_SAVED}").format(hostname=urlsplit(self.api_url).hostname, NOTHING_SAVED=_(NOTHING_SAVED)))
        import mwclient.errors

        if "@" in user:
            password = password.strip()  # a bot password has no spaces: a pasted newline is not part of it
            if not BOT_PASSWORD.fullmatch(password):
                raise WikiLoginError(
                    _('the password for {user} is not a bot password: Special:BotPasswords gives 32 lowercase letters and digits; copy it whole into the environment variable; {NOTHING_SAVED}').format(user=user, NOTHING_SAVED=_(NOTHING_SAVED)))
        try:
            self._call(lambda: self.site.login(user, password), doing="log in")
        except mwclient.errors.LoginError as error:
            if error.code in ("Failed", "WrongPass", "WrongPluginPass", "NotExists", "EmptyPass"):
                raise WikiLoginError(
                    _('the wiki refused the login of {user}: wrong user name or bot password (the user name is YourName@BotName, as Special:BotPasswords shows it); {NOTHING_SAVED}').format(user=user, NOTHING_SAVED=_(NOTHING_SAVED))) from None
            raise WikiLoginError(_('the wiki refused the login of {user}: {value1}; {NOTHING_SAVED}').format(user=user, value1=one_line(error.info), NOTHING_SAVED=_(NOTHING_SAVED))) \
                from None
        if not self.site.logged_in:
            raise WikiLoginError(_('the wiki did not keep the login of {user} (are cookies blocked?); {NOTHING_SAVED}').format(user=user, NOTHING_SAVED=_(NOTHING_SAVED)))
        self.user = str(self.site.username)

    # -- reading -----------------------------------------------------------------------------

    def read_page(self, title: str) -> PageState:
        """The page's latest revision, its text, and whether this account may edit (or create) it."""
        answer = self._call(lambda: self.site.get(
            "query", prop="info|revisions", titles=title, redirects=1, inprop="url|protection",
            intestactions="edit|create", rvprop="ids|timestamp|user|content", rvslots="main",
            curtimestamp=1, formatversion=2), doing="read the page")
        query = answer.get("query", {})
        page = only_page(query, title)
        redirected = next((r.get("from", "") for r in query.get("redirects", ())), "")
        actions = page.get("actions", {})
        protection = tuple(f"{p.get('type')}={p.get('level')}" for p in page.get("protection", ()))
        url = str(page.get("fullurl", ""))
        if page.get("missing"):
            return PageState(page["title"], False, 0, "", "", "", url, answer.get("curtimestamp", ""),
                             bool(actions.get("create", True)), protection, redirected)
        revision = page["revisions"][0]
        main = revision.get("slots", {}).get("main", {})
        if main.get("contentmodel", "wikitext") != "wikitext":
            raise WikiRefused(f"{page['title']} is not a wikitext page (it holds {main.get('contentmodel')})")
        if "content" not in main:
            raise WikiRefused(f"the latest revision of {page['title']} is hidden; {NOTHING_SAVED}")
        return PageState(page["title"], True, int(revision["revid"]), revision["timestamp"],
                         str(revision.get("user", "")), main["content"], url, answer.get("curtimestamp", ""),
                         bool(actions.get("edit", True)), protection, redirected)

    def latest_revision(self, title: str) -> Revision | None:
        """The page's latest revision now (None if there is no such page now)."""
        answer = self._call(lambda: self.site.get(
            "query", prop="revisions", titles=title, rvprop="ids|timestamp|user", formatversion=2),
            doing="read the page")
        page = only_page(answer.get("query", {}), title)
        if page.get("missing"):
            return None
        revision = page["revisions"][0]
        return Revision(int(revision["revid"]), revision["timestamp"], str(revision.get("user", "")))

    # -- saving ------------------------------------------------------------------------------

    def save(self, base: PageState, text: str, summary: str) -> SaveResult:
        """Save text to the page, as an edit of the revision `base` was read at.

        The wiki refuses it (EditConflict) if the page changed, was created or was deleted in
        between; an edit that changes nothing makes no new revision."""
        text = unicodedata.normalize("NFC", text)  # as MediaWiki stores it, so md5 matches
        params: dict[str, Any] = {
            "title": base.title, "text": text, "summary": summary, "starttimestamp": base.loaded_at,
            "md5": hashlib.md5(text.encode("utf-8")).hexdigest(), "formatversion": 2,
        }
        if self.user:
            params["assert"] = "user"  # never an anonymous edit if the login was lost
        if base.exists:
            # The base revision by id only. With a basetimestamp too, MediaWiki lets an edit by the
            # same account pass as no conflict, and misses any edit saved in the same second as the
            # base revision (EditPage::userWasLastToEdit compares timestamps with ">").
            params.update(baserevid=base.revid, nocreate=1)
        else:
            params["createonly"] = 1
        answer = self._call(lambda: self.site.post("edit", token=self.site.get_token("csrf"), **params),
                            doing="save the page", refused=lambda error: edit_error(error, base.title))
        edit = answer.get("edit", {})
        if edit.get("result") != "Success":
            if "captcha" in edit:
                raise WikiRefused(f"the wiki asks for a CAPTCHA, which cannot be answered from here (an account "
                                  f"that is autoconfirmed or has the skipcaptcha right is not asked); {NOTHING_SAVED}")
            detail = edit.get("info") or edit.get("code") or edit.get("result") or "no reason given"
            raise WikiRefused(f"the wiki refused the edit: {one_line(detail)}; {NOTHING_SAVED}")
        if edit.get("nochange") is not None:
            return SaveResult(edit.get("title", base.title), base.revid, False, base.url)
        return SaveResult(edit.get("title", base.title), int(edit["newrevid"]), True, base.url)

    # -- the one way every request goes --------------------------------------------------------

    def _remember(self, response, *args, **kwargs):
        self._last_response = response
        return response

    def _call(self, request: Callable[[], T], *, doing: str,
              refused: Callable[[Any], WikiError] | None = None) -> T:
        """request(), waiting and trying again only as long as the wiki asks; WikiError otherwise.

        An API error becomes `refused(error)` (by default: the wiki's own words)."""
        import mwclient.errors
        import requests

        for attempt in range(1, self.tries + 1):
            self._last_response = None
            try:
                return request()
            except mwclient.errors.APIError as error:
                raise (refused or (lambda e: api_error(e, doing)))(error) from None
            except mwclient.errors.MaximumRetriesExceeded:
                # mwclient's retries are off: this is the wiki saying "wait" (maxlag, a throttled login)
                wait, why = self._asked_wait(), "the wiki is lagging behind and asked us to wait"
                if wait is None:
                    raise WikiBusy(f"the wiki is busy and could not {doing}; {NOTHING_SAVED}: try again later") \
                        from None
            except requests.HTTPError as error:
                status = error.response.status_code if error.response is not None else 0
                wait = retry_after(error.response) if status in (429, 503) else None
                why = "the wiki has had too many requests and asked us to wait" if status == 429 else \
                    "the wiki is unavailable for now and asked us to wait"
                if wait is None:
                    raise WikiUnreachable(f"{self.api_url} answered HTTP {status} when trying to {doing}"
                                          f"{http_hint(status)}; {NOTHING_SAVED}") from None
            except requests.Timeout:
                raise WikiUnreachable(f"the wiki at {self.api_url} did not answer in time when trying to {doing}; "
                                      f"{NOTHING_SAVED}") from None
            except requests.ConnectionError as error:
                raise WikiUnreachable(f"cannot reach the wiki at {self.api_url} ({reason(error)}); {NOTHING_SAVED}") \
                    from None
            except (mwclient.errors.InvalidResponse, mwclient.errors.APIDisabledError, KeyError):
                raise WikiUnreachable(f"{self.api_url} does not answer as a MediaWiki API (the address ends in "
                                      f"api.php, as in {API_EXAMPLE}); {NOTHING_SAVED}") from None
            except requests.RequestException as error:
                raise WikiUnreachable(f"cannot reach the wiki at {self.api_url} ({reason(error)}); {NOTHING_SAVED}") \
                    from None
            if attempt == self.tries:
                break
            self.notify(f"{why}: waiting {wait:g} s as it asks (try {attempt + 1} of {self.tries})")
            self.sleep(min(wait, self.max_wait))
        raise WikiBusy(f"{why}, {self.tries} times: {NOTHING_SAVED}; try again in a few minutes")

    def _asked_wait(self) -> float | None:
        response = self._last_response
        if response is None or not response.headers.get("x-database-lag"):
            return None
        return retry_after(response)


@cache
def _site_class():
    """mwclient's Site, sending `maxlag` with every API request (mwclient sends it to index.php only)."""
    import mwclient

    class Site(mwclient.Site):
        def raw_api(self, action, http_method="POST", retry_on_error=True, *args, **kwargs):
            kwargs.setdefault("maxlag", self.max_lag)
            return super().raw_api(action, http_method, retry_on_error, *args, **kwargs)

    return Site


def connect(api_url: str, *, user: str | None = None, password: str | None = None, **options) -> WikiClient:
    """A client for the wiki at api_url (its api.php, or any page of the wiki), logged in if a user is given."""
    client = WikiClient(find_api(api_url, timeout=options.get("timeout", 30.0)), **options).connect()
    if user:
        if not password:
            from workshop_tui.wiki import PASSWORD_ENV

            raise WikiLoginError(_('no password for {user}: put the bot password in the environment variable {PASSWORD_ENV}; {NOTHING_SAVED}').format(user=user, PASSWORD_ENV=PASSWORD_ENV, NOTHING_SAVED=_(NOTHING_SAVED)))
        client.login(user, password)
    return client
