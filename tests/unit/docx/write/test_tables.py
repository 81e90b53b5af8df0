"""Tables: header rows, merges, widths, cell alignment."""

from __future__ import annotations

import pytest
from lxml import etree

from reportgen.docx import write_docx
from reportgen.docx.write.tables import grid_widths
from reportgen.render.blocks import Cell, Document, Row, Table
from reportgen.render.stylesheet import Stylesheet
from written import first_table, part, q

# --- tables ---------------------------------------------------------------------------


@pytest.mark.rendering
def test_table_rows_header_and_cant_split(data: bytes) -> None:
    rows = first_table(data).findall(q("tr"))
    assert [row.find(f"{q('trPr')}/{q('tblHeader')}") is not None for row in rows] == [True, False, False, False]
    assert all(row.find(f"{q('trPr')}/{q('cantSplit')}") is not None for row in rows)


@pytest.mark.rendering
def test_only_leading_header_rows_repeat(sheet: Stylesheet) -> None:
    table = Table((1,), (Row((Cell("a"),), header=True), Row((Cell("b"),)), Row((Cell("c"),), header=True)))
    root = etree.fromstring(part(write_docx(Document("t", (table,)), sheet), "word/document.xml"))
    assert len(root.findall(f".//{q('tblHeader')}")) == 1


@pytest.mark.rendering
def test_table_grid_merges_and_width(data: bytes) -> None:
    tbl = first_table(data)
    assert tbl.find(f"{q('tblPr')}/{q('tblStyle')}").get(q("val")) == "TableGrid"
    assert tbl.find(f"{q('tblPr')}/{q('tblLayout')}").get(q("type")) == "fixed"
    assert tbl.find(f"{q('tblPr')}/{q('tblW')}").get(q("w")) == "8844"
    columns = [int(str(c.get(q("w")))) for c in tbl.iter(q("gridCol"))]
    assert sum(columns) == 8844
    assert len(columns) == 4
    merges = [m.get(q("val")) for m in tbl.iter(q("vMerge"))]
    assert merges == ["restart", "continue"]
    total = tbl.findall(q("tr"))[3].find(q("tc"))
    assert total.find(f"{q('tcPr')}/{q('gridSpan')}").get(q("val")) == "3"
    assert int(str(total.find(f"{q('tcPr')}/{q('tcW')}").get(q("w")))) == sum(columns[:3])


@pytest.mark.rendering
def test_cells_are_centred_in_table_style_and_lines_split(data: bytes) -> None:
    tbl = first_table(data)
    cells = tbl.findall(f"{q('tr')}/{q('tc')}")
    assert all(c.find(f"{q('tcPr')}/{q('vAlign')}").get(q("val")) == "center" for c in cells)
    styles = {p.find(f"{q('pPr')}/{q('pStyle')}").get(q("val")) for p in tbl.iter(q("p"))}
    assert styles == {"RGTableText"}
    two_lines = tbl.findall(q("tr"))[2].findall(q("tc"))[2]
    assert len(two_lines.findall(q("p"))) == 2
    left = tbl.findall(q("tr"))[1].findall(q("tc"))[2]
    assert left.find(f"{q('p')}/{q('pPr')}/{q('jc')}").get(q("val")) == "left"


@pytest.mark.parametrize(("widths", "total"), [((1, 1, 1), 8844), ((2, 3, 5, 1, 1), 8844), ((7,), 100)])
def test_grid_widths_add_up(widths: tuple[int, ...], total: int) -> None:
    columns = grid_widths(widths, total)
    assert sum(columns) == total
    assert len(columns) == len(widths)
