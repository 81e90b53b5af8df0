"""Native heading numbering (docs/docx-notes.md §3.7): one multilevel list bound to Heading1–4.

``word/numbering.xml`` holds one ``w:abstractNum`` (fixed nsid, so output is deterministic)
whose four levels name Heading1–4 in ``w:pStyle``; each heading style names the list in its
``w:numPr``. Level formats come from the stylesheet's heading formats ({cn} →
chineseCounting, {n} → decimal, the text around the counter kept), with no tab after the
number (``w:suff="nothing"``). Each level copies the indent and the fonts of its heading
style as built, so the number sits and looks like the heading text even when the heading
style comes from a reference document. Lower levels restart under higher ones (Word's
default when ``w:lvlRestart`` is absent).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportgen.docx import style_names as names
from reportgen.ooxml.elements import Element, detach, insert_before, required, w
from reportgen.ooxml.namespaces import W_NS
from reportgen.ooxml.strings import attr
from reportgen.render.stylesheet import Stylesheet

NUMBERING = "word/numbering.xml"
NUM_ID = 90
ABSTRACT_ID = 90
NSID = "5A0E0001"
NUM_FMT = {"cn": "chineseCounting", "n": "decimal"}
_HEAD = f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<w:numbering xmlns:w=\"{W_NS}\">"
# Schema order (CT_Style, CT_PPr): the children that follow a style's pPr and a pPr's numPr.
_AFTER_PPR = {w(tag) for tag in ("rPr", "tblPr", "trPr", "tcPr", "tblStylePr")}
_BEFORE_NUMPR = {
    w(tag) for tag in ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr")
}


def numbering_part(content: bytes) -> bytes:
    """A complete numbering.xml around ``content`` (abstractNum elements, then num elements)."""
    return _HEAD.encode() + content + b"</w:numbering>"


def numbering_xml(sheet: Stylesheet, styles: Element) -> bytes:
    """numbering.xml for the heading formats of ``sheet``, styled like the headings in ``styles``."""
    levels = "".join(_level(level, sheet, _heading_style(styles, level)) for level in range(1, 5))
    abstract = (
        f'<w:abstractNum w:abstractNumId="{ABSTRACT_ID}"><w:nsid w:val="{NSID}"/>'
        f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
    )
    num = f'<w:num w:numId="{NUM_ID}"><w:abstractNumId w:val="{ABSTRACT_ID}"/></w:num>'
    return numbering_part((abstract + num).encode())


def bind_headings(styles: Element, ilvls: Sequence[int] | None) -> None:
    """Give Heading1–4 a ``w:numPr`` naming list ``NUM_ID`` at ``ilvls``, or none if None.

    Any numPr a heading style already has (from a reference document) is removed first.
    """
    for level in range(1, 5):
        style = _heading_style(styles, level)
        ppr = style.find(w("pPr"))
        if ppr is None:
            ppr = style.makeelement(w("pPr"), {})
            insert_before(style, ppr, _AFTER_PPR)
        for old in ppr.findall(w("numPr")):
            detach(old)
        if ilvls is not None:
            numpr = ppr.makeelement(w("numPr"), {})
            numpr.append(numpr.makeelement(w("ilvl"), {w("val"): str(ilvls[level - 1])}))
            numpr.append(numpr.makeelement(w("numId"), {w("val"): str(NUM_ID)}))
            ppr.insert(next((i for i, child in enumerate(ppr) if child.tag not in _BEFORE_NUMPR), len(ppr)), numpr)


def _heading_style(styles: Element, level: int) -> Element:
    style_id = names.heading_style_id(level)
    return required(styles, f"{w('style')}[@{w('styleId')}='{style_id}']")


def _level(level: int, sheet: Stylesheet, style: Element) -> str:
    fmt = sheet.headings[level - 1].number_format(level)
    text = f"{fmt.prefix}%{level}{fmt.suffix}"
    indent = _attributes(style.find(f"{w('pPr')}/{w('ind')}"))
    if not indent:
        indent = ' w:firstLine="0"'
    if "w:left=" not in indent and "w:start=" not in indent:
        indent = ' w:left="0"' + indent
    fonts = _attributes(style.find(f"{w('rPr')}/{w('rFonts')}"))
    rpr = f"<w:rPr><w:rFonts{fonts}/></w:rPr>" if fonts else ""
    return (
        f'<w:lvl w:ilvl="{level - 1}"><w:start w:val="1"/>'
        f'<w:numFmt w:val="{NUM_FMT[fmt.counter]}"/>'
        f'<w:pStyle w:val="{names.heading_style_id(level)}"/><w:suff w:val="nothing"/>'
        f'<w:lvlText w:val="{attr(text)}"/><w:lvlJc w:val="left"/>'
        f"<w:pPr><w:ind{indent}/></w:pPr>{rpr}</w:lvl>"
    )


def _attributes(element: Element | None) -> str:
    """The ``w:`` attributes of ``element`` as XML attribute text, in document order."""
    if element is None:
        return ""
    prefix = f"{{{W_NS}}}"
    return "".join(
        f' w:{key[len(prefix) :]}="{attr(value)}"' for key, value in element.attrib.items() if key.startswith(prefix)
    )
