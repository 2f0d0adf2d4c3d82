"""The join URL as a QR code in the terminal, two modules per character cell (half blocks).

Drawn black on white whatever the terminal's colours, with the quiet zone scanners need, so a
phone's camera reads it off the facilitator's screen. Without colours (output to a file), dark
modules are full blocks.
"""

from __future__ import annotations

import segno
from rich.text import Text

BORDER = 2  # modules of quiet zone around the code


def qr_text(data: str, *, color: bool = True) -> Text:
    """A QR code of `data` as Rich text: each character is two modules, top and bottom."""
    rows = [list(row) for row in segno.make(data, error="m").matrix_iter(scale=1, border=BORDER)]
    if len(rows) % 2:
        rows.append([0] * len(rows[0]))
    text = Text()
    for top, bottom in zip(rows[0::2], rows[1::2]):
        for upper, lower in zip(top, bottom):
            if color:
                # Upper half block: its foreground paints the top module, its background the bottom.
                text.append("▀", style=f"{'#000000' if upper else '#ffffff'} on {'#000000' if lower else '#ffffff'}")
            else:
                text.append({(1, 1): "█", (1, 0): "▀", (0, 1): "▄", (0, 0): " "}[(int(bool(upper)), int(bool(lower)))])
        text.append("\n")
    return text
