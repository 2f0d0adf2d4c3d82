"""What the fault suites share: helper processes' environment, soak counts, a small disk."""

from __future__ import annotations

import os
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
if str(TESTS) not in sys.path:  # the app helpers (`settle`, `screen_text`) live beside the other tests
    sys.path.insert(0, str(TESTS))


def soak(name: str, default: int) -> int:
    """A count from the environment (`WORKSHOP_TUI_<NAME>`), for a longer run; `default` otherwise."""
    value = os.environ.get(f"WORKSHOP_TUI_{name}", "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else default


def subprocess_env() -> dict[str, str]:
    """The environment for a helper program: this checkout importable, Textual headless."""
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
            "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver"}


class SmallDisk:
    """A tmpfs of a few megabytes that can be filled to the last byte, and emptied again."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.filler = folder / "filler.bin"

    def fill(self) -> None:
        """Take every free byte (a store that wants to grow now cannot)."""
        fd = os.open(self.filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            for size in (1 << 20, 1 << 16, 1 << 12, 1 << 9, 1):
                chunk = b"\0" * size
                while True:
                    try:
                        os.write(fd, chunk)
                    except OSError:
                        break
        finally:
            os.close(fd)

    def free(self) -> None:
        self.filler.unlink(missing_ok=True)


def run_tui(args: list[str], *, until: bytes | None = None, then: bytes = b"\x11", timeout: float = 120.0,
            size: tuple[int, int] = (120, 36)) -> tuple[int | None, bytes]:
    """Run `workshop-tui ARGS` on a real pseudo-terminal, as a person at a terminal would.

    Standard input, output and error are all the terminal (Textual draws on standard error).
    Once the screen has shown `until` (if given), `then` is typed (Ctrl+Q by default). Returns
    the exit status (None if it had to be killed) and all the terminal received.
    """
    import fcntl
    import pty
    import select
    import signal
    import struct
    import subprocess
    import termios
    import time

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    env = {key: value for key, value in subprocess_env().items() if key != "TEXTUAL_DRIVER"}
    env["TERM"] = "xterm-256color"
    process = subprocess.Popen([sys.executable, "-m", "workshop_tui", *args], stdin=slave, stdout=slave,
                               stderr=slave, cwd=ROOT, env=env, start_new_session=True)
    os.close(slave)
    screen = bytearray()
    deadline = time.monotonic() + timeout
    sent = until is None
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.05)
            chunk = b""
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the terminal closed: the program ended
                    pass
                screen += chunk
            if not chunk and process.poll() is not None:
                break
            if not sent and until is not None and until in screen:
                time.sleep(0.5)
                os.write(master, then)
                sent = True
        code = process.poll()
        if code is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        os.close(master)
    return code, bytes(screen)


_ESCAPES = __import__("re").compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


def left_on_terminal(screen: bytes) -> list[str]:
    """The lines a person sees once a full-screen program has ended: what it wrote after leaving
    the alternate screen (or all of it, if it never took the screen), without escape sequences."""
    end = screen.rfind(b"\x1b[?1049l")
    tail = screen[end:] if end >= 0 else screen
    text = _ESCAPES.sub(b"", tail).decode("utf-8", "replace").replace("\r", "")
    return [line for line in text.split("\n") if line.strip()]
