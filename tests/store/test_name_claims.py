"""Name claims (issue 12, item 12), on SQLite and on PostgreSQL.

The first screen to join under a name claims it with a secret token; from then on only a
screen holding that token can join under the name again, connected or not, until the
facilitator releases it. The store keeps a hash of the token, never the token itself.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone

import pytest

from workshop_tui.store import InvalidInputError, NotAllowedError, NotFoundError, open_store

ANA = "a" * 43
INTRUDER = "i" * 43
T0 = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)


def test_item_12_a_disconnected_name_cannot_be_taken_by_another_screen(store, session):
    """Reproduced: Ana's screen has gone; anyone with the join code joined as Ana and deleted her item."""
    assert store.claim_name(session.id, "ana-laptop", "Ana", token=ANA) == "Ana"
    item = store.add_item(session.id, 1, "action", "Ask the museum first", author="Ana")
    store.leave("ana-laptop")
    assert store.connected(session.id) == []
    with pytest.raises(NotAllowedError, match="Ana is taken"):
        store.claim_name(session.id, "intruder", "Ana", token=INTRUDER)
    assert store.connected(session.id) == []  # the refused screen is not counted as Ana
    assert store.get_item(item.id) == item


def test_the_token_holder_comes_back_on_any_screen(store, session):
    store.claim_name(session.id, "laptop", "Ana", token=ANA, now=T0)
    store.leave("laptop")
    assert store.claim_name(session.id, "phone", "Ana", token=ANA) == "Ana"
    # Two screens of the same person at once (a reloaded tab, a laptop and a phone): both hers.
    assert store.claim_name(session.id, "laptop-again", "Ana", token=ANA) == "Ana"
    assert sorted(store.connected(session.id)) == ["Ana", "Ana"]


def test_claims_are_per_session_and_per_exact_name(store, session):
    other = store.create_session("Other room", template_id="8-steps-partnership", step_count=8)
    store.claim_name(session.id, "s1", "Ana", token=ANA)
    assert store.claim_name(other.id, "s2", "Ana", token=INTRUDER) == "Ana"
    assert store.claim_name(session.id, "s3", "Ana B.", token=INTRUDER) == "Ana B."
    assert store.claim_name(session.id, "s4", "  Ana  ", token=ANA) == "Ana"  # cleaned before comparing
    with pytest.raises(NotAllowedError):
        store.claim_name(session.id, "s5", " Ana\x1b ", token=INTRUDER)


def test_release_frees_a_name_for_the_next_screen(store, session):
    store.claim_name(session.id, "laptop", "Ana", token=ANA, now=T0)
    store.claim_name(session.id, "other", "Bo", token=INTRUDER, now=T0 + timedelta(seconds=1))
    assert [(c.name, c.claimed_at) for c in store.list_claims(session.id)] == [
        ("Ana", T0.isoformat()), ("Bo", (T0 + timedelta(seconds=1)).isoformat())]
    store.release_name(session.id, "Ana")
    assert [claim.name for claim in store.list_claims(session.id)] == ["Bo"]
    assert store.claim_name(session.id, "phone", "Ana", token=INTRUDER) == "Ana"  # a new claim
    with pytest.raises(NotAllowedError):
        store.claim_name(session.id, "laptop", "Ana", token=ANA)


def test_refusals_are_one_line_and_change_nothing(store, session):
    store.claim_name(session.id, "laptop", "Ana", token=ANA, now=T0)
    claims = store.list_claims(session.id)
    for token in ("", "short", None, "x" * 1000):
        with pytest.raises(InvalidInputError):
            store.claim_name(session.id, "s", "Bo", token=token)
    with pytest.raises(InvalidInputError):
        store.claim_name(session.id, "s", " \x1b ", token=ANA)
    with pytest.raises(NotFoundError):
        store.claim_name(999, "s", "Bo", token=ANA)
    with pytest.raises(NotFoundError, match="nobody has claimed"):
        store.release_name(session.id, "Bo")
    with pytest.raises(NotFoundError):
        store.release_name(999, "Ana")
    with pytest.raises(NotFoundError):
        store.list_claims(999)
    with pytest.raises(NotAllowedError) as caught:
        store.claim_name(session.id, "s", "Ana", token=INTRUDER)
    assert "\n" not in str(caught.value)
    assert store.list_claims(session.id) == claims
    assert store.connected(session.id, now=T0) == ["Ana"]  # no refused screen was counted


def test_only_a_hash_of_the_token_is_stored(store, session, location):
    store.claim_name(session.id, "laptop", "Ana", token=ANA)
    with store._read() as db:
        rows = db.connection().exec_driver_sql("SELECT name, token_hash FROM name_claims").all()
    assert rows == [("Ana", hashlib.sha256(ANA.encode()).hexdigest())]


def test_claims_and_releases_are_seen_by_another_process(store, session, location):
    with open_store(location) as other:
        other.claim_name(session.id, "laptop", "Ana", token=ANA)
        with pytest.raises(NotAllowedError):
            store.claim_name(session.id, "intruder", "Ana", token=INTRUDER)
        store.release_name(session.id, "Ana")
        assert other.list_claims(session.id) == []


def test_deleting_a_session_deletes_its_claims(store, session, location):
    store.claim_name(session.id, "laptop", "Ana", token=ANA)
    store.delete_session(session.id)
    with store._read() as db:
        assert db.connection().exec_driver_sql("SELECT count(*) FROM name_claims").scalar() == 0
