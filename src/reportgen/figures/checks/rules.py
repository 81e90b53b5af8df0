"""What a check rule is: a named, small function with its severity and the findings it yields.

A :class:`Rule` looks at the whole report; an :class:`IndicatorRule` at one indicator's
result (the registry applies every indicator rule to one indicator before the next, so
findings stay in the order of the data file). A finding is the field it concerns and the
message the user reads; the registry (:mod:`reportgen.figures.checks`) turns it into an
:class:`~reportgen.errors.Issue` of the rule's severity.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from reportgen.data.fieldpath import PathKey
from reportgen.data.model import Report
from reportgen.data.raw import RawData
from reportgen.data.values import convert_money
from reportgen.errors import Severity
from reportgen.figures.compute import Figures
from reportgen.figures.fmt import amount
from reportgen.figures.results import IndicatorResult

Finding = tuple[PathKey, str]


@dataclass(frozen=True)
class Subject:
    """What the rules look at: the report, its figures, and the raw data (where a field was typed)."""

    report: Report
    fig: Figures
    raw: RawData | None = None

    def show(self, value: Decimal) -> str:
        """An amount of the data, compared exactly and shown in the report unit."""
        unit = self.fig.unit
        return f"{amount(convert_money(value, self.report.money_unit, unit))}{unit}"


@dataclass(frozen=True)
class Rule:
    """A rule on the whole report."""

    name: str
    severity: Severity
    find: Callable[[Subject], Iterable[Finding]]


@dataclass(frozen=True)
class IndicatorRule:
    """A rule on one indicator's result."""

    name: str
    severity: Severity
    find: Callable[[Subject, IndicatorResult], Iterable[Finding]]


__all__ = ["Finding", "IndicatorRule", "Rule", "Subject"]
