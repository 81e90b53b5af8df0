"""Indicator rules (docs/domain.md §1.5, §1.7, §4): weights that make a total false, and what an
indicator's score or actual value leaves to verify or explain.

Weights that do not add up to 100 and declared 一级指标 groups without indicators are errors
(a total on a 100-point scale would be false); the rest are warnings.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reportgen.data.indicator_names import normalize_level1
from reportgen.data.raw import RawData
from reportgen.data.value_forms import ValueNote, calculation_examples, scale_grades, target_parts
from reportgen.data.vocabulary import ACHIEVED, NOT_ACHIEVED, PARTLY_ACHIEVED
from reportgen.figures.checks.rules import Finding, Subject
from reportgen.figures.fmt import number, pct
from reportgen.figures.numbers import round_half_up
from reportgen.figures.results import IndicatorResult, Note
from reportgen.figures.totals import full_marks


def group_without_indicators(s: Subject) -> Iterator[Finding]:
    """A 一级指标 the data file declares a weight for, but no indicator belongs to."""
    if not s.fig.indicators:
        return
    present = {r.level1 for r in s.fig.indicators}
    for level1 in sorted(_declared_groups(s.raw) - present):
        weight = s.report.scoring.group_weights.get(level1, Decimal(0))
        if weight > 0:
            yield (
                ("scoring", "group_weights", level1),
                (
                    f"评分规则中写明了一级指标“{level1}”的分值{number(weight)}分，但绩效指标中没有{level1}："
                    f"请补充该类指标，或从评分规则 scoring.group_weights 中删去“{level1}”。"
                ),
            )


def _declared_groups(raw: RawData | None) -> set[str]:
    """一级指标 whose weights the data file itself declares (not the defaults)."""
    data = raw.data if raw is not None and isinstance(raw.data, dict) else {}
    scoring = data.get("scoring")
    groups = scoring.get("group_weights") if isinstance(scoring, dict) else None
    return {str(normalize_level1(str(key))) for key in groups} if isinstance(groups, dict) else set()


def weights_total(s: Subject) -> Iterator[Finding]:
    """Weights that do not add up to 100, unless the data says the unit 折算 to 100 points."""
    fig = s.fig
    if not fig.indicators or fig.total_weight is None or full_marks(fig.total_weight) or s.report.scoring.scale_to_100:
        return
    parts = "，".join(
        [f"预算执行率{number(fig.budget.weight)}分", *(f"{g.level1}{number(g.weight)}分" for g in fig.groups)]
    )
    yield (
        ("indicators",),
        (
            f"分值合计为{number(fig.total_weight)}分（{parts}），不是100分，总分无法按百分制计算："
            "请调整各指标的分值使合计为100分；如本单位按规定将得分折算为百分制，"
            "请在评分规则中写明 scale_to_100: true（折算为百分制）。"
        ),
    )


def group_weights(s: Subject) -> Iterator[Finding]:
    """A group's indicator weights that differ from its declared 一级指标 weight."""
    if s.fig.total_weight is None:  # a draft whose weights are still being filled in
        return
    for group in s.fig.groups:
        if group.declared_weight is not None and round_half_up(group.weight) != round_half_up(group.declared_weight):
            yield (
                ("indicators",),
                (
                    f"{group.level1}各指标分值合计{number(group.weight)}分，与一级指标分值{number(group.declared_weight)}分"
                    "不一致：请调整指标分值，或在评分规则 scoring.group_weights 中写明本单位的分值。"
                ),
            )


def scaled_to_100(s: Subject) -> Iterator[Finding]:
    """A total rescaled to 100 points because the data says so: the score summary says it too."""
    if s.fig.total_weight is not None and s.fig.rescaled_by_rule:
        yield (
            ("scoring", "scale_to_100"),
            (
                f"分值合计为{number(s.fig.total_weight)}分，按数据中的“折算为百分制”，综合得分已折算为百分制：请确认本单位"
                "确实按规定折算。"
            ),
        )


def _name(result: IndicatorResult) -> str:
    return f"指标“{result.indicator.name}”"


def _at(result: IndicatorResult, field: str) -> tuple[str, int, str]:
    return "indicators", result.index, field


def score_differs(s: Subject, r: IndicatorResult) -> Iterator[Finding]:
    if Note.SCORE_DIFFERS in r.notes:
        yield (
            _at(r, "score"),
            (
                f"{_name(r)}填写的得分{number(r.indicator.score)}与按规则计算的得分{number(r.computed)}不一致，"
                "总分采用填写的得分：请核实。"
            ),
        )


def score_outside_grade(s: Subject, r: IndicatorResult) -> Iterator[Finding]:
    if Note.SCORE_OUTSIDE_GRADE in r.notes:
        ind = r.indicator
        yield (
            _at(r, "score"),
            (
                f"{_name(r)}得分{number(ind.score)}不在完成档次“{ind.grade}”的分值区间"
                f"（{_band_text(ind.grade or '', r.weight, s)}）内：请调整得分或完成档次。"
            ),
        )


def _band_text(grade: str, weight: Decimal, s: Subject) -> str:
    high, low = (weight * share for share in s.fig.rules.qualitative_bands)
    bands = {
        ACHIEVED: f"{number(high)}分至{number(weight)}分",
        PARTLY_ACHIEVED: f"{number(low)}分至不足{number(high)}分",
        NOT_ACHIEVED: f"不足{number(low)}分",
    }
    return bands.get(grade, "")


def no_score(s: Subject, r: IndicatorResult) -> Iterator[Finding]:
    if Note.NO_SCORE in r.notes:
        yield (
            _at(r, "score"),
            (
                f"{_name(r)}是定性指标，未填写得分或完成档次，总分中按0分计："
                "请填写得分 score 或完成档次 grade（达成/部分达成/未达成）。"
            ),
        )


def grade_inferred(s: Subject, r: IndicatorResult) -> Iterator[Finding]:
    if Note.GRADE_INFERRED in r.notes:
        yield _at(r, "grade"), f"{_name(r)}未填写得分或完成档次，按实际完成情况认定为“达成”，计满分：请核实。"


def actual_not_exact(s: Subject, r: IndicatorResult) -> Iterator[Finding]:
    if Note.ACTUAL_NOT_EXACT in r.notes:
        ind = r.indicator
        yield (
            _at(r, "actual"),
            (
                f"{_name(r)}的实际完成值“{ind.actual.text if ind.actual else ''}”不是确切数值，"
                f"按{number(r.actual)}{ind.target.unit}计算：请填写实际测得的数值。"
            ),
        )


def text_actual(s: Subject, r: IndicatorResult) -> Iterator[Finding]:
    if Note.TEXT_ACTUAL in r.notes:
        ind = r.indicator
        yield (
            _at(r, "actual"),
            (f"{_name(r)}是定量指标，实际完成值却是文字“{ind.actual.text if ind.actual else ''}”：请填写实际数值。"),
        )


def _target_noted(r: IndicatorResult, note: ValueNote) -> bool:
    return r.indicator.applicable and r.indicator.target.note is note


def calculation_target(s: Subject, r: IndicatorResult) -> Iterator[Finding]:
    """A 年度指标值 that is a 测算 (1500元/人*86人): kept as text, but it is no target."""
    if _target_noted(r, ValueNote.CALCULATION):
        text = r.indicator.target.text
        count, cost = calculation_examples("".join(text.split())) or ("86人", "≤12.9万元")
        yield _at(r, "target"), f"年度指标值“{text}”是测算过程而不是指标值：请填写要达到的数值，如“{count}”或“{cost}”。"


def date_target(s: Subject, r: IndicatorResult) -> Iterator[Finding]:
    """A 年度指标值 that is a point in time (2023年, 2023年12月): not a number, not a deadline."""
    if _target_noted(r, ValueNote.DATE):
        yield (
            _at(r, "target"),
            (
                f"年度指标值“{r.indicator.target.text}”是时间而不是指标值，无法与实际完成值比较："
                "时效指标请写成“12月底前完成”（按是否按时完成评价）或“完成时间≤12个月”。"
            ),
        )


def scale_target(s: Subject, r: IndicatorResult) -> Iterator[Finding]:
    """A 年度指标值 that lists an evaluation scale (优良差, 好坏) instead of the grade to reach."""
    if _target_noted(r, ValueNote.SCALE):
        text = r.indicator.target.text
        best = scale_grades("".join(text.split()))[:1] or ("优",)
        yield _at(r, "target"), f"年度指标值“{text}”是评价等级而不是目标：请写明要达到的等级，如“{best[0]}”。"


def two_targets(s: Subject, r: IndicatorResult) -> Iterator[Finding]:
    """Several targets in one 年度指标值 cell: only the first is scored."""
    if _target_noted(r, ValueNote.TWO_TARGETS):
        text = r.indicator.target.text
        parts = target_parts(text)
        named = "、".join(f"“{part}”" for part in parts)
        yield (
            _at(r, "target"),
            (
                f"年度指标值“{text}”含有{len(parts)}个目标（{named}），只按第一个“{parts[0]}”计算："
                "请拆成多个指标，每个指标填写一个指标值。"
            ),
        )


def _owes_deviation(r: IndicatorResult) -> bool:
    """:attr:`IndicatorResult.needs_deviation` (what the template's placeholder reads) and none written."""
    deviation = r.indicator.deviation
    return r.needs_deviation and not (deviation and deviation.strip())


def deviation_over_target(s: Subject, r: IndicatorResult) -> Iterator[Finding]:
    if r.over_achieved and _owes_deviation(r):
        yield (
            _at(r, "deviation"),
            (
                f"{_name(r)}实际完成值是年度指标值的{pct(r.ratio)}，高于{pct(s.fig.rules.over_threshold * 100)}，"
                "需分析原因（是否指标值设定偏低）并填写偏差原因分析。"
            ),
        )


def deviation_below_weight(s: Subject, r: IndicatorResult) -> Iterator[Finding]:
    if r.below_weight and _owes_deviation(r):
        yield (
            _at(r, "deviation"),
            (f"{_name(r)}得分{number(r.score)}低于分值{number(r.indicator.weight)}，请填写偏差原因分析及改进措施。"),
        )


__all__ = [
    "actual_not_exact",
    "calculation_target",
    "date_target",
    "deviation_below_weight",
    "deviation_over_target",
    "grade_inferred",
    "group_weights",
    "group_without_indicators",
    "no_score",
    "scale_target",
    "scaled_to_100",
    "score_differs",
    "score_outside_grade",
    "text_actual",
    "two_targets",
    "weights_total",
]
