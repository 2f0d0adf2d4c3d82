"""`python -m workshop_tui`: the same entry point as the `workshop-tui` command."""

from workshop_tui.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
