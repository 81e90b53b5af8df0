"""The .docx writer: outline and tables read back, page set-up, fonts, tables, determinism,
native and literal heading numbering, grid modes, pictures."""

from __future__ import annotations

import io
import os
import re
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from lxml import etree

import reportgen.docx
from reportgen.docx import read_outline, read_tables, write_docx
from reportgen.docx.write.base import base_package
from reportgen.docx.write.heading_numbers import chinese_number
from reportgen.docx.write.media import Media
from reportgen.docx.write.tables import grid_widths
from reportgen.errors import StyleError
from reportgen.render.blocks import Cell, Document, Heading, PageBreak, Paragraph, Picture, Role, Row, Span, Table
from reportgen.render.stylesheet import HeadingStyle, Stylesheet, load_stylesheet

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


INDICATORS = Table(
    widths=(2, 2, 4, 1),
    title="项目支出绩效自评表",
    rows=(
        Row((Cell("一级指标", bold=True), Cell("二级指标", bold=True),
             Cell("三级指标", bold=True), Cell("分值", bold=True)), header=True),
        Row((Cell("产出指标", vmerge="restart"), Cell("数量指标"),
             Cell("法律援助案件数", align="left"), Cell("20"))),
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


@pytest.fixture(scope="module")
def sheet() -> Stylesheet:
    return load_stylesheet("gbt9704")


@pytest.fixture(scope="module")
def data(sheet: Stylesheet) -> bytes:
    return write_docx(SAMPLE, sheet)


@pytest.fixture(scope="module")
def literal_sheet(sheet: Stylesheet) -> Stylesheet:
    return sheet.model_copy(update={"numbering": "literal"})


@pytest.fixture(scope="module")
def literal(literal_sheet: Stylesheet) -> bytes:
    return write_docx(SAMPLE, literal_sheet)


def part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name)


def xml(data: bytes, name: str) -> etree._Element:
    return etree.fromstring(part(data, name))


# --- outline and tables ---------------------------------------------------------------


def test_outline_numbers_headings_and_restarts_counters(data: bytes) -> None:
    headings = [text for label, text in read_outline(data) if label.startswith("heading")]
    assert headings == [
        "一、基本情况", "（一）单位基本情况", "（二）年度整体支出绩效目标", "1.项目概况",
        "（1）资金来源", "（2）资金使用", "2.绩效目标", "（1）产出目标",
        "二、支出情况", "（一）基本支出情况", "1.人员经费",
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
        [["一级指标", "二级指标", "三级指标", "分值"],
         ["产出指标", "数量指标", "法律援助案件数", "20"],
         ["", "质量指标", "结案率\n（%）", "30"],
         ["合计", "50"]],
        [["甲", "乙"]],
        [["丙"]],
    ]


@pytest.mark.parametrize(("n", "text"), [
    (1, "一"), (9, "九"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"), (21, "二十一"),
    (99, "九十九"), (100, "一百"), (105, "一百零五"), (110, "一百一十"), (123, "一百二十三"),
])
def test_chinese_number(n: int, text: str) -> None:
    assert chinese_number(n) == text


def test_level_one_counts_past_ten(sheet: Stylesheet) -> None:
    document = Document("t", tuple(Heading(1, "章") for _ in range(12)))
    texts = [text for _, text in read_outline(write_docx(document, sheet))]
    assert texts[9:] == ["十、章", "十一、章", "十二、章"]


def test_a_skipped_level_starts_at_one(sheet: Stylesheet) -> None:
    document = Document("t", (Heading(1, "甲"), Heading(3, "乙"), Heading(2, "丙")))
    texts = [text for _, text in read_outline(write_docx(document, sheet))]
    assert texts == ["一、甲", "1.乙", "（一）丙"]


def test_bad_heading_level_is_rejected(sheet: Stylesheet) -> None:
    with pytest.raises(ValueError, match="heading level"):
        write_docx(Document("t", (Heading(5, "x"),)), sheet)


def test_opens_in_python_docx_with_builtin_heading_styles(data: bytes) -> None:
    document = docx.Document(io.BytesIO(data))
    styles = [p.style.name for p in document.paragraphs]
    assert styles[:3] == ["公文标题", "Heading 1", "Heading 2"]
    assert document.tables[0].style.name == "Table Grid"


# --- page set-up, styles and fonts ----------------------------------------------------


def test_a4_page_margins_and_line_grid(data: bytes) -> None:
    sectpr = xml(data, "word/document.xml").find(f"{q('body')}/{q('sectPr')}")
    size = sectpr.find(q("pgSz"))
    assert (size.get(q("w")), size.get(q("h"))) == ("11906", "16838")
    margins = {k.split("}")[1]: v for k, v in sectpr.find(q("pgMar")).attrib.items()}
    assert margins | {"header": "", "gutter": ""} == {
        "top": "2098", "bottom": "1984", "left": "1587", "right": "1474",
        "footer": "1247", "header": "", "gutter": ""}
    grid = sectpr.find(q("docGrid"))
    assert (grid.get(q("type")), grid.get(q("linePitch"))) == ("lines", "579")


def test_no_theme_fonts_anywhere(data: bytes) -> None:
    for name in ("word/styles.xml", "word/document.xml", "word/footer1.xml"):
        assert not re.search(rb"w:(ascii|hAnsi|eastAsia|cs)theme=", part(data, name), re.I)


def rfonts(styles: etree._Element, style_id: str) -> dict[str, str]:
    found = styles.find(f"{q('style')}[@{q('styleId')}='{style_id}']/{q('rPr')}/{q('rFonts')}")
    return {k.split("}")[1]: v for k, v in found.attrib.items()}


def test_east_asian_fonts_follow_the_stylesheet(data: bytes, sheet: Stylesheet) -> None:
    styles = xml(data, "word/styles.xml")
    latin = sheet.latin_font
    for level, heading in enumerate(sheet.headings, 1):
        assert rfonts(styles, f"Heading{level}") == {
            "ascii": latin, "hAnsi": latin, "cs": latin, "eastAsia": heading.font}
    for style_id, role in (("RGBody", "body"), ("RGTitle", "title"), ("RGTableText", "table")):
        assert rfonts(styles, style_id)["eastAsia"] == sheet.role(role).font
    defaults = styles.find(f"{q('docDefaults')}//{q('rFonts')}")
    assert defaults.get(q("eastAsia")) == sheet.role("body").font
    assert defaults.get(q("ascii")) == latin
    lang = styles.find(f"{q('docDefaults')}//{q('lang')}")
    assert lang.get(q("eastAsia")) == "zh-CN"


def test_heading_styles_are_outline_levels_without_colour(data: bytes) -> None:
    styles = xml(data, "word/styles.xml")
    for level in range(1, 5):
        style = styles.find(f"{q('style')}[@{q('styleId')}='Heading{level}']")
        assert style.find(f"{q('pPr')}/{q('outlineLvl')}").get(q("val")) == str(level - 1)
        assert style.find(f"{q('pPr')}/{q('keepNext')}") is not None
        assert style.find(f".//{q('color')}") is None
        assert style.find(f".//{q('i')}") is None
    bold = styles.find(f"{q('style')}[@{q('styleId')}='Heading3']/{q('rPr')}/{q('b')}")
    assert bold is not None


def test_body_has_two_character_indent_and_exact_spacing(data: bytes) -> None:
    body = xml(data, "word/styles.xml").find(f"{q('style')}[@{q('styleId')}='RGBody']/{q('pPr')}")
    assert body.find(q("ind")).get(q("firstLineChars")) == "200"
    assert body.find(q("ind")).get(q("firstLine")) == "640"
    spacing = body.find(q("spacing"))
    assert (spacing.get(q("line")), spacing.get(q("lineRule"))) == ("579", "exact")
    assert body.find(q("jc")).get(q("val")) == "both"


def test_table_text_style_does_not_snap_to_grid(data: bytes) -> None:
    style = xml(data, "word/styles.xml").find(f"{q('style')}[@{q('styleId')}='RGTableText']")
    assert style.find(f"{q('pPr')}/{q('snapToGrid')}").get(q("val")) == "0"
    assert style.find(f"{q('pPr')}/{q('ind')}") is None
    assert style.find(f"{q('rPr')}/{q('sz')}").get(q("val")) == "21"


def test_settings_use_zh_cn_and_odd_even_footers(data: bytes) -> None:
    settings = xml(data, "word/settings.xml")
    assert settings.find(q("themeFontLang")).get(q("eastAsia")) == "zh-CN"
    assert settings.find(q("evenAndOddHeaders")) is not None


def test_cjk_runs_get_the_east_asian_hint(data: bytes) -> None:
    body = xml(data, "word/document.xml").find(q("body"))
    for run in body.iter(q("r")):
        text = "".join(run.itertext())
        hinted = run.find(f"{q('rPr')}/{q('rFonts')}[@{q('hint')}='eastAsia']") is not None
        assert hinted == bool(re.search("[\u4e00-\u9fff，。“”（）]", text)), text


def test_bold_spans_become_bold_runs(data: bytes) -> None:
    body = xml(data, "word/document.xml").find(q("body"))
    bold = ["".join(r.itertext()) for r in body.iter(q("r")) if r.find(f"{q('rPr')}/{q('b')}") is not None]
    assert bold[0] == "一是"
    assert bold[1:5] == ["一级指标", "二级指标", "三级指标", "分值"]


# --- tables ---------------------------------------------------------------------------


def first_table(data: bytes) -> etree._Element:
    return xml(data, "word/document.xml").find(f"{q('body')}/{q('tbl')}")


def test_table_rows_header_and_cant_split(data: bytes) -> None:
    rows = first_table(data).findall(q("tr"))
    assert [row.find(f"{q('trPr')}/{q('tblHeader')}") is not None for row in rows] == [
        True, False, False, False]
    assert all(row.find(f"{q('trPr')}/{q('cantSplit')}") is not None for row in rows)


def test_only_leading_header_rows_repeat(sheet: Stylesheet) -> None:
    table = Table((1,), (Row((Cell("a"),), header=True), Row((Cell("b"),)),
                         Row((Cell("c"),), header=True)))
    root = etree.fromstring(part(write_docx(Document("t", (table,)), sheet), "word/document.xml"))
    assert len(root.findall(f".//{q('tblHeader')}")) == 1


def test_table_grid_merges_and_width(data: bytes) -> None:
    tbl = first_table(data)
    assert tbl.find(f"{q('tblPr')}/{q('tblStyle')}").get(q("val")) == "TableGrid"
    assert tbl.find(f"{q('tblPr')}/{q('tblLayout')}").get(q("type")) == "fixed"
    assert tbl.find(f"{q('tblPr')}/{q('tblW')}").get(q("w")) == "8844"
    columns = [int(c.get(q("w"))) for c in tbl.iter(q("gridCol"))]
    assert sum(columns) == 8844
    assert len(columns) == 4
    merges = [m.get(q("val")) for m in tbl.iter(q("vMerge"))]
    assert merges == ["restart", "continue"]
    total = tbl.findall(q("tr"))[3].find(q("tc"))
    assert total.find(f"{q('tcPr')}/{q('gridSpan')}").get(q("val")) == "3"
    assert int(total.find(f"{q('tcPr')}/{q('tcW')}").get(q("w"))) == sum(columns[:3])


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
    assert sorted(r.get(q("type")) for r in references) == ["default", "even"]
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
        ((1980, 1, 1, 0, 0, 0), 3, 0o100644 << 16)}


def test_same_input_same_bytes(data: bytes, sheet: Stylesheet) -> None:
    assert write_docx(SAMPLE, sheet) == data


def test_same_bytes_in_another_process(data: bytes, tmp_path: Path) -> None:
    script = (
        "import sys, test_docxwriter as t\n"
        "from reportgen.render.stylesheet import load_stylesheet\n"
        "sys.stdout.buffer.write(t.write_docx(t.SAMPLE, load_stylesheet('gbt9704')))\n"
    )
    src = Path(reportgen.docx.__file__).parents[2]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(src), str(Path(__file__).parent)]),
           "PYTHONHASHSEED": "12345"}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                            check=True, cwd=tmp_path)
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

ORDER = {
    "pPr": ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "widowControl", "numPr",
            "kinsoku", "wordWrap", "overflowPunct", "snapToGrid", "spacing", "ind",
            "contextualSpacing", "jc",
            "outlineLvl", "rPr"],
    "rPr": ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "noProof", "color", "spacing", "sz",
            "szCs", "lang"],
    "tcPr": ["tcW", "gridSpan", "vMerge", "vAlign"],
    "tblPr": ["tblStyle", "tblW", "jc", "tblInd", "tblBorders", "tblLayout", "tblCellMar"],
    "style": ["name", "basedOn", "next", "uiPriority", "qFormat", "pPr", "rPr", "tblPr"],
}


@pytest.mark.parametrize("name", ["word/document.xml", "word/styles.xml", "word/footer1.xml"])
def test_children_in_schema_order(data: bytes, name: str) -> None:
    for parent, order in ORDER.items():
        for element in xml(data, name).iter(q(parent)):
            children = [etree.QName(child).localname for child in element]
            assert all(child in order for child in children), (parent, children)
            assert children == sorted(children, key=order.index), (parent, children)


# --- native heading numbering (docx-notes §3.7) ------------------------------------------


def style(data: bytes, style_id: str) -> etree._Element:
    return xml(data, "word/styles.xml").find(f"{q('style')}[@{q('styleId')}='{style_id}']")


def attrs(element: etree._Element) -> dict[str, str]:
    return {etree.QName(k).localname: v for k, v in element.attrib.items()}


def test_native_is_the_default(sheet: Stylesheet) -> None:
    assert (sheet.numbering, sheet.grid) == ("native", "portable")


def test_numbering_part_is_in_the_package(data: bytes) -> None:
    types = part(data, "[Content_Types].xml").decode()
    assert 'PartName="/word/numbering.xml"' in types
    assert "relationships/numbering" in part(data, "word/_rels/document.xml.rels").decode()


def test_one_multilevel_list_with_the_stylesheet_formats(data: bytes, sheet: Stylesheet) -> None:
    numbering = xml(data, "word/numbering.xml")
    abstracts = numbering.findall(q("abstractNum"))
    assert len(abstracts) == 1
    abstract = abstracts[0]
    assert abstract.find(q("nsid")).get(q("val")) == "5A0E0001"
    assert abstract.find(q("multiLevelType")).get(q("val")) == "multilevel"
    levels = abstract.findall(q("lvl"))
    found = [(lvl.get(q("ilvl")), lvl.find(q("numFmt")).get(q("val")), lvl.find(q("lvlText")).get(q("val")),
              lvl.find(q("pStyle")).get(q("val")), lvl.find(q("suff")).get(q("val")),
              lvl.find(q("start")).get(q("val"))) for lvl in levels]
    assert found == [
        ("0", "chineseCounting", "%1、", "Heading1", "nothing", "1"),
        ("1", "chineseCounting", "（%2）", "Heading2", "nothing", "1"),
        ("2", "decimal", "%3.", "Heading3", "nothing", "1"),
        ("3", "decimal", "（%4）", "Heading4", "nothing", "1"),
    ]
    assert abstract.find(f".//{q('lvlRestart')}") is None  # lower levels restart under higher ones
    for lvl, heading in zip(levels, sheet.headings, strict=True):
        assert attrs(lvl.find(f"{q('pPr')}/{q('ind')}")) == {
            "left": "0", "firstLineChars": "200", "firstLine": "640"}
        assert attrs(lvl.find(f"{q('rPr')}/{q('rFonts')}")) == {
            "ascii": sheet.latin_font, "hAnsi": sheet.latin_font, "cs": sheet.latin_font,
            "eastAsia": heading.font}
    num = numbering.findall(q("num"))
    assert [(n.get(q("numId")), n.find(q("abstractNumId")).get(q("val"))) for n in num] == [("90", "90")]
    assert list(numbering).index(num[0]) > list(numbering).index(abstract)


def test_heading_styles_carry_num_pr(data: bytes) -> None:
    for level in range(1, 5):
        numpr = style(data, f"Heading{level}").find(f"{q('pPr')}/{q('numPr')}")
        assert numpr.find(q("ilvl")).get(q("val")) == str(level - 1)
        assert numpr.find(q("numId")).get(q("val")) == "90"
    assert style(data, "RGBody").find(f".//{q('numPr')}") is None


def heading_runs(data: bytes) -> list[str]:
    body = xml(data, "word/document.xml").find(q("body"))
    return ["".join(p.itertext()) for p in body.iter(q("p"))
            if (p.find(f"{q('pPr')}/{q('pStyle')}").get(q("val")) or "").startswith("Heading")]


def test_native_headings_hold_only_their_text(data: bytes) -> None:
    assert heading_runs(data)[:4] == ["基本情况", "单位基本情况", "年度整体支出绩效目标", "项目概况"]
    assert xml(data, "word/document.xml").find(f".//{q('numPr')}") is None


def test_literal_mode_types_the_numbers(literal: bytes) -> None:
    assert heading_runs(literal)[:4] == [
        "一、基本情况", "（一）单位基本情况", "（二）年度整体支出绩效目标", "1.项目概况"]
    with zipfile.ZipFile(io.BytesIO(literal)) as package:
        assert "word/numbering.xml" not in package.namelist()
    assert b"numbering" not in part(literal, "word/_rels/document.xml.rels")
    assert b"numPr" not in part(literal, "word/styles.xml")


def test_both_modes_read_back_the_same(data: bytes, literal: bytes) -> None:
    assert read_outline(data) == read_outline(literal)
    assert read_tables(data) == read_tables(literal)


def test_literal_mode_is_deterministic(literal: bytes, literal_sheet: Stylesheet) -> None:
    assert write_docx(SAMPLE, literal_sheet) == literal


def test_a_heading_inserted_by_an_editor_renumbers_the_rest(data: bytes) -> None:
    document = docx.Document(io.BytesIO(data))
    chapter = next(p for p in document.paragraphs if p.text == "支出情况")
    chapter.insert_paragraph_before("新增一章", style="Heading 1")
    buffer = io.BytesIO()
    document.save(buffer)
    level1 = [text for label, text in read_outline(buffer.getvalue()) if label == "heading1"]
    assert level1 == ["一、基本情况", "二、新增一章", "三、支出情况"]


def test_house_style_formats_become_level_texts(sheet: Stylesheet) -> None:
    headings = [HeadingStyle(font="黑体", size_pt=16, format="第{cn}章"), *sheet.headings[1:3],
                HeadingStyle(font="仿宋_GB2312", size_pt=16, format="{n})")]
    custom = sheet.model_copy(update={"headings": headings})
    data = write_docx(Document("t", (Heading(1, "总则"), Heading(4, "甲"))), custom)
    levels = xml(data, "word/numbering.xml").findall(f"{q('abstractNum')}/{q('lvl')}")
    assert [lvl.find(q("lvlText")).get(q("val")) for lvl in levels] == ["第%1章", "（%2）", "%3.", "%4)"]
    assert [text for _, text in read_outline(data)] == ["第一章总则", "1)甲"]
    literal = write_docx(Document("t", (Heading(1, "总则"), Heading(4, "甲"))),
                         custom.model_copy(update={"numbering": "literal"}))
    assert read_outline(literal) == read_outline(data)


@pytest.mark.parametrize("fmt", ["{cn}.{n}", "第一章", "{n}%", "{x}{n}"])
def test_formats_word_cannot_number_are_a_style_error(sheet: Stylesheet, fmt: str) -> None:
    headings = [*sheet.headings[:2], HeadingStyle(font="仿宋_GB2312", size_pt=16, format=fmt), sheet.headings[3]]
    custom = sheet.model_copy(update={"headings": headings})
    with pytest.raises(StyleError, match=r"第3级标题的编号格式.*numbering: literal"):
        write_docx(Document("t", (Heading(1, "甲"),)), custom)


def test_numbering_levels_in_schema_order(data: bytes) -> None:
    order = ["start", "numFmt", "lvlRestart", "pStyle", "isLgl", "suff", "lvlText", "lvlJc", "pPr", "rPr"]
    for lvl in xml(data, "word/numbering.xml").iter(q("lvl")):
        children = [etree.QName(child).localname for child in lvl]
        assert children == sorted(children, key=order.index)


# --- grid modes (docx-notes §3.5) ---------------------------------------------------------


def test_portable_grid_is_lines_with_character_spacing(data: bytes) -> None:
    grid = xml(data, "word/document.xml").find(f"{q('body')}/{q('sectPr')}/{q('docGrid')}")
    assert attrs(grid) == {"type": "lines", "linePitch": "579"}
    spacing = xml(data, "word/styles.xml").find(f"{q('docDefaults')}//{q('rPr')}/{q('spacing')}")
    assert spacing.get(q("val")) == "-5"


def test_word_grid_is_lines_and_chars(sheet: Stylesheet) -> None:
    word = sheet.model_copy(update={"grid": "word"})
    data = write_docx(SAMPLE, word)
    grid = xml(data, "word/document.xml").find(f"{q('body')}/{q('sectPr')}/{q('docGrid')}")
    # pitch = 8844 tw / 20 / 28 = 15.7929 pt; (15.7929 − 16) × 4096 = −848.5, rounded down
    assert attrs(grid) == {"type": "linesAndChars", "linePitch": "579", "charSpace": "-849"}
    assert 28 * (16 - 849 / 4096) <= 8844 / 20
    assert xml(data, "word/styles.xml").find(f"{q('docDefaults')}//{q('rPr')}/{q('spacing')}") is None
    body = style(data, "RGBody").find(f"{q('pPr')}/{q('spacing')}")
    assert (body.get(q("line")), body.get(q("lineRule"))) == ("579", "exact")
    assert write_docx(SAMPLE, word) == data


def test_char_space_follows_body_size_and_chars_per_line(sheet: Stylesheet) -> None:
    roles = {**sheet.roles, "body": sheet.role("body").model_copy(update={"size_pt": 15})}
    page = sheet.page.model_copy(update={"chars_per_line": 26})
    custom = sheet.model_copy(update={"grid": "word", "roles": roles, "page": page})
    grid = xml(write_docx(SAMPLE, custom), "word/document.xml").find(f".//{q('docGrid')}")
    assert grid.get(q("charSpace")) == str(int((8844 / 20 / 26 - 15) * 4096 // 1))


# --- pictures ------------------------------------------------------------------------------

WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PIC_NS = {"w": W, "wp": WP, "a": A, "pic": PIC}


def png(rgb: tuple[int, int, int]) -> bytes:
    """A 1×1 RGB PNG."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" + bytes(rgb))) + chunk(b"IEND", b""))


RED, BLUE = png((255, 0, 0)), png((0, 0, 255))
PICTURES = Document(
    title="图片",
    blocks=(
        Heading(1, "评价结果"),
        Paragraph.of("等级分布如下。"),
        Picture(RED, 150, 80, title="评价等级分布图", key="chart/grades"),
        Paragraph.of("得分分布如下。"),
        PageBreak(),
        Picture(BLUE, 60.5, 30.25, title="得分分布图"),
        Picture(RED, 20, 10),
    ),
)


@pytest.fixture(scope="module")
def pictures(sheet: Stylesheet) -> bytes:
    return write_docx(PICTURES, sheet)


def drawings(data: bytes) -> list[etree._Element]:
    return xml(data, "word/document.xml").findall(".//w:drawing/wp:inline", PIC_NS)


def test_pictures_in_the_outline_with_numbered_captions(pictures: bytes) -> None:
    assert read_outline(pictures) == [
        ("heading1", "一、评价结果"), ("body", "等级分布如下。"),
        ("picture", "评价等级分布图"), ("table_title", "图1 评价等级分布图"),
        ("body", "得分分布如下。"),
        ("page_break", ""), ("picture", "得分分布图"), ("table_title", "图2 得分分布图"),
        ("picture", ""),
    ]


def test_each_picture_is_a_media_part_with_a_relationship(pictures: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(pictures)) as package:
        media = sorted(name for name in package.namelist() if name.startswith("word/media/"))
        assert media == ["word/media/image1.png", "word/media/image2.png", "word/media/image3.png"]
        assert [package.read(name) for name in media] == [RED, BLUE, RED]
    rels = {rel.get("Id"): rel for rel in xml(pictures, "word/_rels/document.xml.rels")}
    assert len(rels) == len(xml(write_docx(SAMPLE, load_stylesheet()), "word/_rels/document.xml.rels")) + 3
    embeds = [blip.get(f"{{{R}}}embed") for blip in
              xml(pictures, "word/document.xml").iterfind(".//a:blip", PIC_NS)]
    assert len(set(embeds)) == 3
    assert [rels[rid].get("Target") for rid in embeds] == [
        "media/image1.png", "media/image2.png", "media/image3.png"]
    assert {rels[rid].get("Type") for rid in embeds} == {f"{R}/image"}


def test_png_content_type_is_declared_once(pictures: bytes) -> None:
    types = xml(pictures, "[Content_Types].xml")
    png_types = [d.get("ContentType") for d in types if d.get("Extension") == "png"]
    assert png_types == ["image/png"]
    assert b'Extension="png"' not in part(write_docx(SAMPLE, load_stylesheet()), "[Content_Types].xml")


def test_picture_extents_are_emu_and_doc_pr_ids_unique(pictures: bytes) -> None:
    inlines = drawings(pictures)
    extents = [(i.find("wp:extent", PIC_NS).get("cx"), i.find("wp:extent", PIC_NS).get("cy"))
               for i in inlines]
    assert extents == [("5400000", "2880000"), ("2178000", "1089000"), ("720000", "360000")]
    for inline, (cx, cy) in zip(inlines, extents, strict=True):
        ext = inline.find(".//pic:spPr/a:xfrm/a:ext", PIC_NS)
        assert (ext.get("cx"), ext.get("cy")) == (cx, cy)
    ids = [i.find("wp:docPr", PIC_NS).get("id") for i in inlines]
    assert ids == ["1", "2", "3"]


def test_picture_paragraph_is_centred_single_spaced_and_kept_with_its_caption(pictures: bytes) -> None:
    body = xml(pictures, "word/document.xml").find(q("body"))
    paragraphs = [p for p in body.iterfind(q("p")) if p.find(f".//{q('drawing')}") is not None]
    first, second, third = (p.find(q("pPr")) for p in paragraphs)
    for ppr in (first, second, third):
        assert ppr.find(q("pStyle")).get(q("val")) == "RGTableTitle"
        assert ppr.find(q("jc")).get(q("val")) == "center"
        assert ppr.find(q("snapToGrid")).get(q("val")) == "0"
        spacing = ppr.find(q("spacing"))
        assert (spacing.get(q("line")), spacing.get(q("lineRule"))) == ("240", "auto")
        assert ppr.find(q("ind")).get(q("firstLine")) == "0"
        assert ppr.find(q("ind")).get(q("firstLineChars")) == "0"
    assert first.find(q("keepNext")) is not None and second.find(q("keepNext")) is not None
    assert third.find(q("keepNext")) is None  # no caption to keep with
    assert second.find(q("pageBreakBefore")) is not None


def test_pictures_are_deterministic(pictures: bytes, sheet: Stylesheet) -> None:
    assert write_docx(PICTURES, sheet) == pictures


def test_pictures_open_in_python_docx(pictures: bytes) -> None:
    shapes = docx.Document(io.BytesIO(pictures)).inline_shapes
    assert len(shapes) == 3
    assert [(shape.width, shape.height) for shape in shapes][:2] == [
        (5400000, 2880000), (2178000, 1089000)]


def test_two_pictures_in_python_docx(sheet: Stylesheet) -> None:
    document = Document("二图", (Picture(RED, 10, 10, "甲"), Picture(BLUE, 20, 10, "乙")))
    data = write_docx(document, sheet)
    assert len(docx.Document(io.BytesIO(data)).inline_shapes) == 2
    assert [text for label, text in read_outline(data) if label == "table_title"] == [
        "图1 甲", "图2 乙"]


def test_pictures_in_schema_order(pictures: bytes) -> None:
    for parent, order in ORDER.items():
        for element in xml(pictures, "word/document.xml").iter(q(parent)):
            children = [etree.QName(child).localname for child in element]
            assert children == sorted(children, key=order.index), (parent, children)


def test_media_ids_and_names_skip_the_bases_own() -> None:
    rels = (b'<Relationships xmlns="x"><Relationship Id="rId9" Target="a"/>'
            b'<Relationship Id="rId11" Target="b"/><Relationship Id="rIdX" Target="c"/></Relationships>')
    types = b'<Types xmlns="y"><Default Extension="PNG" ContentType="image/png"/></Types>'
    media = Media((("[Content_Types].xml", types), ("word/_rels/document.xml.rels", rels),
                   ("word/media/image1.png", b"old")))
    assert media.replacements() == {} and media.members() == ()
    assert [media.add(RED), media.add(BLUE)] == ["rId12", "rId13"]
    assert media.members() == (("word/media/image2.png", RED), ("word/media/image3.png", BLUE))
    replaced = media.replacements()
    assert replaced["[Content_Types].xml"] == types
    assert replaced["word/_rels/document.xml.rels"].count(b"<Relationship ") == 5


def test_a_picture_needs_a_size(sheet: Stylesheet) -> None:
    with pytest.raises(ValueError, match="picture size"):
        write_docx(Document("t", (Picture(RED, 0, 10),)), sheet)
