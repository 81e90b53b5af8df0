"""A draft from whatever data a unit has so far (issue 8, "A draft from partial data")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from figures_cases import BASE, body, cells, checked, indicator, report
from reportgen.cli import app

runner = CliRunner()

# What a unit holds from its approved 绩效目标表: unit, year, 资金总额 and the targets.
TARGET_TABLE_ONLY: dict[str, Any] = {
    "format": "reportgen/1",
    "kind": "department",
    "year": 2024,
    "money_unit": "万元",
    "unit": {"name": "某区司法局"},
    "budget": {"initial": 524.31},
    "indicators": [
        {"level1": "产出指标", "level2": "数量指标", "name": "法律援助案件", "target": "≥400件", "weight": 50},
        {"level1": "效益指标", "level2": "社会效益指标", "name": "矛盾纠纷调解", "target": "全区", "weight": 30},
        {
            "level1": "满意度指标",
            "level2": "服务对象满意度指标",
            "name": "服务对象满意度",
            "target": "≥90%",
            "weight": 10,
        },
    ],
}


@pytest.mark.parametrize(
    ("changes", "missing"),
    [
        ({"indicators": [indicator("办理案件", "100件", None, 50), *BASE["indicators"][1:]]}, {"indicators[0].actual"}),
        (
            {"indicators": [indicator("办理案件", "100件", "100件", None), *BASE["indicators"][1:]]},
            {"indicators[0].weight"},
        ),
        ({"budget": {"initial": 100}}, {"budget.adjusted", "budget.executed", "budget.by_nature"}),
        ({"budget": {"initial": 100, "adjusted": 100, "by_nature": {"basic": 60}}}, {"budget.executed"}),
        ({"projects": [{"name": "法律援助", "budget": 20}]}, {"projects[0].executed"}),
        ({"goals": None, "performance": None, "date": None}, {"goals", "performance", "date"}),
    ],
)
def test_what_is_missing_is_listed_apart(changes: dict[str, Any], missing: set[str]) -> None:
    found = checked(report(**changes))
    assert found.ok, found.errors
    assert {i.path for i in found.missing} == missing
    assert all("尚未填写" in i.message for i in found.missing)


def test_an_indicator_without_its_actual_is_not_scored_and_no_total_is_invented() -> None:
    data = report(indicators=[indicator("办理案件", "100件", None, 50), *BASE["indicators"][1:]])
    found = checked(data)
    assert found.figures is not None and found.figures.total is None and found.figures.grade is None
    text = body(data)
    assert "“办理案件”年度指标值100件，实际完成值【待补充：实际完成值】，尚未计分（分值50分）。" in text
    assert "综合得分【待补充】，评价等级【待补充】：尚有1项指标的实际完成值或分值未填写，填写后计算。" in text
    table = cells(data)
    assert ["产出指标（50分）", "数量指标", "办理案件", "100件", "【待补充】", "50", "【待补充】", ""] in table
    assert ["总分", "100", "【待补充】", "等级：【待补充】"] in table


def test_no_indicators_make_a_narrative_only_report() -> None:
    data = report(indicators=None)
    found = checked(data)
    assert found.ok and found.figures is not None and found.figures.total is None
    assert not [e for e in found.issues if "分值" in e.message]  # no weight check
    assert "本次自评未设绩效指标，不计算综合得分和评价等级。" in body(data)


def test_without_initial_there_is_no_initial_sentence() -> None:
    text = body(report(budget={"adjusted": 100, "executed": 90}))
    assert "2023年全年预算数100.00万元，全年执行数90.00万元，预算执行率90.00%。" in text
    assert "年初" not in text.split("预算执行情况")[1].split("\n")[1]


def test_a_target_table_alone_makes_a_draft() -> None:
    found = checked(TARGET_TABLE_ONLY)
    assert found.ok, found.errors
    assert {"budget.adjusted", "budget.executed", "indicators[0].actual"} <= {i.path for i in found.missing}
    text = body(TARGET_TABLE_ONLY)
    assert (
        "2024年年初预算数524.31万元，全年预算数【待补充：全年预算数】，全年执行数【待补充：全年执行数】，"
        "预算执行率【待补充】。"
    ) in text
    assert "综合得分【待补充】" in text


@pytest.fixture
def draft_file(tmp_path: Path) -> Path:
    path = tmp_path / "目标表草稿.yaml"
    path.write_text(yaml.safe_dump(TARGET_TABLE_ONLY, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.rendering
def test_render_makes_the_draft_and_says_what_is_missing(draft_file: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["render", str(draft_file), "-o", str(tmp_path / "草稿.docx")])
    assert result.exit_code == 0, result.output
    assert "[尚未填写]" in result.stderr and "报告中标为【待补充】" in result.stdout
    assert (tmp_path / "草稿.docx").stat().st_size > 10_000


@pytest.mark.rendering
def test_render_final_refuses_while_anything_is_missing(draft_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "定稿.docx"
    result = runner.invoke(app, ["render", "--final", str(draft_file), "-o", str(out)])
    assert result.exit_code == 1
    assert "未生成定稿" in result.stderr and "indicators[0].actual" in result.stderr
    assert not out.exists()


def test_validate_strict_refuses_a_draft_and_json_lists_the_missing(draft_file: Path) -> None:
    plain = runner.invoke(app, ["validate", str(draft_file)])
    assert plain.exit_code == 0 and "可以生成草稿" in plain.stdout and "尚未填写" in plain.stdout
    assert runner.invoke(app, ["validate", "--strict", str(draft_file)]).exit_code == 1
    import json

    payload = json.loads(runner.invoke(app, ["validate", "--json", str(draft_file)]).stdout)
    assert {"budget.executed", "indicators[2].actual"} <= {m["path"] for m in payload["missing"]}
    assert payload["figures"]["total_score"] is None and payload["figures"]["execution_rate"] == "—"


@pytest.mark.rendering
def test_render_final_accepts_a_complete_report(tmp_path: Path) -> None:
    path = tmp_path / "完整.yaml"
    path.write_text(yaml.safe_dump(report(), allow_unicode=True), encoding="utf-8")
    result = runner.invoke(app, ["render", "--final", str(path), "-o", str(tmp_path / "定稿.docx")])
    assert result.exit_code == 0, result.output
    assert "已生成定稿" in result.stdout
