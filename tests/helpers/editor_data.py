"""Data for the editor's tests and benchmark: the starter data, and a report of 200 indicators."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportgen.data.sources.yaml_source import read_yaml
from reportgen.data.starter import starter_text

# How many indicators each 一级指标 gets in the large report, and each one's 分值 (totals 50, 30, 10).
_LARGE = {"产出指标": (100, Decimal("0.5")), "效益指标": (60, Decimal("0.5")), "满意度指标": (40, Decimal("0.25"))}


def starter_data() -> dict[str, Any]:
    """The example data a new report can start from (某县司法局 2024)."""
    data = read_yaml(starter_text(), "自评数据.yaml").data
    assert isinstance(data, dict)
    return data


def large_data() -> dict[str, Any]:
    """The starter data with 200 indicators, made from its own, whose 分值 still total 100."""
    data = starter_data()
    indicators: list[dict[str, Any]] = []
    for level1, (count, weight) in _LARGE.items():
        models = [dict(item) for item in data["indicators"] if item["level1"] == level1]
        for number in range(count):
            item = dict(models[number % len(models)])
            item.update(name=f"{item['name']}（{number + 1}）", weight=weight)
            indicators.append(item)
    return {**data, "indicators": indicators}
