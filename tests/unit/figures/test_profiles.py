"""Scoring profiles: provincial rules as data (issue 8, "Scoring profiles")."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from figures_cases import BASE, body, checked, indicator, report
from reportgen.cli import app
from reportgen.figures.profiles import DEFAULT_PROFILE, ProfileError, available_profiles, load_profile

runner = CliRunner()
CAPPED = load_profile("deduct-and-cap")


def test_the_default_profile_is_10hao_and_changes_nothing() -> None:
    found = checked(report())
    assert found.figures is not None
    assert found.figures.profile.name == "财预〔2020〕10号" == load_profile(DEFAULT_PROFILE).name
    assert found.figures.adjustments == ()
    assert "评分依据“财预〔2020〕10号”计分规则。" in body(report())


@pytest.mark.parametrize(
    ("target", "actual", "score"),
    [
        ("100件", "129件", Decimal(50)),  # 29 % above: no deduction
        ("100件", "130件", Decimal(48)),  # 30 % above: 2 points
        ("400-500人", "650人", Decimal(48)),  # 30 % above the range's upper bound
        ("≤10天", "5天", Decimal(50)),  # a reverse indicator far below its target is not over-achievement
    ],
)
def test_the_over_achievement_rule_takes_two_points(target: str, actual: str, score: Decimal) -> None:
    data = report(indicators=[indicator("案件", target, actual, 50, deviation="原因。"), *BASE["indicators"][1:]])
    found = checked(data, profile=CAPPED)
    assert found.figures is not None
    assert found.figures.indicators[0].score == score


@pytest.mark.parametrize(
    ("executed", "total", "capped"),
    [
        (95, Decimal("99.50"), None),
        (75, Decimal("89.00"), "预算执行率75.00%低于80%，总分最高89分"),
        (65, Decimal("79.00"), "预算执行率65.00%低于70%，总分最高79分"),
        (45, Decimal("59.00"), "预算执行率45.00%低于50%，总分最高59分"),
    ],
)
def test_the_total_is_capped_by_the_execution_rate(executed: int, total: Decimal, capped: str | None) -> None:
    data = report(budget={"initial": 100, "adjusted": 100, "executed": executed})
    found = checked(data, profile=CAPPED)
    assert found.figures is not None and found.figures.total == total
    assert (found.figures.cap.reason if found.figures.cap else None) == capped
    if capped:
        assert f"评分依据“超额扣分和执行率封顶”计分规则：{capped}，总分扣减" in body(data, profile=CAPPED)


def test_the_data_may_name_a_profile_but_never_a_path(tmp_path: Path) -> None:
    named = report(scoring={"profile": "deduct-and-cap"}, budget={"initial": 100, "adjusted": 100, "executed": 75})
    found = checked(named)
    assert found.figures is not None and found.figures.total == Decimal("89.00")
    for hostile in ("../../etc/passwd", "/tmp/x.yaml", "x.yaml", "没有这个方案"):
        refused = checked(report(scoring={"profile": hostile}))
        assert not refused.ok
        (error,) = refused.errors
        assert error.path == "scoring.profile" and "可用的方案" in error.message


def test_user_profiles_override_built_in_ones(tmp_path: Path) -> None:
    (tmp_path / "deduct-and-cap.yaml").write_text(
        yaml.safe_dump({"name": "本省规则", "execution_caps": [{"below": 90, "max_total": 80}]}, allow_unicode=True),
        encoding="utf-8",
    )
    assert "deduct-and-cap" in available_profiles(tmp_path)
    data = report(scoring={"profile": "deduct-and-cap"}, budget={"initial": 100, "adjusted": 100, "executed": 85})
    found = checked(data, profiles_dir=tmp_path)
    assert found.figures is not None and found.figures.profile.name == "本省规则"
    assert found.figures.total == Decimal("80.00")


@pytest.mark.parametrize(
    "content", ["name: [", "name: x\nexecution_caps: [{below: 200, max_total: 1}]", "- a list", "name: x\nunknown: 1"]
)
def test_a_broken_profile_file_is_a_clear_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ProfileError, match="评分规则方案文件"):
        load_profile(str(path))


def _data_file(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "数据.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_validate_json_says_which_profile_and_every_point_taken(tmp_path: Path) -> None:
    data = report(
        budget={"initial": 100, "adjusted": 100, "executed": 75},
        indicators=[indicator("案件", "100件", "150件", 50, deviation="原因。"), *BASE["indicators"][1:]],
    )
    result = runner.invoke(app, ["validate", "--json", "--profile", "deduct-and-cap", str(_data_file(tmp_path, data))])
    figures = json.loads(result.stdout)["figures"]
    assert figures["profile"] == "超额扣分和执行率封顶"
    assert figures["indicators"][0]["adjustments"] == [
        {"points": "2", "reason": "实际完成值高于年度指标值30%及以上，扣2分"}
    ]
    assert figures["cap"]["reason"] == "预算执行率75.00%低于80%，总分最高89分"
    assert figures["total_score"] == "89.00"


def test_an_unknown_profile_on_the_command_line_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", "--profile", "nope", str(_data_file(tmp_path, report()))])
    assert result.exit_code == 2 and "没有名为“nope”的评分规则方案" in result.stderr


@pytest.mark.rendering
def test_render_and_batch_take_the_profile_from_the_command_line(tmp_path: Path) -> None:
    data = _data_file(tmp_path, report(budget={"initial": 100, "adjusted": 100, "executed": 75}))
    chosen = ["--profile", "deduct-and-cap"]
    rendered = runner.invoke(app, ["render", str(data), "-o", str(tmp_path / "报告.docx"), *chosen])
    assert rendered.exit_code == 0, rendered.output
    assert "综合得分 89.00 分" in rendered.stdout
    result = runner.invoke(app, ["batch", str(data), "-o", str(tmp_path / "out"), *chosen, "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "89.00" in result.output


def test_update_and_check_score_with_the_profile_they_are_given(tmp_path: Path) -> None:
    from reportgen.api import RenderOptions, check_report, render_report, update_report
    from reportgen.docx import read_outline

    data = _data_file(tmp_path, report(budget={"initial": 100, "adjusted": 100, "executed": 75}))
    capped = RenderOptions(profile="deduct-and-cap")
    draft = tmp_path / "草稿.docx"
    render_report(data, draft, capped)
    updated = tmp_path / "更新.docx"
    result = update_report(data, draft, updated, capped)
    assert result.checked.figures is not None and result.checked.figures.total == Decimal("89.00")
    assert any("综合得分89.00分" in text for _, text in read_outline(updated.read_bytes()))
    assert not [f for f in check_report(draft, data, capped) if f.kind in ("figure", "data")]
