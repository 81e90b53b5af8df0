"""Body paragraphs and headings as WordprocessingML text: a styled ``w:p``, one run per span.

A highlighted span (a 【待补充：…】 placeholder) is a yellow-highlighted run, so an editor
sees at a glance what is still to be supplied.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportgen.docx.keys import bookmark_xml
from reportgen.docx.write.fonts import needs_hint
from reportgen.ooxml.strings import tag, text_xml
from reportgen.render.blocks import Span

HINT = '<w:rFonts w:hint="eastAsia"/>'
HIGHLIGHT = '<w:highlight w:val="yellow"/>'


def paragraph_xml(
    style_id: str,
    spans: Iterable[Span],
    *,
    break_before: bool = False,
    keep_next: bool = False,
    align: str = "",
    mark: tuple[int, str] | None = None,
    space_before: int = 0,
) -> str:
    """A paragraph in ``style_id``; ``align`` overrides the style's ``w:jc``.

    ``mark`` is the (id, name) of the bookmark that keys the paragraph (``keys``);
    ``space_before`` (twips) adds room above it, e.g. under a table.
    """
    ppr = ppr_xml(style_id, break_before=break_before, keep_next=keep_next, align=align, space_before=space_before)
    runs = "".join(run_xml(span.text, bold=span.bold, italic=span.italic, highlight=span.highlight) for span in spans)
    start, end = bookmark_xml(mark)
    return f"<w:p>{ppr}{start}{runs}{end}</w:p>"


def ppr_xml(
    style_id: str, *, break_before: bool = False, keep_next: bool = False, align: str = "", space_before: int = 0
) -> str:
    """``w:pPr`` with children in schema order: pStyle, keepNext, pageBreakBefore, spacing, jc."""
    parts = [tag("pStyle", val=style_id)]
    if keep_next:
        parts.append("<w:keepNext/>")
    if break_before:
        parts.append("<w:pageBreakBefore/>")
    if space_before:
        parts.append(tag("spacing", before=space_before))
    if align:
        parts.append(tag("jc", val=align))
    return f"<w:pPr>{''.join(parts)}</w:pPr>"


def run_xml(text: str, *, bold: bool = False, italic: bool = False, highlight: bool = False) -> str:
    """A run; fonts come from the paragraph style, so only the hint and emphasis are set."""
    content = text_xml(text)
    if not content:
        return ""
    rpr = (
        (HINT if needs_hint(text) else "")
        + ("<w:b/><w:bCs/>" if bold else "")
        + ("<w:i/><w:iCs/>" if italic else "")
        + (HIGHLIGHT if highlight else "")
    )
    return f"<w:r>{tag('rPr', rpr)}{content}</w:r>" if rpr else f"<w:r>{content}</w:r>"


def spacer_xml(style_id: str) -> str:
    """An empty paragraph one point high, kept with the next block (separates two tables)."""
    return (
        f"<w:p><w:pPr>{tag('pStyle', val=style_id)}<w:keepNext/>"
        '<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
        '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>'
    )
