"""The checks: a registry of named rules over a report and its figures, run in a fixed order.

Errors first (the figures cannot be printed honestly), then warnings (listed by ``validate``
and in the report's appendix of checks), then what a draft still lacks. Within each, the
order is the registry's; an :class:`IndicatorRule` run is one pass over the indicators,
every rule of the run applied to one indicator before the next. A rule's name is stable:
it says which rule a finding came from (tests, docs) without reading its message.
"""

from __future__ import annotations

from reportgen.data.fieldpath import PathKey, format_path
from reportgen.data.labels import label_for
from reportgen.data.model import Report
from reportgen.data.raw import RawData
from reportgen.errors import Issue, Severity
from reportgen.figures.checks import indicators, missing, money
from reportgen.figures.checks.magnitude import magnitude_errors
from reportgen.figures.checks.published import published_differences
from reportgen.figures.checks.rules import IndicatorRule, Rule, Subject
from reportgen.figures.compute import Figures

E, W, M = Severity.ERROR, Severity.WARNING, Severity.MISSING

Entry = Rule | tuple[IndicatorRule, ...]

RULES: tuple[Entry, ...] = (
    Rule("unit_magnitude", E, lambda s: magnitude_errors(s.report)),
    Rule("group_without_indicators", E, indicators.group_without_indicators),
    Rule("weights_total", E, indicators.weights_total),
    Rule("money_unit", W, money.money_unit),
    Rule("execution_over_budget", W, money.execution_over_budget),
    Rule("low_execution_rate", W, money.low_execution_rate),
    Rule("sources_sum", W, money.sources_sum),
    Rule("nature_sum", W, money.nature_sum),
    Rule("basic_parts_sum", W, money.basic_parts_sum),
    Rule("project_over_budget", W, money.project_over_budget),
    Rule("projects_sum", W, money.projects_sum),
    Rule("group_weights", W, indicators.group_weights),
    Rule("scaled_to_100", W, indicators.scaled_to_100),
    (
        IndicatorRule("calculation_target", W, indicators.calculation_target),
        IndicatorRule("date_target", W, indicators.date_target),
        IndicatorRule("scale_target", W, indicators.scale_target),
        IndicatorRule("two_targets", W, indicators.two_targets),
        IndicatorRule("score_differs", W, indicators.score_differs),
        IndicatorRule("score_outside_grade", W, indicators.score_outside_grade),
        IndicatorRule("no_score", W, indicators.no_score),
        IndicatorRule("grade_inferred", W, indicators.grade_inferred),
        IndicatorRule("actual_not_exact", W, indicators.actual_not_exact),
        IndicatorRule("text_actual", W, indicators.text_actual),
        IndicatorRule("deviation_over_target", W, indicators.deviation_over_target),
        IndicatorRule("deviation_below_weight", W, indicators.deviation_below_weight),
    ),
    Rule("published_figures", W, lambda s: published_differences(s.report, s.fig)),
    Rule("missing_project_name", M, missing.missing_project_name),
    Rule("missing_unit", M, missing.missing_unit),
    Rule("missing_budget", M, missing.missing_budget),
    Rule("missing_project_executed", M, missing.missing_project_executed),
    Rule("missing_goals", M, missing.missing_goals),
    Rule("missing_goal_actual", M, missing.missing_goal_actual),
    (
        IndicatorRule("missing_weight", M, missing.missing_weight),
        IndicatorRule("missing_actual", M, missing.missing_actual),
    ),
    Rule("missing_sections", M, missing.missing_sections),
    Rule("missing_date", M, missing.missing_date),
)


def check(report: Report, figures: Figures, raw: RawData | None = None) -> list[Issue]:
    """Every finding of a well-formed report, rule by rule in the registry's order."""

    def issue(path: PathKey, message: str, severity: Severity) -> Issue:
        return Issue(format_path(path), message, severity, label_for(path), raw.locate(path) if raw else "")

    subject = Subject(report, figures, raw)
    found: list[Issue] = []
    for entry in RULES:
        if isinstance(entry, Rule):
            found += (issue(path, message, entry.severity) for path, message in entry.find(subject))
            continue
        for result in figures.indicators:
            for rule in entry:
                found += (issue(path, message, rule.severity) for path, message in rule.find(subject, result))
    return found


def rule_names() -> tuple[str, ...]:
    """Every rule's name, in the registry's order."""
    return tuple(
        name for entry in RULES for name in ((entry.name,) if isinstance(entry, Rule) else tuple(r.name for r in entry))
    )


__all__ = ["RULES", "check", "rule_names"]
