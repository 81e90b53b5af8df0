"""Reading a user's Word tables as grids: merged cells in every direction become one cell,
tracked changes read as accepted, nested tables and content controls give their text, each
table has its caption and each place its name; broken or oversized documents are refused
with a Chinese message naming the table."""

from __future__ import annotations

import io
from functools import cache

import docx
import pytest
from docx.table import Table

from hostile import rezip
from reportgen.ooxml.namespaces import W_NS
from reportgen.ooxml.tables import read_tables
from reportgen.support import limits
from reportgen.support.grid import Grid, TableDocument


@cache
def blank_docx() -> bytes:
    out = io.BytesIO()
    docx.Document().save(out)
    return out.getvalue()


def word(body: str) -> bytes:
    """A .docx whose body is ``body`` (WordprocessingML with the ``w:`` prefix)."""
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    return rezip(blank_docx(), {"word/document.xml": xml.encode()})


def p(text: str = "", props: str = "") -> str:
    return f'<w:p>{props}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def tc(content: str = "", props: str = "") -> str:
    inner = content if content.startswith(("<w:p", "<w:tbl", "<w:sdt")) else p(content)
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{inner}</w:tc>"


def tr(*cells: str, props: str = "") -> str:
    return f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells)}</w:tr>"


def tbl(*rows: str) -> str:
    return f"<w:tbl>{''.join(rows)}</w:tbl>"


def texts(grid: Grid) -> list[list[str]]:
    return [[cell.text for cell in row] for row in grid.cells]


def saved(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def target_table() -> bytes:
    """A small 绩效目标表 made as a clerk would: title lines above, labels merged across and down."""
    document = docx.Document()
    document.add_paragraph("附表1")
    document.add_paragraph("")
    document.add_paragraph("2023年部门整体支出绩效目标表")
    document.add_paragraph("填报单位：（盖章）")
    document.add_paragraph("金额：万元")
    table: Table = document.add_table(rows=5, cols=4)
    rows = [
        ["部门名称", "", "株洲市石峰区司法局", ""],
        ["年度预算申请（万元）", "资金总额", "524.31", ""],
        ["", "其中：一般公共预算拨款", "524.31", ""],
        ["", "其中：基本支出", "402.31", ""],
        ["", "项目支出", "122", ""],
    ]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(0, 0).merge(table.cell(0, 1))  # a label spanning two columns (gridSpan)
    table.cell(0, 2).merge(table.cell(0, 3))
    table.cell(1, 0).merge(table.cell(4, 0))  # a label spanning a block (vMerge)
    document.add_paragraph("说明：本表由单位填报。")
    return saved(document)


def read(data: bytes) -> TableDocument:
    return read_tables(data, "目标表.docx")


def test_a_table_made_in_word_reads_with_its_merged_cells_as_one_cell_each() -> None:
    document = read(target_table())
    assert document.file == "目标表.docx"
    (grid,) = document.grids
    assert grid.name == "第1个表格"
    assert texts(grid)[1:3] == [
        ["年度预算申请（万元）", "资金总额", "524.31", ""],
        ["年度预算申请（万元）", "其中：一般公共预算拨款", "524.31", ""],
    ]
    name = grid.at(0, 0)
    assert name is grid.at(0, 1) and (name.row, name.col, name.rows, name.cols) == (0, 0, 1, 2)
    block = grid.at(1, 0)
    assert all(grid.at(r, 0) is block for r in range(1, 5)) and (block.rows, block.cols) == (4, 1)
    assert [cell.text for cell in grid.row_cells(0)] == ["部门名称", "株洲市石峰区司法局"]


def test_places_name_the_table_row_and_column_as_word_users_count_them() -> None:
    (grid,) = read(target_table()).grids
    assert grid.place(2, 1) == "第1个表格第3行第2列"
    assert grid.row_place(4) == "第1个表格第5行"


def test_the_caption_is_the_last_four_lines_above_and_the_paragraphs_are_the_whole_text() -> None:
    document = read(target_table())
    assert document.grids[0].caption == ("附表1", "2023年部门整体支出绩效目标表", "填报单位：（盖章）", "金额：万元")
    assert document.paragraphs == (
        "附表1",
        "2023年部门整体支出绩效目标表",
        "填报单位：（盖章）",
        "金额：万元",
        "说明：本表由单位填报。",
    )


def test_the_caption_keeps_at_most_four_lines_and_only_those_after_the_previous_table() -> None:
    lines = "".join(p(text) for text in ["一", "二", "三", "四", "五"])
    document = read(word(lines + tbl(tr(tc("甲"))) + p("项目一") + p() + tbl(tr(tc("乙"))) + tbl(tr(tc("丙")))))
    assert [grid.caption for grid in document.grids] == [("二", "三", "四", "五"), ("项目一",), ()]
    assert [grid.name for grid in document.grids] == ["第1个表格", "第2个表格", "第3个表格"]


def test_grid_before_and_after_leave_empty_cells_and_short_rows_are_padded() -> None:
    body = tbl(
        tr(tc("序号"), tc("指标"), tc("指标值")),
        tr(tc("产出指标"), props='<w:gridBefore w:val="1"/><w:gridAfter w:val="1"/>'),
        tr(tc("1")),
    )
    (grid,) = read(word(body)).grids
    assert texts(grid) == [["序号", "指标", "指标值"], ["", "产出指标", ""], ["1", "", ""]]
    assert grid.place(1, 1) == "第1个表格第2行第2列"


def test_a_vertical_merge_restarted_and_continued_is_one_area_even_across_a_gridspan() -> None:
    restart, go_on = '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
    span = '<w:gridSpan w:val="2"/>'
    body = tbl(
        tr(tc("产出指标", span + restart), tc("数量指标")),
        tr(tc("", span + go_on), tc("质量指标")),
        tr(tc("", span + '<w:vMerge w:val="continue"/>'), tc("时效指标")),
        tr(tc("效益指标", span), tc("社会效益")),
    )
    (grid,) = read(word(body)).grids
    area = grid.at(0, 0)
    assert area is not None and (area.text, area.rows, area.cols) == ("产出指标", 3, 2)
    assert {id(grid.at(r, c)) for r in range(3) for c in range(2)} == {id(area)}
    assert grid.at(3, 0) is not area and texts(grid)[3] == ["效益指标", "效益指标", "社会效益"]


def test_a_continued_merge_with_nothing_to_continue_is_a_cell_of_its_own() -> None:
    body = tbl(tr(tc("甲"), tc("乙")), tr(tc("丙", '<w:gridSpan w:val="2"/>')), tr(tc("丁", "<w:vMerge/>"), tc("戊")))
    (grid,) = read(word(body)).grids
    assert texts(grid) == [["甲", "乙"], ["丙", "丙"], ["丁", "戊"]]  # spans differ: nothing merged down
    first = read(word(tbl(tr(tc("孤", "<w:vMerge/>"))))).grids[0]
    assert texts(first) == [["孤"]]


def test_a_legacy_horizontal_merge_is_one_cell() -> None:
    body = tbl(
        tr(tc("一级指标", '<w:hMerge w:val="restart"/>'), tc("", "<w:hMerge/>"), tc("分值")),
        tr(tc("a"), tc("b"), tc("c")),
    )
    (grid,) = read(word(body)).grids
    assert grid.at(0, 0) is grid.at(0, 1) and texts(grid)[0] == ["一级指标", "一级指标", "分值"]


def test_a_nested_table_gives_its_text_to_its_cell_a_line_per_paragraph() -> None:
    inner = tbl(tr(tc("指标1"), tc("≥90%")), tr(tc(p("指标2") + p("（备注）"))))
    body = tbl(tr(tc("绩效指标"), tc(p("见下表") + inner)))
    document = read(word(body))
    (grid,) = document.grids  # the nested table is no table of its own
    assert texts(grid) == [["绩效指标", "见下表\n指标1\n≥90%\n指标2\n（备注）"]]


def test_runs_breaks_and_tabs_make_lines_and_spaces() -> None:
    cell = (
        "<w:p><w:r><w:t>一是</w:t><w:tab/><w:t>推进</w:t><w:br/><w:t>二是</w:t></w:r><w:r><w:t>落实</w:t></w:r></w:p>"
    )
    (grid,) = read(word(tbl(tr(tc(cell + p("  三是   加强  ")))))).grids
    assert texts(grid) == [["一是 推进\n二是落实\n三是 加强"]]


def test_html_remnants_in_a_cell_become_lines() -> None:
    (grid,) = read(word(tbl(tr(tc("&lt;p&gt;一是…&lt;/p&gt; &lt;p&gt;二是…&lt;/p&gt;"))))).grids
    assert texts(grid) == [["一是…\n二是…"]]


def test_tracked_changes_read_as_accepted() -> None:
    inserted = '<w:ins w:id="1" w:author="a"><w:r><w:t>新</w:t></w:r></w:ins>'
    deleted = '<w:del w:id="2" w:author="a"><w:r><w:delText>旧</w:delText></w:r></w:del>'
    joined = '<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="a"/></w:rPr></w:pPr><w:r><w:t>前半</w:t></w:r></w:p>'
    gone = '<w:del w:id="4" w:author="a"/>'
    body = f"<w:p><w:r><w:t>表一</w:t></w:r>{deleted}{inserted}</w:p>" + tbl(
        tr(tc(f"<w:p><w:r><w:t>指标值</w:t></w:r>{deleted}{inserted}</w:p>"), tc(joined + p("后半"))),
        tr(tc("删掉的行"), tc("x"), props=gone),
        tr(tc("留下"), tc("删掉的格", '<w:cellDel w:id="5" w:author="a"/>'), tc("y")),
    )
    document = read(word(body))
    assert document.paragraphs == ("表一新",)
    assert texts(document.grids[0]) == [["指标值新", "前半后半"], ["留下", "y"]]


def test_a_table_whose_rows_are_all_deleted_is_no_table() -> None:
    gone = '<w:del w:id="4" w:author="a"/>'
    document = read(word(p("标题") + tbl(tr(tc("x"), props=gone)) + tbl(tr(tc("y")))))
    assert [(grid.name, grid.caption) for grid in document.grids] == [("第1个表格", ("标题",))]


def test_tables_rows_and_cells_inside_content_controls_are_read() -> None:
    def control(inner: str) -> str:
        return f"<w:sdt><w:sdtPr/><w:sdtContent>{inner}</w:sdtContent></w:sdt>"

    row = tr(tc("a"), control(tc("b")))
    body = control(p("标题") + tbl(row, control(tr(tc("c"), tc("d"))))) + f"<w:customXml>{p('附注')}</w:customXml>"
    document = read(word(body))
    assert texts(document.grids[0]) == [["a", "b"], ["c", "d"]]
    assert document.grids[0].caption == ("标题",) and document.paragraphs == ("标题", "附注")


def test_a_document_without_tables_gives_no_grids_but_its_text() -> None:
    document = read(word(p("一、部门基本情况") + p("（一）部门职能")))
    assert document.grids == () and document.paragraphs == ("一、部门基本情况", "（一）部门职能")


def test_a_table_beyond_the_bound_of_positions_is_refused_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_CELLS", 50)
    small = tbl(*[tr(tc("x"), tc("y")) for _ in range(5)])
    wide = tbl(tr(tc("x")), tr(tc("y", '<w:gridSpan w:val="60"/>')))
    with pytest.raises(ValueError, match=r"^第2个表格超过 50 个单元格位置（已有 2 行、60 列）：.*Word 或 WPS"):
        read(word(small + wide))
    huge = tbl(tr(tc("x", '<w:gridSpan w:val="99999999999"/>')))
    with pytest.raises(ValueError, match=r"^第1个表格中的合并或空位设置（gridSpan=99999999999）超出了可处理的范围"):
        read(word(huge))
    with pytest.raises(ValueError, match=r"^第3个表格超过"):
        read(word(small + small + tbl(tr(tc("x"), props='<w:gridBefore w:val="900000000"/>'))))


def test_all_tables_together_are_bounded_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_CELLS", 50)
    table = tbl(*[tr(tc("x"), tc("y")) for _ in range(10)])  # 20 positions each
    assert len(read(word(table + table)).grids) == 2
    with pytest.raises(ValueError, match=r"^文件中的表格共超过 50 个单元格位置（读到第3个表格时）：请把文件拆成"):
        read(word(table + table + table))


def test_broken_packages_are_refused_with_a_chinese_message() -> None:
    with pytest.raises(ValueError, match=r"^不是有效的 Word 文档（\.docx）：不是 zip 压缩包"):
        read(b"plain text")
    with pytest.raises(ValueError, match=r"“word/document\.xml”不是有效的 XML（第1行第\d+列）"):
        read(rezip(blank_docx(), {"word/document.xml": b"<w:document"}))
    with pytest.raises(ValueError, match=r"缺少正文部件“word/document\.xml”"):
        read(rezip(blank_docx(), {"word/document.xml": None}))
    no_body = f'<w:document xmlns:w="{W_NS}"/>'.encode()
    with pytest.raises(ValueError, match=r"中没有正文（w:body）"):
        read(rezip(blank_docx(), {"word/document.xml": no_body}))


def test_deeply_nested_xml_is_refused_not_a_crash() -> None:
    deep = "<w:tbl><w:tr><w:tc>" * 120 + p("x") + "</w:tc></w:tr></w:tbl>" * 120
    with pytest.raises(ValueError, match=r"^不是有效的 Word 文档（\.docx）：.*嵌套层数过多"):
        read(word(deep))
