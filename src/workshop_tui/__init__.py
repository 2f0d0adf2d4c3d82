"""workshop-tui: a full-screen terminal app that runs a live, structured workshop."""

__version__ = "0.1.0"
APP_NAME = "workshop-tui"
