"""What `serve` writes on the facilitator's terminal: the join URL and its QR code, and log lines.

The join URL is printed once; every log line goes through `guard.Redactor`, which takes the
code out, and aiohttp's access log (which would print every path) is off.
"""

from __future__ import annotations

import logging
import sys

from rich.console import Console

from workshop_tui.serve.guard import Redactor
from workshop_tui.serve.qr import qr_text


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
    console.print(f"Participants join at:\n\n  {url}\n", highlight=False, soft_wrap=True)
    console.print(qr_text(url, color=console.color_system is not None), end="")
    console.print(
        f"\nServing the participant view of session {session_id}"
        f" to at most {max_connections} browsers at a time. Ctrl+C stops.",
        highlight=False,
    )
    if host in ("127.0.0.1", "localhost", "::1"):
        console.print("Only this machine can reach it: --host 0.0.0.0 opens it to the room's network.",
                      style="dim", highlight=False)
    console.file.flush()
