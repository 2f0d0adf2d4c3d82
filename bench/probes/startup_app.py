"""Start the real app exactly as `workshop-tui --db DB` does, headless; report its first frames.

    TEXTUAL_DRIVER=textual.drivers.headless_driver:HeadlessDriver python startup_app.py DB

Prints `frame <time.time()>` once the start screen's first frame is drawn (its first refresh),
then `listed <time>` once the store is open and the sessions are drawn, and exits at once.
"""

from __future__ import annotations

import os
import sys
import time


def say(what: str) -> None:
    os.write(1, f"{what} {time.time()!r}\n".encode())


def main() -> None:
    from workshop_tui.screens.start import StartScreen

    mount, show = StartScreen.on_mount, StartScreen.show_sessions

    def on_mount(self) -> None:
        mount(self)
        self.call_after_refresh(say, "frame")

    def show_sessions(self, sessions, **kwargs) -> None:
        show(self, sessions, **kwargs)

        def listed() -> None:
            say("listed")
            os._exit(0)

        self.call_after_refresh(listed)

    StartScreen.on_mount = on_mount
    StartScreen.show_sessions = show_sessions
    from workshop_tui.cli import main as cli

    cli(["--db", sys.argv[1]])
    os._exit(3)  # the app ended before showing the sessions


if __name__ == "__main__":
    main()
