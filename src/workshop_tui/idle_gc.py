"""`IdleCollector`: Python's full garbage collections moved to the pauses between keys.

Python's collector makes a full pass over every object the app holds (Textual's caches of
drawn lines, the session's items) on its own schedule: on the step screen about one add in
ten ran one, 100 to 250 ms, and that add waited for it (measured: in 600 adds, 57 full passes
and the slowest adds were those). The young generations are cheap and stay automatic.

While an `IdleCollector` runs, Python runs no full pass by itself; `tick` (called a few times a
second) runs one when Python would have by now (`DUE` young passes since the last full one)
and nobody has typed, clicked or scrolled for `PAUSE_SECONDS`, at most one per
`SPACING_SECONDS`. A long burst with no pause (a typing storm, a script) still gets its full
pass once `OVERDUE` young passes have gone by, so memory never grows without bound. `stop` gives Python its own schedule back.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

PAUSE_SECONDS = 0.5
SPACING_SECONDS = 2.0  # between two full passes in pauses: an app nobody types in (the shared
# screen, redrawn by every live change) would otherwise run one every few tenths of a second
DUE = 10  # Python's own third threshold: a full pass every 10 middle-generation passes
OVERDUE = 200
NEVER = 1 << 30  # a third threshold Python never reaches


class IdleCollector:
    """Full collections at the app's pauses; `saw_input` on every key or mouse event."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._last_input = clock()
        self._last_collection = clock() - SPACING_SECONDS
        self._saved: tuple[int, int, int] | None = None
        self.collections = 0

    @property
    def running(self) -> bool:
        return self._saved is not None

    def start(self) -> None:
        if self._saved is None:
            self._saved = gc.get_threshold()
            gc.set_threshold(self._saved[0], self._saved[1], NEVER)

    def stop(self) -> None:
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None

    @property
    def last_input(self) -> float:
        """When a key, click or scroll last came (the clock's time)."""
        return self._last_input

    def saw_input(self) -> None:
        self._last_input = self._clock()

    def tick(self) -> bool:
        """Run a full collection if one is due and the app is in a pause (or long overdue)."""
        if self._saved is None:
            return False
        young_passes = gc.get_count()[2]
        now = self._clock()
        paused = now - self._last_input >= PAUSE_SECONDS and now - self._last_collection >= SPACING_SECONDS
        if young_passes >= OVERDUE or (young_passes >= DUE and paused):
            gc.collect()
            self._last_collection = self._clock()
            self.collections += 1
            return True
        return False
