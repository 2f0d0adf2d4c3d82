"""Full garbage collections wait for a pause between keys (`idle_gc.IdleCollector`), and the app
gives Python its own schedule back when it ends."""

from __future__ import annotations

import gc
import time

from helpers.pilot import settle

from workshop_tui.app import make_app
from workshop_tui.idle_gc import DUE, NEVER, OVERDUE, PAUSE_SECONDS, SPACING_SECONDS, IdleCollector


def young_passes(count: int) -> None:
    for _ in range(count):
        gc.collect(1)  # each counts towards the next full pass, as Python's own do


def test_a_full_pass_waits_for_a_pause_unless_long_overdue():
    now = [100.0]
    collector = IdleCollector(clock=lambda: now[0])
    before = gc.get_threshold()
    collector.start()
    try:
        assert gc.get_threshold() == (before[0], before[1], NEVER)  # Python runs none by itself
        gc.collect()
        young_passes(DUE - 1)
        now[0] += 10
        assert not collector.tick()  # in a pause, but not due yet
        young_passes(1)
        collector.saw_input()
        now[0] += PAUSE_SECONDS / 2
        assert not collector.tick()  # due, but someone is typing
        now[0] += PAUSE_SECONDS / 2
        assert collector.tick() and gc.get_count()[2] == 0  # the pause: done
        young_passes(DUE)
        now[0] += PAUSE_SECONDS
        assert not collector.tick()  # due and in a pause again, but the last pass was just now
        now[0] += SPACING_SECONDS
        assert collector.tick()
        young_passes(OVERDUE)
        collector.saw_input()
        assert collector.tick() and collector.collections == 3  # a burst that never pauses still gets one
    finally:
        collector.stop()
    assert gc.get_threshold() == before
    assert not collector.tick()  # stopped: nothing


async def test_the_app_runs_it_while_open_and_gives_the_schedule_back(store, session):
    before = gc.get_threshold()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.idle_gc.running and gc.get_threshold()[2] == NEVER
        pressed = time.monotonic()
        await pilot.press("enter")  # keys are input: the collector hears of them
        await settle(pilot)
        assert app.idle_gc.last_input >= pressed
    assert not app.idle_gc.running and gc.get_threshold() == before
