"""Page numbers "— 1 —": odd pages right, even pages left, one character in from the edge.

The PAGE field is a ``w:fldSimple`` directly inside ``w:p`` with a cached result run;
inside a run, LibreOffice shows "— —" (docs/docx-notes.md §3.8).
"""

from __future__ import annotations

from reportgen.docx import style_names as names
from reportgen.docx.measures import chars_to_twips
from reportgen.docx.write.fonts import add_hint, needs_hint
from reportgen.ooxml.elements import Element, add_text, sub
from reportgen.render.stylesheet import Stylesheet


def fill_footer(footer: Element, sheet: Stylesheet, side: str) -> None:
    """Make ``w:ftr`` one paragraph: the page number at ``side`` ("right" odd, "left" even pages)."""
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
