"""Start the real app exactly as `workshop-tui --db DB` does, headless; report its first frames.

    TEXTUAL_DRIVER=textual.drivers.headless_driver:HeadlessDriver python startup_app.py DB

Prints `frame <time.time()>` once the start screen's first frame is drawn (its first refresh),
then `listed <time>` once the sessions are drawn (the early list read straight from the file,
or the store's if it is quicker), then `opened <time>` once the store is open and its list
drawn, and exits at once.
"""

from __future__ import annotations

import os
import sys
import time


def say(what: str) -> None:
    os.write(1, f"{what} {time.time()!r}\n".encode())


def main() -> None:
    from workshop_tui.screens.start import StartScreen

    mount, show, preview = StartScreen.on_mount, StartScreen.show_sessions, StartScreen.show_preview
    shown = []

    def on_mount(self) -> None:
        mount(self)
        self.call_after_refresh(say, "frame")

    def listed() -> None:
        if not shown:
            shown.append(True)
            say("listed")

    def show_preview(self, sessions) -> None:
        preview(self, sessions)
        if sessions and self.query_one("SessionTable").row_count:
            self.call_after_refresh(listed)

    def show_sessions(self, sessions, **kwargs) -> None:
        show(self, sessions, **kwargs)

        def opened() -> None:
            listed()
            say("opened")
            os._exit(0)

        self.call_after_refresh(opened)

    StartScreen.on_mount = on_mount
    StartScreen.show_sessions = show_sessions
    StartScreen.show_preview = show_preview
    from workshop_tui.cli import main as cli

    cli(["--db", sys.argv[1]])
    os._exit(3)  # the app ended before showing the sessions


if __name__ == "__main__":
    main()
