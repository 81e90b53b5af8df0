"""The 说明 sheet: how to fill in the workbook, with a small worked example."""

from __future__ import annotations

from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from reportgen.data.excel.style import BORDER, header_row, put
from reportgen.data.layout import GUIDE_TITLE, INDICATORS, UNIT_KEY

_TITLE = "绩效自评数据工作簿 填写说明"

_SINGLE = (
    "本工作簿填写一个单位一个年度的绩效自评数据。填好并保存后，在命令行运行：",
    "    reportgen validate 本文件.xlsx    检查数据，列出全部错误和提示（错误会指明工作表和单元格，如“绩效指标!E7”）",
    "    reportgen render 本文件.xlsx      生成 Word 报告",
    "",
    "一、各工作表",
    "  单位信息、年度资金、其他情况：按“字段 | 内容”逐行填写，只填“内容”一列；“填写说明”一列仅供参考，可以不管。",
    "  项目支出、年度目标、绩效指标、绩效情况、存在问题、改进措施、职能职责、内设机构：第一行是列名，每一项填一行。",
    "  选填的内容不填即可；没有内容的工作表可以留空。",
)

_COMMON = (
    "",
    "二、填写规则",
    "  1. 不要修改工作表名称和列名；工作表、列的先后顺序可以调整，可以增加“序号”列，中间的空行会被跳过。",
    "  2. 金额只写数字，不带千分位逗号和单位，如 1696.40；",
    "     所有金额的单位由“单位信息”中的“金额单位”（元或万元）统一规定。",
    "  3. 有下拉箭头的单元格请从列表中选择。“评价类型”填“部门整体支出”或“项目支出”（也可写 department、project）。",
    "  4. 年度指标值、实际完成值照自评表的写法填写：500件、≥90%、90%以上、≤90万元、400-500人、良好；",
    "     不适用的写“不适用”。",
    "     这两列已设为文本格式，“95%”会原样保留；同一格中不要写多个数字，也不要用千分位逗号（如“1,620件”）。",
    "  5. 定量指标的得分由程序计算，不必填写；",
    "     定性指标（如“良好”“有提高”）须填写得分或完成档次（达成、部分达成、未达成）。",
    "  6. “是否适用”不填即为“是”；“指标方向”不填时按年度指标值的写法判断（≤、以下为反向，越低越好）。",
    "  7. 一级指标、二级指标等列可以上下合并单元格：合并区域中的每一行都取左上角单元格的值。",
    "  8. 文字可以分段：在单元格中按 Alt+回车 换行。",
    "  9. 可以使用公式，但须在 Excel 或 WPS 中保存后再使用：程序读取保存的计算结果。",
    "  10. 预算执行率、各项占比、指标得分、总分和等级都由程序计算，不要另外填写。",
)

_LAYOUT = (
    f"  每张工作表的第一列都是“{UNIT_KEY}”，写明这一行属于哪个单位，须与“单位信息”中的单位名称完全一致。",
    "  单位信息、年度资金、其他情况：每个单位一行，各字段作为列名（单位信息的“单位名称”列即单位全称）。",
    "  项目支出、年度目标、绩效指标、绩效情况、存在问题、改进措施、职能职责、内设机构：每一项填一行，",
    f"  同一单位可以有多行；“{UNIT_KEY}”一列可以上下合并单元格。",
)

_MULTI = (
    "本工作簿供主管部门汇总填写多个单位的绩效自评数据，每个单位生成一份报告：",
    "    reportgen batch 本文件.xlsx -o 输出目录",
    "",
    "一、各工作表（多单位格式）",
    *_LAYOUT,
)

_MULTI_NOTE = (
    "",
    "三、多单位工作簿（主管部门批量汇总用，用 reportgen batch 处理）",
    *_LAYOUT,
)

_EXAMPLE = (
    ("产出指标", "数量指标", "法律援助案件办理数量", "≥300件", "326件", 15, None, None, None, "计划标准"),
    ("产出指标", "质量指标", "人民调解成功率", "≥95%", "98.5%", 10),
    ("产出指标", "成本指标", "办公经费支出", "≤90万元", "86.5万元", 5),
    ("效益指标", "社会效益指标", "群众法治意识", "有提高", "明显提高", 10, None, "达成"),
    (
        "满意度指标",
        "服务对象满意度指标",
        "受援群众满意度",
        "≥90%",
        "88%",
        10,
        None,
        None,
        "部分受援群众对办案进度不满意，下一步将缩短办案周期。",
    ),
)


def write_guide(sheet: Worksheet, multi: bool) -> None:
    """Fill the 说明 sheet (the first one) for a single-unit or a multi-unit workbook."""
    sheet.title = GUIDE_TITLE
    put(sheet.cell(1, 1), _TITLE)
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    example = f"{'三' if multi else '四'}、示例：“绩效指标”工作表的几行（金额单位为万元）"
    lines = (*(_MULTI if multi else _SINGLE), *_COMMON, *(() if multi else _MULTI_NOTE), "", example)
    for row, line in enumerate(lines, 3):
        put(sheet.cell(row, 1), line or None)
        if line[:2] in ("一、", "二、", "三、", "四、"):
            sheet.cell(row, 1).font = Font(bold=True)
    top = len(lines) + 4
    headers = [f.label for f in INDICATORS.fields]
    widths = [f.width for f in INDICATORS.fields]
    rows = [list(values) + [None] * (len(headers) - len(values)) for values in _EXAMPLE]
    if multi:
        headers, widths, rows = [UNIT_KEY, *headers], [24, *widths], [["某县司法局", *row] for row in rows]
    header_row(sheet, top, headers, widths)
    sheet.freeze_panes = None
    for row, values in enumerate(rows, top + 1):
        for col, value in enumerate(values, 1):
            put(sheet.cell(row, col), value)
            sheet.cell(row, col).border = BORDER
