"""Word-level edits between an old and a new text, for tracked changes a reader can follow.

Texts are compared as tokens: a number with its separators, decimals and percent sign
(``1,690.55``, ``99.53%``), a Latin word, a run of spaces, or any other single character
(each Chinese character is a word of its own). A changed figure is thus struck and
re-inserted whole, not digit by digit. When more than half of a text changes, or the
changes are scattered, the whole text is replaced at once: easier to read than a patchwork.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from reportgen.revise.plan import Edit

_TOKEN = re.compile(r"\d[\d,.]*%?|[A-Za-z]+|\s+|.", re.DOTALL)
MAX_EDITS = 6


def tokens(text: str) -> list[str]:
    """``text`` split into comparison tokens; joined again they give ``text``."""
    return _TOKEN.findall(text)


def edits(old: str, new: str) -> tuple[Edit, ...]:
    """Character ranges ``(i1, i2, j1, j2)``: ``old[i1:i2]`` becomes ``new[j1:j2]``."""
    if old == new:
        return ()
    a, b = tokens(old), tokens(new)
    start_a, start_b = _offsets(a), _offsets(b)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    found = [
        (start_a[i1], start_a[i2], start_b[j1], start_b[j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]
    kept = sum(size for _, _, size in matcher.get_matching_blocks())
    if len(found) > MAX_EDITS or kept * 2 < max(len(a), len(b)):
        return ((0, len(old), 0, len(new)),)
    return tuple(found)


def apply(old: str, changes: tuple[Edit, ...], new: str) -> str:
    """``old`` with ``changes`` made, taking inserted text from ``new`` (a check for tests)."""
    parts: list[str] = []
    position = 0
    for i1, i2, j1, j2 in changes:
        parts += [old[position:i1], new[j1:j2]]
        position = i2
    parts.append(old[position:])
    return "".join(parts)


def _offsets(parts: list[str]) -> list[int]:
    offsets = [0]
    for part in parts:
        offsets.append(offsets[-1] + len(part))
    return offsets
