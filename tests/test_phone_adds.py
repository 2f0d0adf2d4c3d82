"""Adds from many phone pages at once are saved together: few commits, each page its own answer."""

from __future__ import annotations

import asyncio

from workshop_tui.model import new_id
from workshop_tui.serve.phone.messages import Request
from workshop_tui.serve.phone.operations import Adds, Held, Operations
from workshop_tui.store import InvalidInputError, NotAllowedError
from workshop_tui.store_calls import StoreCalls


def add(step: int, text: str, item_id: str | None = None, column: str = "action") -> Request:
    return Request("add", ref=item_id or new_id(), item_id=item_id or new_id(), step=step, column=column, text=text)


async def test_a_room_adding_at_once_is_saved_in_one_transaction(store, template):
    session = store.create_session("Burst", template_id=template.id, step_count=template.step_count)
    calls = []
    add_items = store.add_items
    store.add_items = lambda *args, **kwargs: calls.append(len(args[1])) or add_items(*args, **kwargs)
    writes = StoreCalls("test-writes")
    try:
        adds = Adds(writes, Operations(session.id, {}))
        answers = await asyncio.gather(*(adds.add(store, f"P{n % 5}", add(1, f"idea {n}")) for n in range(20)))
    finally:
        writes.shutdown()
    assert answers == [{}] * 20
    assert calls == [20]
    stored = store.list_items(session.id)
    assert sorted(item.text for item in stored) == sorted(f"idea {n}" for n in range(20))
    assert {item.author for item in stored} == {f"P{n}" for n in range(5)}


async def test_each_add_of_a_batch_gets_its_own_answer(store, template):
    session = store.create_session("Mixed", template_id=template.id, step_count=template.step_count)
    store.set_phase(session.id, 3, "vote")
    taken = store.add_item(session.id, 1, "tool", "Ana's", author="Ana").id
    writes = StoreCalls("test-writes")
    try:
        adds = Adds(writes, Operations(session.id, {}))
        answers = await asyncio.gather(
            adds.add(store, "Bo", add(1, "fine")),
            adds.add(store, "Bo", add(1, "someone else's id", item_id=taken)),
            adds.add(store, "Bo", add(3, "while voting")),
            adds.add(store, "Bo", add(99, "no such step")),  # refused by the store: the rest one by one
            adds.add(store, "Bo", add(2, "also fine", column="obstacle")),
            return_exceptions=True)
    finally:
        writes.shutdown()
    assert answers[0] == {} and answers[4] == {}
    assert isinstance(answers[1], NotAllowedError)
    assert isinstance(answers[2], Held)
    assert isinstance(answers[3], InvalidInputError) and "step 99" in str(answers[3])
    assert sorted(item.text for item in store.list_items(session.id)) == ["Ana's", "also fine", "fine"]
