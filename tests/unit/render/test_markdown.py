"""Markdown → blocks: the small dialect that narratives and staff text use."""

from __future__ import annotations

import pytest

from reportgen.render.blocks import Heading, Paragraph, Role, Span
from reportgen.render.markdown import parse
from reportgen.render.narrative.escaping import escape, md


def texts(markdown: str) -> list[str]:
    return [b.text for b in parse(markdown) if isinstance(b, Paragraph)]


def test_headings_map_to_title_and_four_levels() -> None:
    blocks = parse("# 标题\n## 一级\n### 二级\n#### 三级\n##### 四级\n正文")
    assert blocks == [
        Paragraph((Span("标题"),), Role.TITLE),
        Heading(1, "一级"),
        Heading(2, "二级"),
        Heading(3, "三级"),
        Heading(4, "四级"),
        Paragraph((Span("正文"),)),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "2. 质量指标全部达标",
        "1.加强监管",
        "- 不是列表",
        "* 也不是",
        "> 不是引用",
        "---",
        "    缩进的一行",
        "<b>不是HTML</b>",
        "[链接](http://x)",
        "`代码`",
    ],
)
def test_data_lines_stay_plain_paragraphs(line: str) -> None:
    assert texts(line) == [line.strip()]


def test_every_line_is_a_paragraph() -> None:
    assert texts("一是宣传。\n二是调解。\n\n三是援助。") == ["一是宣传。", "二是调解。", "三是援助。"]


def test_bold_spans() -> None:
    (paragraph,) = parse("成效**显著**，群众满意。")
    assert isinstance(paragraph, Paragraph)
    assert paragraph.spans == (Span("成效"), Span("显著", bold=True), Span("，群众满意。"))


def test_full_width_indent_is_dropped() -> None:
    assert texts("\u3000\u3000无") == ["无"]


@pytest.mark.parametrize("value", ["#某县*司法局*", "a_b_c", "2*3*4", "[1]", "x|y", "\\", "<tag>", "~~删除~~"])
def test_escaped_values_print_as_written(value: str) -> None:
    assert texts(str(escape(value))) == [value]


@pytest.mark.parametrize(
    ("staff", "shown"),
    [
        ("1500元/人*86人", "1500元/人*86人"),
        ("# 不是标题", "# 不是标题"),
        ("a_b", "a_b"),
        ("{{ 7*7 }}", "{{ 7*7 }}"),
        ("C:\\temp\\a\\*b", "C:\\temp\\a\\*b"),
        ("\\#1", "\\#1"),
        ("a\\_b\\", "a\\_b\\"),
        ("\\\\server\\共享\\[2023]", "\\\\server\\共享\\[2023]"),
        ("\\**重点**", "\\重点"),
    ],
)
def test_staff_markdown_is_defused(staff: str, shown: str) -> None:
    assert texts(md(staff)) == [shown]


def test_staff_markdown_keeps_bold() -> None:
    (paragraph,) = parse(md("**重点**工作"))
    assert isinstance(paragraph, Paragraph)
    assert paragraph.spans[0] == Span("重点", bold=True)
