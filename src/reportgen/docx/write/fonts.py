"""Fonts: ``w:rFonts`` with an explicit East Asian font, the eastAsia hint, the font table and theme.

A ``*Theme`` attribute beats an explicit name (docs/docx-notes.md §3.1), so styles are written from
scratch with explicit ``ascii``/``hAnsi``/``cs``/``eastAsia`` names and no theme fonts.
Runs containing CJK text or General Punctuation (“ ” — …) get ``w:hint="eastAsia"`` so
Word sets those in the Chinese font; a curly quote that does not follow a CJK character
also goes in a run of its own whose Latin fonts are the CJK font, because LibreOffice gives
such a quote the script of the character before it (docs/docx-notes.md §3.3).

The font table describes each font the document names (panose, charset, family, pitch,
Unicode ranges) and gives the GB2312 fonts an alternative Windows has, so Word and WPS
substitute the right face on a computer without them; the theme names only the
stylesheet's fonts (docs/docx-notes.md §3.16).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from reportgen.ooxml.elements import Element, parse, serialize, sub, w
from reportgen.ooxml.namespaces import NAMESPACES, W_NS
from reportgen.ooxml.strings import attr
from reportgen.render.stylesheet import Stylesheet

# CJK ideographs, kana, fullwidth forms and CJK punctuation: a quote after one of these is
# already drawn in the East Asian font by LibreOffice (it takes the script of its predecessor).
_CJK_STRONG = ((0x2E80, 0x9FFF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF))
# ... and General Punctuation (“ ” — …): what Word should set in the East Asian font. (Ranges,
# not a regular expression: compiling a class of 30,000 characters takes longer than a report's
# every test of them.)
_EAST_ASIAN = ((0x2010, 0x206F), *_CJK_STRONG)
QUOTES = "“”‘’"
_QUOTE_RUN = re.compile(f"[{QUOTES}]+")
GB2312 = "86"  # w:charset of the GB2312 (simplified Chinese) code page
ANSI = "00"


def needs_hint(text: str) -> bool:
    """True if ``text`` has characters Word should set in the East Asian font."""
    return not text.isascii() and any(_within(char, _EAST_ASIAN) for char in text)


def _within(char: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in ranges)


def add_rfonts(rpr: Element, east_asia: str, latin: str) -> Element:
    """Append ``w:rFonts`` naming ``latin`` for ascii/hAnsi/cs and ``east_asia`` for CJK."""
    return sub(rpr, "rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin)


def add_hint(rpr: Element) -> None:
    """Append ``<w:rFonts w:hint="eastAsia"/>`` (must be the first child of a run's rPr)."""
    sub(rpr, "rFonts", hint="eastAsia")


def quote_pieces(text: str) -> Iterator[tuple[str, bool]]:
    """``text`` as (piece, is_quote) pieces: curly quotes not after a CJK character stand alone.

    “1620件” keeps its closing quote (after 件) but not its opening one (at the start, before
    a digit); “>90%” splits off both.
    """
    start = 0
    for match in _QUOTE_RUN.finditer(text):
        begin = match.start()
        if begin > 0 and _within(text[begin - 1], _CJK_STRONG):
            continue
        if begin > start:
            yield text[start:begin], False
        yield match.group(), True
        start = match.end()
    if start < len(text):
        yield text[start:], False


@dataclass(frozen=True)
class FontInfo:
    """What ``w:font`` says about one face: how Word and WPS find a stand-in when it is missing.

    ``panose`` is the 10-byte PANOSE classification in hex, ``sig`` the usb0–usb3 and
    csb0–csb1 Unicode and code-page ranges (from the faces Windows ships), ``alt`` the one
    alternative name Word tries first.
    """

    charset: str
    family: str
    pitch: str
    panose: str = ""
    alt: str = ""
    sig: tuple[str, str, str, str, str, str] | None = None


_WINDOWS_CJK_SIG = ("800002BF", "38CF7CFA", "00000016", "00000000", "00040001", "00000000")
_GB2312_SIG = ("00000001", "080E0000", "00000010", "00000000", "00040000", "00000000")
_SONG_PANOSE = "02010600030101010101"
_FIXED_PANOSE = "02010609060101010101"
_GB2312_PANOSE = "02010609030101010101"

# The faces of Chinese official documents and their Windows stand-ins (docs/docx-notes.md §3.16).
KNOWN_FONTS: dict[str, FontInfo] = {
    "Times New Roman": FontInfo(
        ANSI,
        "roman",
        "variable",
        "02020603050405020304",
        sig=("E0002EFF", "C000785B", "00000009", "00000000", "000001FF", "00000000"),
    ),
    "宋体": FontInfo(
        GB2312,
        "auto",
        "variable",
        _SONG_PANOSE,
        "SimSun",
        ("00000003", "288F0000", "00000016", "00000000", "00040001", "00000000"),
    ),
    "黑体": FontInfo(GB2312, "modern", "fixed", _FIXED_PANOSE, "SimHei", _WINDOWS_CJK_SIG),
    "仿宋": FontInfo(GB2312, "modern", "fixed", _FIXED_PANOSE, "FangSong", _WINDOWS_CJK_SIG),
    "楷体": FontInfo(GB2312, "modern", "fixed", _FIXED_PANOSE, "KaiTi", _WINDOWS_CJK_SIG),
    "仿宋_GB2312": FontInfo(GB2312, "modern", "fixed", _GB2312_PANOSE, "仿宋", _GB2312_SIG),
    "楷体_GB2312": FontInfo(GB2312, "modern", "fixed", _GB2312_PANOSE, "楷体", _GB2312_SIG),
    "方正小标宋简体": FontInfo(GB2312, "roman", "variable", _SONG_PANOSE, "华文中宋", _GB2312_SIG),
    "方正小标宋_GBK": FontInfo(GB2312, "roman", "variable", _SONG_PANOSE, "华文中宋", _GB2312_SIG),
    "方正仿宋_GBK": FontInfo(GB2312, "modern", "fixed", _GB2312_PANOSE, "仿宋", _GB2312_SIG),
    "方正楷体_GBK": FontInfo(GB2312, "modern", "fixed", _GB2312_PANOSE, "楷体", _GB2312_SIG),
    "方正黑体_GBK": FontInfo(GB2312, "modern", "fixed", _GB2312_PANOSE, "黑体", _GB2312_SIG),
    "华文中宋": FontInfo(GB2312, "auto", "variable", _SONG_PANOSE, "宋体"),
}


def font_info(name: str) -> FontInfo:
    """The known description of ``name``, or a plain one by its script (CJK → GB2312)."""
    known = KNOWN_FONTS.get(name)
    if known is not None:
        return known
    return FontInfo(GB2312 if needs_hint(name) else ANSI, "auto", "variable")


def used_fonts(sheet: Stylesheet, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The fonts a document of ``sheet`` names, first seen first: Latin, roles, headings, ``extra``."""
    names = [
        sheet.latin_font,
        *(role.font for role in sheet.roles.values()),
        *(heading.font for heading in sheet.headings),
        *extra,
    ]
    return tuple(dict.fromkeys(names))


def font_xml(name: str) -> str:
    """One ``w:font`` element, children in schema order."""
    info = font_info(name)
    parts = [f'<w:font w:name="{attr(name)}">']
    if info.alt:
        parts.append(f'<w:altName w:val="{attr(info.alt)}"/>')
    if info.panose:
        parts.append(f'<w:panose1 w:val="{info.panose}"/>')
    parts.append(f'<w:charset w:val="{info.charset}"/><w:family w:val="{info.family}"/><w:pitch w:val="{info.pitch}"/>')
    if info.sig is not None:
        names = ("usb0", "usb1", "usb2", "usb3", "csb0", "csb1")
        parts.append("<w:sig " + " ".join(f'w:{n}="{v}"' for n, v in zip(names, info.sig, strict=True)) + "/>")
    parts.append("</w:font>")
    return "".join(parts)


def font_table(sheet: Stylesheet, extra: Iterable[str] = ()) -> bytes:
    """word/fontTable.xml describing exactly the fonts of ``sheet`` and ``extra`` (a reference's)."""
    entries = "".join(font_xml(font) for font in used_fonts(sheet, extra))
    return (
        f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<w:fonts xmlns:w=\"{W_NS}\">{entries}</w:fonts>"
    ).encode()


def clean_theme(theme: bytes, sheet: Stylesheet) -> bytes:
    """``theme`` with a font scheme naming only the stylesheet's fonts.

    The template's scheme names Calibri/Cambria and some 30 script fonts per slot (ＭＳ ゴシック,
    맑은 고딕 …), which WPS reports as missing. Major (headings) and minor (body) fonts
    become the Latin font plus the first heading's and the body's CJK fonts, with zh-Hans
    as the one script font.
    """
    root = parse(theme)
    a = NAMESPACES["a"]
    scheme = root.find(f"{{{a}}}themeElements/{{{a}}}fontScheme")
    if scheme is None:
        return theme
    scheme.set("name", "reportgen")
    east_asian = {"majorFont": sheet.headings[0].font, "minorFont": sheet.role("body").font}
    for slot, ea in east_asian.items():
        element = scheme.find(f"{{{a}}}{slot}")
        if element is None:
            continue
        for child in list(element):
            element.remove(child)
        for tag, typeface in (("latin", sheet.latin_font), ("ea", ea), ("cs", "")):
            element.append(element.makeelement(f"{{{a}}}{tag}", {"typeface": typeface}))
        element.append(element.makeelement(f"{{{a}}}font", {"script": "Hans", "typeface": ea}))
    return serialize(root)


def east_asian_fonts(styles_xml: bytes) -> dict[str, str]:
    """Each paragraph style's East Asian font (explicit names only), following ``w:basedOn``.

    Styles whose font comes from the theme or nowhere are left out: their quotes keep only
    the hint.
    """
    root = parse(styles_xml)
    default = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('rFonts')}")
    fallback = _explicit(default)
    own: dict[str, str | None] = {}
    parents: dict[str, str] = {}
    for style in root.iterfind(w("style")):
        if style.get(w("type")) != "paragraph":
            continue
        style_id = style.get(w("styleId")) or ""
        own[style_id] = _explicit(style.find(f"{w('rPr')}/{w('rFonts')}"))
        based = style.find(w("basedOn"))
        if based is not None:
            parents[style_id] = based.get(w("val")) or ""
    fonts: dict[str, str] = {}
    for style_id in own:
        current: str | None = style_id
        seen: set[str] = set()
        font: str | None = None
        while current is not None and current in own and current not in seen:
            seen.add(current)
            if (font := own[current]) is not None:
                break
            current = parents.get(current)
        font = font if font is not None else fallback
        if font:
            fonts[style_id] = font
    return fonts


def _explicit(rfonts: Element | None) -> str | None:
    """The explicit eastAsia name of ``rfonts``; "" when a theme attribute overrides it."""
    if rfonts is None:
        return None
    if rfonts.get(w("eastAsiaTheme")) is not None:
        return ""
    return rfonts.get(w("eastAsia"))
