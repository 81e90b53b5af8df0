"""The indicator rows of a table: 一级/二级/三级指标, 指标值 and, in a 自评表, 实际完成值, 分值, 得分.

A run starts at a header row (一级指标 | 二级指标 | 三级指标 | 指标值 …, found by label in any
column order, a second header row read for sub-columns such as 预期当年实现值) and goes on to the
next part of the table (总分, 单位负责人, the next 年度目标 …). A header repeated on a later page is
passed over. 一级/二级指标 are recognised by their names wherever they stand (a label column such
as "部门整体绩效情况" before them is passed over) and carried down merged or blank cells. A
comparator and unit in the indicator's name ("社区矫正对象（≥，人）") or in their own columns
(指标性质 | 指标值 | 度量单位) are joined to the value ("≥88人").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from reportgen.data.importing.match import label_core, match, parse_points, squash
from reportgen.data.importing.reading import Reading
from reportgen.data.importing.synonyms import COLUMN_LABELS
from reportgen.data.indicator_names import LEVEL2_BY_LEVEL1, expected_level1, normalize_level1, normalize_level2
from reportgen.data.values import ValueParseError, parse_value
from reportgen.support.grid import Cell

__all__ = ["IndicatorRun", "find_runs", "read_run"]

_PLACEHOLDER = re.compile(r"^[…．.。·、\s　]*$")
_GROUP_POINTS = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]")
_NAME_COMPARATOR = re.compile(
    r"[（(]\s*(?P<op>[≥≤>＞<＜=＝≧≦]|不低于|不高于|不少于|不超过)?\s*[，,、]?\s*(?P<unit>[^（）()，,]{0,6}?)\s*[）)]?\s*$"
)
_OPS = {"≧": "≥", "≦": "≤", "＞": ">", "＜": "<", "＝": "=", "不低于": "≥", "不少于": "≥", "不高于": "≤", "不超过": "≤"}
_LEVEL1_WORDS = {"产出指标", "效益指标", "满意度指标"}
_STANDARD_TYPES = ("计划标准", "历史标准", "行业标准", "其他标准", "行业指标", "历史指标", "计划指标")


@dataclass(frozen=True)
class IndicatorRun:
    """A header row and the rows of indicators under it."""

    header: int
    columns: dict[str, int]
    rows: range
    long_term: bool


def find_runs(reading: Reading) -> list[IndicatorRun]:
    """Every indicator header of the table and the rows it heads."""
    grid = reading.grid
    runs: list[IndicatorRun] = []
    r = 0
    while r < grid.height:
        columns = _header_columns(reading, r)
        if columns is None:
            r += 1
            continue
        start = _data_start(reading, r, columns)
        end = _run_end(reading, start)
        above = reading.anchor_above(r)
        long_term = above is not None and above.kind in ("long_indicators", "long_goals")
        runs.append(IndicatorRun(r, columns, range(start, end), long_term))
        r = max(end, r + 1)
    return runs


def _header_columns(reading: Reading, r: int) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for cell in reading.grid.row_cells(r):
        found = match(cell.text, COLUMN_LABELS)
        if found is not None and found[0] not in columns:
            columns[found[0]] = cell.col
    if "name" in columns and ("level1" in columns or "level2" in columns) and "target" in columns:
        return columns
    return None


def _data_start(reading: Reading, r: int, columns: dict[str, int]) -> int:
    """The first row after the header (and its sub-header row, whose target column it refines)."""
    grid = reading.grid
    header_cells = [cell for cell in grid.row_cells(r) if match(cell.text, COLUMN_LABELS)]
    start = max(c.row + c.rows for c in header_cells)
    reading.use(*header_cells)
    target = grid.at(r, columns["target"])
    if target is not None and target.cols > 1:
        for sub_row in range(r + 1, min(r + 3, grid.height)):
            subs = [grid.at(sub_row, c) for c in range(target.col, target.col + target.cols)]
            found = [(cell, match(cell.text, COLUMN_LABELS)) for cell in subs if cell is not None and not cell.empty]
            if not any(what for _cell, what in found):
                break
            for cell, what in found:
                reading.use(cell)
                if what is not None and what[0] == "target":
                    columns["target"] = cell.col
                elif what is not None and what[0] == "history":
                    for c in range(cell.col, cell.col + cell.cols):
                        columns.setdefault(f"history{c}", c)
            start = max(start, sub_row + 1)
    return start


def _run_end(reading: Reading, start: int) -> int:
    anchor = reading.anchor_from(start)
    return anchor.row if anchor is not None else reading.grid.height


def read_run(reading: Reading, run: IndicatorRun, data: dict[str, Any], group_weights: dict[str, Decimal]) -> None:
    """Append the run's indicators to ``data["indicators"]``."""
    grid = reading.grid
    cols = run.columns
    level1 = level2 = ""
    placeholders: list[Cell] = []
    for r in run.rows:
        if _header_columns(reading, r) is not None:  # the header again, as on each page of a long table
            for cell in grid.row_cells(r):
                reading.use(cell)
            continue
        name_cell = grid.at(r, cols["name"])
        found1, found2 = _levels(reading, r, cols["name"], group_weights)
        if found1 and found1 != level1:
            level1, level2 = found1, ""
        if found2:
            level2 = found2
            level1 = level1 or (expected_level1(found2) or "")
        if name_cell is None or name_cell.col != cols["name"] or name_cell.row != r:
            continue
        if name_cell.empty or _PLACEHOLDER.match(name_cell.text):
            if not name_cell.empty:
                placeholders.append(name_cell)
            for cell in grid.row_cells(r)[1:]:
                if cell.col > cols["name"] and _PLACEHOLDER.match(cell.text):
                    reading.use(cell)
            reading.use(name_cell)
            continue
        if run.long_term:
            for cell in grid.row_cells(r):
                reading.skip(cell, "长期（实施期）指标不属于本年度自评，未导入")
            continue
        _indicator(reading, r, run, name_cell, level1, level2, data)
    if placeholders:
        where = "、".join(grid.row_place(c.row).removeprefix(grid.name) for c in placeholders[:5])
        reading.finding(
            "template_rows",
            placeholders[0],
            f"表中还留着模板的“……”空行（{where}{'等' if len(placeholders) > 5 else ''}）：提交前请删除这些行。",
        )


def _levels(reading: Reading, r: int, name_col: int, group_weights: dict[str, Decimal]) -> tuple[str, str]:
    """The 一级 and 二级指标 named in a row's cells left of the name column."""
    level1 = level2 = ""
    for cell in reading.grid.row_cells(r):
        if cell.col >= name_col or cell.empty:
            continue
        text = squash(cell.text)
        points = _GROUP_POINTS.search(text)
        bare = _GROUP_POINTS.sub("", text)
        one = normalize_level1(bare)
        two = normalize_level2(bare)
        if isinstance(one, str) and one in _LEVEL1_WORDS and not (one == "满意度指标" and level1):
            level1 = str(one)
            if points is not None:
                group_weights[level1] = Decimal(points[1])
            reading.use(cell)
        elif isinstance(two, str) and any(two in names for names in LEVEL2_BY_LEVEL1.values()):
            level2 = two
            reading.use(cell)
        else:
            reading.skip(cell, "表中的标签列（不是一级或二级指标）")
    return level1, level2


def _indicator(
    reading: Reading, r: int, run: IndicatorRun, name_cell: Cell, level1: str, level2: str, data: dict[str, Any]
) -> None:
    grid = reading.grid
    cols = run.columns
    items: list[Any] = data.setdefault("indicators", [])
    index = len(items)
    items.append({})
    base = ("indicators", index)
    name, op, unit = _split_name(name_cell.text)
    item = items[index]
    if level1:
        item["level1"] = level1
    if level2:
        item["level2"] = level2
    reading.put(data, (*base, "name"), name, name_cell, name_cell.text)

    def cell_in(key: str) -> Cell | None:
        if key not in cols:
            return None
        cell = grid.at(r, cols[key])
        if cell is None or cell.empty or cell is name_cell or cell.col != cols[key]:
            return None
        return cell

    target_cell = cell_in("target")
    op_cell, unit_cell = cell_in("op"), cell_in("unit")
    if target_cell is not None:
        written = target_cell.text
        shown_parts = [c.text for c in (op_cell, target_cell, unit_cell) if c is not None]
        target = _compose(written, _op_word(op_cell.text) if op_cell else op, unit_cell.text if unit_cell else unit)
        written_as = " ".join(shown_parts)
        shown = target if squash(written_as) == squash(target) else f"{target}（原表为“{written_as}”）"
        reading.put(data, (*base, "target"), target, target_cell, shown)
        reading.use(op_cell, unit_cell)
        if unit_cell is not None and re.fullmatch(r"(?:案件|人|人员|次|场|户)数", squash(unit_cell.text)):
            proper = {"案件数": "件", "人数": "人", "人员数": "人", "次数": "次", "场数": "场", "户数": "户"}
            reading.finding(
                "unit_word",
                unit_cell,
                f"指标“{name}”的度量单位写的是“{squash(unit_cell.text)}”，应写计量单位"
                f"“{proper.get(squash(unit_cell.text), '件')}”：请改正。",
            )
    actual = cell_in("actual")
    if actual is not None:
        reading.put(data, (*base, "actual"), " ".join(actual.text.split()), actual)
    for key in ("weight", "score"):
        cell = cell_in(key)
        if cell is None:
            continue
        points = parse_points(cell.text)
        if points is None:
            reading.skip(cell, f"{'分值' if key == 'weight' else '得分'}不是数字")
            continue
        reading.put(data, (*base, key), points, cell, cell.text)
    deviation = cell_in("deviation")
    if deviation is not None:
        reading.put(data, (*base, "deviation"), deviation.text, deviation)
    standard = cell_in("standard")
    if standard is not None:
        if label_core(standard.text).startswith(_STANDARD_TYPES):
            reading.put(data, (*base, "standard"), label_core(standard.text), standard)
        else:
            reading.skip(standard, "绩效标准一栏应写标准类型（计划标准、历史标准、行业标准），这里写的是数值，未导入")
    history = [(c, grid.at(r, c)) for key, c in cols.items() if key.startswith("history")]
    for _c, cell in history:
        if cell is not None:
            reading.skip(cell, "往年的指标值，不属于本年度自评，未导入")
    if history and target_cell is not None:
        _below_last_year(reading, run, history[-1], name, str(items[index].get("target", "")))


def _below_last_year(
    reading: Reading, run: IndicatorRun, last: tuple[int, Cell | None], name: str, target: str
) -> None:
    """A target below last year's actual value (指标值设定明显偏低, which 10号 tells evaluators to mark down)."""
    col, cell = last
    if cell is None or cell.empty:
        return
    try:
        before, goal = parse_value(cell.text), parse_value(target)
    except ValueParseError:
        return
    if not (before.is_quantitative and goal.is_quantitative) or before.value is None or goal.value is None:
        return
    if before.unit != goal.unit or goal.direction == "reverse" or before.value <= goal.value:
        return
    year = next(
        (
            label_core(head.text)
            for head in (reading.grid.at(row, col) for row in range(run.header, run.rows.start))
            if head is not None and re.fullmatch(r"20\d{2}年", label_core(head.text))
        ),
        "上年",
    )
    reading.finding(
        "target_below_history",
        cell,
        f"指标“{name}”的年度指标值{target}低于{year}已达到的{cell.text}：指标值设定偏低，评价时会被扣分，请核对。",
    )


def _split_name(text: str) -> tuple[str, str, str]:
    """An indicator's name without a trailing "（≥，人）", and the comparator and unit it held."""
    name = " ".join(text.split())
    found = _NAME_COMPARATOR.search(name)
    if found is None or not (found["op"] or found["unit"]):
        return name, "", ""
    if found["op"] is None and not re.fullmatch(
        r"%|％|[件人个次场卷户家元万元天月年小时分钟]{1,3}", found["unit"] or ""
    ):
        return name, "", ""
    head = name[: found.start()].rstrip()
    if not head:
        return name, "", ""
    return head, _OPS.get(found["op"] or "", found["op"] or ""), (found["unit"] or "").replace("％", "%")


def _op_word(text: str) -> str:
    core = squash(text)
    if core in ("定性", "定性指标"):
        return "定性"
    return _OPS.get(core, core if core in ("≥", "≤", ">", "<", "=") else "")


def _compose(value: str, op: str, unit: str) -> str:
    """The target as the data format writes it: comparator, number, unit ("≥" "300" "件" → "≥300件")."""
    text = " ".join(value.split())
    if op == "定性" or not re.match(r"^\d", squash(text)):
        return text
    body = squash(text)
    if unit and re.fullmatch(r"\d+(?:\.\d+)?", body):
        body += unit
    if op and op != "=" and body[0].isdigit():
        body = op + body
    return body
