"""The text of a hand-made report beside its 自评表: figures the text states against the table's.

A report's text restates the table: "2022年支出1690.55万元，其中基本支出1247.62万元，项目支出442.93万元",
then "项目经费收入占总收入的24.08%". Each amount the text names by label (基本支出, 项目支出, 全年支出)
is compared with the 部门整体 table's figure rounded as printed, and each share with the share its
own paragraph's amounts give — the way a reviewer reads a report. A figure is placed by the
heading it stands under ("正文“（一）基本支出情况”下第1段").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from reportgen.data.importing.result import ImportedTable, TableFinding
from reportgen.data.values import convert_money

__all__ = ["narrative_findings", "rounding_between_tables"]

_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])")
_AMOUNT = re.compile(
    r"(?P<label>基本支出|项目支出|人员经费|公用经费|全年支出|总支出|年支出)(?:共计|合计|总计|为|是|约)?(?P<value>\d+(?:\.\d+)?)万元"
)
_SHARE = re.compile(
    r"(?P<label>[\u4e00-\u9fff]{2,8}?)占(?:总收入|总支出|支出总额|收入总额|总额|全年支出|总经费)的?(?P<value>\d+(?:\.\d+)?)[%％]"
)
_CENT = Decimal("0.01")


def _wan(data: dict[str, Any], value: Any) -> Decimal | None:
    if value is None:
        return None
    return convert_money(Decimal(value), data["money_unit"], "万元")


def _shown(value: Decimal) -> Decimal:
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def _places(paragraphs: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    heading, count = "", 0
    for text in paragraphs:
        line = " ".join(text.split())
        if _HEADING.match(line) and len(line) <= 40:
            heading, count = line, 0
            continue
        count += 1
        yield (f"正文“{heading}”下第{count}段" if heading else f"正文第{count}段"), line


def narrative_findings(paragraphs: tuple[str, ...], department: ImportedTable | None) -> list[TableFinding]:
    """Amounts and shares in the report's text that contradict the 部门整体 table (or themselves)."""
    if department is None:
        return []
    data = department.data
    budget = data.get("budget", {})
    nature = budget.get("by_nature") or {}
    figures = {
        "基本支出": _wan(data, nature.get("basic")),
        "项目支出": _wan(data, nature.get("project")),
        "人员经费": _wan(data, nature.get("personnel")),
        "公用经费": _wan(data, nature.get("public_use")),
        "支出": _wan(data, budget.get("executed")),
    }
    found: list[TableFinding] = []
    for place, line in _places(paragraphs):
        stated: dict[str, Decimal] = {}
        for match in _AMOUNT.finditer(line):
            label = match["label"] if match["label"] in figures else "支出"
            value = Decimal(match["value"])
            stated.setdefault(label, value)
            table_value = figures.get(label)
            if table_value is None or _shown(table_value) == value:
                continue
            if abs(table_value - value) < _CENT:
                why = f"表中为{_shown(table_value)}万元（四舍五入），正文写{value}万元，应是截断了小数"
            else:
                why = f"自评表中{label}为{_shown(table_value)}万元"
            found.append(TableFinding("text_amount", place, f"正文写“{match.group()}”，{why}：请统一。"))
        found += _shares(place, line, stated)
    return found


def _shares(place: str, line: str, stated: dict[str, Decimal]) -> list[TableFinding]:
    whole = stated.get("支出")
    if whole is None or whole == 0:
        return []
    found: list[TableFinding] = []
    basic_parts = Decimal(0)
    basic_labels: list[str] = []
    for match in _SHARE.finditer(line):
        label, share = match["label"], Decimal(match["value"])
        if "项目" in label and "项目支出" in stated:
            computed = _shown(stated["项目支出"] / whole * 100)
            if computed != share:
                found.append(
                    TableFinding(
                        "text_share",
                        place,
                        f"正文写“{match.group()}”，但按同一段的金额，项目支出{stated['项目支出']}万元占"
                        f"{whole}万元应为{computed}%：请核对。",
                    )
                )
        elif "人员" in label or "公用" in label or "基本" in label:
            basic_parts += share
            basic_labels.append(match.group())
    if basic_labels and "基本支出" in stated:
        computed = _shown(stated["基本支出"] / whole * 100)
        if computed != basic_parts:
            said = "、".join(f"“{text}”" for text in basic_labels)
            found.append(
                TableFinding(
                    "text_share",
                    place,
                    f"正文写{said}，合计{basic_parts}%，但按同一段的金额，基本支出{stated['基本支出']}万元占"
                    f"{whole}万元应为{computed}%：请核对。",
                )
            )
    return found


def rounding_between_tables(department: ImportedTable | None, projects: list[ImportedTable]) -> list[TableFinding]:
    """The 部门整体 table's 项目支出 and a lone project table's 全年执行数, one figure printed twice:
    a difference below 0.01 万元 is a truncation where the other table rounded."""
    if department is None or len(projects) != 1:
        return []
    nature = department.data.get("budget", {}).get("by_nature") or {}
    whole = _wan(department.data, nature.get("project"))
    project = projects[0]
    executed = _wan(project.data, project.data.get("budget", {}).get("executed"))
    if whole is None or executed is None or _shown(whole) == _shown(executed) or abs(whole - executed) >= _CENT:
        return []
    where = project.locations.get(("budget", "executed"), project.source)
    return [
        TableFinding(
            "rounding",
            where,
            f"项目表的全年执行数为{_shown(executed)}万元，部门整体表的项目支出为"
            f"{nature.get('project')}{department.data['money_unit']}（四舍五入为{_shown(whole)}万元）："
            "同一个数字两处不一致，应是截断而不是四舍五入，请统一为" + f"{_shown(whole)}万元。",
        )
    ]
