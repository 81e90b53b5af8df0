"""Consistency checks (data-format.md "Consistency rules", domain.md §1.7 and §4).

Each finding is a warning: the report can still be rendered, and the warnings are listed
by ``validate`` and in the report's appendix of checks. Amounts are compared exactly, in the
unit of the data, and shown in the report unit.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reportgen.compute import Figures
from reportgen.errors import Issue, Severity
from reportgen.fmt import amount, number, pct
from reportgen.labels import label_for
from reportgen.model import Report
from reportgen.scoring import IndicatorResult, Note, Status
from reportgen.sources.base import PathKey, RawData, format_path
from reportgen.values import convert_money

# An amount in 万元 this large (10 billion 元) or a 元 budget this small is most likely
# written in the other unit (domain.md §4.1 item 2).
_WAN_TOO_LARGE = Decimal(1_000_000)
_YUAN_TOO_SMALL = Decimal(10_000)
_LOW_EXECUTION = Decimal(90)


def check(report: Report, figures: Figures, raw: RawData | None = None) -> list[Issue]:
    """Every consistency warning of a valid report, in the order of the data file."""

    def warn(path: PathKey, message: str) -> Issue:
        return Issue(format_path(path), message, Severity.WARNING, label_for(path),
                     raw.locate(path) if raw else "")

    found: list[Issue] = []
    for path, message in (*_money(report, figures), *_indicators(report, figures)):
        found.append(warn(path, message))
    return found


Finding = tuple[PathKey, str]


class _Money:
    """Amounts of the data, compared exactly and shown in the report unit."""

    def __init__(self, report: Report, fig: Figures) -> None:
        self.source, self.unit = report.money_unit, fig.unit

    def __call__(self, value: Decimal) -> str:
        return f"{amount(convert_money(value, self.source, self.unit))}{self.unit}"


def _money(report: Report, fig: Figures) -> Iterator[Finding]:
    b, show = report.budget, _Money(report, fig)
    yield from _unit_confusion(report)
    if b.executed > b.adjusted:
        yield ("budget", "executed"), (
            f"全年执行数{show(b.executed)}超过全年预算数{show(b.adjusted)}，执行率为{pct(fig.budget.rate)}"
            "（评分按100%封顶）：请核实执行数，或将全年预算数改为调整后的预算数。")
    elif fig.budget.rate is not None and fig.budget.rate < _LOW_EXECUTION:
        yield ("budget", "executed"), f"预算执行率{pct(fig.budget.rate)}低于90%，报告中需说明原因。"
    if b.by_source is not None:
        total = sum(b.by_source.model_dump().values(), Decimal(0))
        if total != b.adjusted:
            yield ("budget", "by_source"), (
                f"按收入性质分各项合计{show(total)}，与全年预算数{show(b.adjusted)}"
                f"相差{show(abs(total - b.adjusted))}：各项之和应等于全年预算数，请核对各项金额。")
    nature = b.by_nature
    if nature is not None and nature.basic is not None and nature.project is not None:
        parts = nature.basic + nature.project
        if parts != b.executed:
            yield ("budget", "by_nature"), (
                f"基本支出{show(nature.basic)}与项目支出{show(nature.project)}合计{show(parts)}，"
                f"与全年执行数{show(b.executed)}相差{show(abs(parts - b.executed))}：两者之和应等于全年执行数。")
    if nature is not None and None not in (nature.basic, nature.personnel, nature.public_use):
        assert nature.basic is not None and nature.personnel is not None and nature.public_use is not None
        parts = nature.personnel + nature.public_use
        if parts != nature.basic:
            yield ("budget", "by_nature"), (
                f"人员经费与公用经费合计{show(parts)}，与基本支出{show(nature.basic)}相差"
                f"{show(abs(parts - nature.basic))}：两者之和应等于基本支出。")
    yield from _projects(report, fig, show)


def _unit_confusion(report: Report) -> Iterator[Finding]:
    budget = report.budget
    if report.money_unit == "万元" and budget.adjusted >= _WAN_TOO_LARGE:
        yield ("money_unit",), (
            f"金额单位为万元，但全年预算数为{budget.adjusted}万元（超过100亿元）："
            "金额是否按元填写？若是，请把金额单位改为“元”。")
    if report.money_unit == "元" and 0 < budget.adjusted < _YUAN_TOO_SMALL:
        yield ("money_unit",), (
            f"金额单位为元，但全年预算数只有{budget.adjusted}元：金额是否按万元填写？"
            "若是，请把金额单位改为“万元”。")
    for index, item in enumerate(report.projects):
        if budget.adjusted and item.budget > budget.adjusted * 100:
            yield ("projects", index, "budget"), (
                f"项目“{item.name}”的预算数是全年预算数的100倍以上：是否混用了元和万元？")


def _projects(report: Report, fig: Figures, show: _Money) -> Iterator[Finding]:
    for index, (item, shown) in enumerate(zip(report.projects, fig.projects, strict=True)):
        if item.executed > item.budget:
            yield ("projects", index, "executed"), (
                f"项目“{item.name}”执行数{show(item.executed)}超过预算数{show(item.budget)}"
                f"（执行率{pct(shown.rate)}）：请核实或说明原因。")
    if not report.projects:
        return
    executed = sum((p.executed for p in report.projects), Decimal(0))
    nature = report.budget.by_nature
    if report.kind == "department":
        base, what = (nature.project if nature else None), "按支出性质分的项目支出"
    else:
        base, what = report.budget.executed, "全年执行数"
    if base is not None and executed != base:
        yield ("projects",), (
            f"项目支出明细执行数合计{show(executed)}，与{what}{show(base)}相差{show(abs(base - executed))}："
            "请补全项目明细，或在说明中写明差额的去向。")


def _indicators(report: Report, fig: Figures) -> Iterator[Finding]:
    yield from _weights(report, fig)
    for result in fig.indicators:
        yield from _indicator(result, report)


def _weights(report: Report, fig: Figures) -> Iterator[Finding]:
    for group in fig.groups:
        if group.declared_weight is not None and group.weight != group.declared_weight:
            yield ("indicators",), (
                f"{group.level1}各指标分值合计{group.weight}，与一级指标分值{group.declared_weight}不一致："
                "请调整指标分值，或在评分规则 scoring.group_weights 中写明本单位的分值。")
    if fig.total_weight != 100:
        yield ("indicators",), (
            f"预算执行率分值与全部指标分值合计为{fig.total_weight}，不是100分：请核对分值。")


def _indicator(result: IndicatorResult, report: Report) -> Iterator[Finding]:
    ind, at = result.indicator, ("indicators", result.index)
    name = f"指标“{ind.name}”"
    notes = set(result.notes)
    has_deviation = bool(ind.deviation and ind.deviation.strip())
    if Note.SCORE_DIFFERS in notes:
        yield (*at, "score"), (
            f"{name}填写的得分{number(ind.score)}与按规则计算的得分{number(result.computed)}不一致，"
            "总分采用填写的得分：请核实。")
    if Note.SCORE_OUTSIDE_GRADE in notes:
        yield (*at, "score"), (
            f"{name}得分{number(ind.score)}不在完成档次“{ind.grade}”的分值区间"
            f"（{_band_text(ind.grade or '', ind.weight, report)}）内：请调整得分或完成档次。")
    if Note.NO_SCORE in notes:
        yield (*at, "score"), (
            f"{name}是定性指标，未填写得分或完成档次，总分中按0分计："
            "请填写得分 score 或完成档次 grade（达成/部分达成/未达成）。")
    if Note.GRADE_INFERRED in notes:
        yield (*at, "grade"), f"{name}未填写得分或完成档次，按实际完成情况认定为“达成”，计满分：请核实。"
    if Note.ACTUAL_NOT_EXACT in notes:
        yield (*at, "actual"), (
            f"{name}的实际完成值“{ind.actual.text if ind.actual else ''}”不是确切数值，"
            f"按{number(result.actual)}{ind.target.unit}计算：请填写实际测得的数值。")
    if Note.TEXT_ACTUAL in notes:
        yield (*at, "actual"), (
            f"{name}是定量指标，实际完成值却是文字“{ind.actual.text if ind.actual else ''}”：请填写实际数值。")
    if result.status is Status.OVER and not has_deviation:
        over = report.scoring.over_threshold
        yield (*at, "deviation"), (
            f"{name}实际完成值是年度指标值的{pct(result.ratio)}，高于{pct(over * 100)}，"
            "需分析原因（是否指标值设定偏低）并填写偏差原因分析。")
    if result.score is not None and result.score < ind.weight and not has_deviation:
        yield (*at, "deviation"), (
            f"{name}得分{number(result.score)}低于分值{number(ind.weight)}，请填写偏差原因分析及改进措施。")


def _band_text(grade: str, weight: Decimal, report: Report) -> str:
    high, low = (weight * share for share in report.scoring.qualitative_bands)
    bands = {"达成": f"{number(high)}分至{number(weight)}分", "部分达成": f"{number(low)}分至不足{number(high)}分",
             "未达成": f"不足{number(low)}分"}
    return bands.get(grade, "")
