"""Curly quotes get the CJK font; the font table and theme describe the stylesheet's fonts."""

from __future__ import annotations

import pytest

from reportgen.docx.write.fonts import east_asian_fonts, font_xml, quote_pieces
from reportgen.docx.write.paragraphs import run_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
QUOTE_FONTS = '<w:rFonts w:ascii="仿宋_GB2312" w:hAnsi="仿宋_GB2312" w:hint="eastAsia"/>'


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("完成1620件”。", [("完成1620件”。", False)]),
        ("实际完成情况为“>90%”，", [("实际完成情况为“>90%", False), ("”", True), ("，", False)]),
        ("“1620”", [("“", True), ("1620", False), ("”", True)]),
        ("编号A’", [("编号A", False), ("’", True)]),
        ("no quotes", [("no quotes", False)]),
    ],
)
def test_a_quote_stands_alone_unless_it_follows_a_cjk_character(text: str, pieces: list[tuple[str, bool]]) -> None:
    assert list(quote_pieces(text)) == pieces


def test_a_quote_after_a_digit_is_its_own_run_in_the_cjk_font() -> None:
    xml = run_xml("填写为“>90%”，", bold=True, quote_font="仿宋_GB2312")
    assert xml == (
        '<w:r><w:rPr><w:rFonts w:hint="eastAsia"/><w:b/><w:bCs/></w:rPr><w:t>填写为“&gt;90%</w:t></w:r>'
        f'<w:r><w:rPr>{QUOTE_FONTS}<w:b/><w:bCs/><w:lang w:val="zh-CN"/></w:rPr><w:t>”</w:t></w:r>'
        '<w:r><w:rPr><w:rFonts w:hint="eastAsia"/><w:b/><w:bCs/></w:rPr><w:t>，</w:t></w:r>'
    )


def test_without_a_quote_font_a_run_keeps_only_the_hint() -> None:
    assert run_xml("“90%”") == '<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t>“90%”</w:t></w:r>'


def test_style_fonts_follow_based_on_and_skip_theme_fonts() -> None:
    styles = f"""<w:styles xmlns:w="{W_NS}">
      <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia="宋体"/></w:rPr></w:rPrDefault></w:docDefaults>
      <w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
      <w:style w:type="paragraph" w:styleId="Body"><w:basedOn w:val="Normal"/>
        <w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="Quote"><w:basedOn w:val="Body"/></w:style>
      <w:style w:type="paragraph" w:styleId="Themed">
        <w:rPr><w:rFonts w:eastAsiaTheme="minorEastAsia"/></w:rPr></w:style>
      <w:style w:type="character" w:styleId="Char"><w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style>
    </w:styles>""".encode()
    assert east_asian_fonts(styles) == {"Normal": "宋体", "Body": "仿宋_GB2312", "Quote": "仿宋_GB2312"}


def test_an_unknown_font_is_described_by_its_script_only() -> None:
    assert font_xml("某某楷体") == (
        '<w:font w:name="某某楷体"><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
    )
    assert 'w:charset w:val="00"' in font_xml("Arial")
