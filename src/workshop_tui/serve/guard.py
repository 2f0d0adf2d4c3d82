"""Who may reach the served participant view: the join code, the Host and the Origin.

Pure functions, no web framework, so each rule is tested on its own:

- `new_join_code()`: 24 characters from a 32-letter alphabet without look-alikes (no 0/o,
  1/l), 120 bits from `secrets`: not guessable, and readable off a projector if need be;
- `code_matches()`: constant-time comparison (`hmac.compare_digest`);
- `HostCheck`: the Host header must name this server (its port, and an address of this
  machine: a loopback name for a loopback server, any IP address or this machine's name for
  one on all interfaces). A page on another site that resolves its own name to this machine
  (DNS rebinding) sends its own name in Host, and is refused;
- `origin_allowed()`: a websocket's Origin must be exactly this server's origin (the page
  it served): another site's page cannot drive a participant's app;
- `Redactor`: a logging filter that makes every record one short line (an error's type and
  message, never a traceback) and replaces the code in it.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import secrets
import socket
from urllib.parse import urlsplit

ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # 32 letters: 5 bits each, no 0/o or 1/l
CODE_LENGTH = 24  # 120 bits
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
WILDCARDS = ("0.0.0.0", "::", "")


def new_join_code() -> str:
    """A fresh join code: 120 random bits, lowercase letters and digits."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def code_matches(given: str, code: str) -> bool:
    """Whether a code from a request is the join code, in time independent of where they differ."""
    return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), code.encode("utf-8"))


def split_host(host: str) -> tuple[str, int | None] | None:
    """`name:port` (or `[v6]:port`) from a Host header, lowercased; None if it does not parse."""
    try:
        parts = urlsplit("//" + host)
        return (parts.hostname or "").lower(), parts.port
    except ValueError:
        return None


def is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def is_loopback(name: str) -> bool:
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class HostCheck:
    """Which Host headers name this server, bound to `bind_host` on `port`."""

    def __init__(self, bind_host: str, port: int) -> None:
        self.bind_host = bind_host.strip("[]").lower()
        self.port = port
        self.machine_names = {socket.gethostname().lower(), socket.getfqdn().lower()} - {""}

    def __call__(self, host: str | None) -> bool:
        if not host:
            return False
        parsed = split_host(host)
        if parsed is None:
            return False
        name, port = parsed
        if (80 if port is None else port) != self.port or not name:  # browsers omit the default port
            return False
        bound = self.bind_host
        if bound in WILDCARDS:
            # Open to the room: any address of this machine (an IP address cannot be
            # re-pointed by DNS), or its own name.
            return is_ip(name) or name in LOOPBACK_NAMES or name in self.machine_names
        if is_loopback(bound):
            return is_loopback(name)
        return name == bound


def origin_allowed(origin: str | None, host: str | None, check: HostCheck) -> bool:
    """A websocket's Origin: exactly `http://<Host>` of a Host that names this server."""
    if not origin or not host or not check(host):
        return False
    return hmac.compare_digest(origin.lower(), f"http://{host.lower()}")


class Redactor(logging.Filter):
    """Makes every log record one line, with the join code replaced: the error a record carries
    (aiohttp's, asyncio's) is its type and message, never a traceback."""

    def __init__(self, code: str, replacement: str = "<join code>", width: int = 300) -> None:
        super().__init__()
        self.code = code
        self.replacement = replacement
        self.width = width

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            message = f"{message}: {type(error).__name__}: {error}"
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        record.msg = " ".join(message.replace(self.code, self.replacement).split())[: self.width]
        record.args = None
        return True
