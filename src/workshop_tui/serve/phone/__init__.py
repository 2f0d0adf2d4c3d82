"""The participant page made for a phone (and a laptop), served by `workshop-tui serve` at the join URL.

The terminal view (textual-serve) draws a whole terminal in the browser: on a phone the
columns are ten characters wide and a phone keyboard has no Tab, Esc or F-keys. This page is
plain HTML, CSS and a small script of our own (`static/`), with nothing fetched from
elsewhere and no build step:

- `routes.py`: the page, its two files and its websocket, under the join code, behind the
  same Host, code and Origin checks as the terminal view, sharing its `--max-connections`;
- `room.py`: every open page of the session, the store they share (one thread for writes, one
  for reads), live updates driven by the store's change token, presence heartbeats;
- `messages.py`: the messages, checked on the way in and built on the way out (pure);
- `static/`: `index.html`, `phone.css`, `phone.js`.

The terminal view stays one link away, at `/j/<code>/terminal`.
"""

from workshop_tui.serve.phone.routes import add_routes

__all__ = ["add_routes"]
