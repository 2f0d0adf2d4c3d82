"""`workshop-tui serve`: the participant view of one session, in participants' browsers.

textual-serve runs a Textual app in a browser: the page opens a websocket, and for every
websocket the server starts one app process and relays keys and screen updates. It has no
authentication, no Origin check and no limit of its own; `ParticipantServer` adds them, in
front of everything it serves:

- `guard.py`: the join code (random, 120 bits, compared in constant time), the Host and
  Origin checks, and the redaction that keeps the code out of every log line (pure, tested
  on their own);
- `server.py`: the aiohttp application (every route under `/j/<code>/`, refused before
  anything runs without the code), the cap on connections, and the one command every app
  process runs: `workshop-tui --db STORE join SESSION`, fixed when the server starts;
- `relay.py`: one participant's connection: their app process (its output always read, its
  end escalated from a quit request to SIGKILL), and the keys and window sizes relayed to it
  from the browser, within a budget per second and in all;
- `connection_limits.py`: connections that have not joined, capped per address and in all;
- `claim_cookie.py`: the cookie holding each browser's claim token, so a participant's name
  stays theirs (handed to their app processes in `WORKSHOP_TUI_CLAIM_TOKEN`);
- `console.py`: what the facilitator's terminal shows: the join URL, its QR code, log lines
  with the code taken out;
- `qr.py`: the join URL as a QR code drawn in the terminal, for phones;
- `page.html`: the terminal view's page (`/j/<code>/terminal`), with no third-party requests;
- `phone/`: the participant page made for a phone, at the join URL itself;
- `kept_code.py`: the join code a restarted `serve` keeps, so open pages reconnect.
"""
