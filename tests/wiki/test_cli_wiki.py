"""`workshop-tui publish` and `pull` against the real MediaWiki: the diff, the question (asked on
a real terminal), `--yes`, no terminal and no `--yes` (nothing saved, and why), one line for
every error, and a page pulled into a new session."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys

import pytest
from test_publish import HOSTILE

from workshop_tui.cli import main
from workshop_tui.store import open_store
from workshop_tui.wiki import PASSWORD_ENV


def run(capsys, *args):
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = exit_.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def db(tmp_path, template):
    path = str(tmp_path / "cli.db")
    with open_store(path) as store:
        info = store.create_session("Berlin", template_id=template.id, step_count=template.step_count,
                                    facilitator="Anne-Laure", participants=["Ana"])
        for n, text in enumerate(HOSTILE):
            store.add_item(info.id, 1 + n % 8, ("action", "obstacle", "tool")[n % 3], text, author="Ana")
    return path


@pytest.fixture
def facilitator(test_wiki, monkeypatch):
    account = test_wiki.accounts["facilitator"]
    monkeypatch.setenv(PASSWORD_ENV, account.password)
    return account


def publish_args(db, test_wiki, page_title, account, *extra):
    return ["--db", db, "publish", "Berlin", "--wiki", test_wiki.api, "--page", page_title, "--user", account.user,
            *extra]


def test_publish_with_yes_then_again_makes_no_new_revision(capsys, db, test_wiki, page_title, facilitator):
    code, out, err = run(capsys, *publish_args(db, test_wiki, page_title, facilitator, "--yes"))
    assert code == 0, err
    assert out.startswith(f"--- {page_title} (no page yet)\n+++ {page_title} (to publish)\n")
    assert out.rstrip().endswith(page_title.replace(" ", "_"))  # the page's address
    assert f"creates {page_title} on Workshop TUI test wiki" in err and "published" in err
    assert facilitator.password not in out + err
    assert len(test_wiki.revisions(page_title)) == 1

    code, out, err = run(capsys, *publish_args(db, test_wiki, page_title, facilitator, "--yes"))
    assert code == 0 and out == ""
    assert "already holds this session" in err and "nothing to publish" in err
    assert len(test_wiki.revisions(page_title)) == 1


def test_without_a_terminal_and_without_yes_nothing_is_saved(capsys, db, test_wiki, page_title, facilitator):
    code, out, err = run(capsys, *publish_args(db, test_wiki, page_title, facilitator))
    assert code == 2
    assert err.splitlines()[-1] == ("workshop-tui: error: nothing was saved: there is no terminal to confirm the "
                                    "change on; read the diff above and run again with --yes to publish it")
    assert "+{| class=\"wikitable\"" in out  # the diff was shown all the same
    assert test_wiki.text(page_title) is None


def _in_a_terminal(args: list[str], answer: str, env: dict) -> tuple[int, str]:
    """Run the command on a real pseudo-terminal; answer its question; return (status, all it wrote)."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "workshop_tui", *args], stdin=follower, stdout=follower,
                               stderr=follower, env=env, close_fds=True)
    os.close(follower)
    output, answered = b"", False
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            process.kill()
            raise AssertionError(f"no output for 60 s: {output[-500:]!r}")
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the command has ended
            break
        if not chunk:
            break
        output += chunk
        if not answered and b"[y/N] " in output:
            os.write(leader, answer.encode() + b"\r")
            answered = True
    os.close(leader)
    return process.wait(timeout=60), output.decode("utf-8", "replace")


def test_the_question_on_a_terminal_yes_and_no(db, test_wiki, page_title, facilitator):
    env = {**os.environ, PASSWORD_ENV: facilitator.password, "COLUMNS": "120"}
    args = publish_args(db, test_wiki, page_title, facilitator)
    code, output = _in_a_terminal(args, "n", env)
    assert code == 1, output
    assert f"Save this to {page_title} on Workshop TUI test wiki? [y/N]" in output
    assert "nothing was saved" in output and test_wiki.text(page_title) is None

    code, output = _in_a_terminal(args, "y", env)
    assert code == 0, output
    assert "published" in output and len(test_wiki.revisions(page_title)) == 1
    assert facilitator.password not in output


def test_every_error_is_one_line_with_status_2(capsys, db, test_wiki, page_title, facilitator, monkeypatch):
    def fails(*args, says):
        code, out, err = run(capsys, *args)
        assert code == 2, (out, err)
        lines = err.strip().splitlines()
        assert len(lines) == 1 and says in lines[0] and "Traceback" not in err, err
        assert facilitator.password not in err

    fails(*publish_args(db, test_wiki, page_title, facilitator, "--yes")[:-3], "--yes", says="needs --user")
    fails("--db", db, "publish", "Nope", "--wiki", test_wiki.api, "--page", page_title, "--user", facilitator.user,
          says="Nope")
    test_wiki.edit_as_admin(page_title, "Sysops only.")
    test_wiki.protect(page_title)
    fails(*publish_args(db, test_wiki, page_title, facilitator, "--yes"), says="is protected (edit=sysop")
    fails(*publish_args(db, test_wiki, page_title + " x", facilitator, "--yes")[:4], "--wiki",
          "http://127.0.0.1:9/api.php", "--page", "X", "--user", facilitator.user, says="Connection refused")
    monkeypatch.setenv(PASSWORD_ENV, "0123456789abcdefghijklmnopqrstuv")
    fails(*publish_args(db, test_wiki, page_title + " x", facilitator, "--yes"), says="refused the login")
    monkeypatch.delenv(PASSWORD_ENV)
    fails(*publish_args(db, test_wiki, page_title + " x", facilitator, "--yes"), says=PASSWORD_ENV)
    assert test_wiki.text(page_title + " x") is None


def test_pull_makes_a_new_session_from_the_page(capsys, db, test_wiki, page_title, facilitator):
    assert run(capsys, *publish_args(db, test_wiki, page_title, facilitator, "--yes"))[0] == 0
    code, out, err = run(capsys, "--db", db, "pull", "--wiki", test_wiki.api, "--page", page_title)
    assert code == 0, err
    pulled_id = int(out.strip())
    assert f"pulled {len(HOSTILE)} items from {page_title}" in err
    code, out, err = run(capsys, "--db", db, "pull", "--wiki", test_wiki.api, "--page", page_title,
                         "--title", "Mexico")
    assert code == 0
    with open_store(db) as store:
        original, pulled = store.session_data(1), store.session_data(pulled_id)
        assert pulled.info.title == "Berlin" and store.get_session(int(out.strip())).title == "Mexico"

        def texts(data):
            return sorted((i.step, i.column, i.text, i.author) for i in data.items)

        assert texts(pulled) == texts(original)
    code, out, err = run(capsys, "--db", db, "pull", "--wiki", test_wiki.api, "--page", page_title + " (none)")
    assert code == 2 and "there is no page" in err
