"""Every way publishing can fail, against the real MediaWiki: one clear line, nothing saved.

Wrong password, a password that is not a bot password, a protected page or title, the server
stopped, nothing listening, a page too large, the wiki's rate limit, maxlag (waiting as long as
the wiki's Retry-After says), two summary tables (in test_publish). One test uses a stub HTTP
server: a 429 with Retry-After, which MediaWiki itself never sends (a proxy in front of it does).
"""

from __future__ import annotations

import http.server
import socket
import threading

import pytest
from test_publish import build_session, publish

from workshop_tui.wiki.client import WikiClient, connect, find_api
from workshop_tui.wiki.errors import (
    EditConflict,
    PageProtected,
    PageTooLarge,
    WikiBusy,
    WikiError,
    WikiLoginError,
    WikiUnreachable,
)
from workshop_tui.wiki.publish import plan_publish, save_plan


def one_line(error: pytest.ExceptionInfo) -> str:
    message = str(error.value)
    assert message and "\n" not in message and "Traceback" not in message
    return message


def test_a_wrong_bot_password_is_refused(test_wiki):
    wrong = "0123456789abcdefghijklmnopqrstuv"  # shaped like a bot password, but not this one
    with pytest.raises(WikiLoginError) as refused:
        connect(test_wiki.api, user="Facilitator@workshop-tui", password=wrong)
    message = one_line(refused)
    assert "refused the login of Facilitator@workshop-tui" in message and "nothing was saved" in message
    assert wrong not in message
    with pytest.raises(WikiLoginError, match="wrong user name or bot password"):
        connect(test_wiki.api, user="Facilitator@no-such-bot", password=test_wiki.accounts["facilitator"].password)


def test_a_password_that_is_not_a_bot_password_says_so(test_wiki):
    with pytest.raises(WikiLoginError) as refused:
        connect(test_wiki.api, user="Facilitator@workshop-tui", password="Aa1!my-main-password")
    assert "not a bot password" in one_line(refused) and "Aa1!" not in str(refused.value)
    # A newline pasted with it is not part of it.
    account = test_wiki.accounts["facilitator"]
    assert connect(test_wiki.api, user=account.user, password=account.password + "\n").user == "Facilitator"


def test_no_password_at_all_names_the_environment_variable(test_wiki):
    with pytest.raises(WikiLoginError, match="WORKSHOP_TUI_WIKI_PASSWORD"):
        connect(test_wiki.api, user="Facilitator@workshop-tui", password="")


def test_a_password_is_never_sent_over_plain_http_to_another_machine():
    client = WikiClient("http://wiki.example.org/w/api.php")  # made, not connected: nothing is sent
    with pytest.raises(WikiLoginError, match="plain http to wiki.example.org"):
        client.login("Facilitator@workshop-tui", "0123456789abcdefghijklmnopqrstuv")


def test_a_protected_page_is_refused_before_and_at_saving(test_wiki, page_title, store, template, catalog):
    data = build_session(store, template, hostile=False)
    test_wiki.edit_as_admin(page_title, "A page only sysops may edit.")
    test_wiki.protect(page_title)
    with pytest.raises(PageProtected) as refused:
        plan_publish(test_wiki.client(), page_title, data, template, catalog)
    assert "is protected (edit=sysop" in one_line(refused) and "nothing was saved" in str(refused.value)

    # Protected after the diff was made: protecting made a revision, so our check calls it a
    # conflict; past that check, the wiki refuses the edit itself.
    other = page_title + " (2)"
    test_wiki.edit_as_admin(other, "Open for now.")
    client = test_wiki.client()
    plan = plan_publish(client, other, data, template, catalog)
    test_wiki.protect(other)
    with pytest.raises(EditConflict):
        save_plan(client, plan, summary="x")
    with pytest.raises(PageProtected) as refused:
        client.save(client.read_page(other), plan.text, "x")
    assert "cannot be edited by this account" in one_line(refused)
    assert test_wiki.text(page_title) == "A page only sysops may edit."
    assert test_wiki.text(other) == "Open for now."


def test_a_protected_title_cannot_be_created(test_wiki, page_title, store, template, catalog):
    test_wiki.protect_title(page_title)
    with pytest.raises(PageProtected, match="may not create it"):
        plan_publish(test_wiki.client(), page_title, build_session(store, template, hostile=False), template, catalog)
    assert test_wiki.text(page_title) is None


def test_the_server_stopped_after_the_diff_was_shown(test_wiki, page_title, store, template, catalog):
    data = build_session(store, template, hostile=False)
    with test_wiki.second_server() as (api, stop):
        client = test_wiki.client(api=api)
        plan = plan_publish(client, page_title, data, template, catalog)
        stop()
        with pytest.raises(WikiUnreachable) as refused:
            save_plan(client, plan, summary="x")
    assert f"cannot reach the wiki at {api} (Connection refused); nothing was saved" == one_line(refused)
    assert test_wiki.text(page_title) is None
    with pytest.raises(WikiUnreachable, match="Connection refused"):
        connect(api)


def test_not_a_wiki_and_a_wiki_found_from_any_of_its_pages(test_wiki):
    base = test_wiki.api.removesuffix("/api.php")
    assert find_api(f"{base}/index.php?title=Main_Page") == test_wiki.api
    with pytest.raises(WikiUnreachable, match="answered HTTP 404"):
        connect(f"{base}/no/such/api.php")


def test_a_page_too_large_is_refused_before_and_by_the_wiki(test_wiki, page_title, store, template, catalog):
    info = store.create_session("Too much", template_id=template.id, step_count=template.step_count)
    for n in range(30):
        store.add_item(info.id, 1 + n % 8, "action", f"{n} " + "a long item " * 800)
    data = store.session_data(info.id)
    client = test_wiki.client()
    with pytest.raises(PageTooLarge) as refused:
        plan_publish(client, page_title, data, template, catalog)
    assert "takes at most 256 KB a page; nothing was saved" in one_line(refused)

    base = client.read_page(page_title)
    with pytest.raises(PageTooLarge, match="larger than this wiki allows"):
        client.save(base, "x" * (300 * 1024), "past our own check")
    assert test_wiki.text(page_title) is None


def test_the_wikis_rate_limit_stops_the_edit(test_wiki, page_title, store, template, catalog):
    """Hasty may edit once a day: the second publish (or both, on a rerun) is refused whole."""
    data = build_session(store, template, hostile=False)
    hasty = test_wiki.client("hasty")
    try:
        publish(hasty, page_title, data, template, catalog)
    except WikiBusy:
        pass
    with pytest.raises(WikiBusy) as refused:
        publish(hasty, page_title + " (2)", data, template, catalog)
    assert "rate limit" in one_line(refused) and "nothing was saved" in str(refused.value)
    assert test_wiki.text(page_title + " (2)") is None


def test_maxlag_waits_as_long_as_the_wiki_asks(test_wiki):
    """Asked with maxlag=-2, the wiki always reports its lag (-1 s) as too much, with Retry-After."""
    slept, told = [], []
    with pytest.raises(WikiBusy) as refused:
        connect(test_wiki.api, max_lag=-2, tries=3, sleep=slept.append, notify=told.append)
    assert slept == [5.0, 5.0]  # MediaWiki's Retry-After for maxlag
    assert told == ["the wiki is lagging behind and asked us to wait: waiting 5 s as it asks (try 2 of 3)",
                    "the wiki is lagging behind and asked us to wait: waiting 5 s as it asks (try 3 of 3)"]
    assert "3 times: nothing was saved" in one_line(refused)


class _Stub(http.server.BaseHTTPRequestHandler):
    """Answers every request alike: the server's status, Retry-After and body."""

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.send_response(self.server.status)
        if self.server.retry_after:
            self.send_header("Retry-After", self.server.retry_after)
        self.end_headers()
        self.wfile.write(self.server.body)

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def stub():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), _Stub)
    server.status, server.retry_after, server.body = 429, "7", b"Too many requests"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server, f"http://127.0.0.1:{port}/w/api.php"
    server.shutdown()
    server.server_close()


def test_a_429_with_retry_after_is_waited_for(stub):
    server, api = stub
    slept = []
    with pytest.raises(WikiBusy, match="too many requests and asked us to wait, 2 times"):
        connect(api, tries=2, sleep=slept.append)
    assert slept == [7.0]
    server.retry_after = ""
    with pytest.raises(WikiUnreachable, match="answered HTTP 429"):
        connect(api, tries=2, sleep=slept.append)
    assert slept == [7.0]


def test_a_page_that_is_not_an_api(stub):
    server, api = stub
    server.status, server.retry_after, server.body = 200, "", b"<html><body>A blog, not a wiki</body></html>"
    with pytest.raises(WikiUnreachable, match="does not answer as a MediaWiki API"):
        connect(api)
    with pytest.raises(WikiUnreachable, match="is not a MediaWiki page, and not its api.php"):
        connect(api.removesuffix("api.php") + "index.php")


def test_every_wiki_error_is_one_line():
    assert str(WikiError("two\nlines <b>and a tag</b>")) == "two lines and a tag"
