"""Helpers the app's pilot and snapshot tests share (this module holds no tests itself).

Pilots are `async def` tests (pytest-asyncio, `asyncio_mode = "auto"` in pyproject.toml).
"""

from __future__ import annotations

import asyncio
import html
import re

import pytest
from rich.cells import cell_len
from textual.worker import WorkerState

from workshop_tui.content import Template


async def settle(pilot) -> None:
    """Let every worker and queued store call finish, and the screen catch up.

    A worker may start another (a save, then a reload), so wait until two rounds in a row
    find nothing running.
    """
    app = pilot.app
    quiet = 0
    for _ in range(20):
        await pilot.pause()
        busy = any(worker.state in (WorkerState.PENDING, WorkerState.RUNNING) for worker in app.workers)
        await app.workers.wait_for_complete()
        if app.store is not None:
            await app.wait_for_store()
        quiet = 0 if busy else quiet + 1
        if quiet == 2:
            break


async def press(pilot, *keys: str) -> None:
    """Press each key and let the app settle after each, as a person pressing them one by one."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def open_step(pilot):
    """From the start screen, open the highlighted session (the only one) to its step screen."""
    from workshop_tui.screens.step import StepScreen

    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, StepScreen), f"the step screen did not open: {screen!r}"
    return screen


async def wait_for(condition, pilot, timeout: float = 5.0, what: str = "the screen to change", detail=None) -> None:
    """Wait until `condition()` holds (the screen is polled, never slept on past it); fail after
    `timeout` seconds, saying what was awaited (and `detail()`, what was found instead)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            found = f"; found: {detail()}" if detail is not None else ""
            raise AssertionError(f"timed out waiting for {what}{found}")
        await pilot.pause(0.01)


async def type_text(pilot, text: str) -> None:
    """Type text key by key, as a person would."""
    await pilot.press(*text)


def screen_text(app) -> str:
    """What the terminal shows, line by line, read back from the app's own screenshot."""
    svg = app.export_screenshot()
    texts = [
        (float(x), float(y), float(width), html.unescape(text).replace("\xa0", " "))
        for x, y, width, text in re.findall(
            r'<text[^>]*\bx="([\d.]+)" y="([\d.]+)" textLength="([\d.]+)"[^>]*>([^<]*)</text>', svg)
    ]
    cell = next(width / cell_len(text) for _, _, width, text in texts if cell_len(text))
    lines: dict[float, dict[int, str]] = {}
    for x, y, _, text in texts:
        lines.setdefault(y, {})[round(x / cell)] = text
    rendered = []
    for _, parts in sorted(lines.items()):
        line = ""
        for column, text in sorted(parts.items()):
            line = line + " " * max(0, column - cell_len(line)) + text
        rendered.append(line.rstrip())
    return "\n".join(rendered)


def fill_session(store, template: Template, title: str = "Partnership workshop"):
    """A session with the items the snapshots and safety tests look at."""
    info = store.create_session(
        title, template_id=template.id, step_count=template.step_count, facilitator="Anne-Laure Prévost",
        participants=["Ana", "Bo", "Émeric"], event="Wikimania 2015", date="2015-07-19",
    )
    items = [
        ("action", "Sign a memorandum of understanding with the museum", "Ana"),
        ("action", "[bold]x", None),
        ("action", "[@click=app.quit]x[/]", "Bo"),
        ("obstacle", "A very long item that wraps: " + "the partner's board meets only twice a year, so " * 3
         + "every decision waits months.", "Émeric"),
        ("obstacle", "[TODO] plan and [/b] close", None),
        ("obstacle", "Three lines:\nfirst\nsecond", "Bo"),
        ("tool", "Checklist ✅ and handshake 🤝", "Ana"),
        ("tool", "مرحبا بالعالم (right to left)", None),
        ("tool", "Zürich, Kraków, São Paulo, 東京", "Émeric"),
    ]
    for column, text, author in items:
        store.add_item(info.id, 1, column, text, author=author)
    store.add_item(info.id, 2, "action", "Call the curator", author="Ana")
    return store.get_session(info.id)


def record_notifications(app) -> list[tuple[str, str]]:
    """Every notification the app shows, as (severity, message)."""
    shown: list[tuple[str, str]] = []
    notify = app.notify

    def recording(message, *, title="", severity="information", timeout=None, markup=True):
        shown.append((severity, f"{title}: {message}"))
        notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    app.notify = recording
    return shown


async def palette_hits(pilot, query: str) -> list[str]:
    """Open the command palette, type `query`, wait for its search to finish, and return the
    titles it lists (closing it again); "No matches found" is not a hit."""
    from textual.command import CommandList, CommandPalette
    from textual.widgets import Input

    app = pilot.app
    await pilot.press("ctrl+p")
    await settle(pilot)
    assert isinstance(app.screen, CommandPalette)
    palette = app.screen
    await pilot.press(*query)
    await pilot.pause()
    assert palette.query_one(Input).value == query

    def searching() -> bool:  # each key starts a search; the last one's must have finished
        return any(worker.group == CommandPalette._GATHER_COMMANDS_GROUP and worker.node is palette
                   and not worker.is_finished for worker in app.workers)

    await wait_for(lambda: not searching(), pilot, timeout=10, what=f"the palette's search for {query!r}")
    options = palette.query_one(CommandList)
    hits = [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]
    await pilot.press("escape")
    await settle(pilot)
    return [hit for hit in hits if "no matches" not in hit.lower()]


SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]
"""The sizes every screen's snapshots are taken at."""


def keys(*pressed: str):
    """A snapshot's `run_before`: wait for the store, press keys, and wait again after each."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)

    return run_before
