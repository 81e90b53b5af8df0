"""Page metrics in Word units (twips, half-points), derived once from a stylesheet."""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportgen.render.stylesheet import PageSetup, Stylesheet

TWIPS_PER_MM = 1440 / 25.4
TWIPS_PER_PT = 20


def twips(mm: float) -> int:
    """Millimetres to twips (1/20 pt), rounded to the nearest twip."""
    return round(mm * TWIPS_PER_MM)


def half_points(pt: float) -> int:
    """Points to the half-points of ``w:sz``."""
    return round(pt * 2)


def chars_to_twips(chars: float, size_pt: float) -> int:
    """An indent of ``chars`` characters of a ``size_pt`` font, in twips (fallback value)."""
    return round(chars * size_pt * TWIPS_PER_PT)


@dataclass(frozen=True)
class Metrics:
    """页面尺寸: the numbers every part of the writer agrees on."""

    page_width: int
    page_height: int
    top: int
    bottom: int
    left: int
    right: int
    header: int
    footer: int
    text_width: int
    line_pitch: int

    @classmethod
    def of(cls, sheet: Stylesheet) -> Metrics:
        page = sheet.page
        return cls(
            page_width=twips(page.width_mm),
            page_height=twips(page.height_mm),
            top=twips(page.margin_top_mm),
            bottom=twips(page.margin_bottom_mm),
            left=twips(page.margin_left_mm),
            right=twips(page.margin_right_mm),
            header=twips(min(15, page.margin_top_mm / 2)),
            footer=twips(page.footer_mm),
            text_width=twips(page.text_width_mm),
            line_pitch=line_pitch(page),
        )


def char_space(sheet: Stylesheet, text_width: int) -> int:
    """``w:docGrid/@w:charSpace`` for ``chars_per_line`` body characters per line (§3.5).

    Word's character pitch is the default font size plus charSpace/4096 pt. Rounded down so
    the pitch never exceeds text width / chars_per_line and all characters fit:
    8844 tw (156 mm), 28 characters of 16 pt: (15.7929 − 16) × 4096 = −848.5 → −849.
    """
    pitch = text_width / TWIPS_PER_PT / sheet.page.chars_per_line
    return math.floor((pitch - sheet.role("body").size_pt) * 4096)


def line_pitch(page: PageSetup) -> int:
    """Grid line pitch in twips, rounded down so ``lines_per_page`` lines fit the type area.

    225 mm / 22 lines = 579.8 tw → 579 (28.95 pt).
    """
    return math.floor(page.text_height_mm * TWIPS_PER_MM / page.lines_per_page)
