"""Body paragraphs and headings: a styled ``w:p`` with one run per span."""

from __future__ import annotations

from collections.abc import Iterable

from reportgen.blocks import Span
from reportgen.docxwriter.fonts import add_hint, needs_hint
from reportgen.docxwriter.xml import Element, add_text, sub


def add_paragraph(parent: Element, style_id: str, spans: Iterable[Span], *,
                  break_before: bool = False, keep_next: bool = False,
                  align: str = "") -> Element:
    """Append a paragraph in ``style_id``; ``align`` overrides the style's ``w:jc``."""
    p = sub(parent, "p")
    add_ppr(p, style_id, break_before=break_before, keep_next=keep_next, align=align)
    for span in spans:
        add_run(p, span.text, bold=span.bold, italic=span.italic)
    return p


def add_ppr(p: Element, style_id: str, *, break_before: bool = False,
            keep_next: bool = False, align: str = "") -> None:
    """Write ``w:pPr`` children in schema order: pStyle, keepNext, pageBreakBefore, jc."""
    ppr = sub(p, "pPr")
    sub(ppr, "pStyle", val=style_id)
    if keep_next:
        sub(ppr, "keepNext")
    if break_before:
        sub(ppr, "pageBreakBefore")
    if align:
        sub(ppr, "jc", val=align)


def add_run(p: Element, text: str, *, bold: bool = False, italic: bool = False) -> None:
    """Append a run; fonts come from the paragraph style, only the hint and emphasis are set."""
    if not text:
        return
    run = sub(p, "r")
    hint = needs_hint(text)
    if hint or bold or italic:
        rpr = sub(run, "rPr")
        if hint:
            add_hint(rpr)
        if bold:
            sub(rpr, "b")
            sub(rpr, "bCs")
        if italic:
            sub(rpr, "i")
            sub(rpr, "iCs")
    add_text(run, text)
