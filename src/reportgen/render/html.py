"""A report's block document as an HTML fragment: the web preview's writer, beside the docx one.

It sits in ``render`` (not ``web``) so that :meth:`reportgen.api.Renderer.preview` can call it
while the web layer calls only ``api``.

The fragment reads like the Word document: headings numbered 一、（一）1.（1）by the same
counters the docx writer uses (:class:`~reportgen.render.heading_numbers.HeadingNumbers`),
tables captioned 表1、表2… and pictures 图1、图2… in order, table merges as ``colspan`` and
``rowspan``, leading header rows in ``<thead>``, 【待补充：…】 placeholders as ``<mark>``.
Every text from the data is escaped with :func:`markupsafe.escape`.
"""

from __future__ import annotations

import base64
from itertools import takewhile

from markupsafe import escape

from reportgen.data.vocabulary import PLACEHOLDER
from reportgen.render.blocks import Block, Cell, Document, Heading, PageBreak, Paragraph, Picture, Row, Span, Table
from reportgen.render.heading_numbers import HeadingNumbers
from reportgen.render.stylesheet import PICTURE_CAPTION, Stylesheet, load_stylesheet


def preview_html(document: Document, sheet: Stylesheet | None = None) -> str:
    """``document`` as an ``<article class="rg-report">``, numbered by ``sheet`` (default: gbt9704)."""
    writer = _PreviewWriter(sheet or load_stylesheet())
    body = "".join(writer.block(block) for block in document.blocks)
    return f'<article class="rg-report" lang="zh-CN">{body}</article>'


class _PreviewWriter:
    """Numbers headings, table and picture captions in reading order, as the docx writer does."""

    def __init__(self, sheet: Stylesheet) -> None:
        self._sheet = sheet
        self._numbers = HeadingNumbers(sheet.headings)
        self._tables = 0
        self._pictures = 0

    def block(self, block: Block) -> str:
        if isinstance(block, Heading):
            return self._heading(block)
        if isinstance(block, Paragraph):
            return _paragraph(block.role.value, block.spans)
        if isinstance(block, Table):
            return self._table(block)
        if isinstance(block, Picture):
            return self._picture(block)
        assert isinstance(block, PageBreak)
        return '<hr class="rg-page">'

    def _heading(self, heading: Heading) -> str:
        number = self._numbers.next(heading.level)
        tag = f"h{heading.level + 1}"  # h1 is the page's own; the report title is a paragraph role
        return (
            f'<{tag} class="rg-h{heading.level}"><span class="rg-number">{escape(number)}</span>'
            f"{escape(heading.text)}</{tag}>"
        )

    def _table(self, table: Table) -> str:
        caption = ""
        if table.title:
            self._tables += 1
            text = self._sheet.table_caption.format(n=self._tables, title=table.title)
            caption = _paragraph("table_title", (Span(text),))
        return caption + table_html(table)

    def _picture(self, picture: Picture) -> str:
        data = base64.b64encode(picture.png).decode("ascii")
        caption = ""
        if picture.title:
            self._pictures += 1
            text = PICTURE_CAPTION.format(n=self._pictures, title=picture.title)
            caption = _paragraph("table_title", (Span(text),))
        return (
            f'<p class="rg-picture"><img src="data:image/png;base64,{data}" alt="{escape(picture.title)}" '
            f'style="width:{picture.width_mm:.1f}mm"></p>{caption}'
        )


def _paragraph(role: str, spans: tuple[Span, ...]) -> str:
    return f'<p class="rg-{role}">{"".join(_span(span) for span in spans)}</p>'


def _span(span: Span) -> str:
    html = _text(span.text)
    if span.highlight:
        html = f"<mark>{html}</mark>"
    if span.italic:
        html = f"<em>{html}</em>"
    if span.bold:
        html = f"<strong>{html}</strong>"
    return html


def _text(text: str) -> str:
    """Escaped text with its line breaks kept (the docx writer writes ``w:br`` for them)."""
    return str(escape(text)).replace("\n", "<br>")  # escape leaves newlines alone


def table_html(table: Table) -> str:
    """``table`` as a ``<table>``: columns as wide as ``widths``, merges as col- and rowspans.

    A ``vmerge="restart"`` cell spans down over the ``"continue"`` cells that start at the same
    grid column below it. The leading header rows are ``<th>`` cells in a ``<thead>``, unless a
    merge runs on from them into the body (the 绩效指标 column): no cell can span out of a
    ``<thead>``, so such a table keeps all its rows in one ``<tbody>``.
    """
    total = sum(table.widths) or 1
    columns = "".join(f'<col style="width:{100 * width / total:.2f}%">' for width in table.widths)
    headers = sum(1 for _ in takewhile(lambda row: row.header, table.rows))
    spans = _row_spans(table.rows)
    rows = [
        _row_html(row, row_spans, "th" if index < headers else "td")
        for index, (row, row_spans) in enumerate(zip(table.rows, spans, strict=True))
    ]
    merged_on = any(index + span > headers for index in range(headers) for span in spans[index])
    if headers and not merged_on:
        groups = f"<thead>{''.join(rows[:headers])}</thead>" + (
            f"<tbody>{''.join(rows[headers:])}</tbody>" if rows[headers:] else ""
        )
    else:
        groups = f"<tbody>{''.join(rows)}</tbody>"
    return f'<table class="rg-table"><colgroup>{columns}</colgroup>{groups}</table>'


def _row_html(row: Row, row_spans: list[int], cell_tag: str) -> str:
    cells = "".join(_cell_html(cell, cell_tag, span) for cell, span in zip(row.cells, row_spans, strict=True) if span)
    return f"<tr>{cells}</tr>"


def _row_spans(rows: tuple[Row, ...]) -> list[list[int]]:
    """Each cell's rowspan: 1 for a plain cell, n for a merge's first cell, 0 for one merged away."""
    spans: list[list[int]] = []
    open_merges: dict[int, tuple[int, int]] = {}  # grid column → (row, cell) of the merge's first cell
    for row_index, row in enumerate(rows):
        row_spans: list[int] = []
        start = 0
        for cell_index, cell in enumerate(row.cells):
            first = open_merges.get(start)
            if cell.vmerge == "continue" and first is not None:
                spans[first[0]][first[1]] += 1
                row_spans.append(0)
            else:
                open_merges.pop(start, None)
                if cell.vmerge == "restart":
                    open_merges[start] = (row_index, cell_index)
                row_spans.append(1)
            start += cell.colspan
        spans.append(row_spans)
    return spans


def _cell_html(cell: Cell, cell_tag: str, rowspan: int) -> str:
    attributes = f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
    attributes += f' rowspan="{rowspan}"' if rowspan > 1 else ""
    classes = [f"rg-{cell.align}"] + (["rg-bold"] if cell.bold else [])
    text = "" if cell.vmerge == "continue" else cell.text
    return f'<{cell_tag} class="{" ".join(classes)}"{attributes}>{_cell_text(text)}</{cell_tag}>'


def _cell_text(text: str) -> str:
    """A cell's text with its 【待补充：…】 placeholders marked, as the docx writer highlights them."""
    if "【" not in text:
        return _text(text)
    parts = PLACEHOLDER.split(text)
    return "".join(f"<mark>{_text(part)}</mark>" if i % 2 else _text(part) for i, part in enumerate(parts) if part)
