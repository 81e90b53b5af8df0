"""Read a written .docx back as an outline and as table cells, for tests and checks.

read_outline gives one entry per body block: ``(label, text)`` where label is the role name
("body", "title", …), "heading1"–"heading4", "table" (text: the first row's cells joined
by " | ") or "picture" (text: its title, kept as alt text; its caption is the next entry).
A paragraph with ``pageBreakBefore`` is preceded by ``("page_break", "")``, so the outline
mirrors the blocks that were written. The text is what a reader sees: list
numbers (native heading numbering) are computed from numbering.xml and put in front, so
native and literal numbering read back the same.
"""

from __future__ import annotations

from reportgen.docx.draft.shown_numbers import ListNumbers
from reportgen.docx.style_names import OUTLINE_LABELS
from reportgen.ooxml.elements import Element, parse, required, w
from reportgen.ooxml.namespaces import qn
from reportgen.ooxml.package import read_members
from reportgen.ooxml.parts import DOCUMENT
from reportgen.ooxml.text import paragraph_text

_DOC_PR = qn("wp:docPr")


def document_root(data: bytes) -> Element:
    """The parsed ``word/document.xml`` of a .docx."""
    return _document(_parts(data, DOCUMENT)[0])


def _parts(data: bytes, *names: str) -> list[Element | None]:
    """The parsed parts ``names`` of a .docx; None for a part it does not have."""
    present = dict(read_members(data))
    return [parse(present[name]) if name in present else None for name in names]


def _document(root: Element | None) -> Element:
    """A .docx's document part, which every package has (KeyError, as zipfile says, if not)."""
    if root is None:
        raise KeyError(DOCUMENT)
    return root


def read_outline(data: bytes) -> list[tuple[str, str]]:
    """(label, visible text) for every paragraph and table of the body, in order."""
    document, styles, numbering = _parts(data, DOCUMENT, "word/styles.xml", "word/numbering.xml")
    numbers = ListNumbers(styles, numbering)
    outline: list[tuple[str, str]] = []
    for block in required(_document(document), w("body")):
        if block.tag == w("p"):
            if block.find(f"{w('pPr')}/{w('pageBreakBefore')}") is not None:
                outline.append(("page_break", ""))
            picture = block.find(f".//{_DOC_PR}")
            if picture is not None:
                outline.append(("picture", picture.get("descr", "")))
            else:
                outline.append((_label(block), numbers.next(block) + paragraph_text(block)))
        elif block.tag == w("tbl"):
            if block.find(f".//{w('pageBreakBefore')}") is not None:
                outline.append(("page_break", ""))
            first = _rows(block)[0] if _rows(block) else []
            outline.append(("table", " | ".join(first)))
    return outline


def read_tables(data: bytes) -> list[list[list[str]]]:
    """Every table as rows of cell texts: one entry per ``w:tc``, vMerge continuations as ""."""
    root = document_root(data)
    return [_rows(tbl) for tbl in root.iter(w("tbl"))]


def _label(p: Element) -> str:
    style = p.find(f"{w('pPr')}/{w('pStyle')}")
    style_id = "Normal" if style is None else style.get(w("val"), "")
    return OUTLINE_LABELS.get(style_id, style_id)


def _rows(tbl: Element) -> list[list[str]]:
    return [[_cell_text(tc) for tc in tr.iterfind(w("tc"))] for tr in tbl.iterfind(w("tr"))]


def _cell_text(tc: Element) -> str:
    vmerge = tc.find(f"{w('tcPr')}/{w('vMerge')}")
    if vmerge is not None and vmerge.get(w("val"), "continue") == "continue":
        return ""
    return "\n".join(paragraph_text(p).replace("\n", "") for p in tc.iterfind(w("p")))  # w:br: see DraftReader
