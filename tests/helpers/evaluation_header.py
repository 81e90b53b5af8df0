"""The header row of a 自评表's indicator part, as the revise tests build tables with it."""

from __future__ import annotations

HEADER = (
    "绩效指标",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
)
