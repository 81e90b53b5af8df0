"""The labels real 绩效目标表 and 自评表 use, each mapped to what it means.

This table is the importer's knowledge of layouts: a province whose table says "公共财政拨款"
where another says "一般公共预算拨款" differs here, not in code. A label matches a cell (or a
line of a cell) when the cell's text, with white space, a leading "其中：" and a trailing colon
removed, starts with one of its words; the longest word wins. Add a word to support a new
layout; add a concept only with the code that maps it.
"""

from __future__ import annotations

from types import MappingProxyType

__all__ = [
    "BLOCK_LABELS",
    "COLUMN_LABELS",
    "FIELD_LABELS",
    "GROUP_LABELS",
    "MONEY_MEASURES",
    "MONEY_PARTS",
    "STOP_LABELS",
    "TABLE_TITLES",
]

# Parts of the year's money: a row label (年度资金总额 | 15205000.00) or a column header (基本支出
# over its amounts). ``total`` is 资金总额; the others are data-format keys of by_source / by_nature.
MONEY_PARTS = MappingProxyType(
    {
        "total": ("年度资金总额", "资金总额", "预算支出总额", "部门预算总额", "预算总额", "资金合计"),
        "general_public": (
            "一般公共预算拨款",
            "一般公共预算",
            "公共财政拨款",
            "当年财政拨款",
            "财政拨款",
            "本级财政资金",
        ),
        "government_fund": ("政府性基金预算拨款", "政府性基金拨款", "政府性基金"),
        "state_capital": ("国有资本经营预算",),
        "social_insurance": ("社会保险基金",),
        "special_account": ("纳入专户管理的非税收入拨款", "纳入专户管理的非税收入", "专户资金", "财政专户"),
        "carryover": ("上年结转资金", "上年结转", "结转结余"),
        "other": ("其他资金", "单位资金", "其他收入"),
        "basic": ("基本支出",),
        "personnel": ("人员经费", "人员支出"),
        "public_use": ("公用经费", "日常公用经费", "公用支出"),
        "project": ("项目支出",),
    }
)

# Columns of a money block: what the amounts in the column are.
MONEY_MEASURES = MappingProxyType(
    {
        "initial": ("年初预算数", "年初预算", "年初数"),
        "adjusted": ("全年预算数", "调整后预算数", "调整预算数", "全年预算"),
        "executed": ("全年执行数", "实际执行数", "执行数", "实际支出数"),
        "weight": ("分值",),
        "rate": ("执行率", "预算执行率"),
        "score": ("得分",),
        "amount": ("当年预算收支", "当年预算数", "本年预算数"),
        "share": ("占比", "比重"),
    }
)

# Single fields: a label and its value beside it (or after its colon).
FIELD_LABELS = MappingProxyType(
    {
        "unit_name": (
            "区级预算单位名称",
            "预算（单位）名称",
            "预算(单位)名称",
            "预算单位名称",
            "部门（单位）名称",
            "部门(单位)名称",
            "部门名称",
            "单位名称",
        ),
        "reporting_unit": ("填报单位",),
        "unit_code": ("单位代码", "单位编码", "部门编码", "预算单位编码"),
        "year": ("预算年度",),
        "project_name": ("项目支出名称", "项目名称", "支出方向（子项）", "支出方向(子项)", "支出方向"),
        "authority": ("主管部门",),
        "implementer": ("实施单位",),
        "project_amount": ("项目金额", "项目资金总额"),
        "contact": ("填报人", "联系人", "联系电话"),
        "special_fund": ("所属专项",),
        "period": ("项目实施期", "实施期"),
        "functions": ("部门职能职责概述", "部门职责概述", "部门职能概述", "职能职责概述", "主要职能", "职能职责"),
    }
)

# Labels that only group other labels (按收入性质分 over its parts): read, and mean nothing themselves.
GROUP_LABELS = ("按收入性质分", "按支出性质分", "收入构成", "支出构成", "其中", "总体资金情况")

# Blocks: a label down the left of several rows (or over a header row) that starts a part of the table.
BLOCK_LABELS = MappingProxyType(
    {
        "goals": ("年度总体目标", "整体绩效目标", "年度绩效目标", "年度目标"),
        "long_goals": ("实施期绩效目标", "长期目标", "中长期目标"),
        "tasks": ("年度主要任务", "年度重点工作计划", "年度重点工作任务", "年度工作任务", "重点工作任务"),
        "long_indicators": ("长期绩效指标", "实施期绩效指标"),
        "indicators": ("年度绩效指标", "部门整体支出年度绩效指标", "绩效指标"),
        "breakdown": ("支出明细及测算说明", "支出明细及测算", "测算说明"),
        "summary_total": ("合计", "金额合计", "总计"),
    }
)

# Column headers of an indicator table, by the data-format key each column fills.
COLUMN_LABELS = MappingProxyType(
    {
        "level1": ("一级指标",),
        "level2": ("二级指标",),
        "name": ("三级指标", "指标名称", "指标内容", "绩效指标名称"),
        "op": ("绩效指标性质", "指标性质"),
        "target": (
            "年度指标值",
            "预期当年实现值",
            "绩效指标值",
            "指标值及单位",
            "指标值（包含数字及文字描述）",
            "指标值(包含数字及文字描述)",
            "目标值",
            "指标值",
        ),
        "unit": ("绩效度量单位", "度量单位", "计量单位", "指标值单位"),
        "actual": ("实际完成值", "实际完成情况", "全年实际值", "完成值"),
        "weight": ("权重", "分值"),
        "score": ("得分", "自评得分"),
        "deviation": (
            "偏差原因分析及改进措施",
            "偏差原因分析",
            "未完成原因分析",
            "偏差原因",
            "未完成原因和改进措施",
        ),
        "standard": ("绩效标准", "指标值确定依据"),
        "history": ("近两年指标值", "2018年", "2019年", "2020年", "2021年", "2022年", "2023年", "2024年", "上年实际"),
    }
)

# Rows that end an indicator table (signatures, approvals, the 总分 row, notes).
STOP_LABELS = MappingProxyType(
    {
        "total": ("总分", "合计得分", "自评总分"),
        "grade": ("自评等级", "评价等级", "等级"),
        "signature": ("单位负责人", "填表人", "项目负责人", "财务负责人", "联系电话", "审核意见", "财政部门审核意见"),
        "notes": ("其他说明", "备注", "评价结论", "存在问题", "改进措施"),
    }
)

# Table titles (a caption line or the table's first row): what kind of table it is.
TABLE_TITLES = MappingProxyType(
    {
        "department": ("部门整体支出绩效", "部门（单位）整体支出绩效", "单位整体支出绩效", "整体支出绩效"),
        "project": ("项目支出绩效", "支出方向绩效目标表", "专项资金支出方向", "项目绩效目标"),
        "summary": ("专项资金绩效目标汇总表", "绩效目标汇总表", "汇总表"),
        "self_evaluation": ("自评表", "自评"),
    }
)
