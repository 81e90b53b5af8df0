"""元 typed where 万元 is meant (docs/domain.md §4.1 item 2): amounts 100 times off their peers.

Amounts that belong together — 年初/全年预算数/全年执行数, a project's 预算数 and 执行数 — are
of one order of magnitude, and a part is never larger than the whole it belongs to. When a
part is 100 times its whole or more, or two peers differ by a factor of 100 (an execution 1,000
times below its budget), one amount was typed in the other money unit (which makes a factor of
10,000): in a 万元 file the larger one (元 typed), in a 元 file the smaller one (万元 typed).
Such an amount is an error: the report would print "年初预算数8623000.00万元" as if it were true.
A part far smaller than its whole is normal and never flagged.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reportgen.data.fieldpath import PathKey
from reportgen.data.labels import label_for
from reportgen.data.model import Report
from reportgen.data.vocabulary import SOURCE_KEYS
from reportgen.figures.numbers import round_half_up

FACTOR = Decimal(100)
LOW_EXECUTION_FACTOR = Decimal(1000)  # an execution rate below 0.1 % is no real execution
_NATURE_KEYS = ("basic", "personnel", "public_use", "project")

Amount = tuple[PathKey, str, Decimal | None]
# (amount, the amount it is compared with, how far it may fall below that amount: None for a part)
Pair = tuple[Amount, Amount, Decimal | None]


def magnitude_errors(report: Report) -> Iterator[tuple[PathKey, str]]:
    """One error per amount that is 100 times or more off an amount it belongs with."""
    flagged: set[PathKey] = set()
    for pair in _pairs(report):
        outlier = _outlier(pair, report.money_unit)
        if outlier is None or outlier[0][0] in flagged:
            continue
        flagged.add(outlier[0][0])
        yield outlier[0][0], _message(outlier[0], outlier[1], report.money_unit)


def _pairs(report: Report) -> Iterator[Pair]:
    b = report.budget
    initial: Amount = (("budget", "initial"), "年初预算数", b.initial)
    adjusted: Amount = (("budget", "adjusted"), "全年预算数", b.adjusted)
    executed: Amount = (("budget", "executed"), "全年执行数", b.executed)
    reference = adjusted if b.adjusted else initial
    yield initial, adjusted, FACTOR
    yield executed, reference, LOW_EXECUTION_FACTOR
    if b.by_source is not None:
        for key in SOURCE_KEYS:
            path: PathKey = ("budget", "by_source", key)
            yield (path, label_for(path), getattr(b.by_source, key)), reference, None
    if b.by_nature is not None:
        whole = executed if b.executed else reference
        for key in _NATURE_KEYS:
            path = ("budget", "by_nature", key)
            yield (path, label_for(path), getattr(b.by_nature, key)), whole, None
    for index, item in enumerate(report.projects):
        budget: Amount = (("projects", index, "budget"), f"项目“{item.name}”的预算数", item.budget)
        yield (
            (("projects", index, "executed"), f"项目“{item.name}”的执行数", item.executed),
            budget,
            LOW_EXECUTION_FACTOR,
        )
        yield budget, reference, None


def _outlier(pair: Pair, unit: str) -> tuple[Amount, Amount] | None:
    """(the amount typed in the other unit, the amount it was compared with), or None."""
    amount, peer, below = pair
    a, b = amount[2], peer[2]
    if not a or not b:
        return None
    if a >= b * FACTOR:
        low, high = peer, amount
    elif below is not None and b >= a * below:
        low, high = amount, peer
    else:
        return None
    return (high, low) if unit == "万元" else (low, high)


def _message(outlier: Amount, other: Amount, unit: str) -> str:
    _, label, value = outlier
    _, other_label, other_value = other
    assert value is not None and other_value is not None
    if unit == "万元":
        times = round_half_up(value / other_value, Decimal(1))
        fixed = _plain(value / 10000)
        return (
            f"{label}{_plain(value)}万元是{other_label}{_plain(other_value)}万元的{times}倍：是否按元填写？"
            f"若是，请改为{fixed}（万元）；若全部金额都是按元填写的，请把金额单位 money_unit 改为“元”。"
        )
    times = round_half_up(other_value / value, Decimal(1))
    fixed = _plain(value * 10000)
    return (
        f"{label}{_plain(value)}元只有{other_label}{_plain(other_value)}元的{times}分之一：是否按万元填写？"
        f"若是，请改为{fixed}（元）；若全部金额都是按万元填写的，请把金额单位 money_unit 改为“万元”。"
    )


def _plain(value: Decimal) -> str:
    """An amount as typed, without exponent or trailing zeros beyond the cent."""
    rounded = round_half_up(value, Decimal("0.000001")).normalize()
    text = f"{rounded:f}"
    return text


__all__ = ["FACTOR", "magnitude_errors"]
