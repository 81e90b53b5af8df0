"""Helpers for the tables of cases of the figures rules: a report built from a few keys.

``report(**changes)`` is the small, consistent department report below with some keys
replaced (``budget={…}`` replaces the whole budget); ``checked`` validates it, ``body``
renders it and returns the text a reader sees, ``cells`` its tables.
"""

from __future__ import annotations

import copy
from typing import Any

from reportgen.api import Checked, Renderer, RenderOptions, check_data
from reportgen.data.sources import RawData
from reportgen.errors import Issue
from reportgen.render.blocks import Heading, Paragraph, Table

BASE: dict[str, Any] = {
    "format": "reportgen/1",
    "kind": "department",
    "year": 2023,
    "money_unit": "万元",
    "unit": {
        "name": "某县司法局",
        "functions": ["负责全县司法行政工作。"],
        "departments": ["办公室", "法律援助股"],
        "staff": {"actual": 20},
    },
    "budget": {"initial": 100, "adjusted": 100, "executed": 100, "by_nature": {"basic": 70, "project": 30}},
    "goals": [{"expected": "完成各项工作。", "actual": "已完成。"}],
    "indicators": [
        {
            "level1": "产出指标",
            "level2": "数量指标",
            "name": "办理案件",
            "target": "100件",
            "actual": "100件",
            "weight": 50,
        },
        {
            "level1": "效益指标",
            "level2": "社会效益指标",
            "name": "社会稳定",
            "target": "良好",
            "actual": "良好",
            "weight": 30,
            "score": 30,
        },
        {
            "level1": "满意度指标",
            "level2": "服务对象满意度指标",
            "name": "满意度",
            "target": "≥90%",
            "actual": "95%",
            "weight": 10,
        },
    ],
    "performance": [{"title": "主要成效", "text": "工作成效明显。"}],
    "problems": [{"title": "经费不足", "text": "经费偏紧。"}],
    "measures": [{"title": "加强保障", "text": "争取经费。"}],
    "date": "2024-04-25",
}


def report(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def indicator(
    name: str, target: str, actual: str | None, weight: Any, level1: str = "产出指标", **extra: Any
) -> dict[str, Any]:
    item = {"level1": level1, "level2": "数量指标", "name": name, "target": target, "weight": weight, **extra}
    if actual is not None:
        item["actual"] = actual
    return item


def checked(data: dict[str, Any], **kwargs: Any) -> Checked:
    return check_data(RawData("数据.yaml", data), **kwargs)


def document_blocks(data: dict[str, Any], template: str = "standard", **kwargs: Any) -> tuple[Any, ...]:
    return Renderer(RenderOptions(template=template)).document(checked(data, **kwargs)).blocks


def body(data: dict[str, Any], template: str = "standard", **kwargs: Any) -> str:
    """Headings and paragraphs, one per line, as a reader sees them."""
    return "\n".join(b.text for b in document_blocks(data, template, **kwargs) if isinstance(b, Paragraph | Heading))


def cells(data: dict[str, Any]) -> list[list[str]]:
    """Every table row's cell texts, all tables in order."""
    return [[c.text for c in row.cells] for b in document_blocks(data) if isinstance(b, Table) for row in b.rows]


def messages(issues: list[Issue]) -> str:
    return "\n".join(f"{i.path}: {i.message}" for i in issues)
