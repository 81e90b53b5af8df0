"""write_docx: outline and tables read back, page breaks, footers, the package's metadata,
determinism and schema order."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

import reportgen.docx
import written
from reportgen.docx import read_outline, read_tables, write_docx
from reportgen.docx.write.base import base_package
from reportgen.render.blocks import Cell, Document, PageBreak, Paragraph, Row, Table
from reportgen.render.stylesheet import Stylesheet, load_stylesheet
from written import ORDER, SAMPLE, first_table, part, q, rfonts, xml

pytestmark = pytest.mark.rendering

# --- outline and tables ---------------------------------------------------------------


def test_outline_numbers_headings_and_restarts_counters(data: bytes) -> None:
    headings = [text for label, text in read_outline(data) if label.startswith("heading")]
    assert headings == [
        "一、基本情况",
        "（一）单位基本情况",
        "（二）年度整体支出绩效目标",
        "1.项目概况",
        "（1）资金来源",
        "（2）资金使用",
        "2.绩效目标",
        "（1）产出目标",
        "二、支出情况",
        "（一）基本支出情况",
        "1.人员经费",
    ]


def test_outline_mirrors_blocks(data: bytes) -> None:
    assert read_outline(data) == [
        ("title", "某某局2022年度部门整体支出绩效自评报告"),
        ("heading1", "一、基本情况"),
        ("heading2", "（一）单位基本情况"),
        ("body", "一是加强预算管理，执行率100.00%。"),
        ("heading2", "（二）年度整体支出绩效目标"),
        ("heading3", "1.项目概况"),
        ("heading4", "（1）资金来源"),
        ("heading4", "（2）资金使用"),
        ("heading3", "2.绩效目标"),
        ("heading4", "（1）产出目标"),
        ("heading1", "二、支出情况"),
        ("heading2", "（一）基本支出情况"),
        ("heading3", "1.人员经费"),
        ("page_break", ""),
        ("table_title", "表1 项目支出绩效自评表"),
        ("table", "一级指标 | 二级指标 | 三级指标 | 分值"),
        ("note", "注：数据来源于决算报表。"),
        ("table", "甲 | 乙"),
        ("table_title", "表2 第二张表"),
        ("table", "丙"),
        ("body", "Plain ASCII text."),
    ]


def test_read_tables_gives_cells_with_merged_continuations_empty(data: bytes) -> None:
    assert read_tables(data) == [
        [
            ["一级指标", "二级指标", "三级指标", "分值"],
            ["产出指标", "数量指标", "法律援助案件数", "20"],
            ["", "质量指标", "结案率\n（%）", "30"],
            ["合计", "50"],
        ],
        [["甲", "乙"]],
        [["丙"]],
    ]


def test_opens_in_python_docx_with_builtin_heading_styles(data: bytes) -> None:
    document = docx.Document(io.BytesIO(data))
    styles = [p.style.name if p.style else None for p in document.paragraphs]
    assert styles[:3] == ["公文标题", "Heading 1", "Heading 2"]
    table_style = document.tables[0].style
    assert table_style is not None and table_style.name == "Table Grid"


# --- page breaks and footers ----------------------------------------------------------


def test_page_break_is_page_break_before_on_next_block(data: bytes) -> None:
    body = xml(data, "word/document.xml").find(q("body"))
    breaks = [p for p in body.iter(q("p")) if p.find(f"{q('pPr')}/{q('pageBreakBefore')}") is not None]
    assert ["".join(p.itertext()) for p in breaks] == ["表1 项目支出绩效自评表"]
    assert body.find(f".//{q('br')}[@{q('type')}='page']") is None


def test_page_break_before_an_untitled_table_goes_into_its_first_cell(sheet: Stylesheet) -> None:
    document = Document("t", (Paragraph.of("甲"), PageBreak(), Table((1,), (Row((Cell("乙"),)),))))
    data = write_docx(document, sheet)
    cell = first_table(data).find(f"{q('tr')}/{q('tc')}/{q('p')}")
    assert cell.find(f"{q('pPr')}/{q('pageBreakBefore')}") is not None
    assert read_outline(data) == [("body", "甲"), ("page_break", ""), ("table", "乙")]


def test_footers_carry_page_field_on_odd_and_even_pages(data: bytes) -> None:
    document = xml(data, "word/document.xml")
    references = document.findall(f".//{q('footerReference')}")
    assert sorted(str(r.get(q("type"))) for r in references) == ["default", "even"]
    rels = part(data, "word/_rels/document.xml.rels").decode()
    sides = {}
    for reference in references:
        rid = reference.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="{rid}"', rels)
        assert target is not None
        footer = xml(data, "word/" + (target.group(1) or target.group(2)))
        paragraph = footer.find(q("p"))
        assert "".join(paragraph.itertext()) == "— 1 —"
        field = paragraph.find(q("fldSimple"))
        assert field.get(q("instr")).strip() == "PAGE"
        sides[reference.get(q("type"))] = paragraph.find(f"{q('pPr')}/{q('jc')}").get(q("val"))
    assert sides == {"default": "right", "even": "left"}


# --- package: metadata, parts, determinism --------------------------------------------


def test_no_python_docx_traces_and_no_thumbnail(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        assert not [n for n in names if "thumbnail" in n]
        assert not [n for n in names if b"python-docx" in package.read(n)]
        assert b"thumbnail" not in package.read("_rels/.rels")


def test_core_properties_title_and_author(data: bytes, sheet: Stylesheet) -> None:
    core = part(data, "docProps/core.xml").decode()
    assert "<dc:title>某某局2022年度部门整体支出绩效自评报告</dc:title>" in core
    assert "<dc:creator>某某局</dc:creator>" in core
    anonymous = write_docx(Document("t", ()), sheet)
    assert "<dc:creator>reportgen</dc:creator>" in part(anonymous, "docProps/core.xml").decode()


def test_dates_only_with_source_date_epoch(sheet: Stylesheet, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert b"dcterms:created" not in part(write_docx(SAMPLE, sheet), "docProps/core.xml")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1672531200")
    core = part(write_docx(SAMPLE, sheet), "docProps/core.xml").decode()
    assert '<dcterms:created xsi:type="dcterms:W3CDTF">2023-01-01T00:00:00Z</dcterms:created>' in core


def test_zip_members_have_fixed_metadata(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        infos = package.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {(i.date_time, i.create_system, i.external_attr) for i in infos} == {
        ((1980, 1, 1, 0, 0, 0), 3, 0o100644 << 16)
    }


def test_same_input_same_bytes(data: bytes, sheet: Stylesheet) -> None:
    assert write_docx(SAMPLE, sheet) == data


def test_same_bytes_in_another_process(data: bytes, tmp_path: Path) -> None:
    script = (
        "import sys, written\n"
        "from reportgen.docx import write_docx\n"
        "from reportgen.render.stylesheet import load_stylesheet\n"
        "sys.stdout.buffer.write(write_docx(written.SAMPLE, load_stylesheet('gbt9704')))\n"
    )
    src = Path(reportgen.docx.__file__).parents[2]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(src), str(Path(written.__file__).parent)]),
        "PYTHONHASHSEED": "12345",
    }
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, check=True, cwd=tmp_path)
    assert result.stdout == data


def test_base_is_built_once_per_stylesheet(sheet: Stylesheet) -> None:
    assert base_package(sheet) is base_package(load_stylesheet("gbt9704"))
    other = sheet.model_copy(update={"latin_font": "Arial"})
    assert base_package(other) is not base_package(sheet)
    styles = xml(write_docx(SAMPLE, other), "word/styles.xml")
    assert rfonts(styles, "Heading1")["ascii"] == "Arial"


def test_control_characters_are_dropped(sheet: Stylesheet) -> None:
    document = Document("t\x01", (Paragraph.of("甲\x00乙\x0b丙"),))
    data = write_docx(document, sheet)
    assert read_outline(data) == [("body", "甲乙\n丙")]


# --- schema order (Word rejects misordered pPr/rPr children) ---------------------------


@pytest.mark.parametrize("name", ["word/document.xml", "word/styles.xml", "word/footer1.xml"])
def test_children_in_schema_order(data: bytes, name: str) -> None:
    for parent, order in ORDER.items():
        for element in xml(data, name).iter(q(parent)):
            children = [etree.QName(child).localname for child in element]
            assert all(child in order for child in children), (parent, children)
            assert children == sorted(children, key=order.index), (parent, children)
