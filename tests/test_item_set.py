"""`ItemSet`, the items a screen holds between reads, checked against a plain list kept the obvious way."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from workshop_tui.model import Item
from workshop_tui.screens.item_set import ItemSet

IDS = [f"id{n}" for n in range(8)]


def item(item_id: str, step: int, position: int, column: str = "action") -> Item:
    return Item(id=item_id, step=step, column=column, text=item_id, position=position)


operations = st.lists(st.one_of(
    st.tuples(st.just("remember"), st.lists(st.tuples(st.sampled_from(IDS), st.integers(1, 3), st.integers(0, 5)),
                                            max_size=3)),
    st.tuples(st.just("forget"), st.sampled_from(IDS)),
    st.tuples(st.just("replace"), st.integers(1, 3),
              st.lists(st.tuples(st.sampled_from(IDS), st.integers(0, 5)), max_size=4, unique_by=lambda t: t[0])),
), max_size=30)


@settings(max_examples=200, deadline=None)
@given(operations)
def test_it_holds_what_a_plain_list_would(ops):
    held, plain = ItemSet(), []
    for op in ops:
        if op[0] == "remember":
            changed = [item(i, step, pos) for i, step, pos in op[1]]
            held.remember(*changed)
            for new in changed:
                plain = [new if old.id == new.id else old for old in plain]
                if all(old.id != new.id for old in plain):
                    plain.append(new)
        elif op[0] == "forget":
            held.forget(item(op[1], 1, 0))
            plain = [old for old in plain if old.id != op[1]]
        else:
            step, entries = op[1], [item(i, op[1], pos) for i, pos in op[2]]
            held.replace_step(step, entries)
            ids = {e.id for e in entries}
            plain = [old for old in plain if old.step != step and old.id not in ids] + entries
        assert sorted(i.id for i in held) == sorted(i.id for i in plain)
        assert {i.id: i for i in held} == {i.id: i for i in plain}
        for step in (1, 2, 3):
            expected = sorted((i for i in plain if i.step == step), key=lambda i: i.position)
            assert [i.position for i in held.of(step)] == [i.position for i in expected]
            assert {i.id for i in held.of(step)} == {i.id for i in expected}
        counts = {}
        for i in plain:
            counts[i.step] = counts.get(i.step, 0) + 1
        assert held.counts() == counts


def test_a_changed_item_keeps_its_place_and_a_moved_one_leaves_its_old_step():
    held = ItemSet([item("a", 1, 0), item("b", 1, 1), item("c", 2, 0, "tool")])
    held.remember(replace(item("a", 1, 0), text="edited"))
    assert [i.text for i in held.of(1)] == ["edited", "b"]
    held.remember(item("b", 2, 1, "tool"))
    assert [i.id for i in held.of(1)] == ["a"] and [i.id for i in held.of(2, "tool")] == ["c", "b"]
    assert held.counts() == {1: 1, 2: 2}
