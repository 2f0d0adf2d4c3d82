"""The browser's claim token: a cookie that lets a participant's browser take its name back.

A name belongs to the screen that first claimed it (`Store.claim_name`). Each browser gets a
random token in an HttpOnly cookie the first time it opens the join page; every app process
started for that browser's websocket is handed the token in `WORKSHOP_TUI_CLAIM_TOKEN`
(`claim_token.ENV_VAR`), so the same browser can rejoin under its name after a reload or a
dropped connection, and nobody else can. The cookie's path is `/j/`, so a new `serve` of the
same machine (a new join code) still knows the browser. A browser that refuses cookies gets a
token for one connection only.
"""

from __future__ import annotations

from aiohttp import web

from workshop_tui.claim_token import is_token, new_token

COOKIE = "workshop_tui_claim"
MAX_AGE = 180 * 24 * 3600  # a workshop series, not forever


def token_of(request: web.Request) -> str | None:
    """The request's claim token, if its cookie holds one that looks right."""
    value = request.cookies.get(COOKIE)
    return value if is_token(value) else None


def give_token(request: web.Request, response: web.StreamResponse) -> None:
    """Set the cookie on the page unless the browser already holds a token."""
    if token_of(request) is None:
        response.set_cookie(COOKIE, new_token(), path="/j/", max_age=MAX_AGE, httponly=True, samesite="Strict")
