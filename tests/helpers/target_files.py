"""Small target tables for the ``reportgen import`` tests, as Word (python-docx) and Excel
(openpyxl) files, from seed 000's text (株洲市石峰区司法局 2023年部门整体支出绩效目标表) with
its merged cells: the label column spanning its block, 一级指标 spanning its rows, values
spanning the width."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
from docx.table import Table

UNIT = "株洲市石峰区司法局"
TOTAL = "524.31"
INDICATORS = [
    ("产出指标", "数量指标", "完成法律援助案件", "400件"),
    ("产出指标", "质量指标", "预算资金使用率", "100%"),
    ("产出指标", "成本指标", "不超过预算", "≦524.31万元"),
    ("效益指标", "社会效益指标", "促进法治石峰平安石峰建设", "良好"),
    ("满意度指标", "社会公众及服务对象满意度指标", "提高社会公众对司法行政的认可和满意度", "90%以上"),
]


def _merge(table: Table, top: int, left: int, bottom: int, right: int, text: str) -> None:
    cell = table.cell(top, left).merge(table.cell(bottom, right))
    cell.text = text


def shifeng_target_table(path: Path) -> Path:
    """Seed 000's layout, cut to five indicators: 部门名称, 资金总额 and its parts, the
    indicators under a label column that spans them."""
    document = docx.Document()
    document.add_paragraph("2023年部门整体支出绩效目标表")
    document.add_paragraph("填报单位：（盖章）    金额：万元")
    head = 7
    table = document.add_table(rows=head + len(INDICATORS), cols=5)
    table.style = "Table Grid"
    table.cell(0, 0).text = "部门名称"
    _merge(table, 0, 1, 0, 4, UNIT)
    _merge(table, 1, 0, 4, 0, "年度预算申请\n（万元）")
    _merge(table, 1, 1, 1, 4, f"资金总额：{TOTAL}")
    _merge(table, 2, 1, 2, 2, "按收入性质分")
    _merge(table, 2, 3, 2, 4, "按支出性质分")
    for col, text in enumerate(("其中：一般公共预算拨款", TOTAL, "其中：基本支出", "402.31"), start=1):
        table.cell(3, col).text = text
    for col, text in enumerate(("     政府性基金拨款", "", "      项目支出", "122"), start=1):
        table.cell(4, col).text = text
    table.cell(5, 0).text = "部门职责概述"
    _merge(table, 5, 1, 5, 4, "负责全区法治宣传教育、人民调解、社区矫正和法律援助工作。")
    _merge(table, 6, 0, head + len(INDICATORS) - 1, 0, "年度绩效指标")
    for col, text in enumerate(("一级指标", "二级指标", "三级指标", "指标值及单位"), start=1):
        table.cell(6, col).text = text
    for row, values in enumerate(INDICATORS, start=head):
        for col, text in enumerate(values, start=1):
            table.cell(row, col).text = text
    _merge(table, head, 1, head + 2, 1, "产出指标")
    document.add_paragraph("单位负责人签字：        填表人：        联系电话：")
    document.save(str(path))
    return path


def table_free_document(path: Path) -> Path:
    """A Word document with text and no table."""
    document = docx.Document()
    document.add_paragraph("关于2023年度部门整体支出绩效自评工作的通知")
    document.add_paragraph("各单位：请于3月底前报送自评报告。")
    document.save(str(path))
    return path


def contacts_document(path: Path) -> Path:
    """A Word document whose one table is a list of contacts, no target table."""
    document = docx.Document()
    document.add_paragraph("联系人名单")
    table = document.add_table(rows=2, cols=2)
    for (row, col), text in {(0, 0): "姓名", (0, 1): "电话", (1, 0): "张三", (1, 1): "0731-1234567"}.items():
        table.cell(row, col).text = text
    document.save(str(path))
    return path


def shifeng_target_sheet(path: Path) -> Path:
    """The same table as a worksheet “批复表”, its title in the first row, merged the same way."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "批复表"
    rows: list[list[str | float | None]] = [
        ["2023年部门整体支出绩效目标表"],
        ["部门名称", UNIT],
        ["年度预算申请（万元）", f"资金总额：{TOTAL}"],
        ["", "按收入性质分", "", "按支出性质分"],
        ["", "其中：一般公共预算拨款", float(TOTAL), "其中：基本支出", 402.31],
        ["", "政府性基金拨款", None, "项目支出", 122],
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值及单位"],
    ]
    rows += [["", *values] for values in INDICATORS]
    for row in rows:
        sheet.append(row)
    merges = ["A1:E1", "B2:E2", "A3:A6", "B3:E3", "B4:C4", "D4:E4", f"A7:A{6 + len(INDICATORS)}", "B8:B10"]
    for merge in merges:
        sheet.merge_cells(merge)
    book.save(path)
    return path
