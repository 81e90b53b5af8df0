"""Import results made by hand, as the mapper gives them: a 部门整体 target table (seed 000's
figures) and a project's table, with the account of their cells."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportgen.data.importing.result import (
    UNRECOGNISED,
    ImportedTable,
    ImportResult,
    Mapped,
    TableFinding,
    Unmapped,
)

UNIT = "株洲市石峰区司法局"
PROJECT = "法律援助专项"


def department_table(unit: str = UNIT) -> ImportedTable:
    """The 部门整体 target table: 资金总额 and its parts, one goal, two indicators."""
    data: dict[str, Any] = {
        "indicators": [
            {"level1": "产出指标", "level2": "数量指标", "name": "完成法律援助案件", "target": "400件"},
            {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度", "target": "90%以上"},
        ],
        "format": "reportgen/1",
        "kind": "department",
        "year": 2023,
        "money_unit": "万元",
        "unit": {"name": unit, "code": "135"},
        "budget": {
            "initial": Decimal("524.31"),
            "by_source": {"general_public": Decimal("524.31")},
            "by_nature": {"basic": Decimal("402.31"), "project": Decimal("122")},
        },
        "goals": [{"expected": "推进依法治区和法治政府建设。"}],
    }
    mapped = [
        Mapped(("unit", "name"), "单位名称", unit, "第1个表格第2行第2列"),
        Mapped(("unit", "code"), "单位代码", "135", "第1个表格第2行第2列"),
        Mapped(("budget", "initial"), "资金总额", "524.31", "第1个表格第4行第3列"),
        Mapped(("budget", "by_source", "general_public"), "一般公共预算", "524.31", "第1个表格第5行第3列"),
        Mapped(("goals", 0, "expected"), "预期目标", "推进依法治区和法治政府建设。", "第1个表格第8行第2列"),
        Mapped(("indicators", 0, "name"), "三级指标", "完成法律援助案件", "第1个表格第11行第3列"),
        Mapped(("indicators", 0, "target"), "年度指标值", "400件", "第1个表格第11行第4列"),
        Mapped(("indicators", 1, "name"), "三级指标", "群众满意度", "第1个表格第12行第3列"),
        Mapped(("indicators", 1, "target"), "年度指标值", "90%以上", "第1个表格第12行第4列"),
    ]
    return ImportedTable(
        title="2023年部门整体支出绩效目标表",
        kind="department",
        source="第1个表格",
        data=data,
        locations={
            **{m.path: m.place for m in mapped},
            ("goals", 0): "第1个表格第8行",
            ("indicators", 0): "第1个表格第11行",
            ("indicators", 1): "第1个表格第12行",
        },
        mapped=mapped,
        unmapped=[
            Unmapped("第1个表格第3行第4列", "联系电话：0731-1234567", "不是数据格式中的项"),
            Unmapped("第1个表格第13行第2列", "备注：另附说明", UNRECOGNISED),
        ],
        cells=40,
        notes=["原表金额单位为元，已换算为万元。"],
        findings=[
            TableFinding("share", "第1个表格第5行第4列", "原表占比写为 90%，按金额应为 100.00%（524.31 ÷ 524.31）。")
        ],
    )


def project_table(unit: str = UNIT, project: str = PROJECT) -> ImportedTable:
    """One project's table: its name, amount and one indicator."""
    data: dict[str, Any] = {
        "format": "reportgen/1",
        "kind": "project",
        "year": 2023,
        "money_unit": "万元",
        "project": {"name": project},
        "unit": {"name": unit},
        "budget": {"initial": Decimal("50")},
        "projects": [{"name": project, "budget": Decimal("50")}],
        "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "办理案件数", "target": "≥100件"}],
    }
    mapped = [
        Mapped(("project", "name"), "项目名称", project, "第2个表格第1行第2列"),
        Mapped(("budget", "initial"), "资金总额", "50", "第2个表格第3行第2列"),
        Mapped(("indicators", 0, "target"), "年度指标值", "≥100件", "第2个表格第6行第4列"),
    ]
    return ImportedTable(
        title=f"{project}绩效目标表",
        kind="project",
        source="第2个表格",
        data=data,
        locations={m.path: m.place for m in mapped},
        mapped=mapped,
    )


def result_of(file: str, *tables: ImportedTable) -> ImportResult:
    """The import of ``file`` giving ``tables``."""
    return ImportResult(file, list(tables))
