"""The resume point (issue 12, items 2 and 9): reopening a session comes back to the step, the
column and the speaker the facilitator left, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from workshop_tui.store import InvalidInputError, NotFoundError, open_store


def test_a_new_session_has_no_speaker_and_the_first_column(store, session):
    assert (session.current_step, session.current_column, session.speaker) == (1, "", "")


def test_step_column_and_speaker_are_remembered_across_reopening(store, session, location):
    info = store.set_resume_point(session.id, step=4, column="obstacle", speaker="  Bo ")
    assert (info.current_step, info.current_column, info.speaker) == (4, "obstacle", "Bo")
    with open_store(location) as reopened:
        again = reopened.get_session(session.id)
        assert (again.current_step, again.current_column, again.speaker) == (4, "obstacle", "Bo")
        listed = next(each for each in reopened.list_sessions() if each.id == session.id)
        assert (listed.current_column, listed.speaker) == ("obstacle", "Bo")
        assert reopened.step_view(session.id, 4).info.speaker == "Bo"
        assert reopened.session_data(session.id).info.current_column == "obstacle"


def test_only_what_is_given_changes(store, session):
    store.set_resume_point(session.id, step=3, column="tool", speaker="Ana")
    assert store.set_resume_point(session.id, column="action").speaker == "Ana"
    info = store.set_resume_point(session.id, speaker="Anne-Laure")  # the facilitator speaks
    assert (info.current_step, info.current_column, info.speaker) == (3, "action", "Anne-Laure")
    assert store.set_resume_point(session.id, speaker="").speaker == ""  # back to "not chosen"
    assert store.get_session(session.id).participants == ("Ana", "Bo")  # a speaker is not a participant


def test_a_change_of_resume_point_is_seen_by_other_screens(store, session, location):
    with open_store(location) as other:
        token = other.change_token()
        store.set_resume_point(session.id, speaker="Bo")
        assert other.change_token() != token


def test_bad_values_are_refused_and_change_nothing(store, session):
    store.set_resume_point(session.id, step=2, column="tool", speaker="Ana")
    before = store.get_session(session.id)
    with pytest.raises(InvalidInputError, match="step 9"):
        store.set_resume_point(session.id, step=9, column="action", speaker="Bo")
    with pytest.raises(InvalidInputError, match="unknown column"):
        store.set_resume_point(session.id, step=3, column="ideas", speaker="Bo")
    with pytest.raises(InvalidInputError, match="too long"):
        store.set_resume_point(session.id, speaker="x" * 501)
    with pytest.raises(NotFoundError):
        store.set_resume_point(999, step=1)
    assert store.get_session(session.id) == before
