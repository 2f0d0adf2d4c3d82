"""What `serve` writes on the facilitator's terminal: the join URL and its QR code, and log lines.

The join URL is printed once; every log line goes through `guard.Redactor`, which takes the
code out, and aiohttp's access log (which would print every path) is off.
"""

from __future__ import annotations

import logging
import socket
import sys

from rich.console import Console
from rich.text import Text

from workshop_tui.i18n import _
from workshop_tui.serve.guard import Redactor
from workshop_tui.serve.qr import qr_text


def one_line(error: BaseException) -> str:
    """An error as one short line: its type and the first line of its message."""
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}"[:300] if text else type(error).__name__


def initialize_logging(code: str) -> None:
    """Plain one-line logs on standard error, with the join code taken out of every record."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%H:%M:%S"))
    handler.addFilter(Redactor(code))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    logging.getLogger("aiohttp.access").disabled = True  # it would print every path, code and all


def announce(console: Console, url: str, session_id: int, max_connections: int, host: str) -> None:
    """Print the join URL and its QR code: the one place the code is ever written."""
    console.print(Text(_("Participants join at:\n\n  {url}\n").format(url=url)), highlight=False, soft_wrap=True)
    console.print(qr_text(url, color=console.color_system is not None), end="")
    console.print(Text("\n" + _("Serving the participant view of session {session} to at most {count} browsers at a "
                               "time. Ctrl+C stops.").format(session=session_id, count=max_connections)),
                  highlight=False)
    if host in ("127.0.0.1", "localhost", "::1"):
        console.print(Text(_("Only this machine can reach it: --host 0.0.0.0 opens it to the room's network.")),
                      style="dim", highlight=False)
    console.file.flush()


def lan_address() -> str | None:
    """This machine's address on the local network (no packet is sent), if it has one."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: only picks the outgoing interface
            return probe.getsockname()[0]
    except OSError:
        return None
