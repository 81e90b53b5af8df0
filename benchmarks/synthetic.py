"""Synthetic but realistic units for benchmarks: seeded, so every run makes the same data."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

COUNTIES = ["东安", "祁阳", "双牌", "江永", "宁远", "蓝山", "新田", "江华", "冷水滩", "零陵", "回龙圩"]
BUREAUS = ["司法局", "财政局", "民政局", "人社局", "农业农村局", "水利局", "卫健局", "教育局", "自然资源局", "文旅局"]
QUANTITY = [
    ("法律援助案件办理数量", "件", 150, 400),
    ("人民调解案件数量", "件", 500, 2000),
    ("普法宣传活动场次", "场次", 20, 80),
    ("培训人员数量", "人次", 200, 1200),
    ("社区矫正对象管理人数", "人", 150, 500),
    ("行政复议案件办理数", "件", 20, 60),
]
QUALITY = [("案件办结率", "%", 90, 100), ("群众投诉处理率", "%", 90, 100), ("资金使用合规率", "%", 95, 100)]
TEXT = (
    "坚持以人民为中心，扎实推进各项重点工作，全年工作任务完成较好。一是加强组织领导，细化任务分工，"
    "压实工作责任；二是强化资金管理，严格执行预算，确保资金使用安全规范；三是注重工作实效，群众满意度稳步提升。"
)


def _money(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low * 100, high * 100)) / 100


def _indicators(rng: random.Random) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for name, unit, low, high in rng.sample(QUANTITY, 4):
        target = rng.randint(low, high)
        actual = int(target * rng.uniform(0.85, 1.4))
        items.append(
            {
                "level1": "产出指标",
                "level2": "数量指标",
                "name": name,
                "target": f"{target}{unit}",
                "actual": f"{actual}{unit}",
                "weight": 10,
            }
        )
    name, unit, low, _ = rng.choice(QUALITY)
    items.append(
        {
            "level1": "产出指标",
            "level2": "质量指标",
            "name": name,
            "target": f"≥{low}%",
            "actual": f"{rng.randint(low - 3, 100)}%",
            "weight": 5,
        }
    )
    items.append(
        {
            "level1": "产出指标",
            "level2": "时效指标",
            "name": "任务按时完成率",
            "target": "100%",
            "actual": "100%",
            "weight": 3,
        }
    )
    items.append(
        {
            "level1": "产出指标",
            "level2": "成本指标",
            "name": "项目支出控制",
            "target": "≤500万元",
            "actual": f"{rng.randint(380, 520)}万元",
            "weight": 2,
        }
    )
    items.append(
        {
            "level1": "效益指标",
            "level2": "社会效益指标",
            "name": "维护社会和谐稳定",
            "target": "良好",
            "actual": "良好",
            "weight": 15,
            "score": rng.choice([15, 14, 13]),
        }
    )
    items.append(
        {
            "level1": "效益指标",
            "level2": "可持续影响指标",
            "name": "长效工作机制",
            "target": "逐步完善",
            "actual": "已建立",
            "weight": 15,
            "grade": rng.choice(["达成", "达成", "部分达成"]),
        }
    )
    items.append(
        {
            "level1": "满意度指标",
            "level2": "服务对象满意度指标",
            "name": "服务对象满意度",
            "target": "≥90%",
            "actual": f"{rng.randint(86, 99)}%",
            "weight": 10,
        }
    )
    return items


def unit_data(index: int, year: int = 2023) -> dict[str, Any]:
    """One unit's data in the reportgen/1 format."""
    rng = random.Random(index)
    name = f"{rng.choice(COUNTIES)}县{rng.choice(BUREAUS)}（样本{index:04d}）"
    adjusted = _money(rng, 800, 3000)
    executed = (adjusted * Decimal(rng.uniform(0.85, 1.0))).quantize(Decimal("0.01"))
    project = (executed * Decimal(rng.uniform(0.15, 0.4))).quantize(Decimal("0.01"))
    fund = _money(rng, 0, 50) if rng.random() < 0.3 else Decimal(0)
    topics = rng.sample(["普法宣传", "法律援助", "人民调解", "社区矫正", "信息化建设", "业务培训"], 3)
    projects = []
    for topic in topics:
        budget = _money(rng, 20, 120)
        spent = (budget * Decimal(rng.uniform(0.6, 1))).quantize(Decimal("0.01"))
        projects.append({"name": f"{topic}专项经费", "budget": budget, "executed": spent})
    return {
        "format": "reportgen/1",
        "kind": "department",
        "year": year,
        "money_unit": "万元",
        "unit": {
            "name": name,
            "level": "县级",
            "staff": {"actual": rng.randint(30, 150)},
            "departments": [f"第{n}科" for n in range(1, rng.randint(5, 10))],
            "functions": ["贯彻落实国家和省、市有关方针政策和法律法规。", "负责本系统业务工作的组织实施和监督管理。"],
        },
        "budget": {
            "initial": (adjusted * Decimal("0.9")).quantize(Decimal("0.01")),
            "adjusted": adjusted,
            "executed": executed,
            "by_source": {"general_public": adjusted - fund, "government_fund": fund},
            "by_nature": {"basic": executed - project, "project": project},
        },
        "projects": projects,
        "goals": [
            {"expected": "全面完成年度重点工作任务。", "actual": "年度重点工作任务全部完成。"},
            {"expected": "提升服务群众水平。", "actual": "服务对象满意度稳步提升。"},
        ],
        "indicators": _indicators(rng),
        "performance": [{"title": f"第{n}项重点工作成效明显", "text": TEXT} for n in range(1, 4)],
        "problems": [
            {"title": "资金执行进度不均衡", "text": "部分项目资金支付集中在下半年。", "cause": "项目前期准备不充分。"}
        ],
        "measures": [{"title": "加强预算执行管理", "text": "建立资金支付进度月通报制度。"}],
    }


def write_units(folder: Path, count: int, broken_every: int = 0) -> list[Path]:
    """Write ``count`` YAML files; every ``broken_every``-th unit gets an invalid amount."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(1, count + 1):
        data = unit_data(index)
        if broken_every and index % broken_every == 0:
            data["budget"]["executed"] = "一百万"
        path = folder / f"unit{index:04d}.yaml"
        path.write_text(yaml.safe_dump(_plain(data), allow_unicode=True, sort_keys=False), encoding="utf-8")
        paths.append(path)
    return paths


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral() else int(value)
    return value


def many_indicators(count: int, index: int = 1) -> dict[str, Any]:
    """Unit ``index`` with ``count`` quantity indicators sharing the output weight (50)."""
    data = unit_data(index)
    rest = [item for item in data["indicators"] if item["level1"] != "产出指标"]
    weight = Decimal(50) / count
    data["indicators"] = [
        {
            "level1": "产出指标",
            "level2": "数量指标",
            "name": f"第{n}项工作任务完成数量",
            "target": f"{100 + n % 50}件",
            "actual": f"{100 + n % 50 + n % 7}件",
            "weight": float(weight),
        }
        for n in range(1, count + 1)
    ] + rest
    return data
