"""Fonts: ``w:rFonts`` with an explicit East Asian font, no theme fonts, and the eastAsia hint.

A ``*Theme`` attribute beats an explicit name, so theme attributes are always removed
(docx-notes §3.1). Runs containing CJK text or General Punctuation (“ ” — …) get
``w:hint="eastAsia"`` so Word sets those in the Chinese font (docx-notes §3.3).
"""

from __future__ import annotations

import re

from reportgen.docxwriter.xml import Element, sub, w

THEME_ATTRIBUTES = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")

_EAST_ASIAN = re.compile("[\u2010-\u206f\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


def needs_hint(text: str) -> bool:
    """True if ``text`` has characters Word should set in the East Asian font."""
    return _EAST_ASIAN.search(text) is not None


def add_rfonts(rpr: Element, east_asia: str, latin: str) -> Element:
    """Append ``w:rFonts`` naming ``latin`` for ascii/hAnsi/cs and ``east_asia`` for CJK."""
    return sub(rpr, "rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin)


def add_hint(rpr: Element) -> None:
    """Append ``<w:rFonts w:hint="eastAsia"/>`` (must be the first child of a run's rPr)."""
    sub(rpr, "rFonts", hint="eastAsia")


def strip_theme_fonts(root: Element) -> None:
    """Remove every theme-font attribute below ``root``."""
    for rfonts in root.iter(w("rFonts")):
        for name in THEME_ATTRIBUTES:
            rfonts.attrib.pop(w(name), None)


def fonts_used(fonts: list[str]) -> list[str]:
    """Distinct font names in first-seen order (deterministic, unlike a set)."""
    return list(dict.fromkeys(fonts))
