"""Moments in a session's history as people write them and read them (pure, no I/O).

The store keeps ISO 8601 UTC stamps with microseconds. People read them in their own time zone,
to the second (`shown`), and give one back as they read it (`moment_upto`): "2026-12-03
14:05:07", "2026-12-03T14:05", "14:05" (today), with or without a zone (none: local time).
A moment means the end of what it names: 14:05:07 is every change made in that second, so a
time copied from `workshop-tui history` includes the change on that line. Dates are shown as
the language in use writes them (`i18n.formats`: `03/12/2026 14:05:07` in French) and read back
in any of those forms.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from workshop_tui.i18n import _, formats

_TIME_ONLY = re.compile(r"^\d{1,2}:\d{2}(:\d{2}(\.\d{1,6})?)?$")


class MomentError(ValueError):
    """A moment that cannot be read; its text is one line for the user."""


def moment_upto(text: str, *, today: date | None = None) -> str:
    """The last instant the moment names, as the store's ISO 8601 UTC stamps are written."""
    raw = formats.iso_day(text.strip())
    if _TIME_ONLY.match(raw):
        raw = f"{(today or datetime.now().astimezone().date()).isoformat()} {raw}"
    try:
        moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise MomentError(_("'{text}' is not a moment: write it as {example} (local time), "
                            "or as `workshop-tui history` shows it").format(
            text=text, example=formats.moment(datetime(2026, 12, 3, 14, 5, 7)))) from None
    clock = raw.split("T")[-1].split(" ")[-1] if ("T" in raw or " " in raw) else ""
    if not clock:
        span = timedelta(days=1)
    elif "." in clock:
        span = timedelta(microseconds=1)
    elif clock.count(":") >= 2:
        span = timedelta(seconds=1)
    else:
        span = timedelta(minutes=1)
    moment = moment if moment.tzinfo else moment.astimezone()  # no zone given: this machine's
    upto = (moment + span - timedelta(microseconds=1)).astimezone(timezone.utc)
    return upto.isoformat(timespec="microseconds")


def shown(stamp: str, *, short: bool = False) -> str:
    """A store stamp in this machine's time zone, to the second: `2026-12-03 14:05:07` (as the
    language in use writes a date); `short`: without the year and the seconds."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    local = moment.astimezone()
    return formats.short_moment(local) if short else formats.moment(local)
