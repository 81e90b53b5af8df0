"""The side panel shows the report's figures as the report prints them, 待补充 where a draft lacks them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reportgen.api import check_values, load
from reportgen.figures.as_json import figures_json
from reportgen.figures.compute import Figures
from reportgen.web.figures_panel import BUDGET, GROUPS, INDICATORS, PENDING, PROJECTS, TOTAL, PanelRow, figures_panel
from samples import EXAMPLES, FIXTURES

_EXAMPLES = sorted(EXAMPLES.glob("*/data.yaml"))


def _figures(path: Path) -> Figures:
    checked = load(path)
    assert checked.figures is not None
    return checked.figures


def _row(rows: list[PanelRow], group: str, label: str) -> PanelRow:
    return next(r for r in rows if r.group == group and r.label == label)


@pytest.mark.parametrize(
    ("example", "rate", "budget_score", "total", "grade"),
    [
        ("lingling-2022", "100.00%", "10", "98", "优"),
        ("lingling-2022-project", "139.11%", "10", "98", "优"),
        ("shifeng-2023-draft", PENDING, PENDING, PENDING, PENDING),
    ],
)
def test_the_main_figures_of_each_example(example: str, rate: str, budget_score: str, total: str, grade: str) -> None:
    rows = figures_panel(_figures(EXAMPLES / example / "data.yaml"))
    assert _row(rows, BUDGET, "预算执行率").value == rate
    assert (_row(rows, BUDGET, "执行率得分").value, _row(rows, BUDGET, "执行率得分").weight) == (budget_score, "10")
    assert _row(rows, TOTAL, "总分").value == total
    assert _row(rows, TOTAL, "等级").value == grade
    assert _row(rows, TOTAL, "评分规则").value == "财预〔2020〕10号"


@pytest.mark.parametrize("data_file", _EXAMPLES, ids=lambda p: p.parent.name)
def test_the_panel_agrees_with_validate_json(data_file: Path) -> None:
    fig = _figures(data_file)
    rows, shown = figures_panel(fig), figures_json(fig)
    if not fig.budget.pending:
        assert _row(rows, BUDGET, "预算执行率").value == shown["execution_rate"]
    for key, title in (("by_source", "按收入性质分（占全年预算数）"), ("by_nature", "按支出性质分（占全年执行数）")):
        panel = {r.label: r.value for r in rows if r.group == title}
        parts = {p["label"]: p["share"] for p in shown[key].values()}
        assert panel == (parts if fig.budget.adjusted is not None else dict.fromkeys(parts, PENDING))
    scores = [r for r in rows if r.group == INDICATORS]
    assert [r.label for r in scores] == [i["name"] for i in shown["indicators"]]
    for row, ind in zip(scores, shown["indicators"], strict=True):
        if ind["status"] == "pending":
            assert row.value == PENDING
        else:  # the report prints scores with the total's places (98 or 97.50)
            assert row.value == f"{float(ind['score']):.{fig.score_places}f}"
            assert row.weight == ind["weight"]
    assert [(r.label, r.weight) for r in rows if r.group == GROUPS] == [
        (name, group["weight"] if fig.total_weight is not None else PENDING) for name, group in shown["groups"].items()
    ]
    if fig.total is not None:
        assert _row(rows, TOTAL, "总分").value == f"{float(shown['total_score']):.{fig.score_places}f}"
        assert _row(rows, TOTAL, "总分").weight == shown["total_weight"]


def test_a_draft_reads_pending_for_everything_it_lacks() -> None:
    rows = figures_panel(_figures(EXAMPLES / "shifeng-2023-draft" / "data.yaml"))
    indicators = [r for r in rows if r.group == INDICATORS]
    assert indicators and all(r.value == PENDING and r.weight == PENDING and r.pending for r in indicators)
    assert all(r.value == PENDING for r in rows if "性质分" in r.group)
    assert _row(rows, BUDGET, "预算执行率").pending and not _row(rows, TOTAL, "评分规则").pending


def test_shares_have_their_amount_and_the_unsplit_rest() -> None:
    rows = figures_panel(_figures(FIXTURES / "valid" / "by_source_sum.yaml"))
    by_source = [(r.label, r.value, r.amount) for r in rows if r.group == "按收入性质分（占全年预算数）"]
    assert by_source == [
        ("一般公共预算", "95.00%", "1140.00万元"),
        ("政府性基金", "4.17%", "50.00万元"),
        ("未分项", "0.83%", "10.00万元"),
    ]


def test_projects_show_their_execution_rate_and_budget() -> None:
    rows = figures_panel(_figures(EXAMPLES / "lingling-2022" / "data.yaml"))
    assert next((r.label, r.value, r.amount) for r in rows if r.group == PROJECTS) == (
        "司法业务经费",
        "29.17%",
        "110.00万元",
    )


def test_an_indicator_partly_scored_shows_its_score_against_its_weight() -> None:
    rows = figures_panel(_figures(EXAMPLES / "lingling-2022" / "data.yaml"))
    row = _row(rows, INDICATORS, "普及法律知识，提高全民法律意识")
    assert (row.value, row.weight) == ("9", "10")
    assert (_row(rows, GROUPS, "效益指标").value, _row(rows, GROUPS, "效益指标").weight) == ("29", "30")
    assert (_row(rows, TOTAL, "总分").value, _row(rows, TOTAL, "总分").weight) == ("98", "100")


def test_an_indicator_not_applicable_says_so() -> None:
    data = yaml.safe_load((EXAMPLES / "lingling-2022" / "data.yaml").read_text(encoding="utf-8"))
    data["indicators"][0]["applicable"] = False
    fig = check_values(data).figures
    assert fig is not None
    assert _row(figures_panel(fig), INDICATORS, "社区矫正管理人数").value == "不适用"
