"""Heading numbers: Chinese numerals, literal numbering, native numbering (docs/docx-notes.md §3.7)."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from lxml import etree

from reportgen.docx import read_outline, read_tables, write_docx
from reportgen.errors import StyleError
from reportgen.figures.fmt import cn_number as chinese_number
from reportgen.render.blocks import Document, Heading
from reportgen.render.stylesheet import HeadingStyle, Stylesheet
from written import SAMPLE, attrs, part, q, style, xml


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
        (123, "一百二十三"),
    ],
)
def test_chinese_number(n: int, text: str) -> None:
    assert chinese_number(n) == text


@pytest.mark.rendering
def test_level_one_counts_past_ten(sheet: Stylesheet) -> None:
    document = Document("t", tuple(Heading(1, "章") for _ in range(12)))
    texts = [text for _, text in read_outline(write_docx(document, sheet))]
    assert texts[9:] == ["十、章", "十一、章", "十二、章"]


@pytest.mark.rendering
def test_a_skipped_level_starts_at_one(sheet: Stylesheet) -> None:
    document = Document("t", (Heading(1, "甲"), Heading(3, "乙"), Heading(2, "丙")))
    texts = [text for _, text in read_outline(write_docx(document, sheet))]
    assert texts == ["一、甲", "1.乙", "（一）丙"]


@pytest.mark.rendering
def test_bad_heading_level_is_rejected(sheet: Stylesheet) -> None:
    with pytest.raises(ValueError, match="heading level"):
        write_docx(Document("t", (Heading(5, "x"),)), sheet)


# --- native heading numbering (docs/docx-notes.md §3.7) ------------------------------------------


def test_native_is_the_default(sheet: Stylesheet) -> None:
    assert (sheet.numbering, sheet.grid) == ("native", "portable")


@pytest.mark.rendering
def test_numbering_part_is_in_the_package(data: bytes) -> None:
    types = part(data, "[Content_Types].xml").decode()
    assert 'PartName="/word/numbering.xml"' in types
    assert "relationships/numbering" in part(data, "word/_rels/document.xml.rels").decode()


@pytest.mark.rendering
def test_one_multilevel_list_with_the_stylesheet_formats(data: bytes, sheet: Stylesheet) -> None:
    numbering = xml(data, "word/numbering.xml")
    abstracts = numbering.findall(q("abstractNum"))
    assert len(abstracts) == 1
    abstract = abstracts[0]
    assert abstract.find(q("nsid")).get(q("val")) == "5A0E0001"
    assert abstract.find(q("multiLevelType")).get(q("val")) == "multilevel"
    levels = abstract.findall(q("lvl"))
    found = [
        (
            lvl.get(q("ilvl")),
            lvl.find(q("numFmt")).get(q("val")),
            lvl.find(q("lvlText")).get(q("val")),
            lvl.find(q("pStyle")).get(q("val")),
            lvl.find(q("suff")).get(q("val")),
            lvl.find(q("start")).get(q("val")),
        )
        for lvl in levels
    ]
    assert found == [
        ("0", "chineseCounting", "%1、", "Heading1", "nothing", "1"),
        ("1", "chineseCounting", "（%2）", "Heading2", "nothing", "1"),
        ("2", "decimal", "%3.", "Heading3", "nothing", "1"),
        ("3", "decimal", "（%4）", "Heading4", "nothing", "1"),
    ]
    assert abstract.find(f".//{q('lvlRestart')}") is None  # lower levels restart under higher ones
    for lvl, heading in zip(levels, sheet.headings, strict=True):
        assert attrs(lvl.find(f"{q('pPr')}/{q('ind')}")) == {"left": "0", "firstLineChars": "200", "firstLine": "640"}
        assert attrs(lvl.find(f"{q('rPr')}/{q('rFonts')}")) == {
            "ascii": sheet.latin_font,
            "hAnsi": sheet.latin_font,
            "cs": sheet.latin_font,
            "eastAsia": heading.font,
        }
    num = numbering.findall(q("num"))
    assert [(n.get(q("numId")), n.find(q("abstractNumId")).get(q("val"))) for n in num] == [("90", "90")]
    assert list(numbering).index(num[0]) > list(numbering).index(abstract)


@pytest.mark.rendering
def test_heading_styles_carry_num_pr(data: bytes) -> None:
    for level in range(1, 5):
        numpr = style(data, f"Heading{level}").find(f"{q('pPr')}/{q('numPr')}")
        assert numpr.find(q("ilvl")).get(q("val")) == str(level - 1)
        assert numpr.find(q("numId")).get(q("val")) == "90"
    assert style(data, "RGBody").find(f".//{q('numPr')}") is None


def heading_runs(data: bytes) -> list[str]:
    body = xml(data, "word/document.xml").find(q("body"))
    return [
        "".join(p.itertext())
        for p in body.iter(q("p"))
        if (p.find(f"{q('pPr')}/{q('pStyle')}").get(q("val")) or "").startswith("Heading")
    ]


@pytest.mark.rendering
def test_native_headings_hold_only_their_text(data: bytes) -> None:
    assert heading_runs(data)[:4] == ["基本情况", "单位基本情况", "年度整体支出绩效目标", "项目概况"]
    assert xml(data, "word/document.xml").find(f".//{q('numPr')}") is None


@pytest.mark.rendering
def test_literal_mode_types_the_numbers(literal: bytes) -> None:
    assert heading_runs(literal)[:4] == [
        "一、基本情况",
        "（一）单位基本情况",
        "（二）年度整体支出绩效目标",
        "1.项目概况",
    ]
    with zipfile.ZipFile(io.BytesIO(literal)) as package:
        assert "word/numbering.xml" not in package.namelist()
    assert b"numbering" not in part(literal, "word/_rels/document.xml.rels")
    assert b"numPr" not in part(literal, "word/styles.xml")


@pytest.mark.rendering
def test_both_modes_read_back_the_same(data: bytes, literal: bytes) -> None:
    assert read_outline(data) == read_outline(literal)
    assert read_tables(data) == read_tables(literal)


@pytest.mark.rendering
def test_literal_mode_is_deterministic(literal: bytes, literal_sheet: Stylesheet) -> None:
    assert write_docx(SAMPLE, literal_sheet) == literal


@pytest.mark.rendering
def test_a_heading_inserted_by_an_editor_renumbers_the_rest(data: bytes) -> None:
    document = docx.Document(io.BytesIO(data))
    chapter = next(p for p in document.paragraphs if p.text == "支出情况")
    chapter.insert_paragraph_before("新增一章", style="Heading 1")
    buffer = io.BytesIO()
    document.save(buffer)
    level1 = [text for label, text in read_outline(buffer.getvalue()) if label == "heading1"]
    assert level1 == ["一、基本情况", "二、新增一章", "三、支出情况"]


@pytest.mark.rendering
def test_house_style_formats_become_level_texts(sheet: Stylesheet) -> None:
    headings = [
        HeadingStyle(font="黑体", size_pt=16, format="第{cn}章"),
        *sheet.headings[1:3],
        HeadingStyle(font="仿宋_GB2312", size_pt=16, format="{n})"),
    ]
    custom = sheet.model_copy(update={"headings": headings})
    data = write_docx(Document("t", (Heading(1, "总则"), Heading(4, "甲"))), custom)
    levels = xml(data, "word/numbering.xml").findall(f"{q('abstractNum')}/{q('lvl')}")
    assert [lvl.find(q("lvlText")).get(q("val")) for lvl in levels] == ["第%1章", "（%2）", "%3.", "%4)"]
    assert [text for _, text in read_outline(data)] == ["第一章总则", "1)甲"]
    literal = write_docx(
        Document("t", (Heading(1, "总则"), Heading(4, "甲"))), custom.model_copy(update={"numbering": "literal"})
    )
    assert read_outline(literal) == read_outline(data)


@pytest.mark.rendering
@pytest.mark.parametrize("fmt", ["{cn}.{n}", "第一章", "{n}%", "{x}{n}"])
def test_formats_word_cannot_number_are_a_style_error(sheet: Stylesheet, fmt: str) -> None:
    headings = [*sheet.headings[:2], HeadingStyle(font="仿宋_GB2312", size_pt=16, format=fmt), sheet.headings[3]]
    custom = sheet.model_copy(update={"headings": headings})
    with pytest.raises(StyleError, match=r"第3级标题的编号格式.*numbering: literal"):
        write_docx(Document("t", (Heading(1, "甲"),)), custom)


@pytest.mark.rendering
def test_numbering_levels_in_schema_order(data: bytes) -> None:
    order = ["start", "numFmt", "lvlRestart", "pStyle", "isLgl", "suff", "lvlText", "lvlJc", "pPr", "rPr"]
    for lvl in xml(data, "word/numbering.xml").iter(q("lvl")):
        children = [etree.QName(child).localname for child in lvl]
        assert children == sorted(children, key=order.index)
