"""The content of a report as the peers in ``peers.py`` see it: paragraph texts and table cells.

``read_content`` reads a .docx's body back (zip + XML, the same way for every tool's output):
each paragraph's text (``w:t`` pieces, a ``w:tab`` as a tab, a ``w:br`` as a line break) with
its style, and each table as rows of (text, columns spanned) cells, a cell's paragraphs joined
by line breaks. Taking reportgen's output apart this way gives the content every peer writes;
reading each peer's output the same way checks that it wrote exactly that.

The writers here are the other ways of making the same document: a docxtpl template and its
context, pandoc's JSON document model, and the raw-XML lower bound (the least WordprocessingML
that holds the texts and cells, zipped).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass(frozen=True)
class Para:
    """A body paragraph: its style id (empty for none) and its text."""

    style: str
    text: str


@dataclass(frozen=True)
class CellText:
    """A table cell: its text and how many grid columns it spans."""

    text: str
    span: int = 1


@dataclass(frozen=True)
class Tbl:
    """A table: rows of cells."""

    rows: tuple[tuple[CellText, ...], ...]

    @property
    def columns(self) -> int:
        return max(sum(cell.span for cell in row) for row in self.rows)


Item = Para | Tbl


def read_content(docx: bytes) -> tuple[Item, ...]:
    """The paragraphs and tables of ``docx``'s body, in order."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        root = ElementTree.fromstring(package.read("word/document.xml"))
    body = root.find(f"{W}body")
    assert body is not None
    items: list[Item] = []
    for child in body:
        if child.tag == f"{W}p":
            items.append(Para(_style(child), _text(child)))
        elif child.tag == f"{W}tbl":
            items.append(Tbl(tuple(_row(row) for row in child.iter(f"{W}tr"))))
    return tuple(items)


def texts(items: tuple[Item, ...]) -> tuple[list[str], list[list[list[str]]]]:
    """What the check compares: the paragraph texts, and every table's cell texts by row."""
    paragraphs = [item.text for item in items if isinstance(item, Para)]
    tables = [[[cell.text for cell in row] for row in item.rows] for item in items if isinstance(item, Tbl)]
    return paragraphs, tables


def _style(paragraph: ElementTree.Element) -> str:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return "" if style is None else style.get(f"{W}val", "")


def _text(paragraph: ElementTree.Element) -> str:
    parts: list[str] = []
    for run in paragraph.iter(f"{W}r"):
        for node in run:
            if node.tag == f"{W}t":
                parts.append(node.text or "")
            elif node.tag == f"{W}tab":
                parts.append("\t")
            elif node.tag == f"{W}br":
                parts.append("\n")
    return "".join(parts)


def _row(row: ElementTree.Element) -> tuple[CellText, ...]:
    cells = []
    for cell in row.findall(f"{W}tc"):
        span = cell.find(f"{W}tcPr/{W}gridSpan")
        text = "\n".join(_text(p) for p in cell.findall(f"{W}p"))
        cells.append(CellText(text, int(span.get(f"{W}val", "1")) if span is not None else 1))
    return tuple(cells)


# --- docxtpl: one template for every report, the content as its context ---------------------

_TPL_PARAGRAPH = "<w:p><w:r><w:t>{%p {tag} %}</w:t></w:r></w:p>"


def _tpl_tag(tag: str) -> str:
    return _TPL_PARAGRAPH.replace("{tag}", tag)


def _tpl_cell_row(tag: str) -> str:
    return f"<w:tr><w:tc><w:p><w:r><w:t>{{%tr {tag} %}}</w:t></w:r></w:p></w:tc></w:tr>"


DOCXTPL_BODY = (
    _tpl_tag("for b in blocks")
    + _tpl_tag("if b.table")
    + '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/></w:tblPr>'
    + "<w:tblGrid><w:gridCol/></w:tblGrid>"
    + _tpl_cell_row("for row in b.rows")
    + "<w:tr><w:tc><w:tcPr/><w:p><w:r><w:t>{%tc for c in row %}</w:t></w:r></w:p></w:tc>"
    + '<w:tc><w:tcPr/><w:p><w:pPr><w:pStyle w:val="{{ table_style }}"/></w:pPr>'
    + "<w:r><w:t>{% colspan c.span %}{{ c.text }}</w:t></w:r></w:p></w:tc>"
    + "<w:tc><w:tcPr/><w:p><w:r><w:t>{%tc endfor %}</w:t></w:r></w:p></w:tc></w:tr>"
    + _tpl_cell_row("endfor")
    + "</w:tbl>"
    + _tpl_tag("else")
    + '<w:p><w:pPr><w:pStyle w:val="{{ b.style }}"/></w:pPr>'
    + '<w:r><w:t xml:space="preserve">{{ b.text }}</w:t></w:r></w:p>'
    + _tpl_tag("endif")
    + _tpl_tag("endfor")
)


def docxtpl_template(members: list[tuple[str, bytes]], document_xml: bytes) -> bytes:
    """A docxtpl template: the zip ``members`` (reportgen's styled base document: styles, fonts,
    numbering, footers and page set-up, no baseline part) with ``document_xml`` in place."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members:
            target.writestr(name, document_xml if name == "word/document.xml" else data)
    return out.getvalue()


def docxtpl_context(items: tuple[Item, ...], line_breaks: Any) -> dict[str, Any]:
    """The template's context: every block, texts with line breaks as ``line_breaks(text)``
    (docxtpl's ``Listing``, which writes ``w:br``)."""

    def value(text: str) -> Any:
        return line_breaks(text) if "\n" in text else text

    blocks = [
        {"table": True, "rows": [[{"text": value(c.text), "span": c.span} for c in row] for row in item.rows]}
        if isinstance(item, Tbl)
        else {"table": False, "style": item.style, "text": value(item.text)}
        for item in items
    ]
    return {"blocks": blocks, "table_style": "TableText"}


# --- pandoc: the content as pandoc's JSON document model -------------------------------------

PANDOC_API = [1, 22, 2, 1]
_EMPTY_PARAGRAPH = {"t": "RawBlock", "c": ["openxml", "<w:p/>"]}


def _inlines(text: str) -> list[dict[str, Any]]:
    inlines: list[dict[str, Any]] = []
    for index, line in enumerate(text.split("\n")):
        if index:
            inlines.append({"t": "LineBreak"})
        if line:
            inlines.append({"t": "Str", "c": line})
    return inlines


def pandoc_json(items: tuple[Item, ...]) -> dict[str, Any]:
    """A pandoc document of ``items``: every paragraph a ``Para`` (an empty one raw
    OpenXML), every table a ``Table`` whose cells span their columns."""
    blocks: list[dict[str, Any]] = []
    empty: list[Any] = ["", [], []]
    for item in items:
        if isinstance(item, Para):  # pandoc leaves out an empty Para: an empty paragraph is raw
            blocks.append({"t": "Para", "c": _inlines(item.text)} if item.text else _EMPTY_PARAGRAPH)
            continue
        specs = [[{"t": "AlignDefault"}, {"t": "ColWidthDefault"}] for _ in range(item.columns)]
        rows = [
            [empty, [[empty, {"t": "AlignDefault"}, 1, c.span, [{"t": "Plain", "c": _inlines(c.text)}]] for c in row]]
            for row in item.rows
        ]
        blocks.append({"t": "Table", "c": [empty, [None, []], specs, [empty, []], [[empty, 0, [], rows]], [empty, []]]})
    return {"pandoc-api-version": PANDOC_API, "meta": {}, "blocks": blocks}


# --- the lower bound: the least WordprocessingML holding the same texts and cells --------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def _runs(text: str) -> str:
    lines = text.translate(_ESCAPES).split("\n")
    return "<w:br/>".join(f'<w:t xml:space="preserve">{line}</w:t>' for line in lines)


def raw_docx(items: tuple[Item, ...]) -> bytes:
    """``items`` as a minimal .docx: document.xml with runs of text, tables with a grid, zipped."""
    parts = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>']
    for item in items:
        if isinstance(item, Para):
            parts.append(f"<w:p><w:r>{_runs(item.text)}</w:r></w:p>" if item.text else "<w:p/>")
            continue
        parts.append("<w:tbl><w:tblPr/><w:tblGrid>" + "<w:gridCol/>" * item.columns + "</w:tblGrid>")
        for row in item.rows:
            parts.append("<w:tr>")
            for cell in row:
                span = f'<w:tcPr><w:gridSpan w:val="{cell.span}"/></w:tcPr>' if cell.span > 1 else ""
                parts.append(f"<w:tc>{span}<w:p><w:r>{_runs(cell.text)}</w:r></w:p></w:tc>")
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
    parts.append("</w:body></w:document>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("word/document.xml", "".join(parts))
    return out.getvalue()
