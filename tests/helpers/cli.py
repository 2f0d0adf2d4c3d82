"""Running the command line in-process, as a test sees it: exit status, standard output, standard error."""

from __future__ import annotations

from workshop_tui.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    """`workshop-tui ARGS...` in this process; what it printed, and only what it printed
    (anything printed before, by a fixture, is left out)."""
    capsys.readouterr()
    try:
        code = main(list(args))
    except SystemExit as exit_:  # argparse's own exits (--help, usage errors)
        code = exit_.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err
