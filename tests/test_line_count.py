"""The summary's line counting (`widgets/line_count.py`) agrees with how Textual wraps the same text.

The summary lays out thousands of items from these counts and draws only what is on screen, so a
count that differs from the drawing would cut an item short or leave a hole.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.content import Content

from workshop_tui.widgets.line_count import line_count

# Spaces in runs, words short and long, single-cell accents and dots, wide and zero-width characters.
TEXT = st.text(alphabet=st.sampled_from(list("ab cd   xyz-.,\n•●’éŻ🤝中\u0301\xa0\t")),
               max_size=80)


@settings(max_examples=400, deadline=None)
@given(TEXT, st.integers(min_value=1, max_value=40))
def test_the_count_is_the_lines_textual_draws(text, width):
    assert line_count(text, width) == len(Content(text).wrap(width))


def test_examples():
    assert line_count("", 10) == 1
    assert line_count("one two three", 7) == 2  # "one two" / "three"
    assert line_count("abcdefghij", 4) == 3  # folded: "abcd" / "efgh" / "ij"
    assert line_count("first\nsecond", 40) == 2
    assert line_count("• Item 7: ask the partner's board about the joint project (Ana)", 18) == 4
