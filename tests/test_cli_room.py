"""Safe in the room from the command line: `add` into a step written privately, `reveal`, `release`,
and `join`'s claim token (its file, or `$WORKSHOP_TUI_CLAIM_TOKEN`)."""

from __future__ import annotations

import pytest

from workshop_tui import locations
from workshop_tui.claim_token import ENV_VAR
from workshop_tui.store import open_store
from helpers.cli import run


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "cli.db")




@pytest.fixture
def room(capsys, db):
    code, out, err = run(capsys, "--db", db, "new", "Room", "--participant", "Ana")
    assert code == 0, err
    return out.strip()


def test_add_into_a_private_step_stores_a_hidden_item_and_says_so(capsys, db, room):
    with open_store(db) as store:
        store.set_phase(1, 2, "private")
    code, out, err = run(capsys, "--db", db, "add", room, "--step", "2", "--column", "tool", "--author", "Ana",
                         "A secret tool")
    assert code == 0 and len(out.strip()) == 32
    assert err.strip() == ("step 2 is being written privately: this item stays hidden until "
                           f"`workshop-tui reveal {room} --step 2`")
    code, out, err = run(capsys, "--db", db, "add", room, "--step", "3", "--column", "tool", "Out loud")
    assert code == 0 and err == ""
    with open_store(db) as store:
        assert [(i.text, i.hidden) for i in store.step_view(1, 2, viewer="Ana").items] == [("A secret tool", True)]
    code, out, _ = run(capsys, "--db", db, "export", room, "--format", "markdown")
    assert "A secret tool" not in out and "Not revealed yet" in out


def test_reveal_shows_the_step_credited_or_anonymous(capsys, db, room):
    with open_store(db) as store:
        store.set_phase(1, 2, "private")
        store.add_item(1, 2, "tool", "Ana's", author="Ana")
        store.add_item(1, 2, "action", "Bo's", author="Bo")
        store.set_phase(1, 4, "private")
        store.add_item(1, 4, "action", "Ana's too", author="Ana")
    code, out, err = run(capsys, "--db", db, "reveal", room, "--step", "2")
    assert (code, err) == (0, "")
    assert out.strip() == "revealed 2 items in step 2, credited to their authors"
    code, out, err = run(capsys, "--db", db, "reveal", "Room", "--step", "4", "--anonymous")
    assert out.strip() == "revealed 1 item in step 4, without their authors"
    code, out, err = run(capsys, "--db", db, "reveal", room, "--step", "4")
    assert (code, out.strip()) == (0, "step 4 holds no items written privately: nothing to reveal")
    with open_store(db) as store:
        items = store.list_items(1)
        assert {i.text: i.author for i in items} == {"Ana's": "Ana", "Bo's": "Bo", "Ana's too": None}
        assert store.step_states(1)[2].phase == store.step_states(1)[4].phase == "brainstorm"


@pytest.mark.parametrize(("args", "message"), [
    (("reveal", "1", "--step", "9"), "step 9 is outside 1-8"),
    (("reveal", "9", "--step", "1"), "unknown session '9'"),
    (("reveal", "1"), "the following arguments are required: --step"),
    (("release", "1", "Zoë"), "nobody has claimed the name Zoë in this session"),
    (("release", "1", " \x1b "), "the name is empty"),
    (("release", "9", "Ana"), "unknown session '9'"),
])
def test_bad_input_is_one_line_and_exit_2(capsys, db, room, args, message):
    code, out, err = run(capsys, "--db", db, *args)
    assert code == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1


def test_release_frees_a_claimed_name(capsys, db, room):
    with open_store(db) as store:
        store.claim_name(1, "laptop", "Ana", token="a" * 43)
        store.claim_name(1, "phone", "Bo", token="b" * 43)
    code, out, err = run(capsys, "--db", db, "release", room, "Ana")
    assert code == 0, err
    assert out.strip() == "released Ana in session 'Room': the next screen to join as Ana claims the name"
    with open_store(db) as store:
        assert [claim.name for claim in store.list_claims(1)] == ["Bo"]
        assert store.claim_name(1, "new-laptop", "Ana", token="n" * 43) == "Ana"
    code, _, err = run(capsys, "--db", db, "release", room, "Zoë")
    assert code == 2 and "claimed: Bo, Ana" in err  # Ana claimed again after Bo


def test_join_claims_with_the_token_in_the_user_data_dir_or_the_environment(db, room, monkeypatch):
    """What `join` hands its app: the terminal's token (made once, kept), or the environment's."""
    from workshop_tui import cli

    handed = []

    class Stop(Exception):
        pass

    def fake_app(store, session_id, name, *, catalog, token):
        handed.append(token)
        raise Stop

    monkeypatch.setattr("workshop_tui.participant.make_participant_app", fake_app)
    monkeypatch.delenv(ENV_VAR, raising=False)
    for _ in range(2):
        with pytest.raises(Stop):
            cli.main(["--db", db, "join", room, "--as", "Ana"])
    assert handed[0] == handed[1] == locations.claim_token_path().read_text().strip()
    monkeypatch.setenv(ENV_VAR, "e" * 43)
    with pytest.raises(Stop):
        cli.main(["--db", db, "join", room, "--as", "Ana"])
    assert handed[2] == "e" * 43
    monkeypatch.setenv(ENV_VAR, "not a token")
    assert cli.main(["--db", db, "join", room, "--as", "Ana"]) == 2
    assert len(handed) == 3


def test_show_says_what_is_not_revealed_yet(capsys, db, room, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    with open_store(db) as store:
        store.set_phase(1, 3, "private")
        store.add_item(1, 3, "tool", "Ana's secret", author="Ana")
        store.add_item(1, 3, "tool", "Bo's secret", author="Bo")
    code, out, _ = run(capsys, "--db", db, "show", room)
    assert code == 0 and "secret" not in out
    assert "Not revealed yet, so not shown: step 3: 2 items" in out
    run(capsys, "--db", db, "reveal", room, "--step", "3")
    code, out, _ = run(capsys, "--db", db, "show", room)
    assert "Ana's secret" in out and "Not revealed" not in out


def test_merge_says_what_it_leaves_out(capsys, db, room):
    run(capsys, "--db", db, "new", "Other")
    with open_store(db) as store:
        store.add_item(1, 1, "action", "Out loud")
        store.set_phase(1, 4, "private")
        store.add_item(1, 4, "action", "Private", author="Ana")
    code, out, err = run(capsys, "--db", db, "merge", "1", "2", "--title", "Both")
    assert code == 0
    assert "note: 'Room' still holds items written privately (step 4): not revealed, so not merged" in err
    with open_store(db) as store:
        assert [item.text for item in store.list_items(int(out.strip()))] == ["Out loud"]
