"""Page set-up, styles and fonts, and the grid modes (docs/docx-notes.md §3.5)."""

from __future__ import annotations

import re

import pytest

from reportgen.docx import write_docx
from reportgen.render.stylesheet import Stylesheet
from written import SAMPLE, attrs, part, q, rfonts, style, xml

pytestmark = pytest.mark.rendering

# --- page set-up, styles and fonts ----------------------------------------------------


def test_a4_page_margins_and_line_grid(data: bytes) -> None:
    sectpr = xml(data, "word/document.xml").find(f"{q('body')}/{q('sectPr')}")
    size = sectpr.find(q("pgSz"))
    assert (size.get(q("w")), size.get(q("h"))) == ("11906", "16838")
    margins = {k.split("}")[1]: v for k, v in sectpr.find(q("pgMar")).attrib.items()}
    assert margins | {"header": "", "gutter": ""} == {
        "top": "2098",
        "bottom": "1984",
        "left": "1587",
        "right": "1474",
        "footer": "1247",
        "header": "",
        "gutter": "",
    }
    grid = sectpr.find(q("docGrid"))
    assert (grid.get(q("type")), grid.get(q("linePitch"))) == ("lines", "579")


def test_no_theme_fonts_anywhere(data: bytes) -> None:
    for name in ("word/styles.xml", "word/document.xml", "word/footer1.xml"):
        assert not re.search(rb"w:(ascii|hAnsi|eastAsia|cs)theme=", part(data, name), re.I)


def test_east_asian_fonts_follow_the_stylesheet(data: bytes, sheet: Stylesheet) -> None:
    styles = xml(data, "word/styles.xml")
    latin = sheet.latin_font
    for level, heading in enumerate(sheet.headings, 1):
        assert rfonts(styles, f"Heading{level}") == {
            "ascii": latin,
            "hAnsi": latin,
            "cs": latin,
            "eastAsia": heading.font,
        }
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


# --- grid modes (docs/docx-notes.md §3.5) ---------------------------------------------------------


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
