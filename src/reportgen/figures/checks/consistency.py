"""Consistency checks (data-format.md "Consistency rules", domain.md §1.7 and §4).

Most findings are warnings: the report can still be rendered, and the warnings are listed
by ``validate`` and in the report's appendix of checks. A few make the figures impossible to
print honestly and are errors: weights that do not add up to 100 (a total on a 100-point
scale would be false), a declared 一级指标 group without indicators, and amounts 100 times
off the whole they belong to (元 typed where 万元 is meant, :mod:`reportgen.figures.checks.magnitude`).
What a draft still lacks is listed apart (:mod:`reportgen.figures.checks.missing`), and so are the
figures the unit's own table printed that differ from the computed ones
(:mod:`reportgen.figures.checks.published`). Amounts are compared exactly, in the unit of the data, and
shown in the report unit.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reportgen.data.labels import label_for
from reportgen.data.model import Report
from reportgen.data.raw import PathKey, RawData, format_path
from reportgen.data.values import convert_money
from reportgen.data.vocabulary import LOW_EXECUTION_RATE
from reportgen.errors import Issue, Severity
from reportgen.figures.checks.magnitude import magnitude_errors
from reportgen.figures.checks.missing import missing_items
from reportgen.figures.checks.published import published_differences
from reportgen.figures.compute import Figures
from reportgen.figures.fmt import amount, number, pct
from reportgen.figures.scoring import IndicatorResult, Note, Status

# An amount in 万元 this large (10 billion 元) or a 元 budget this small is most likely
# written in the other unit (domain.md §4.1 item 2).
_WAN_TOO_LARGE = Decimal(1_000_000)
_YUAN_TOO_SMALL = Decimal(10_000)


def check(report: Report, figures: Figures, raw: RawData | None = None) -> list[Issue]:
    """Every finding of a well-formed report: errors first, then warnings, then what is missing."""

    def issue(path: PathKey, message: str, severity: Severity) -> Issue:
        return Issue(format_path(path), message, severity, label_for(path), raw.locate(path) if raw else "")

    explicit_groups = _declared_groups(raw)
    errors = [*magnitude_errors(report), *_weight_errors(report, figures, explicit_groups)]
    warnings = [*_money(report, figures), *_indicators(report, figures), *published_differences(report, figures)]
    return [*(issue(p, m, Severity.ERROR) for p, m in errors),
            *(issue(p, m, Severity.WARNING) for p, m in warnings),
            *(issue(p, m, Severity.MISSING) for p, m in missing_items(report, figures))]


Finding = tuple[PathKey, str]


def _declared_groups(raw: RawData | None) -> set[str]:
    """一级指标 whose weights the data file itself declares (not the defaults)."""
    data = raw.data if raw is not None and isinstance(raw.data, dict) else {}
    scoring = data.get("scoring")
    groups = scoring.get("group_weights") if isinstance(scoring, dict) else None
    from reportgen.data.indicator_names import normalize_level1

    return {str(normalize_level1(str(key))) for key in groups} if isinstance(groups, dict) else set()


class _Money:
    """Amounts of the data, compared exactly and shown in the report unit."""

    def __init__(self, report: Report, fig: Figures) -> None:
        self.source, self.unit = report.money_unit, fig.unit

    def __call__(self, value: Decimal) -> str:
        return f"{amount(convert_money(value, self.source, self.unit))}{self.unit}"


def _money(report: Report, fig: Figures) -> Iterator[Finding]:
    b, show = report.budget, _Money(report, fig)
    yield from _unit_confusion(report)
    if b.executed is None or b.adjusted is None:
        pass
    elif b.executed > b.adjusted:
        yield ("budget", "executed"), (
            f"全年执行数{show(b.executed)}超过全年预算数{show(b.adjusted)}，执行率为{pct(fig.budget.rate)}"
            "（评分按100%封顶）：请核实执行数，或将全年预算数改为调整后的预算数。")
    elif fig.budget.rate is not None and fig.budget.rate < LOW_EXECUTION_RATE:
        yield ("budget", "executed"), (
            f"预算执行率{pct(fig.budget.rate)}低于{number(LOW_EXECUTION_RATE)}%，报告中需说明原因。")
    if b.by_source is not None:
        total = sum(b.by_source.model_dump().values(), Decimal(0))
        if b.adjusted is not None and total != b.adjusted:
            yield ("budget", "by_source"), (
                f"按收入性质分各项合计{show(total)}，与全年预算数{show(b.adjusted)}"
                f"相差{show(abs(total - b.adjusted))}：各项之和应等于全年预算数，请核对各项金额。")
    nature = b.by_nature
    if nature is not None and nature.basic is not None and nature.project is not None:
        parts = nature.basic + nature.project
        if b.executed is not None and parts != b.executed:
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
    whole = budget.adjusted if budget.adjusted is not None else budget.initial
    if whole is None:
        return
    if report.money_unit == "万元" and whole >= _WAN_TOO_LARGE:
        yield ("money_unit",), (
            f"金额单位为万元，但全年预算数为{whole}万元（超过100亿元）："
            "金额是否按元填写？若是，请把金额单位改为“元”。")
    if report.money_unit == "元" and 0 < whole < _YUAN_TOO_SMALL:
        yield ("money_unit",), (
            f"金额单位为元，但全年预算数只有{whole}元：金额是否按万元填写？"
            "若是，请把金额单位改为“万元”。")


def _projects(report: Report, fig: Figures, show: _Money) -> Iterator[Finding]:
    for index, (item, shown) in enumerate(zip(report.projects, fig.projects, strict=True)):
        if item.executed is not None and item.executed > item.budget:
            yield ("projects", index, "executed"), (
                f"项目“{item.name}”执行数{show(item.executed)}超过预算数{show(item.budget)}"
                f"（执行率{pct(shown.rate)}）：请核实或说明原因。")
    if not report.projects or any(p.executed is None for p in report.projects):
        return
    executed = sum((p.executed or Decimal(0) for p in report.projects), Decimal(0))
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
        yield from _indicator(result, report, fig)


def _weights(report: Report, fig: Figures) -> Iterator[Finding]:
    if fig.total_weight is None:  # a draft whose weights are still being filled in
        return
    for group in fig.groups:
        if group.declared_weight is not None and group.weight != group.declared_weight:
            yield ("indicators",), (
                f"{group.level1}各指标分值合计{number(group.weight)}分，与一级指标分值{number(group.declared_weight)}分"
                "不一致：请调整指标分值，或在评分规则 scoring.group_weights 中写明本单位的分值。")
    if fig.rescaled and report.scoring.scale_to_100 and fig.total_weight != 100:
        yield ("scoring", "scale_to_100"), (
            f"分值合计为{number(fig.total_weight)}分，按数据中的“折算为百分制”，综合得分已折算为百分制：请确认本单位"
            "确实按规定折算。")


def _weight_errors(report: Report, fig: Figures, declared: set[str]) -> Iterator[Finding]:
    """Weights that make a total on a 100-point scale false, and declared groups without indicators."""
    if not fig.indicators:
        return
    present = {r.level1 for r in fig.indicators}
    for level1 in sorted(declared - present):
        weight = report.scoring.group_weights.get(level1, Decimal(0))
        if weight > 0:
            yield ("scoring", "group_weights", level1), (
                f"评分规则中写明了一级指标“{level1}”的分值{number(weight)}分，但绩效指标中没有{level1}："
                f"请补充该类指标，或从评分规则 scoring.group_weights 中删去“{level1}”。")
    if fig.total_weight is None or fig.total_weight == 100 or report.scoring.scale_to_100:
        return
    parts = "，".join([f"预算执行率{number(fig.budget.weight)}分",
                      *(f"{g.level1}{number(g.weight)}分" for g in fig.groups)])
    yield ("indicators",), (
        f"分值合计为{number(fig.total_weight)}分（{parts}），不是100分，总分无法按百分制计算："
        "请调整各指标的分值使合计为100分；如本单位按规定将得分折算为百分制，"
        "请在评分规则中写明 scale_to_100: true（折算为百分制）。")


def _indicator(result: IndicatorResult, report: Report, fig: Figures) -> Iterator[Finding]:
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
            f"（{_band_text(ind.grade or '', result.weight, fig)}）内：请调整得分或完成档次。")
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
        over = fig.rules.over_threshold
        yield (*at, "deviation"), (
            f"{name}实际完成值是年度指标值的{pct(result.ratio)}，高于{pct(over * 100)}，"
            "需分析原因（是否指标值设定偏低）并填写偏差原因分析。")
    if result.score is not None and result.score < result.weight and not has_deviation:
        yield (*at, "deviation"), (
            f"{name}得分{number(result.score)}低于分值{number(ind.weight)}，请填写偏差原因分析及改进措施。")


def _band_text(grade: str, weight: Decimal, fig: Figures) -> str:
    high, low = (weight * share for share in fig.rules.qualitative_bands)
    bands = {"达成": f"{number(high)}分至{number(weight)}分", "部分达成": f"{number(low)}分至不足{number(high)}分",
             "未达成": f"不足{number(low)}分"}
    return bands.get(grade, "")
