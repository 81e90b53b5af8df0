"""Fonts: ``w:rFonts`` with an explicit East Asian font, and the eastAsia hint.

A ``*Theme`` attribute beats an explicit name (docs/docx-notes.md §3.1), so styles are written from
scratch with explicit ``ascii``/``hAnsi``/``cs``/``eastAsia`` names and no theme fonts.
Runs containing CJK text or General Punctuation (“ ” — …) get ``w:hint="eastAsia"`` so
Word sets those in the Chinese font (docs/docx-notes.md §3.3).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reportgen.ooxml.elements import Element, sub
from reportgen.ooxml.namespaces import W_NS
from reportgen.ooxml.strings import attr
from reportgen.render.stylesheet import Stylesheet

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


def font_table(sheet: Stylesheet, extra: Iterable[str] = ()) -> bytes:
    """word/fontTable.xml naming the stylesheet's fonts and ``extra`` ones (a reference's).

    CJK names get the GB2312 charset. Fonts are listed in first-seen order (a dict, not a
    set, so the order is stable).
    """
    names = [
        sheet.latin_font,
        *(role.font for role in sheet.roles.values()),
        *(heading.font for heading in sheet.headings),
        *extra,
    ]
    entries = "".join(
        f'<w:font w:name="{attr(font)}"><w:charset w:val="{"86" if needs_hint(font) else "00"}"/>'
        '<w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
        for font in dict.fromkeys(names)
    )
    return (
        f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<w:fonts xmlns:w=\"{W_NS}\">{entries}</w:fonts>"
    ).encode()
