"""The HTML preview: numbered like the Word document, merges as spans, every text escaped."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from reportgen.api import Renderer, load
from reportgen.docx.draft.outline import read_tables
from reportgen.render.blocks import Cell, Document, Heading, PageBreak, Paragraph, Picture, Role, Row, Span, Table
from reportgen.render.html import preview_html, table_html
from reportgen.render.stylesheet import load_stylesheet
from reportgen.web.preview import PREVIEW_CSS, preview_page
from samples import LINGLING

HOSTILE = '<script>alert("x")</script> {{ config }} & 5 > 3'


class _Tables(HTMLParser):
    """Tables as rows of (tag, text, colspan, rowspan); headings and marks as text."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[tuple[str, str, int, int]]]] = []
        self.headings: list[str] = []
        self.marks: list[str] = []
        self._cell: list[str] | None = None
        self._cell_attrs: tuple[str, int, int] = ("td", 1, 1)
        self._heading: list[str] | None = None
        self._mark: list[str] | None = None
        self.section = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "table":
            self.tables.append([])
        elif tag in ("thead", "tbody"):
            self.section = tag
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
            self._cell_attrs = (tag, int(values.get("colspan") or 1), int(values.get("rowspan") or 1))
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")
        elif tag in ("h2", "h3", "h4", "h5"):
            self._heading = []
        elif tag == "mark":
            self._mark = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            name, colspan, rowspan = self._cell_attrs
            self.tables[-1][-1].append((name, "".join(self._cell), colspan, rowspan))
            self._cell = None
        elif tag in ("h2", "h3", "h4", "h5") and self._heading is not None:
            self.headings.append("".join(self._heading))
            self._heading = None
        elif tag == "mark" and self._mark is not None:
            self.marks.append("".join(self._mark))
            self._mark = None

    def handle_data(self, data: str) -> None:
        for part in (self._cell, self._heading, self._mark):
            if part is not None:
                part.append(data)


def parsed(html: str) -> _Tables:
    parser = _Tables()
    parser.feed(html)
    parser.close()
    return parser


def headings_of(*levels: int) -> list[str]:
    document = Document("t", tuple(Heading(level, f"标题{i}") for i, level in enumerate(levels)))
    return [text.removesuffix(f"标题{i}") for i, text in enumerate(parsed(preview_html(document)).headings)]


@pytest.mark.parametrize(
    ("levels", "numbers"),
    [
        ((1, 1, 1), ["一、", "二、", "三、"]),
        ((1, 2, 2, 3, 4, 4), ["一、", "（一）", "（二）", "1.", "（1）", "（2）"]),
        ((1, 2, 3, 3, 2, 3), ["一、", "（一）", "1.", "2.", "（二）", "1."]),
        ((1, 2, 1, 2), ["一、", "（一）", "二、", "（一）"]),
        ((1, 2, 3, 4, 1, 4), ["一、", "（一）", "1.", "（1）", "二、", "（1）"]),
        ((1,) * 11, ["一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、", "十、", "十一、"]),
    ],
)
def test_headings_are_numbered_like_the_word_document_and_restart_under_a_higher_level(
    levels: tuple[int, ...], numbers: list[str]
) -> None:
    assert headings_of(*levels) == numbers


def test_heading_levels_become_h2_to_h5_with_the_number_apart() -> None:
    html = preview_html(Document("t", (Heading(1, "基本情况"), Heading(4, "细项"))))
    assert '<h2 class="rg-h1"><span class="rg-number">一、</span>基本情况</h2>' in html
    assert '<h5 class="rg-h4"><span class="rg-number">（1）</span>细项</h5>' in html


def test_a_heading_level_outside_1_to_4_is_refused() -> None:
    with pytest.raises(ValueError, match="heading level"):
        preview_html(Document("t", (Heading(5, "太深"),)))


def test_the_fragment_is_an_article_with_paragraph_roles_as_classes() -> None:
    blocks = tuple(Paragraph.of(role.value, role) for role in Role)
    html = preview_html(Document("t", blocks))
    assert html.startswith('<article class="rg-report"')
    assert html.endswith("</article>")
    for role in Role:
        assert f'<p class="rg-{role.value}">{role.value}</p>' in html


def test_spans_keep_bold_italic_and_placeholders_are_marked() -> None:
    spans = (Span("粗", bold=True), Span("斜", italic=True), Span("【待补充：报告日期】", highlight=True))
    html = preview_html(Document("t", (Paragraph(spans),)))
    assert "<strong>粗</strong><em>斜</em><mark>【待补充：报告日期】</mark>" in html


def test_placeholders_in_table_cells_are_marked_like_the_docx_highlights_them() -> None:
    table = Table((1,), (Row((Cell("共【待补充：人数】人，【待补充】"),)),))
    assert parsed(table_html(table)).marks == ["【待补充：人数】", "【待补充】"]


def test_hostile_staff_text_is_escaped_everywhere() -> None:
    blocks = (
        Heading(1, HOSTILE),
        Paragraph((Span(HOSTILE), Span(HOSTILE, bold=True, highlight=True))),
        Table((1,), (Row((Cell(HOSTILE),), header=True), Row((Cell(HOSTILE),))), title=HOSTILE),
        Picture(b"\x89PNG", 50, 30, title=HOSTILE),
    )
    html = preview_html(Document(HOSTILE, blocks))
    assert "<script" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; {{ config }} &amp; 5 &gt; 3" in html
    assert html.count("&lt;script&gt;") == 8  # heading, 2 spans, 2 captions, 2 cells, picture alt
    assert parsed(html).headings == ["一、" + HOSTILE]


def test_line_breaks_in_text_become_br() -> None:
    assert "第一行<br>第二行" in preview_html(Document("t", (Paragraph.of("第一行\n第二行"),)))


def test_tables_are_captioned_in_order_with_header_rows_in_thead() -> None:
    head = Row((Cell("项目"), Cell("金额")), header=True)
    body = Row((Cell("合计"), Cell("10.00", align="right", bold=True)))
    blocks = (Table((1, 1), (head, body), title="收入"), Table((1, 1), (body,)), Table((1, 1), (body,), title="支出"))
    html = preview_html(Document("t", blocks))
    assert html.count('<p class="rg-table_title">') == 2
    assert "表1 收入" in html and "表2 支出" in html
    assert html.count("<thead>") == 1
    assert '<thead><tr><th class="rg-center">项目</th>' in html
    assert '<td class="rg-right rg-bold">10.00</td>' in html
    assert '<col style="width:50.00%">' in html


def test_merges_become_colspan_and_rowspan() -> None:
    rows = (
        Row((Cell("一级", vmerge="restart"), Cell("二级", colspan=2))),
        Row((Cell(vmerge="continue"), Cell("甲"), Cell("乙", vmerge="restart"))),
        Row((Cell(vmerge="continue"), Cell("丙"), Cell(vmerge="continue"))),
        Row((Cell("另起"), Cell("丁"), Cell("戊"))),
    )
    table = parsed(table_html(Table((1, 1, 1), rows))).tables[0]
    assert table == [
        [("td", "一级", 1, 3), ("td", "二级", 2, 1)],
        [("td", "甲", 1, 1), ("td", "乙", 1, 2)],
        [("td", "丙", 1, 1)],
        [("td", "另起", 1, 1), ("td", "丁", 1, 1), ("td", "戊", 1, 1)],
    ]


def test_a_merge_from_the_header_rows_into_the_body_keeps_its_span_without_a_thead() -> None:
    rows = (
        Row((Cell("绩效指标", vmerge="restart"), Cell("一级指标")), header=True),
        Row((Cell(vmerge="continue"), Cell("产出指标"))),
    )
    html = table_html(Table((1, 1), rows))
    assert "<thead>" not in html
    assert parsed(html).tables[0] == [[("th", "绩效指标", 1, 2), ("th", "一级指标", 1, 1)], [("td", "产出指标", 1, 1)]]


def test_page_breaks_and_pictures() -> None:
    png = b"\x89PNG\r\n\x1a\n"
    html = preview_html(Document("t", (PageBreak(), Picture(png, 120, 80, title="执行率"), Picture(png, 50, 20))))
    assert '<hr class="rg-page">' in html
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in html
    assert 'style="width:120.0mm"' in html
    assert "图1 执行率" in html and "图2" not in html


def test_literal_and_native_styles_number_the_same() -> None:
    document = Document("t", (Heading(1, "一"), Heading(2, "二")))
    assert preview_html(document, load_stylesheet("gbt9704")) == preview_html(document)


@pytest.fixture(scope="module")
def example() -> tuple[str, list[list[list[str]]]]:
    renderer = Renderer()
    html = renderer.preview(load(LINGLING))
    return html, read_tables((LINGLING.parent / "report.docx").read_bytes())


def test_the_example_tables_have_the_rows_and_cells_of_the_committed_report(
    example: tuple[str, list[list[list[str]]]],
) -> None:
    html, docx_tables = example
    tables = parsed(html).tables
    assert len(tables) == len(docx_tables) == 4
    for table, docx_rows in zip(tables, docx_tables, strict=True):
        assert len(table) == len(docx_rows)
        covered: dict[int, int] = {}  # grid row → cells a rowspan from above covers in it
        for index, (row, docx_row) in enumerate(zip(table, docx_rows, strict=True)):
            assert len(row) + covered.get(index, 0) == len(docx_row)
            assert [text for _, text, _, _ in row if text] == [text for text in docx_row if text]
            for _, _, _, rowspan in row:
                for below in range(index + 1, index + rowspan):
                    covered[below] = covered.get(below, 0) + 1


def test_the_example_self_assessment_table_merges(example: tuple[str, list[list[list[str]]]]) -> None:
    html, _ = example
    self_assessment = parsed(html).tables[1]
    spans = [(text, colspan, rowspan) for row in self_assessment for _, text, colspan, rowspan in row]
    assert max(rowspan for _, _, rowspan in spans) > 1
    assert max(colspan for _, colspan, _ in spans) > 1
    assert sum(colspan * rowspan for _, colspan, rowspan in spans) == 10 * 9  # every grid cell once


def test_the_example_headings_match_the_committed_outline(example: tuple[str, list[list[list[str]]]]) -> None:
    html, _ = example
    outline = (LINGLING.parent / "outline.txt").read_text(encoding="utf-8")
    for heading in parsed(html).headings:
        assert heading in outline


def test_the_preview_page_inlines_the_shipped_stylesheet() -> None:
    page = preview_page(Renderer(), load(LINGLING))
    assert page.startswith("<!DOCTYPE html>")
    assert PREVIEW_CSS.read_text(encoding="utf-8") in page
    assert '<body class="rg-preview"><article class="rg-report"' in page


def test_the_stylesheet_is_inside_the_package_so_the_wheel_ships_it() -> None:
    package = Path(__file__).resolve().parents[3] / "src" / "reportgen"
    assert PREVIEW_CSS.is_relative_to(package) and PREVIEW_CSS.is_file()
