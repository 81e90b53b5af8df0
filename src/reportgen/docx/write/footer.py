"""Page numbers "— 1 —": odd pages right, even pages left, one character in from the edge.

The PAGE field is a ``w:fldSimple`` directly inside ``w:p`` with a cached result run;
inside a run, LibreOffice shows "— —" (docx-notes §3.8).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

from reportgen.docx import style_names as names
from reportgen.docx.measures import chars_to_twips
from reportgen.docx.write.fonts import add_hint, needs_hint
from reportgen.ooxml.elements import Element, add_text, sub
from reportgen.render.stylesheet import Stylesheet


def add_page_numbers(doc: DocxDocument, sheet: Stylesheet) -> None:
    """Give the first section different odd and even footers carrying the page number."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    _fill(section.footer._element, sheet, "right")
    _fill(section.even_page_footer._element, sheet, "left")


def _fill(footer: Element, sheet: Stylesheet, side: str) -> None:
    for child in list(footer):
        footer.remove(child)
    size = sheet.role("page_number").size_pt
    p = sub(footer, "p")
    ppr = sub(p, "pPr")
    sub(ppr, "pStyle", val=names.role_style_id("page_number"))
    indent = {f"{side}Chars": 100, side: chars_to_twips(1, size)}
    sub(ppr, "ind", **indent)
    sub(ppr, "jc", val=side)
    before, _, after = sheet.page_number_format.partition("{n}")
    _run(p, before)
    field = sub(p, "fldSimple", instr=" PAGE ")
    run = sub(field, "r")
    sub(sub(run, "rPr"), "noProof")
    add_text(run, "1")
    _run(p, after)


def _run(p: Element, text: str) -> None:
    if not text:
        return
    run = sub(p, "r")
    if needs_hint(text):
        add_hint(sub(run, "rPr"))
    add_text(run, text)
