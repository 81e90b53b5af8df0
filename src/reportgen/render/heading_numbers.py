"""Literal heading numbers 一、（一）1.（1）, written into the heading text.

Literal numbers survive copy-paste between documents and WPS quirks (docs/docx-notes.md §3.7);
counters restart under each parent heading.
"""

from __future__ import annotations

from reportgen.figures.fmt import cn_number as chinese_number
from reportgen.render.stylesheet import HeadingStyle

LEVELS = 4


class HeadingNumbers:
    """Counters for the four heading levels; a heading resets every level below it."""

    def __init__(self, styles: list[HeadingStyle]) -> None:
        self._formats = [style.format for style in styles]
        self._counts = [0] * LEVELS

    def next(self, level: int) -> str:
        """The number text of the next heading at ``level`` (1–4), e.g. "（二）"."""
        if not 1 <= level <= LEVELS:
            raise ValueError(f"heading level must be 1–{LEVELS}, got {level}")
        self._counts[level - 1] += 1
        self._counts[level:] = [0] * (LEVELS - level)
        n = self._counts[level - 1]
        return self._formats[level - 1].format(cn=chinese_number(n), n=n)
