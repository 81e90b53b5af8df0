"""The seed tables rebuilt as .docx/.xlsx fixtures: same bytes every call, the seeds' texts in the right cells."""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import cache
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.table import Table
from docx.text.paragraph import Paragraph
from openpyxl.worksheet.worksheet import Worksheet

import seed_tables

DOCX_FIXTURES: list[Callable[[], bytes]] = [
    seed_tables.zhuzhou_docx,
    seed_tables.hengyang_docx,
    seed_tables.lingling_docx,
    seed_tables.xinzhou_docx,
    seed_tables.half_table_docx,
]


def _document(data: bytes) -> DocumentObject:
    return Document(io.BytesIO(data))


@cache
def _built(fixture: Callable[[], bytes]) -> bytes:
    """A fixture's bytes, built once for all the tests reading it."""
    return fixture()


def _texts(table: Table, row: int) -> list[str]:
    """The texts of a row, a merged cell once."""
    texts: list[str] = []
    seen: set[int] = set()
    for cell in table.rows[row].cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            texts.append(cell.text)
    return texts


def _same_cell(table: Table, first: tuple[int, int], second: tuple[int, int]) -> bool:
    return table.cell(*first)._tc is table.cell(*second)._tc


@pytest.mark.parametrize("fixture", DOCX_FIXTURES, ids=lambda fixture: fixture.__name__)
def test_a_word_fixture_is_the_same_bytes_on_every_call_and_opens(fixture: Callable[[], bytes]) -> None:
    data = fixture()
    assert data == fixture()
    assert _document(data).tables


def test_every_fixture_is_written_under_its_name(tmp_path: Path) -> None:
    paths = seed_tables.write_all(tmp_path / "fixtures")
    assert [path.name for path in paths] == list(seed_tables.FIXTURES)
    assert all(path.read_bytes() == build() for path, build in zip(paths, seed_tables.FIXTURES.values(), strict=True))


def test_the_no_table_document_has_paragraphs_only() -> None:
    document = _document(_built(seed_tables.no_table_docx))
    assert not document.tables
    assert document.paragraphs[0].text == "2023年度工作总结"


def test_the_old_word_file_starts_as_an_ole2_file_does() -> None:
    data = seed_tables.doc_bytes()
    assert data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    assert data == seed_tables.doc_bytes()


def test_zhuzhou_has_the_department_table_the_summary_and_four_direction_tables() -> None:
    document = _document(_built(seed_tables.zhuzhou_docx))
    assert len(document.tables) == 6
    titles = [paragraph.text for paragraph in document.paragraphs]
    assert titles[:2] == ["附表1", "2023年部门整体支出绩效目标表"]
    assert titles.count("2023年区级专项资金支出方向绩效目标表") == 4


def test_zhuzhou_department_table_spans_its_money_block_and_its_indicator_levels() -> None:
    department = _document(_built(seed_tables.zhuzhou_docx)).tables[0]
    assert _texts(department, 1) == ["年度预算申请\n（万元）", "资金总额：524.31"]
    assert _texts(department, 3) == [
        "年度预算申请\n（万元）",
        "其中：一般公共预算拨款",
        "524.31",
        "其中：基本支出",
        "402.31",
    ]
    assert _same_cell(department, (1, 0), (5, 0))
    assert _texts(department, 2)[1:] == ["按收入性质分", "按支出性质分"]
    header = next(row for row in range(len(department.rows)) if department.cell(row, 1).text == "一级指标")
    assert department.cell(header, 0).text == "年度绩效指标"
    assert _same_cell(department, (header, 0), (header + 9, 0))
    assert department.cell(header + 1, 1).text == "产出指标"
    assert _same_cell(department, (header + 1, 1), (header + 4, 1))
    assert _texts(department, header + 4)[-2:] == ["不超过预算", "≦524.31万元"]
    assert department.cell(header + 5, 1).text == "效益指标"
    assert _same_cell(department, (header + 5, 1), (header + 9, 1))


def test_zhuzhou_summary_leaves_its_total_row_blank() -> None:
    summary = _document(_built(seed_tables.zhuzhou_docx)).tables[1]
    assert [cell.text for cell in summary.rows[1].cells] == ["", "合  计", "", "", ""]
    assert [row.cells[0].text for row in summary.rows][2:7] == ["一", "1", "2", "二", "三"]
    assert [row.cells[2].text for row in summary.rows][2:7] == ["22.5", "12.9", "9.6", "90", "9.5"]


def test_zhuzhou_direction_tables_name_their_direction_and_keep_the_calculation_text() -> None:
    tables = _document(_built(seed_tables.zhuzhou_docx)).tables[2:]
    assert [table.cell(0, 1).text for table in tables] == [
        "社区矫正和安置帮教",
        "公共法律服务",
        "矛盾调解服务",
        "依法治区工作",
    ]
    first = tables[0]
    assert _same_cell(first, (0, 3), (1, 3))
    assert first.cell(0, 3).text == "所属专项"
    assert _texts(first, 6) == ["年度绩效指标", "产出指标", "数量指标", "社区矫正对象（≥，人）", "88人", "88人"]
    assert any("1500元/人*86人" in cell.text for row in first.rows for cell in row.cells)


def _lingling_tables() -> list[Table]:
    return list(_document(_built(seed_tables.lingling_docx)).tables)


def test_lingling_has_both_self_evaluation_tables_then_the_report() -> None:
    document = _document(_built(seed_tables.lingling_docx))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[:3] == ["附件1", "部门整体支出绩效自评表", "（2022年度）"]
    assert texts[3:6] == ["附件2", "项目支出绩效自评表", "（2022年度）"]
    assert "附件3" in texts
    assert "十、其他需要什么的情况" in texts
    assert any(text.startswith("2022年支出1690.55万元") for text in texts)
    assert len(document.tables) == 3  # the two 自评表 and the head of 附件4's 公开网址统计表


def test_lingling_department_table_prints_yuan_under_a_wan_yuan_header() -> None:
    department = _lingling_tables()[0]
    assert department.cell(1, 0).text == "年度预\n算申请\n（万元）"
    assert _same_cell(department, (1, 0), (7, 0))
    assert _texts(department, 2)[1:] == [
        "年度资金总额",
        "15205000.00",
        "16905537.09",
        "16905537.09",
        "10",
        "100%",
        "10分",
    ]
    assert _texts(department, 4)[1:] == ["  其中：  一般公共预算：16825537.09", "其中：基本支出：12476249.49"]


def test_lingling_indicator_labels_span_their_rows_and_the_dotted_rows_are_kept() -> None:
    department = _lingling_tables()[0]
    header = next(row for row in range(len(department.rows)) if department.cell(row, 1).text == "一级指标")
    assert department.cell(header, 0).text == "绩\n效\n指\n标"
    output = header + 1
    assert department.cell(output, 1).text == "产出指标\n(50分)"
    assert _same_cell(department, (output, 1), (output + 10, 1))
    assert _same_cell(department, (output, 2), (output + 4, 2))
    assert _texts(department, output + 2)[-6:] == ["积极受理各类矛盾纠纷", "500件", "1620件", "10分", "10分", ""]
    assert department.cell(output + 6, 3).text == "……"
    total = len(department.rows) - 1
    assert _texts(department, total) == ["总分", "100", "98分", "\u3000"]


def test_lingling_project_table_leaves_name_department_and_implementer_empty() -> None:
    project = _lingling_tables()[1]
    assert _texts(project, 0) == ["项目支\n出名称", "\u3000"]
    assert _texts(project, 1) == ["主管部门", "\u3000", "实施单位", "\u3000"]
    assert _texts(project, 3)[1:] == [
        "年度资金总额\u3000",
        "\u3000318.4",
        "\u3000318.4",
        "\u3000442.92",
        "\u300010",
        "100%",
        "\u300010分",
    ]


def test_hengyang_is_one_table_with_several_lines_in_its_money_cell() -> None:
    document = _document(_built(seed_tables.hengyang_docx))
    assert len(document.tables) == 1
    assert [paragraph.text for paragraph in document.paragraphs][1] == "部门整体支出绩效目标申报表"
    declaration = document.tables[0]
    assert _texts(declaration, 1) == ["年度预算申请\n（万元）", "资金总额：2565.36万元"]
    by_source, by_nature = _texts(declaration, 3)[1:]
    assert by_source.split("\n") == [
        "其中：公共财政拨款：2557.36万元  ",
        "政府性基金拨款：",
        "纳入专户管理的非税收入拨款：",
        "",
        "其他资金：8万元",
    ]
    assert by_nature.startswith("其中：基本支出：1772.65万元\n项目支出：792.71万元")


def test_hengyang_tasks_have_a_two_row_header_under_the_budget_amount() -> None:
    declaration = _document(_built(seed_tables.hengyang_docx)).tables[0]
    header = next(row for row in range(len(declaration.rows)) if declaration.cell(row, 0).text == "年度主要任务")
    assert _texts(declaration, header) == ["年度主要任务", "任务名称", "主要内容", "预算金额"]
    assert _texts(declaration, header + 1)[-3:] == ["总额", "财政拨款", "其他资金"]
    assert _same_cell(declaration, (header, 1), (header + 1, 1))
    assert _same_cell(declaration, (header, 4), (header, 6))
    assert _texts(declaration, header + 2)[1:] == ["加快建设宪法广场", "建设宪法广场", "123万元", "123万元", ""]
    assert _texts(declaration, header + 12)[1:] == ["金额合计", "664万元", "664万元", ""]


def test_hengyang_repeats_its_indicator_header_before_the_quality_indicators() -> None:
    declaration = _document(_built(seed_tables.hengyang_docx)).tables[0]
    headers = [row for row in range(len(declaration.rows)) if declaration.cell(row, 1).text == "一级指标"]
    assert len(headers) == 2
    first, second = headers
    assert declaration.cell(first + 1, 1).text == "产出指标"
    assert _same_cell(declaration, (first + 1, 1), (second - 1, 1))
    assert _same_cell(declaration, (first + 1, 2), (second - 1, 2))
    assert _texts(declaration, second + 1)[-3:] == ["质量指标", "学法考法通过率", "达到98%"]
    assert declaration.cell(second + 1, 1).text == ""
    assert not _same_cell(declaration, (second - 1, 1), (second + 1, 1))


def test_xinzhou_has_four_tables_each_under_the_title() -> None:
    document = _document(_built(seed_tables.xinzhou_docx))
    assert len(document.tables) == 4
    content = list(document.iter_inner_content())
    for index, block in enumerate(content):
        if isinstance(block, Table):
            above = content[index - 1]
            assert isinstance(above, Paragraph)
            assert above.text == "2020年度部门整体支出绩效目标申报表"


def test_xinzhou_money_table_puts_the_shifted_total_back_under_its_label() -> None:
    money = _document(_built(seed_tables.xinzhou_docx)).tables[0]
    assert money.cell(2, 0).text == "部门总体资金情况 (万元)"
    assert _same_cell(money, (2, 0), (9, 0))
    assert _texts(money, 4)[1:] == ["收入构成", "财政拨款", "1801.88", "95.65%", "1571.25", "1560.79"]
    assert _texts(money, 9)[1:] == ["合计", "1883.88", "100%", "1633.25", "1622.79"]


def test_xinzhou_cells_keep_the_html_remnants() -> None:
    money = _document(_built(seed_tables.xinzhou_docx)).tables[0]
    duties, tasks = money.cell(10, 1).text, money.cell(11, 1).text
    assert duties.startswith("<p>新洲区司法局贯彻落实上级关于全面依法治国的方针政策")
    assert '</p> <ol style="list-style-type: none"> 1.承担全面依法治国重大问题的政策研究' in duties
    assert tasks.startswith('<ol style="list-style-type: none"> 1.推进全面依法治国工作。')


def test_xinzhou_annual_indicators_have_the_two_row_value_header() -> None:
    targets = _document(_built(seed_tables.xinzhou_docx)).tables[2]
    header = next(row for row in range(len(targets.rows)) if targets.cell(row, 0).text == "年度绩效指标")
    assert _texts(targets, header) == ["年度绩效指标", "一级指标", "二级指标", "指标名称", "指标值", "绩效标准"]
    assert _same_cell(targets, (header, 4), (header, 6))
    assert _texts(targets, header + 1)[-3:] == ["近两年指标值", "预期当年实现值", "绩效标准"]
    assert _texts(targets, header + 2)[-4:] == ["2018年", "2019年", "预期当年实现值", "绩效标准"]
    assert _same_cell(targets, (header, 1), (header + 2, 1))
    assert _texts(targets, header + 7)[1:] == [
        "效益指标",
        "社会效益指标",
        "维护社会稳定",
        "100%",
        "100%",
        "100%",
        "历史标准",
    ]
    values = [row.cells[3].text for row in targets.rows]
    assert "刑事速裁认罪认罚案件数" in values
    assert "参考率98%以上，优秀率90%以上" in [row.cells[4].text for row in targets.rows]


def _sheet(fixture: Callable[[], bytes]) -> Worksheet:
    workbook = openpyxl.load_workbook(io.BytesIO(_built(fixture)))
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    return sheet


def _number(sheet: Worksheet, row: int, column: int) -> float:
    value = sheet.cell(row, column).value
    assert isinstance(value, int | float), (row, column, value)
    return value


def _merged(sheet: Worksheet) -> set[str]:
    return {str(area) for area in sheet.merged_cells.ranges}


@pytest.mark.parametrize(
    "fixture", [seed_tables.dazhu_xlsx, seed_tables.project_selfeval_xlsx], ids=lambda f: f.__name__
)
def test_a_workbook_fixture_is_the_same_bytes_on_every_call_and_opens(fixture: Callable[[], bytes]) -> None:
    assert fixture() == fixture()
    assert _sheet(fixture).max_row > 20


def test_dazhu_money_block_has_two_header_rows_and_amounts_in_yuan_as_numbers() -> None:
    sheet = _sheet(seed_tables.dazhu_xlsx)
    assert sheet.title == "批复表"
    assert sheet["A3"].value == "预算（单位）名称：135-大竹县司法局部门"
    assert {"A4:A6", "B4:B5", "C4:F4", "G4:J4"} <= _merged(sheet)
    assert [sheet.cell(5, column).value for column in range(3, 11)] == ["合计", "财政拨款", "专户资金", "单位资金"] * 2
    assert sheet["B6"].value == 19233900.0
    assert sheet["B6"].number_format == "0.00"
    assert [sheet.cell(6, column).value for column in range(3, 11)] == [
        16650900.0,
        16650900.0,
        None,
        None,
        2583000.0,
        2583000.0,
        None,
        None,
    ]


def test_dazhu_goal_keeps_its_paragraph_tags_and_tasks_span_their_columns() -> None:
    sheet = _sheet(seed_tables.dazhu_xlsx)
    goal = sheet["B7"].value
    assert isinstance(goal, str) and goal.startswith("<p>一是全面依法治县方面。") and goal.endswith("</p>")
    assert {"B7:J7", "A8:A17", "B8:E8", "F8:J8", "B9:E9", "F9:J9"} <= _merged(sheet)
    assert sheet["B9"].value == "加强行政执法监督工作"


def test_dazhu_indicators_have_a_label_column_and_vertical_level_spans() -> None:
    sheet = _sheet(seed_tables.dazhu_xlsx)
    header = [sheet.cell(19, column).value for column in range(1, 11)]
    assert header == [
        None,
        "一级指标",
        "二级指标",
        "三级指标",
        None,
        None,
        "绩效指标性质",
        "绩效指标值",
        "绩效度量单位",
        "权重",
    ]
    assert sheet["A20"].value == "部门整体绩效情况"
    assert {"A20:A41", "B20:B33", "C20:C30", "C31:C32", "B34:B40", "C35:C40", "D20:F20"} <= _merged(sheet)
    assert [sheet.cell(20, column).value for column in (2, 3, 4, 7, 8, 9, 10)] == [
        "产出指标",
        "数量指标",
        "法律顾问覆盖多少村社",
        "=",
        324,
        "个",
        5,
    ]
    assert [sheet.cell(35, column).value for column in (7, 8, 9)] == ["定性", "优良差", None]
    assert sum(_number(sheet, row, 10) for row in range(20, 42)) == 90  # the seed's weights: 90, not 100
    assert sheet["A42"].value == "其他说明"


def test_the_project_self_evaluation_sheet_has_the_10hao_layout_with_seed_002s_figures() -> None:
    sheet = _sheet(seed_tables.project_selfeval_xlsx)
    assert [sheet["A3"].value, sheet["B3"].value] == ["项目名称", "司法业务经费"]
    assert [sheet.cell(4, column).value for column in (1, 2, 5, 7)] == [
        "主管部门",
        "永州市零陵区司法局",
        "实施单位",
        "永州市零陵区司法局",
    ]
    assert [sheet.cell(6, column).value for column in range(2, 10)] == [
        "年度资金总额",
        None,
        318.4,
        318.4,
        442.92,
        10,
        "100%",
        "10分",
    ]
    assert [sheet["B7"].value, sheet["D7"].value, sheet["B9"].value, sheet["D9"].value] == [
        "其中：当年财政拨款",
        258.4,
        "其他资金",
        60,
    ]
    assert [sheet.cell(12, column).value for column in range(1, 10)] == [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    assert {"A12:A21", "B13:B17", "C13:C17", "B18:B20", "A22:F22"} <= _merged(sheet)
    assert [sheet.cell(15, column).value for column in range(4, 9)] == [
        "积极受理各类矛盾纠纷",
        "500件",
        "1620件",
        10,
        10,
    ]
    assert sum(_number(sheet, row, 8) for row in range(13, 22)) == 88  # plus the 10 of the budget row: 98
    assert [sheet["A22"].value, sheet["G22"].value, sheet["H22"].value] == ["总分", 100, "98分"]


def test_the_half_table_has_a_money_block_and_an_indicator_header_but_no_indicators() -> None:
    document = _document(_built(seed_tables.half_table_docx))
    target, staff = document.tables
    assert _texts(target, 1) == ["年度预算申请\n（万元）", "资金总额：524.31"]
    assert _texts(target, len(target.rows) - 1) == ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值及单位"]
    assert _texts(staff, 0) == ["姓名", "职务", "联系电话"]
    assert (len(staff.rows), len(staff.columns)) == (3, 3)
