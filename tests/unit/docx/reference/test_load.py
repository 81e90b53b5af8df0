"""--reference-docx: styles, numbering and page set-up taken from a bureau's Word document.

The reference documents are built here with python-docx, so every test shows what the
reference holds.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from reportgen.docx import Reference, load_reference, read_outline, write_docx
from reportgen.errors import StyleError
from reportgen.render.blocks import Document, Heading, Paragraph
from reportgen.render.stylesheet import Stylesheet, load_stylesheet
from written import SAMPLE, attrs, found, q, xml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(scope="module")
def sheet() -> Stylesheet:
    return load_stylesheet("gbt9704")


def bureau_template() -> DocxDocument:
    """A bureau's template: 方正黑体 2号 headings, a 公文正文 style, 30 mm side margins."""
    document = docx.Document()
    heading = document.styles["Heading 1"]
    rfonts = heading.element.get_or_add_rPr().get_or_add_rFonts()
    for key in list(rfonts.attrib):
        del rfonts.attrib[key]
    rfonts.set(qn("w:ascii"), "Arial")
    rfonts.set(qn("w:eastAsia"), "方正黑体_GBK")
    heading.font.size = Pt(22)
    body = document.styles.add_style("公文正文", WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = document.styles["Normal"]
    body.font.size = Pt(15)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(30)
    return document


def save(document: DocxDocument, path: Path) -> Path:
    document.save(str(path))
    return path


def style_of(data: bytes, style_id: str) -> etree._Element:
    return found(style_or_none(data, style_id))


def style_or_none(data: bytes, style_id: str) -> etree._Element | None:
    return xml(data, "word/styles.xml").find(f"{q('style')}[@{q('styleId')}='{style_id}']")


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Reference:
    return load_reference(save(bureau_template(), tmp_path_factory.mktemp("ref") / "模板.docx"))


@pytest.fixture(scope="module")
def data(reference: Reference, sheet: Stylesheet) -> bytes:
    return write_docx(SAMPLE, sheet, reference)


@pytest.mark.rendering
def test_reference_styles_replace_ours(data: bytes) -> None:
    heading = style_of(data, "Heading1")
    assert heading.find(f"{q('rPr')}/{q('rFonts')}").get(q("eastAsia")) == "方正黑体_GBK"
    assert heading.find(f"{q('rPr')}/{q('sz')}").get(q("val")) == "44"
    body = style_of(data, "RGBody")
    assert body.find(f"{q('name')}").get(q("val")) == "公文正文"
    assert body.find(f"{q('rPr')}/{q('sz')}").get(q("val")) == "30"
    assert body.find(f"{q('pPr')}/{q('ind')}") is None  # the reference's definition, not ours
    ids = [s.get(q("styleId")) for s in xml(data, "word/styles.xml").iter(q("style"))]
    assert len(ids) == len(set(ids))


@pytest.mark.rendering
def test_missing_styles_keep_ours_and_are_reported(reference: Reference, data: bytes) -> None:
    assert "参考文档中没有“公文标题”样式，已使用内置样式" in reference.notices
    assert not [n for n in reference.notices if "公文正文" in n or "标题 1" in n]
    title = style_of(data, "RGTitle")
    assert title.find(f"{q('rPr')}/{q('rFonts')}").get(q("eastAsia")) == "方正小标宋简体"


@pytest.mark.rendering
def test_doc_defaults_theme_and_fonts_come_along(reference: Reference, data: bytes) -> None:
    defaults = xml(data, "word/styles.xml").find(f"{q('docDefaults')}//{q('rFonts')}")
    assert defaults.get(q("asciiTheme")) == "minorHAnsi"  # python-docx's template, not ours
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert b"\xe6\x96\xb9\xe6\xad\xa3\xe9\xbb\x91\xe4\xbd\x93_GBK" in package.read("word/fontTable.xml")


@pytest.mark.rendering
def test_page_set_up_comes_from_the_reference(data: bytes) -> None:
    sectpr = xml(data, "word/document.xml").find(f"{q('body')}/{q('sectPr')}")
    margins = attrs(sectpr.find(q("pgMar")))
    assert (margins["left"], margins["right"]) == ("1701", "1701")
    assert sectpr.find(q("docGrid")).get(q("linePitch")) == "360"
    assert len(sectpr.findall(q("footerReference"))) == 2
    table = xml(data, "word/document.xml").find(f".//{q('tbl')}")
    assert table.find(f"{q('tblPr')}/{q('tblW')}").get(q("w")) == str(11906 - 2 * 1701)


@pytest.mark.rendering
def test_native_numbering_binds_the_reference_headings(data: bytes) -> None:
    numpr = style_of(data, "Heading1").find(f"{q('pPr')}/{q('numPr')}")
    assert numpr.find(q("numId")).get(q("val")) == "90"
    level = xml(data, "word/numbering.xml").find(f"{q('abstractNum')}/{q('lvl')}")
    assert level.find(f"{q('rPr')}/{q('rFonts')}").get(q("eastAsia")) == "方正黑体_GBK"
    assert [t for label, t in read_outline(data) if label == "heading1"] == ["一、基本情况", "二、支出情况"]


@pytest.mark.rendering
def test_literal_mode_strips_numbering_from_reference_headings(
    reference: Reference, sheet: Stylesheet, tmp_path: Path
) -> None:
    literal = sheet.model_copy(update={"numbering": "literal"})
    data = write_docx(SAMPLE, literal, load_reference(numbered_template(tmp_path)))
    assert b"numPr" not in xml_bytes(data, "word/styles.xml")
    assert [t for label, t in read_outline(data) if label == "heading1"] == ["一、基本情况", "二、支出情况"]


@pytest.mark.rendering
def test_same_bytes_with_a_reference(data: bytes, reference: Reference, sheet: Stylesheet) -> None:
    assert write_docx(SAMPLE, sheet, reference) == data


def test_reference_is_cached_until_the_file_changes(tmp_path: Path) -> None:
    path = save(bureau_template(), tmp_path / "ref.docx")
    first = load_reference(path)
    assert load_reference(path) is first
    os.utime(path, ns=(1, 1))
    assert load_reference(path) is not first


# --- Chinese Word: ids "a", "1", … and a bureau's own base style ---------------------------


def rename_ids(document: DocxDocument, ids: dict[str, str]) -> None:
    """Give styles the ids Chinese Word uses, and follow them in basedOn/next/link."""
    root = document.styles.element
    for element in root.iter(qn("w:style"), qn("w:basedOn"), qn("w:next"), qn("w:link")):
        key = qn("w:styleId") if element.tag == qn("w:style") else qn("w:val")
        if element.get(key) in ids:
            element.set(key, ids[element.get(key)])


@pytest.mark.rendering
def test_styles_are_matched_by_name_and_ids_rewritten(sheet: Stylesheet, tmp_path: Path) -> None:
    document = bureau_template()
    base = document.styles.add_style("局基础样式", WD_STYLE_TYPE.PARAGRAPH)
    base.font.size = Pt(15.5)
    document.styles["公文正文"].base_style = base
    rename_ids(
        document,
        {
            "Normal": "a",
            "Heading1": "1",
            "Heading2": "2",
            "Heading3": "3",
            "TableGrid": "a3",
            "公文正文": "a5",
            "局基础样式": "Heading3",
        },
    )  # an id of ours, for a style we lack
    data = write_docx(SAMPLE, sheet, load_reference(save(document, tmp_path / "cn.docx")))
    assert style_of(data, "Heading1").find(q("basedOn")).get(q("val")) == "Normal"
    body = style_of(data, "RGBody")
    assert body.find(q("basedOn")).get(q("val")) == "RefHeading3"  # its id was taken by ours
    extra = style_of(data, "RefHeading3")
    assert extra.find(f"{q('name')}").get(q("val")) == "局基础样式"
    assert extra.find(f"{q('rPr')}/{q('sz')}").get(q("val")) == "31"
    assert style_of(data, "Heading1").find(f"{q('rPr')}/{q('sz')}").get(q("val")) == "44"
    assert style_of(data, "Heading3").find(q("name")).get(q("val")) == "heading 3"
    assert style_or_none(data, "a") is None and style_or_none(data, "1") is None
    assert xml(data, "word/document.xml").find(f".//{q('tblStyle')}").get(q("val")) == "TableGrid"


# --- the reference's own heading numbering ---------------------------------------------------

LEVELS = "".join(  # levels 2–5 are "legal" (isLgl): 1.1 rather than 一.1
    f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:pStyle w:val="{sid}"/>'
    f'{"<w:isLgl/>" if i else ""}<w:suff w:val="space"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
    for i, (fmt, sid, text) in enumerate(
        [
            ("chineseCounting", "1", "第%1章"),
            ("decimal", "2", "%1.%2"),
            ("decimal", "3", "%1.%2.%3"),
            ("decimal", "4", "%1.%2.%3.%4"),
            ("decimal", "5", "%5)"),
        ]
    )
)


def numbered_template(tmp_path: Path) -> Path:
    """Chinese-Word ids, and 标题 1–4 bound to a list "第一章, 1.1, 1.1.1, 1.1.1.1"."""
    document = bureau_template()
    rename_ids(document, {f"Heading{n}": str(n) for n in range(1, 6)})
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="7">'
            f'<w:nsid w:val="12345678"/><w:multiLevelType w:val="multilevel"/>{LEVELS}'
            "</w:abstractNum>"
        )
    )
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="3"><w:abstractNumId w:val="7"/></w:num>'))
    for level in range(1, 5):
        numpr = document.styles[f"Heading {level}"].element.get_or_add_pPr().get_or_add_numPr()
        numpr.get_or_add_ilvl().val = level - 1
        numpr.get_or_add_numId().val = 3
    return save(document, tmp_path / "numbered.docx")


def xml_bytes(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name)


@pytest.mark.rendering
def test_the_reference_heading_list_is_used(sheet: Stylesheet, tmp_path: Path) -> None:
    reference = load_reference(numbered_template(tmp_path))
    assert reference.heading_levels == (0, 1, 2, 3)
    data = write_docx(SAMPLE, sheet, reference)
    numbering = xml(data, "word/numbering.xml")
    abstract = numbering.find(q("abstractNum"))
    assert abstract.get(q("abstractNumId")) == "90"
    assert abstract.find(q("nsid")).get(q("val")) == "12345678"
    levels = abstract.findall(q("lvl"))
    assert [lvl.find(q("lvlText")).get(q("val")) for lvl in levels][:2] == ["第%1章", "%1.%2"]
    assert [lvl.find(q("pStyle")) is None for lvl in levels] == [False] * 4 + [True]  # "5" is not ours
    assert levels[0].find(q("pStyle")).get(q("val")) == "Heading1"
    heads = [t for label, t in read_outline(data) if label.startswith("heading")]
    assert heads[:5] == [
        "第一章 基本情况",
        "1.1 单位基本情况",
        "1.2 年度整体支出绩效目标",
        "1.2.1 项目概况",
        "1.2.1.1 资金来源",
    ]  # Word's numbers; LibreOffice 7.4 ignores isLgl: "一.1"


@pytest.mark.rendering
def test_headings_on_different_lists_fall_back_to_ours(sheet: Stylesheet, tmp_path: Path) -> None:
    path = numbered_template(tmp_path)
    document = docx.Document(str(path))
    document.styles["heading 4"].element.pPr.numPr.numId.val = 0
    reference = load_reference(save(document, tmp_path / "partial.docx"))
    assert reference.numbering is None
    assert any("编号" in notice for notice in reference.notices)
    data = write_docx(Document("t", (Heading(1, "甲"),)), sheet, reference)
    assert read_outline(data) == [("heading1", "一、甲")]


# --- what is not a usable reference ---------------------------------------------------------


def test_not_a_docx_is_a_style_error(tmp_path: Path) -> None:
    text = tmp_path / "模板.docx"
    text.write_text("这不是 Word 文档", encoding="utf-8")
    with pytest.raises(StyleError, match=r"不是有效的 Word 文档（\.docx）.*另存为 \.docx"):
        load_reference(text)
    other_zip = tmp_path / "other.docx"
    with zipfile.ZipFile(other_zip, "w") as package:
        package.writestr("hello.txt", "hi")
    with pytest.raises(StyleError, match="不是有效的 Word 文档"):
        load_reference(other_zip)


def test_missing_file_is_a_style_error(tmp_path: Path) -> None:
    with pytest.raises(StyleError, match="无法读取参考文档"):
        load_reference(tmp_path / "nowhere.docx")


def test_a_reference_without_any_needed_style_is_a_style_error(tmp_path: Path) -> None:
    document = docx.Document()
    root = document.styles.element
    for element in root.findall(qn("w:style")):
        if element.get(qn("w:styleId")) not in ("Normal", "DefaultParagraphFont", "TableNormal"):
            root.remove(element)
    with pytest.raises(StyleError, match="没有 reportgen 使用的任何样式"):
        load_reference(save(document, tmp_path / "plain.docx"))


@pytest.mark.rendering
def test_notices_name_styles_as_word_shows_them(tmp_path: Path) -> None:
    document = docx.Document()
    root = document.styles.element
    root.remove(document.styles["Heading 2"].element)
    root.remove(document.styles["Table Grid"].element)
    reference = load_reference(save(document, tmp_path / "few.docx"))
    assert "参考文档中没有“标题 2”样式，已使用内置样式" in reference.notices
    assert "参考文档中没有“网格型（Table Grid）”样式，已使用内置样式" in reference.notices
    data = write_docx(Document("t", (Paragraph.of("正文"),)), load_stylesheet(), reference)
    assert style_of(data, "Heading2").find(f"{q('rPr')}/{q('rFonts')}").get(q("eastAsia")) == "楷体_GB2312"
