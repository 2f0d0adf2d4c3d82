"""What a wiki's answers mean: its refusals and failures, each as the one line the user can act on.

`WikiClient` (client.py) asks; this module reads what came back: the one page a title names,
an edit refused (conflict, protection, size, rate limit, login), an API error, how long the
wiki asked us to wait, and why a connection failed. No mwclient here: plain values in, a
`WikiError` (or a value) out.
"""

from __future__ import annotations

import re

from workshop_tui.i18n import _
from workshop_tui.wiki.errors import (
    NOTHING_SAVED,
    EditConflict,
    PageProtected,
    PageTooLarge,
    WikiBusy,
    WikiError,
    WikiLoginError,
    WikiRefused,
    one_line,
)

API_EXAMPLE = "https://meta.wikimedia.org/w/api.php"
_ERRNO = re.compile(r"\[Errno -?\d+\] ([^'\")\]]+)")

# Edit refusals the user can act on, by the API's error code.
_PROTECTED = {"protectedpage", "cascadeprotected", "protectedtitle", "protectednamespace",
              "protectednamespace-interface", "customcssjsprotected", "permissiondenied", "cantcreate",
              "cantcreate-anon", "noedit", "noedit-anon", "writeapidenied", "blocked", "autoblocked",
              "mwoauth-invalid-authorization"}
_CONFLICT = {"editconflict": "someone edited the page after it was read",
             "articleexists": "someone created the page after it was read",
             "missingtitle": "the page was deleted after it was read",
             "pagedeleted": "the page was deleted after it was read"}


def only_page(query: dict, title: str) -> dict:
    if query.get("interwiki"):
        raise WikiRefused(f"{title!r} names a page on another wiki; give a page of this one")
    pages = query.get("pages") or []
    if len(pages) != 1:
        raise WikiRefused(f"{title!r} is not one page title")
    page = pages[0]
    if page.get("invalid"):
        reason = one_line(page.get("invalidreason", "not a valid title"))
        raise WikiRefused(f"{title!r} is not a page title this wiki accepts: {reason}")
    if page.get("special") or int(page.get("ns", 0)) < 0:
        raise WikiRefused(f"{page.get('title', title)} is a special page, which cannot be edited")
    return page


def edit_error(error, title: str) -> WikiError:
    """An edit the wiki refused, as the line the user can act on."""
    code, info = error.code or "", one_line(error.info or "")
    if code in _CONFLICT:
        return EditConflict(f"edit conflict on {title}: {_CONFLICT[code]}; nothing was overwritten. Pull the "
                            f"page, merge it with the session, and publish again")
    if code in _PROTECTED:
        return PageProtected(f"{title} cannot be edited by this account: {info}; {NOTHING_SAVED}")
    if code == "contenttoobig":
        return PageTooLarge(f"the page would be larger than this wiki allows: {info}; {NOTHING_SAVED}")
    if code == "ratelimited":
        return WikiBusy(f"the wiki's rate limit stopped the edit (too many edits in a short time); {NOTHING_SAVED}: "
                        f"wait a few minutes and publish again")
    if code in ("assertuserfailed", "assertnameduserfailed", "badtoken", "notloggedin"):
        return WikiLoginError(_('the wiki ended the login before saving ({code}); {NOTHING_SAVED}: publish again').format(code=code, NOTHING_SAVED=_(NOTHING_SAVED)))
    if code == "readonly":
        return WikiBusy(f"the wiki is read-only for now ({info}); {NOTHING_SAVED}: try again later")
    return WikiRefused(f"the wiki refused the edit: {info} ({code}); {NOTHING_SAVED}")


def api_error(error, doing: str) -> WikiError:
    code, info = error.code or "", one_line(error.info or "")
    if code == "readapidenied":
        return WikiLoginError(_('this wiki lets only its users read it: log in (--user) to {doing}').format(doing=doing))
    return WikiRefused(f"the wiki refused to {doing}: {info} ({code})")


def retry_after(response) -> float | None:
    value = response.headers.get("retry-after", "") if response is not None else ""
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date, or nothing: we do not guess


def reason(error: Exception) -> str:
    text = str(error)
    if "CERTIFICATE_VERIFY_FAILED" in text or "certificate verify failed" in text:
        return "its TLS certificate could not be verified"
    match = _ERRNO.search(text)
    return match.group(1).strip().rstrip(".") if match else type(error).__name__


def http_hint(status: int) -> str:
    if status == 404:
        return f" (no API at that address: it ends in api.php, as in {API_EXAMPLE})"
    if status in (401, 403):
        return " (the server refuses access)"
    return ""
