"""The registry of check rules (figures/checks): stable names, a fixed order, one flag per rule."""

from __future__ import annotations

from figures_cases import BASE, checked, indicator, report
from reportgen.errors import Severity
from reportgen.figures.checks import RULES, rule_names
from reportgen.figures.checks.rules import Rule

_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.MISSING: 2}


def test_rule_names_are_unique_and_name_the_documented_rules() -> None:
    names = rule_names()
    assert len(names) == len(set(names))
    for name in (
        "unit_magnitude",
        "weights_total",
        "execution_over_budget",
        "sources_sum",
        "missing_actual",
        "deviation_below_weight",
        "deviation_over_target",
    ):
        assert name in names


def test_errors_come_first_then_warnings_then_missing_items() -> None:
    ranks = [_RANK[entry.severity] if isinstance(entry, Rule) else _RANK[entry[0].severity] for entry in RULES]
    assert ranks == sorted(ranks)
    assert all(len({r.severity for r in entry}) == 1 for entry in RULES if not isinstance(entry, Rule))


def test_the_deviation_warning_and_the_template_placeholder_read_one_flag() -> None:
    short = indicator("办理案件", "100件", "80件", 50)
    result = checked(report(indicators=[short, *BASE["indicators"][1:]]))
    assert result.figures is not None
    first = result.figures.indicators[0]
    assert first.needs_deviation and first.below_weight and not first.over_achieved
    assert any(i.path == "indicators[0].deviation" for i in result.warnings)


def test_execution_over_budget_warning_follows_the_budget_flag() -> None:
    result = checked(report(budget={"adjusted": 100, "executed": 100.001, "by_nature": {"basic": 100.001}}))
    assert result.figures is not None and result.figures.budget.over_budget is not None
    assert any(i.path == "budget.executed" and "超过全年预算数" in i.message for i in result.warnings)
