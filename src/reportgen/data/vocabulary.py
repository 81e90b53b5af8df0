"""The domain's fixed words and defaults, in one place (docs/domain.md §1.3–§1.8).

Everything else reads them from here: the model, the figures, the templates' context,
the workbook's dropdowns, the batch summary. A word or a default written twice drifts.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

# 评价等级, best first, and the lower bound of each band (优 ≥ 90, 80 ≤ 良 < 90, 60 ≤ 中 < 80, 差 < 60).
GRADES: Final = ("优", "良", "中", "差")
GRADE_FLOORS: Final = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"))
LOWEST_GRADE: Final = "差"

# 定性指标完成档次, best first.
ACHIEVED: Final = "达成"
PARTLY_ACHIEVED: Final = "部分达成"
NOT_ACHIEVED: Final = "未达成"
COMPLETION_GRADES: Final = (ACHIEVED, PARTLY_ACHIEVED, NOT_ACHIEVED)
# An actual value written as one of these words (spaces ignored) counts as 达成 when no grade is given.
COMPLETION_WORDS: Final = frozenset(
    {
        "完成",
        "已完成",
        "全部完成",
        "按时完成",
        "按期完成",
        "达成",
        "已达成",
        "达成预期指标",
        "达成年度指标",
        "达到",
        "已达到",
        "达到预期",
        "实现",
        "已实现",
        "是",
    }
)

# 一级指标 and their default weights (财预〔2020〕10号: 产出 50, 效益 30, 满意度 10; 预算执行率 10).
LEVEL1: Final = ("产出指标", "效益指标", "满意度指标")
DEFAULT_GROUP_WEIGHTS: Final = {"产出指标": Decimal(50), "效益指标": Decimal(30), "满意度指标": Decimal(10)}
DEFAULT_BUDGET_WEIGHT: Final = Decimal(10)
FULL_MARKS: Final = Decimal(100)

# 按收入性质分 (parts of 全年预算数), in the order of docs/data-format.md; the first five are 当年财政拨款.
SOURCE_KEYS: Final = (
    "general_public",
    "government_fund",
    "state_capital",
    "social_insurance",
    "special_account",
    "carryover",
    "other",
)
FISCAL_SOURCE_KEYS: Final = SOURCE_KEYS[:5]
# 按支出性质分: 基本支出 and 项目支出 are parts of 全年执行数; 人员经费 and 公用经费 of 基本支出.
NATURE_LABELS: Final = {"basic": "基本支出", "project": "项目支出"}
BASIC_LABELS: Final = {"personnel": "人员经费", "public_use": "公用经费"}
UNALLOCATED: Final = "未分项"  # the part of a whole its given parts leave out

# Below this budget execution rate (%) a report must explain why (Sichuan's wording, docs/domain.md §1.4).
LOW_EXECUTION_RATE: Final = Decimal(90)

# What became of a unit in a batch, as the progress lines and the summary say it.
UNIT_STATUS: Final = {"ok": "已生成", "skipped": "未变化，沿用原报告", "failed": "失败"}

# 【待补充：…】 (or a bare 【待补充】): what an editor still has to supply; highlighted in the
# document, listed by ``check`` and refused by ``render --final``.
PLACEHOLDER: Final = re.compile(r"(【待补充(?:[：:][^】]*)?】)")


def placeholder(what: str = "") -> str:
    """The placeholder text for ``what`` (a bare 【待补充】 where the place says what)."""
    return f"【待补充：{what}】" if what else "【待补充】"


def grade_of(total: Decimal) -> str:
    """The 评价等级 of a total on the 100-point scale (half-open bands: 89.5 is 良)."""
    return next((grade for floor, grade in GRADE_FLOORS if total >= floor), LOWEST_GRADE)


__all__ = [
    "ACHIEVED",
    "BASIC_LABELS",
    "COMPLETION_GRADES",
    "COMPLETION_WORDS",
    "DEFAULT_BUDGET_WEIGHT",
    "DEFAULT_GROUP_WEIGHTS",
    "FISCAL_SOURCE_KEYS",
    "FULL_MARKS",
    "GRADES",
    "GRADE_FLOORS",
    "LEVEL1",
    "LOWEST_GRADE",
    "LOW_EXECUTION_RATE",
    "NATURE_LABELS",
    "NOT_ACHIEVED",
    "PARTLY_ACHIEVED",
    "PLACEHOLDER",
    "SOURCE_KEYS",
    "UNALLOCATED",
    "UNIT_STATUS",
    "grade_of",
    "placeholder",
]
