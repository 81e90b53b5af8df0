"""A unit's facts as the bureau's summary shows them: amounts in 万元, and its problems worded
without field paths (``budget.executed`` → 全年执行数), so a reviewer can read them."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from reportgen.data.fieldpath import PathKey, parse_path
from reportgen.data.labels import label_for
from reportgen.data.values import convert_money
from reportgen.errors import Issue, Severity
from reportgen.figures.fmt import amount

SUMMARY_MONEY = "万元"
_SHOWN = (Severity.ERROR, Severity.WARNING)


def in_wan(value: Decimal | None, unit: str) -> str:
    """``value`` (in ``unit``, 元 or 万元) in 万元 with two decimals; '' when there is none."""
    return "" if value is None else amount(convert_money(value, unit, SUMMARY_MONEY))


def issue_notes(issues: Iterable[Issue]) -> list[str]:
    """Every error, then every warning, as one line each: ``错误：全年执行数：应填写数字``."""
    ordered = sorted((i for i in issues if i.severity in _SHOWN), key=lambda i: _SHOWN.index(i.severity))
    return [issue_note(issue) for issue in ordered]


def issue_note(issue: Issue) -> str:
    """One issue for the summary: its severity, the field by its Chinese name, the message."""
    where = field_name(parse_path(issue.path), issue.label)
    return "：".join(part for part in (issue.severity.word, where, issue.message.rstrip("。")) if part) + "。"


def field_name(path: PathKey, label: str = "") -> str:
    """The field at ``path`` as a reader names it: ``indicators[3].target`` → 绩效指标第4项的年度指标值."""
    name = label or label_for(path)
    index = next((n for n, part in enumerate(path) if isinstance(part, int)), None)
    if index is None or index == 0:
        return name
    item = path[index]
    assert isinstance(item, int)
    whole = label_for(path[:index])
    inner = name if index < len(path) - 1 and name != whole else ""
    return f"{whole}第{item + 1}项" + (f"的{inner}" if inner else "")


def raw_name(data: Any) -> str:
    """The unit's name as far as data that is not valid can tell it ('' if it cannot)."""
    unit = data.get("unit") if isinstance(data, dict) else None
    name = unit.get("name") if isinstance(unit, dict) else None
    return name.strip() if isinstance(name, str) else ""


def raw_year(data: Any) -> int | None:
    """The year of data that is not valid, if it reads as one."""
    year = data.get("year") if isinstance(data, dict) else None
    if isinstance(year, int) and not isinstance(year, bool):
        return year
    if isinstance(year, str) and year.strip().isdigit():
        return int(year.strip())
    return None
