"""What a participant may do, checked by the store itself (on SQLite and on PostgreSQL).

Only their own items, only in their session; dots only while the step is voting; a name
another live screen is using is refused. Each refusal changes nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from workshop_tui.store import NotAllowedError
from workshop_tui.store.errors import InvalidInputError, NotFoundError

ZOE = "z" * 43
SOMEONE = "s" * 43


@pytest.fixture
def room(store):
    first = store.create_session("Room", template_id="8-steps-partnership", step_count=8)
    other = store.create_session("Other room", template_id="8-steps-partnership", step_count=8)
    mine = store.add_item(first.id, 1, "action", "mine", author="Zoë")
    theirs = store.add_item(first.id, 1, "action", "theirs", author="Ana")
    anonymous = store.add_item(first.id, 1, "tool", "nobody's")
    elsewhere = store.add_item(other.id, 1, "action", "other session", author="Zoë")
    return first, other, mine, theirs, anonymous, elsewhere


def test_a_participant_edits_and_deletes_their_own_item(store, room):
    first, _, mine, *_ = room
    edited = store.edit_own_item(first.id, mine.id, "Zoë", "mine, better")
    assert edited.text == "mine, better"
    deleted = store.delete_own_item(first.id, mine.id, "Zoë")
    assert deleted.item.id == mine.id
    with pytest.raises(NotFoundError):
        store.get_item(mine.id)
    store.restore_item(deleted)  # undo
    assert store.get_item(mine.id).text == "mine, better"


@pytest.mark.parametrize("who", ["Ana", "zoë", "Zo", "", "  ", None])
def test_nobody_edits_or_deletes_what_someone_else_wrote(store, room, who):
    first, _, mine, theirs, anonymous, _ = room
    for item in (mine, theirs, anonymous):
        if item.author == who:
            continue  # Ana's own item
        with pytest.raises(NotAllowedError, match="your own"):
            store.edit_own_item(first.id, item.id, who, "overwritten")
        with pytest.raises(NotAllowedError, match="your own"):
            store.delete_own_item(first.id, item.id, who)
        assert store.get_item(item.id) == item


def test_nothing_reaches_another_session(store, room):
    first, _, _, _, _, elsewhere = room
    # Same author name, but the item lives in another session.
    with pytest.raises(NotAllowedError):
        store.edit_own_item(first.id, elsewhere.id, "Zoë", "overwritten")
    with pytest.raises(NotAllowedError):
        store.delete_own_item(first.id, elsewhere.id, "Zoë")
    store.set_phase(first.id, 1, "vote")
    with pytest.raises(NotAllowedError):
        store.cast_own_vote(first.id, elsewhere.id, "Zoë")
    assert store.get_item(elsewhere.id) == elsewhere
    assert store.list_votes(first.id) == [] and store.list_votes(elsewhere.session_id) == []


def test_dots_only_while_the_step_is_voting(store, room):
    first, _, _, theirs, *_ = room
    with pytest.raises(NotAllowedError, match="vote phase"):
        store.cast_own_vote(first.id, theirs.id, "Zoë")
    store.set_phase(first.id, 1, "vote")
    assert store.cast_own_vote(first.id, theirs.id, "Zoë").votes == 1
    assert store.cast_own_vote(first.id, theirs.id, "Zoë").votes == 2
    assert store.withdraw_own_vote(first.id, theirs.id, "Zoë").votes == 1
    store.set_phase(first.id, 1, "discuss")
    with pytest.raises(NotAllowedError):
        store.withdraw_own_vote(first.id, theirs.id, "Zoë")
    assert [vote.participant for vote in store.list_votes(first.id)] == ["Zoë"]


def test_dots_are_counted_per_participant(store, room):
    first, _, mine, theirs, anonymous, _ = room
    store.set_phase(first.id, 1, "vote")
    store.set_votes_per_participant(first.id, 2)
    store.cast_own_vote(first.id, mine.id, "Zoë")
    store.cast_own_vote(first.id, theirs.id, "Zoë")
    with pytest.raises(InvalidInputError, match="all 2"):
        store.cast_own_vote(first.id, anonymous.id, "Zoë")
    store.cast_own_vote(first.id, anonymous.id, "Ana")  # Ana still has hers
    with pytest.raises(InvalidInputError):
        store.withdraw_own_vote(first.id, anonymous.id, "Zoë")  # no dot of Zoë's there
    assert store.votes_left(first.id, 1, "Zoë") == 0


def test_a_name_is_the_screen_that_claimed_it(store, room):
    """Claims in full: tests/store/test_name_claims.py."""
    first, other, *_ = room
    assert store.claim_name(first.id, "screen-a", "  Zoë ", token=ZOE) == "Zoë"
    with pytest.raises(NotAllowedError, match="Zoë is taken"):
        store.claim_name(first.id, "screen-b", "Zoë", token=SOMEONE)
    assert store.claim_name(first.id, "screen-a", "Zoë", token=ZOE) == "Zoë"  # the same screen again
    assert store.claim_name(other.id, "screen-c", "Zoë", token=SOMEONE) == "Zoë"  # another session
    assert sorted(store.connected(first.id)) == ["Zoë"]
    store.leave("screen-a")
    with pytest.raises(NotAllowedError):  # gone, but the name stays Zoë's
        store.claim_name(first.id, "screen-b", "Zoë", token=SOMEONE)
    with pytest.raises(InvalidInputError):
        store.claim_name(first.id, "screen-d", " \x1b ", token=SOMEONE)


def test_a_screen_gone_quiet_keeps_its_name_for_its_token(store, room):
    first, *_ = room
    long_ago = datetime.now(timezone.utc) - timedelta(minutes=5)
    store.claim_name(first.id, "crashed", "Zoë", token=ZOE, now=long_ago)
    with pytest.raises(NotAllowedError):
        store.claim_name(first.id, "new-screen", "Zoë", token=SOMEONE)
    assert store.claim_name(first.id, "new-screen", "Zoë", token=ZOE) == "Zoë"


def test_heartbeats_do_not_wake_the_screens_but_changes_do(store, room, location):
    """Twenty participants' heartbeats must not make every screen re-read every few seconds."""
    from workshop_tui.store import open_store

    first, *_ = room
    with open_store(location) as other:  # another process's connection
        before = store.change_token()
        other.heartbeat(first.id, "screen-1", "participant", "Zoë")
        other.claim_name(first.id, "screen-2", "Bo", token=SOMEONE)
        other.leave("screen-1")
        assert store.change_token() == before
        other.add_item(first.id, 2, "tool", "a change")
        after = store.change_token()
        assert after != before
        other.set_phase(first.id, 2, "vote")
        assert store.change_token() != after


def test_many_screens_say_they_are_there_in_one_transaction(store, room):
    first, other, *_ = room
    long_ago = datetime.now(timezone.utc) - timedelta(minutes=5)
    store.heartbeat(first.id, "screen-9", "participant", "Gone", now=long_ago)
    store.heartbeats(first.id, [("screen-1", "Zoë"), ("screen-2", None), ("screen-3", " Bo\x1b ")], "participant")
    assert sorted(store.connected(first.id)) == ["", "Bo", "Zoë"]
    store.heartbeats(first.id, [("screen-2", "Ana")], "participant")  # named since
    assert sorted(store.connected(first.id)) == ["Ana", "Bo", "Zoë"]
    with pytest.raises(NotFoundError):
        store.heartbeats(987654, [("screen-4", "Nobody")], "participant")
    assert store.connected(other.id) == []
