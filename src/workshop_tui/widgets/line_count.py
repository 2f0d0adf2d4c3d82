"""How many lines a text takes once wrapped to a width, without wrapping it.

The summary lays out thousands of items to know its height, but draws only the few on screen.
Counting must agree with the drawing exactly (Textual's `Content` wraps with Rich's
`divide_line`: words with the spaces after them, a word longer than the width folded), so this
is the same greedy rule, on plain strings, with a fast path for text whose every character
takes one cell (most text people type); anything else is counted by `divide_line` itself.
"""

from __future__ import annotations

from rich._wrap import divide_line  # what Content.wrap divides lines with; counts must agree
from textual.content import Content

# Characters one cell wide: Rich's own list (Latin, Greek, Cyrillic, box drawing, shapes: "●"),
# and the punctuation between dashes and the bullet ("–", "’", "•", "…").
_NARROW = frozenset(chr(code) for start, end in ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x370, 0x482),
                                                 (0x2010, 0x2027), (0x2500, 0x25FC), (0x2800, 0x28FF))
                    for code in range(start, end + 1))


def line_count(text: str, width: int) -> int:
    """Lines `text` takes wrapped (and folded) to `width` cells; each newline starts a line."""
    return sum(_one_line(line, max(width, 1)) for line in text.split("\n"))


def _one_line(line: str, width: int) -> int:
    if "\t" in line:  # tab stops: as Content places them (rare in typed text)
        return len(Content(line).wrap(width))
    if not _NARROW.issuperset(line) or "\xa0" in line:  # wide characters, or a space Rich splits at too
        return len(divide_line(line, width, fold=True)) + 1
    end = len(line.rstrip(" "))
    lines = 1
    start = 0  # where the current line starts (what is on it from there takes its cells)
    while end - start > width:  # the rest does not fit on this line: find the first word that does not
        limit = start + width
        if line[limit] == " ":
            word = limit + len(line[limit:]) - len(line[limit:].lstrip(" "))
        else:
            word = line.rfind(" ", 0, limit) + 1
        if not line[:word].strip(" "):
            word = 0  # the first word, with the spaces before it
        word_end = line.find(" ", len(line) - len(line[word:].lstrip(" ")))  # (the first word's leading spaces)
        word_end = len(line) if word_end < 0 else word_end
        after = len(line) - len(line[word_end:].lstrip(" "))  # the word with the spaces after it
        if word_end - word > width:  # folded: a piece per `width` cells, each on a line of its own
            pieces = -(-(after - word) // width)
            lines += pieces if word else pieces - 1
            start = word + width * (pieces - 1)
        else:
            lines += 1
            start = word
    return lines
