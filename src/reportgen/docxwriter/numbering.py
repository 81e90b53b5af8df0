"""Literal heading numbers 一、（一）1.（1）, written into the heading text.

Literal numbers survive copy-paste between documents and WPS quirks (docx-notes §3.7);
counters restart under each parent heading.
"""

from __future__ import annotations

from reportgen.stylesheet import HeadingStyle

DIGITS = "零一二三四五六七八九"
LEVELS = 4


def chinese_number(n: int) -> str:
    """Chinese numeral for 1–999: 一, 十, 十一, 二十, 九十九, 一百零五; Arabic beyond."""
    if not 0 < n < 1000:
        return str(n)
    if n < 10:
        return DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        head = "十" if tens == 1 else f"{DIGITS[tens]}十"
        return head + (DIGITS[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    head = f"{DIGITS[hundreds]}百"
    if rest == 0:
        return head
    if rest < 10:
        return f"{head}零{DIGITS[rest]}"
    return head + ("一" if rest < 20 else "") + chinese_number(rest)


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
