"""The 附件说明 and 落款 lines as paragraph properties: :mod:`reportgen.render.signature`'s
places (points, blank lines) turned into ``w:spacing`` and ``w:ind``.

Indents are written in twips and in hundredths of a character (``*Chars``), which Word
prefers over twips, so both agree; the character is the role's font size. Blank lines above
a line are space before it of whole grid lines, the line itself keeps the exact grid pitch.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.docx.measures import TWIPS_PER_PT
from reportgen.ooxml.strings import tag
from reportgen.render.signature import LinePlace


@dataclass(frozen=True)
class PlaceXml:
    """The ``w:spacing`` and ``w:ind`` of one placed line, and whether it keeps with the next."""

    spacing: str
    indent: str
    align: str
    keep_next: bool


def place_xml(place: LinePlace, size_pt: float, line_pitch: int, align: str) -> PlaceXml:
    """Paragraph properties putting a line where ``place`` says (``align``: its ``w:jc``)."""
    spacing = ""
    if place.blank_lines_before:
        spacing = tag(
            "spacing",
            before=place.blank_lines_before * line_pitch,
            beforeLines=place.blank_lines_before * 100,
            line=line_pitch,
            lineRule="exact",
        )
    indent = tag(
        "ind",
        leftChars=_chars(place.left, size_pt),
        left=_twips(place.left),
        rightChars=_chars(place.right, size_pt),
        right=_twips(place.right),
        hangingChars=_chars(place.hanging, size_pt),
        hanging=_twips(place.hanging),
    )
    return PlaceXml(spacing, indent, align, place.keep_with_next)


def _twips(points: float) -> int:
    return round(points * TWIPS_PER_PT)


def _chars(points: float, size_pt: float) -> int:
    return round(points / size_pt * 100)
