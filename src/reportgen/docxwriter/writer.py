"""write_docx: blocks + stylesheet → .docx bytes, on a copy of the cached base document."""

from __future__ import annotations

import io

import docx

from reportgen.blocks import Block, Document, Heading, PageBreak, Paragraph, Span, Table
from reportgen.docxwriter import names
from reportgen.docxwriter.base import base_document
from reportgen.docxwriter.numbering import HeadingNumbers
from reportgen.docxwriter.package import APPLICATION, core_xml, rezip, source_date
from reportgen.docxwriter.paragraphs import add_paragraph
from reportgen.docxwriter.tables import add_table
from reportgen.docxwriter.units import Metrics
from reportgen.docxwriter.xml import Element, w
from reportgen.stylesheet import Stylesheet


def write_docx(document: Document, sheet: Stylesheet) -> bytes:
    """The .docx bytes of ``document`` styled by ``sheet``; equal input gives equal bytes."""
    doc = docx.Document(io.BytesIO(base_document(sheet)))
    body = doc.element.body
    sectpr = body.find(w("sectPr"))
    body.remove(sectpr)
    _BodyWriter(body, sheet).write(document.blocks)
    body.append(sectpr)
    buffer = io.BytesIO()
    doc.save(buffer)
    core = core_xml(document.title, document.author or APPLICATION, source_date())
    return rezip(buffer.getvalue(), {"docProps/core.xml": core})


class _BodyWriter:
    """Appends blocks to ``w:body``, numbering headings and tables as it goes.

    A PageBreak becomes ``pageBreakBefore`` on the next paragraph (or on the first cell of
    the next table), so no empty line is left at the top of the new page. Consecutive
    breaks count as one; a trailing break is dropped.
    """

    def __init__(self, body: Element, sheet: Stylesheet) -> None:
        self._body = body
        self._sheet = sheet
        self._width = Metrics.of(sheet).text_width
        self._numbers = HeadingNumbers(sheet.headings)
        self._tables = 0
        self._break = False

    def write(self, blocks: tuple[Block, ...]) -> None:
        for block in blocks:
            if isinstance(block, PageBreak):
                self._break = True
            elif isinstance(block, Heading):
                self._heading(block)
            elif isinstance(block, Paragraph):
                self._paragraph(names.role_style_id(block.role), block.spans)
            else:
                self._table(block)

    def _take_break(self) -> bool:
        pending, self._break = self._break, False
        return pending

    def _paragraph(self, style_id: str, spans: tuple[Span, ...], keep_next: bool = False) -> None:
        add_paragraph(self._body, style_id, spans, break_before=self._take_break(),
                      keep_next=keep_next)

    def _heading(self, heading: Heading) -> None:
        number = self._numbers.next(heading.level)
        self._paragraph(names.heading_style_id(heading.level), (Span(number + heading.text),))

    def _table(self, table: Table) -> None:
        if table.title:
            self._tables += 1
            caption = self._sheet.table_caption.format(n=self._tables, title=table.title)
            self._paragraph(names.role_style_id("table_title"), (Span(caption),), keep_next=True)
        add_table(self._body, table, self._width, style_align=self._sheet.role("table").align,
                  break_before=self._take_break())
