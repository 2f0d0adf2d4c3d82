"""Where a wiki's API is: its api.php from any address of the wiki, and what kind of host that is.

A user may give the api.php itself or any page of the wiki (its EditURI link names the API).
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urljoin, urlsplit

from workshop_tui import __version__
from workshop_tui.wiki.answers import API_EXAMPLE, reason
from workshop_tui.wiki.errors import NOTHING_SAVED, WikiUnreachable

USER_AGENT = f"workshop-tui/{__version__} (publishes a workshop's summary table to a wiki page)"
_EDIT_URI = re.compile(r"""<link[^>]*rel=["']EditURI["'][^>]*href=["']([^"']+?)(?:\?[^"']*)?["']""", re.I)


def find_api(url: str, *, timeout: float = 30.0) -> str:
    """The wiki's api.php address: url itself if it is one, else the one its page links to (EditURI)."""
    url = url.strip()
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise WikiUnreachable(f"{url} is not a wiki's address: give its api.php, as in {API_EXAMPLE}")
    if parts.path.endswith("/api.php"):
        return parts._replace(query="", fragment="").geturl()
    import requests

    try:
        response = requests.get(url, timeout=timeout, headers={"User-Agent": USER_AGENT})
        match = _EDIT_URI.search(response.text[:200_000])
    except requests.RequestException as error:
        raise WikiUnreachable(f"cannot reach the wiki at {url} ({reason(error)}); {NOTHING_SAVED}") from None
    if match is None:
        raise WikiUnreachable(f"{url} is not a MediaWiki page, and not its api.php: give the api.php address, "
                              f"as in {API_EXAMPLE}")
    return urljoin(response.url, match.group(1).replace("&amp;", "&"))


def split_api(api_url: str) -> tuple[str, str, str]:
    """The scheme, host and script path mwclient wants, from an api.php address."""
    parts = urlsplit(api_url)
    path = parts.path[: -len("api.php")]
    return parts.scheme, parts.netloc, path or "/"


def is_loopback(host: str) -> bool:
    """A host on this machine (where plain HTTP is no risk to a password)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
