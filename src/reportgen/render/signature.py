"""Where the 附件说明 and 落款 lines stand, per GB/T 9704-2012 §7.3.4 and §7.3.5.

§7.3.4 附件说明: one line below the text, two characters in, "附件" and a full-width colon,
then the attachment names; several are numbered "1." "2." and a name that wraps lines up
with the first character of the name above (a hanging indent).

§7.3.5.1 加盖印章 (seal): the date (成文日期) stands four characters from the right margin,
the unit's name (发文机关署名) centred over it; the seal presses on both, its top within one
line of the text, so two blank lines are left above the name for it.

§7.3.5.2 不加盖印章 (no seal): one blank line below the text, the name two characters from
the right margin, the date on the next line with its first character two characters right
of the name's first. If the date is longer than the name ("如成文日期长于发文机关署名"), the
date stands two characters from the margin and the name moves left by as much (its first
character still two left of the date's). Taken as written: a date up to as long as the name
may so end less than two characters from the margin.

Widths are measured here from the text (an East Asian character is one em, ASCII digits half
an em in the Latin font), plus the document's character spacing and the space clients put
between a Chinese character and a digit or Latin letter next to it (Word's and LibreOffice's
automatic spacing, on by default), so the writer can turn the positions into paragraph
indents without knowing the rules.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from reportgen.render.blocks import Block, Paragraph, Role

Seal = Literal["有印章", "无印章"]
SEALS: tuple[Seal, ...] = ("有印章", "无印章")

# Advance widths (em) of ASCII characters in Times New Roman / Liberation Serif; all other
# characters are full width.
_NARROW = {".": 0.25, ",": 0.25, ":": 0.278, " ": 0.25, "(": 0.333, ")": 0.333, "-": 0.333, "/": 0.278}
_ASCII_EM = 0.5
# The automatic space between a Chinese character and an adjacent ASCII letter or digit
# [verified, LibreOffice 7.x render: 3.45 pt at 3号 in "2023年4月25日"].
AUTOSPACE_EM = 0.216
_NUMBERED = re.compile(r"(附件[：:])?(\d+[.．])?")
LABEL = "附件："


def text_width(text: str, size_pt: float, spacing_pt: float = 0) -> float:
    """The advance width of ``text`` in points, set at ``size_pt`` with ``spacing_pt`` after
    each character (the document's character spacing)."""
    ems = sum(_NARROW.get(c, _ASCII_EM) if c.isascii() else 1.0 for c in text)
    changes = sum(_script_change(a, b) for a, b in itertools.pairwise(text))
    return (ems + changes * AUTOSPACE_EM) * size_pt + spacing_pt * len(text)


def _script_change(first: str, second: str) -> bool:
    """A Chinese character next to an ASCII letter or digit (either way round)."""
    return (_ideograph(first) and second.isascii() and second.isalnum()) or (
        _ideograph(second) and first.isascii() and first.isalnum()
    )


def _ideograph(char: str) -> bool:
    return unicodedata.category(char) == "Lo"


@dataclass(frozen=True)
class LinePlace:
    """Indents of one line in points, and blank grid lines left above it."""

    left: float = 0
    hanging: float = 0
    right: float = 0
    blank_lines_before: int = 0
    keep_with_next: bool = False


@dataclass(frozen=True)
class Measure:
    """How the lines are measured: font size (one character = ``size_pt``) and spacing."""

    size_pt: float
    spacing_pt: float = 0

    def width(self, text: str) -> float:
        return text_width(text, self.size_pt, self.spacing_pt)

    def chars(self, count: float) -> float:
        return count * self.size_pt


def attachment_place(text: str, measure: Measure, first: bool) -> LinePlace:
    """A 附件说明 line: "附件：1.名称" two characters in, a following "2.名称" under "1.", a
    wrapped name under its own first character; the first line has a blank line above it."""
    found = _NUMBERED.match(text)
    label = found.group(1) if found else None
    number = (found.group(2) if found else None) or ""
    start = measure.chars(2) + (0 if label else measure.width(LABEL))
    left = measure.chars(2) + measure.width(LABEL) + measure.width(number)
    return LinePlace(left=left, hanging=left - start, blank_lines_before=1 if first else 0)


def signature_places(name: str, date: str, measure: Measure, seal: Seal) -> tuple[LinePlace, LinePlace]:
    """The 发文机关署名 and 成文日期 lines (right indents), per §7.3.5.1 / §7.3.5.2."""
    name_width, date_width = measure.width(name), measure.width(date)
    two = measure.chars(2)
    if seal == "有印章":
        date_right = measure.chars(4)
        name_right = max(0.0, date_right + (date_width - name_width) / 2)
        return LinePlace(right=name_right, blank_lines_before=2), LinePlace(right=date_right)
    name_right = two
    date_right = name_right + name_width - two - date_width
    if date_width > name_width:
        date_right = two
        name_right = date_right + date_width + two - name_width
    return LinePlace(right=name_right, blank_lines_before=1), LinePlace(right=date_right)


def closing_places(blocks: Sequence[Block], measure: Measure, seal: Seal) -> dict[int, LinePlace]:
    """Per index of a 附件说明 or 落款 paragraph in ``blocks``, where it stands.

    A run of 附件说明 lines and the 署名 are kept with the line after them, so the block
    never starts a page with the date alone. A 落款 of other than two lines (署名, date) is
    left to its style.
    """
    places: dict[int, LinePlace] = {}
    notes = [i for i, b in enumerate(blocks) if _is(b, Role.ATTACHMENT_NOTE)]
    for position, index in enumerate(notes):
        block = blocks[index]
        assert isinstance(block, Paragraph)
        first = position == 0 or notes[position - 1] != index - 1
        places[index] = replace(attachment_place(block.text, measure, first), keep_with_next=True)
    for start in range(len(blocks) - 1):
        name, date = blocks[start], blocks[start + 1]
        if (
            isinstance(name, Paragraph)
            and isinstance(date, Paragraph)
            and _is(name, Role.SIGNATURE)
            and _is(date, Role.SIGNATURE)
            and not (start > 0 and _is(blocks[start - 1], Role.SIGNATURE))
            and not (start + 2 < len(blocks) and _is(blocks[start + 2], Role.SIGNATURE))
        ):
            above, below = signature_places(name.text, date.text, measure, seal)
            places[start] = replace(above, keep_with_next=True)
            places[start + 1] = below
    return places


def kept_with_closing(blocks: Sequence[Block]) -> int | None:
    """The index of the paragraph before the first 附件说明 or 落款 line: it is kept with
    them, so the 落款 never stands on a page without text (GB/T 9704 §7.3.5.5)."""
    first = next((i for i, b in enumerate(blocks) if _is(b, Role.ATTACHMENT_NOTE) or _is(b, Role.SIGNATURE)), None)
    if first is None or first == 0 or not isinstance(blocks[first - 1], Paragraph):
        return None
    return first - 1


def _is(block: Block, role: Role) -> bool:
    return isinstance(block, Paragraph) and block.role is role
