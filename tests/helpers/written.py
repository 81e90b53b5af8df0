"""A sample document for the .docx writer's tests, and small readers of its XML parts."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from reportgen.render.blocks import Cell, Document, Heading, PageBreak, Paragraph, Role, Row, Span, Table

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


INDICATORS = Table(
    widths=(2, 2, 4, 1),
    title="项目支出绩效自评表",
    rows=(
        Row(
            (
                Cell("一级指标", bold=True),
                Cell("二级指标", bold=True),
                Cell("三级指标", bold=True),
                Cell("分值", bold=True),
            ),
            header=True,
        ),
        Row((Cell("产出指标", vmerge="restart"), Cell("数量指标"), Cell("法律援助案件数", align="left"), Cell("20"))),
        Row((Cell(vmerge="continue"), Cell("质量指标"), Cell("结案率\n（%）"), Cell("30"))),
        Row((Cell("合计", colspan=3), Cell("50"))),
    ),
)

SAMPLE = Document(
    title="某某局2022年度部门整体支出绩效自评报告",
    author="某某局",
    blocks=(
        Paragraph.of("某某局2022年度部门整体支出绩效自评报告", Role.TITLE),
        Heading(1, "基本情况"),
        Heading(2, "单位基本情况"),
        Paragraph((Span("一是", bold=True), Span("加强预算管理，执行率100.00%。"))),
        Heading(2, "年度整体支出绩效目标"),
        Heading(3, "项目概况"),
        Heading(4, "资金来源"),
        Heading(4, "资金使用"),
        Heading(3, "绩效目标"),
        Heading(4, "产出目标"),
        Heading(1, "支出情况"),
        Heading(2, "基本支出情况"),
        Heading(3, "人员经费"),
        PageBreak(),
        INDICATORS,
        Paragraph.of("注：数据来源于决算报表。", Role.NOTE),
        Table(widths=(1, 1), rows=(Row((Cell("甲"), Cell("乙"))),)),
        Table(widths=(1,), rows=(Row((Cell("丙"),)),), title="第二张表"),
        Paragraph.of("Plain ASCII text."),
    ),
)


def part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name)


def xml(data: bytes, name: str) -> etree._Element:
    return etree.fromstring(part(data, name))


def rfonts(styles: etree._Element, style_id: str) -> dict[str, str]:
    found = styles.find(f"{q('style')}[@{q('styleId')}='{style_id}']/{q('rPr')}/{q('rFonts')}")
    return {k.split("}")[1]: v for k, v in found.attrib.items()}


def found(element: etree._Element | None) -> etree._Element:
    """``element``, which the test expects to be there."""
    assert element is not None, "element not found"
    return element


def style(data: bytes, style_id: str) -> etree._Element:
    return found(xml(data, "word/styles.xml").find(f"{q('style')}[@{q('styleId')}='{style_id}']"))


def attrs(element: etree._Element | None) -> dict[str, str]:
    return {etree.QName(k).localname: v for k, v in found(element).attrib.items()}


ORDER = {
    "pPr": [
        "pStyle",
        "keepNext",
        "keepLines",
        "pageBreakBefore",
        "widowControl",
        "numPr",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "jc",
        "outlineLvl",
        "rPr",
    ],
    "rPr": ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "noProof", "color", "spacing", "sz", "szCs", "lang"],
    "tcPr": ["tcW", "gridSpan", "vMerge", "vAlign"],
    "tblPr": ["tblStyle", "tblW", "jc", "tblInd", "tblBorders", "tblLayout", "tblCellMar"],
    "style": ["name", "basedOn", "next", "uiPriority", "qFormat", "pPr", "rPr", "tblPr"],
}


def first_table(data: bytes) -> etree._Element:
    return found(xml(data, "word/document.xml").find(f"{q('body')}/{q('tbl')}"))
