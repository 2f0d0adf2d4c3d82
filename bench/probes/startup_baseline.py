"""The framework's floor: a minimal Textual app showing one Static, headless; report its first frame.

    TEXTUAL_DRIVER=textual.drivers.headless_driver:HeadlessDriver python startup_baseline.py

Prints `frame <time.time()>` once the first frame is drawn (the first refresh), and exits.
"""

from __future__ import annotations

import os
import time


def main() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Floor(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("workshop-tui")

        def on_mount(self) -> None:
            self.call_after_refresh(self.first_frame)

        def first_frame(self) -> None:
            os.write(1, f"frame {time.time()!r}\n".encode())
            os._exit(0)

    Floor().run()
    os._exit(3)


if __name__ == "__main__":
    main()
