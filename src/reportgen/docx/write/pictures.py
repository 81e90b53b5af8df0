"""Pictures: a centred paragraph holding one inline DrawingML picture (``wp:inline``).

The paragraph is in the table-title style with direct formatting that suits a picture in
any stylesheet or reference document: centred, no indents, no space before or after, and
single line spacing without ``snapToGrid``, so an exact grid line height does not clip the
picture to one line. The picture's title is kept as its alt text (``wp:docPr/@descr``),
where :func:`~reportgen.docx.draft.outline.read_outline` finds it.
"""

from __future__ import annotations

from reportgen.docx import style_names as names
from reportgen.ooxml.namespaces import NAMESPACES
from reportgen.ooxml.strings import attr, tag
from reportgen.render.blocks import Picture

EMU_PER_MM = 36000
A = NAMESPACES["a"]
PIC = NAMESPACES["pic"]
_LAYOUT = (
    '<w:snapToGrid w:val="0"/>'
    '<w:spacing w:before="0" w:beforeLines="0" w:after="0" w:afterLines="0"'
    ' w:line="240" w:lineRule="auto"/>'
    '<w:ind w:leftChars="0" w:left="0" w:rightChars="0" w:right="0"'
    ' w:firstLineChars="0" w:firstLine="0"/>'
    '<w:jc w:val="center"/>'
)


def emu(mm: float) -> int:
    """Millimetres to English Metric Units (36 000 per mm)."""
    return round(mm * EMU_PER_MM)


def picture_xml(picture: Picture, rid: str, number: int, *, keep_next: bool = False, break_before: bool = False) -> str:
    """The picture paragraph; ``rid`` is the image relationship, ``number`` the docPr id."""
    if picture.width_mm <= 0 or picture.height_mm <= 0:
        raise ValueError(f"picture size must be positive, got {picture.width_mm}×{picture.height_mm} mm")
    ppr = (
        tag("pStyle", val=names.role_style_id("table_title"))
        + ("<w:keepNext/>" if keep_next else "")
        + ("<w:pageBreakBefore/>" if break_before else "")
        + _LAYOUT
    )
    drawing = inline_xml(rid, number, emu(picture.width_mm), emu(picture.height_mm), picture.title)
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:rPr><w:noProof/></w:rPr>{drawing}</w:r></w:p>"


def inline_xml(rid: str, number: int, cx: int, cy: int, title: str) -> str:
    """``w:drawing`` with an inline picture ``cx`` × ``cy`` EMU showing image ``rid``."""
    name = f"Picture {number}"
    extent = f'cx="{cx}" cy="{cy}"'
    return (
        '<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent {extent}/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{number}" name="{name}" descr="{attr(title)}"/>'
        f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{A}" noChangeAspect="1"/>'
        f'</wp:cNvGraphicFramePr><a:graphic xmlns:a="{A}"><a:graphicData uri="{PIC}">'
        f'<pic:pic xmlns:pic="{PIC}"><pic:nvPicPr><pic:cNvPr id="{number}" name="{name}"/>'
        '<pic:cNvPicPr><a:picLocks noChangeAspect="1" noChangeArrowheads="1"/></pic:cNvPicPr>'
        f'</pic:nvPicPr><pic:blipFill><a:blip r:embed="{attr(rid)}"/>'
        "<a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext {extent}/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing>"
    )
