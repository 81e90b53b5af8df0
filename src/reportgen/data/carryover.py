"""A copy of last year's report as the start of next year's: targets and text that stay
true carried over, every figure of the year evaluated cleared.

A unit's self-evaluation for year N+1 starts from the same unit, the same functions and
mostly the same indicators as year N (docs/domain.md §1.2: the indicators are those of the
approved 绩效目标表, whose targets are copied unchanged). Everything *measured* in year N —
amounts, actual values, scores — belongs to year N only, and so does the text that reports
on it. The rule, field by field (keys of docs/data-format.md):

Carried over (true of the unit, or a target the new year starts from):

- ``format``, ``kind``, ``money_unit``; ``year`` + 1;
- ``unit``: ``name``, ``short_name``, ``code``, ``level``, ``functions`` (职能职责),
  ``departments`` (内设机构), ``overview`` (单位概况);
- ``project`` (项目名称, 主管部门, 实施单位) of a project report;
- ``projects[]`` (项目支出明细): ``name``, ``source`` (资金来源), ``note`` (说明) — the
  projects a unit runs year after year, their 预算数 and 执行数 left to fill in;
- ``goals[].expected`` (预期目标);
- ``indicators[]``: ``level1``, ``level2``, ``name``, ``target`` (年度指标值), ``weight``
  (分值), ``direction``, ``standard``, ``applicable`` — the indicator table as approved;
- ``budget.weight`` (预算执行率分值) and ``scoring`` (评分规则): rules, not figures. The
  weight is written out even when the source leaves it to its default (10), so that 年度资金
  is never empty: a workbook made from the copy keeps its 年度资金 sheet.

Cleared (a figure of year N, or text that must be written anew for N+1):

- every amount: ``budget.initial``/``adjusted``/``executed``, ``by_source``, ``by_nature``,
  a project's ``budget`` and ``executed`` — last year's amount in this year's report would
  be a wrong figure that looks right;
- ``unit.staff`` (人员情况): head counts at the end of year N;
- ``indicators[]``: ``actual``, ``score``, ``grade`` and ``deviation`` (偏差原因分析);
- ``goals[].actual`` (实际完成情况);
- ``performance`` (绩效情况), ``problems`` (存在的问题及原因), ``measures`` (下一步改进措施),
  ``application`` (结果应用和公开情况) and ``other`` (其他需要说明的情况): each reports on
  year N. Copied text is the error domain.md §4.1 (11) names — a 2022 report whose 原因分析
  still cited 2021 (§4.2) — so these are left empty and listed as 尚未填写;
- ``published`` (原表数字, a project's too), ``date`` (报告日期).

Only the keys above are read: anything else in the source is left behind. The result is a
draft: it has no errors of its own, and what it lacks is listed as 尚未填写.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportgen.data.vocabulary import DEFAULT_BUDGET_WEIGHT

_TOP = ("format", "kind")
_UNIT = ("name", "short_name", "code", "level", "functions", "departments", "overview")
_PROJECT = ("name", "authority", "implementer")
_PROJECTS = ("name", "source", "note")
_INDICATOR = ("level1", "level2", "name", "target", "weight", "direction", "standard", "applicable")


class CannotCopy(ValueError):
    """Data that has no year (or no data format) to copy from; the message is shown to users."""


def next_year(data: Mapping[str, Any]) -> dict[str, Any]:
    """The start of the next year's report from ``data`` (a data file's plain values)."""
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool):
        raise CannotCopy("这份报告没有填写年度（或年度不是整数），无法复制为下一年度的报告：请先填写年度。")
    copied: dict[str, Any] = {key: data[key] for key in _TOP if key in data}
    copied["year"] = year + 1
    if "money_unit" in data:
        copied["money_unit"] = data["money_unit"]
    copied["unit"] = _picked(data.get("unit"), _UNIT)
    copied["budget"] = _budget(data.get("budget"))
    if isinstance(data.get("project"), Mapping):
        copied["project"] = _picked(data["project"], _PROJECT)
    projects = [_picked(item, _PROJECTS) for item in _items(data.get("projects"))]
    if projects:
        copied["projects"] = projects
    goals = [{"expected": g["expected"]} for g in _items(data.get("goals")) if _text(g.get("expected"))]
    if goals:
        copied["goals"] = goals
    copied["indicators"] = [_picked(item, _INDICATOR) for item in _items(data.get("indicators"))]
    if isinstance(data.get("scoring"), Mapping):
        copied["scoring"] = _plain(data["scoring"])
    return copied


def copy_note(data: Mapping[str, Any]) -> str:
    """The new version's note: 由 2024 年度报告复制."""
    return f"由 {data.get('year')} 年度报告复制"


def _picked(value: object, keys: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        return {}
    return {key: _plain(value[key]) for key in keys if key in value}


def _budget(value: object) -> dict[str, Any]:
    """Only the 预算执行率分值, a rule; every amount is the year's own."""
    if isinstance(value, Mapping) and value.get("weight") is not None:
        return {"weight": value["weight"]}
    return {"weight": DEFAULT_BUDGET_WEIGHT}


def _items(value: object) -> list[Mapping[str, Any]]:
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _plain(value: Any) -> Any:
    """A copy that shares no list or map with the source."""
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value
