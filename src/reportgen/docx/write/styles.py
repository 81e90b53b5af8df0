"""styles.xml: document defaults and every style the writer uses, generated from a stylesheet.

The template's 270 styles are replaced by a small set whose XML is easy to review: no theme
fonts, no linked *Char styles, no colours. Body and headings use exact line spacing equal to
the grid pitch (docs/docx-notes.md §3.5); in the "portable" grid mode the document defaults also
carry −0.25 pt character spacing. The table text style does not snap to the grid, so cells
are not spread over grid lines (§3.9). Heading numbering (numPr) is added by ``native_numbering``.
"""

from __future__ import annotations

from reportgen.docx import style_names as names
from reportgen.docx.measures import Metrics, chars_to_twips, half_points
from reportgen.docx.style_names import StyleName
from reportgen.docx.write.fonts import add_rfonts
from reportgen.ooxml.elements import Element, sub
from reportgen.render.stylesheet import HeadingStyle, RoleStyle, Stylesheet

# A stylesheet's alignment words → w:jc values (styles and table cells alike).
ALIGN = {"left": "left", "center": "center", "right": "right", "justify": "both"}
# −0.25 pt per character: 28 × 15.75 pt fits the 156 mm line in Word and LibreOffice.
CHAR_SPACING = -5
SINGLE = 240


def build_styles(root: Element, sheet: Stylesheet, metrics: Metrics) -> None:
    """Replace the contents of ``w:styles`` with reportgen's styles."""
    for child in list(root):
        root.remove(child)
    _doc_defaults(root, sheet)
    _normal(root)
    _default_font(root)
    _table_styles(root)
    for level, heading in enumerate(sheet.headings, 1):
        _heading(root, level, heading, sheet, metrics)
    for role, style in names.ROLE_STYLES.items():
        if role != "page_number":
            _role(root, style, sheet.role(role), sheet, metrics)
    _footer(root)
    _page_number(root, sheet)


def _doc_defaults(root: Element, sheet: Stylesheet) -> None:
    body = sheet.role("body")
    defaults = sub(root, "docDefaults")
    rpr = sub(sub(defaults, "rPrDefault"), "rPr")
    add_rfonts(rpr, body.font, sheet.latin_font)
    if sheet.grid == "portable":
        sub(rpr, "spacing", val=CHAR_SPACING)  # the "word" grid sets the pitch with charSpace
    sub(rpr, "sz", val=half_points(body.size_pt))
    sub(rpr, "szCs", val=half_points(body.size_pt))
    sub(rpr, "lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    ppr = sub(sub(defaults, "pPrDefault"), "pPr")
    sub(ppr, "spacing", after=0, line=SINGLE, lineRule="auto")


def _style(
    root: Element,
    kind: str,
    style: StyleName,
    based_on: StyleName | None = None,
    next_id: str = "",
    default: bool = False,
    priority: int = 0,
    quick: bool = True,
) -> Element:
    """A ``w:style`` with its header elements, in schema order."""
    attrs = {"type": kind, "styleId": style.style_id} | ({"default": "1"} if default else {})
    element = sub(root, "style", **attrs)
    sub(element, "name", val=style.name)
    if based_on is not None:
        sub(element, "basedOn", val=based_on.style_id)
    if next_id:
        sub(element, "next", val=next_id)
    if priority:
        sub(element, "uiPriority", val=priority)
    if quick:
        sub(element, "qFormat")
    return element


def _normal(root: Element) -> None:
    ppr = sub(_style(root, "paragraph", names.NORMAL, default=True), "pPr")
    sub(ppr, "widowControl", val=0)
    # Word's default (punctuation may hang in the margin), written out because LibreOffice
    # reads this flag inverted: absent or "0" makes it hang punctuation, and in justified
    # lines the hung "，" is not drawn at all [verified, LibreOffice 7.x render].
    sub(ppr, "overflowPunct")
    sub(ppr, "jc", val="both")


def _default_font(root: Element) -> None:
    sub(_style(root, "character", names.DEFAULT_FONT, default=True, priority=1, quick=False), "rPr")


def _table_styles(root: Element) -> None:
    normal = _style(root, "table", names.TABLE_NORMAL, default=True, priority=99, quick=False)
    tblpr = sub(normal, "tblPr")
    sub(tblpr, "tblInd", w=0, type="dxa")
    margins = sub(tblpr, "tblCellMar")
    for side, width in (("top", 0), ("left", 108), ("bottom", 0), ("right", 108)):
        sub(margins, side, w=width, type="dxa")
    grid = _style(root, "table", names.TABLE_GRID, names.TABLE_NORMAL, priority=59, quick=False)
    borders = sub(sub(grid, "tblPr"), "tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        sub(borders, side, val="single", sz=4, space=0, color="auto")


def _heading(root: Element, level: int, heading: HeadingStyle, sheet: Stylesheet, metrics: Metrics) -> None:
    style = _style(
        root, "paragraph", names.HEADING_STYLES[level - 1], names.NORMAL, names.role_style_id("body"), priority=9
    )
    ppr = sub(style, "pPr")
    sub(ppr, "keepNext")
    sub(ppr, "keepLines")
    sub(ppr, "spacing", before=0, after=0, line=metrics.line_pitch, lineRule="exact")
    sub(ppr, "ind", firstLineChars=200, firstLine=chars_to_twips(2, heading.size_pt))
    sub(ppr, "outlineLvl", val=level - 1)
    _rpr(style, heading.font, sheet.latin_font, heading.size_pt, heading.bold)


def _role(root: Element, style: StyleName, role: RoleStyle, sheet: Stylesheet, metrics: Metrics) -> None:
    element = _style(root, "paragraph", style, names.NORMAL, style.style_id)
    ppr = sub(element, "pPr")
    if style == names.ROLE_STYLES["body"]:
        # No widow or orphan: a page never starts with a paragraph's last line alone or ends
        # with its first; lines keep the exact grid pitch, a page may end a line short.
        sub(ppr, "widowControl")
    if role.line_spacing == "single":
        sub(ppr, "snapToGrid", val=0)  # natural line height: a 2号 line is not two grid lines
    sub(ppr, "spacing", **_spacing(role, metrics))
    _indent(ppr, role)
    if role.space_after_lines:
        sub(ppr, "contextualSpacing")  # a title split over paragraphs keeps its lines together
    sub(ppr, "jc", val=ALIGN[role.align])
    _rpr(element, role.font, sheet.latin_font, role.size_pt, role.bold)


def _spacing(role: RoleStyle, metrics: Metrics) -> dict[str, str | int]:
    """Exact grid spacing or single spacing, plus space after in grid lines."""
    spacing: dict[str, str | int] = {"line": metrics.line_pitch, "lineRule": "exact"}
    if role.line_spacing == "single":
        spacing = {"line": SINGLE, "lineRule": "auto"}
    if role.space_after_lines:
        lines = role.space_after_lines
        spacing["after"] = round(lines * metrics.line_pitch)
        spacing["afterLines"] = round(lines * 100)
    return spacing


def _indent(ppr: Element, role: RoleStyle) -> None:
    attrs: dict[str, str | int] = {}
    if role.right_indent_chars:
        attrs["rightChars"] = round(role.right_indent_chars * 100)
        attrs["right"] = chars_to_twips(role.right_indent_chars, role.size_pt)
    if role.indent_chars:
        attrs["firstLineChars"] = round(role.indent_chars * 100)
        attrs["firstLine"] = chars_to_twips(role.indent_chars, role.size_pt)
    if attrs:
        sub(ppr, "ind", **attrs)


def _rpr(style: Element, font: str, latin: str, size_pt: float, bold: bool) -> None:
    rpr = sub(style, "rPr")
    add_rfonts(rpr, font, latin)
    if bold:
        sub(rpr, "b")
        sub(rpr, "bCs")
    sub(rpr, "sz", val=half_points(size_pt))
    sub(rpr, "szCs", val=half_points(size_pt))


def _footer(root: Element) -> None:
    ppr = sub(_style(root, "paragraph", names.FOOTER, names.NORMAL, priority=99, quick=False), "pPr")
    sub(ppr, "snapToGrid", val=0)
    sub(ppr, "spacing", before=0, after=0, line=SINGLE, lineRule="auto")
    sub(ppr, "ind", firstLineChars=0, firstLine=0)


def _page_number(root: Element, sheet: Stylesheet) -> None:
    """4号 半角宋体: the page-number font serves Latin digits and CJK dashes alike."""
    role = sheet.role("page_number")
    style = _style(root, "paragraph", names.ROLE_STYLES["page_number"], names.FOOTER)
    _rpr(style, role.font, role.font, role.size_pt, role.bold)
