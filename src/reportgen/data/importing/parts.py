"""The blocks of a table beside its money and indicators: 职能职责, 年度总体目标 (with 实际完成情况 in a
自评表), 年度主要任务 (projects when they carry amounts, goals otherwise), a 专项资金汇总表, and the
支出明细及测算 of a project table (whose sums are checked)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from reportgen.data.importing.match import label_core, match, parse_amount
from reportgen.data.importing.money import convert
from reportgen.data.importing.reading import Anchor, Reading
from reportgen.data.importing.synonyms import STOP_LABELS
from reportgen.data.importing.texts import split_items
from reportgen.support.grid import Cell, number_text

__all__ = ["read_breakdown", "read_functions", "read_goals", "read_summary", "read_tasks"]

_EXPECTED = ("预期目标", "年度目标", "目标")
_ACTUAL = ("实际完成情况", "完成情况", "实际完成")
_LONG = ("长期目标", "实施期目标", "中长期目标")


def _cells_right(reading: Reading, anchor: Anchor, rows: range) -> list[Cell]:
    """The distinct non-empty cells right of an anchor's label column, row by row."""
    out: list[Cell] = []
    for r in rows:
        for cell in reading.grid.row_cells(r):
            if cell.col > anchor.cell.col + anchor.cell.cols - 1 and not cell.empty and cell.row == r:
                out.append(cell)  # a cell starts in one row only: never twice
    return out


def read_functions(reading: Reading, anchor: Anchor, data: dict[str, Any]) -> None:
    """职能职责: the text beside the label, split into its numbered items."""
    reading.use(anchor.cell)
    items: list[str] = []
    cells = _cells_right(
        reading, anchor, reading.block_rows(anchor) if anchor.cell.rows > 1 else range(anchor.row, anchor.row + 1)
    )
    for cell in cells:
        items += split_items(cell.text)
        reading.use(cell)
    for index, item in enumerate(items):
        reading.put_at(data, ("unit", "functions", index), item, reading.place(cells[0]) if cells else "", item)


def read_goals(reading: Reading, anchor: Anchor, data: dict[str, Any]) -> None:
    """年度总体目标: 预期目标 (and 实际完成情况) items, from the cells beside the label."""
    reading.use(anchor.cell)
    rows = reading.block_rows(anchor)
    if anchor.kind == "long_goals":
        for cell in _cells_right(reading, anchor, rows):
            reading.skip(cell, "长期（实施期）目标不属于本年度自评，未导入")
        return
    cells = _cells_right(reading, anchor, rows)
    actual_col = long_col = None
    for cell in cells:
        core = label_core(cell.text)
        if core in _EXPECTED or core.startswith("预期目标"):
            reading.use(cell)
        elif core.startswith(_ACTUAL):
            actual_col = cell.col
            reading.use(cell)
        elif core.startswith(_LONG):
            long_col = cell.col
            reading.use(cell)
    expected: list[tuple[str, Cell]] = []
    actual: list[tuple[str, Cell]] = []
    for cell in cells:
        if reading.is_used(cell):
            continue
        if long_col is not None and cell.col == long_col:
            reading.skip(cell, "长期目标不属于本年度自评，未导入")
            continue
        side = actual if actual_col is not None and cell.col >= actual_col else expected
        side += [(item, cell) for item in _goal_items(cell.text)]
        reading.use(cell)
    for index, (text, cell) in enumerate(expected):
        base = _add_goal(reading, data, text, cell)
        if base is None:
            continue
        if index < len(actual):
            got, got_cell = actual[index]
            reading.put(data, ("goals", base, "actual"), got, got_cell, got)
    for got, got_cell in actual[len(expected) :]:
        reading.skip(got_cell, f"实际完成情况“{got[:20]}”没有对应的预期目标")


_PUNCT = re.compile(r"[\s,，。、;；:：!！“”\"'（）()]")


def _add_goal(reading: Reading, data: dict[str, Any], text: str, cell: Cell) -> int | None:
    """Append a goal unless the table already stated it (a 年度目标 column and 年度目标1 rows say it twice)."""
    goals: list[Any] = data.setdefault("goals", [])
    if reading.goal_keys is None:
        reading.goal_keys = {_PUNCT.sub("", g.get("expected", ""))[:16] for g in goals}
    key = _PUNCT.sub("", text)[:16]
    if key in reading.goal_keys:
        reading.use(cell)
        return None
    reading.goal_keys.add(key)
    index = len(goals)
    reading.put(data, ("goals", index, "expected"), text, cell, text)
    return index


def _goal_items(text: str) -> list[str]:
    items = split_items(text)
    return [re.sub(r"^(?:年度)?目标\d{1,2}[:：]\s*", "", item) for item in items if item]


_TASK_NAME = ("任务名称", "事项", "工作任务", "项目名称", "名称")
_TASK_TEXT = ("主要内容", "工作目标", "工作内容", "实施内容")
_TASK_AMOUNT = ("预算金额", "金额", "总额", "资金")
_TOTAL = ("金额合计", "合计", "总计")


def read_tasks(reading: Reading, anchor: Anchor, data: dict[str, Any], unit: str) -> None:
    """年度主要任务: projects with their amounts, or — without amounts — the year's goals."""
    grid = reading.grid
    reading.use(anchor.cell)
    rows = reading.block_rows(anchor)
    columns: dict[str, int] = {}
    first_data = rows.start
    for r in rows:
        labels = {_task_column(c.text): c for c in grid.row_cells(r) if c.col > anchor.cell.col and c.row == r}
        labels.pop(None, None)
        if not labels:
            break
        for key, cell in labels.items():
            if key is not None:
                columns.setdefault(key, cell.col)
                reading.use(cell)
        for cell in grid.row_cells(r):
            if cell.col > anchor.cell.col and label_core(cell.text) in ("总额", "财政拨款", "其他资金"):
                reading.use(cell)
                if label_core(cell.text) == "总额":
                    columns["amount"] = cell.col
        first_data = r + 1
    if "name" not in columns:  # a numbered list in one cell (年度工作任务 | 1.推进… 2.深化…): the year's goals
        for cell in _cells_right(reading, anchor, rows):
            for item in _goal_items(cell.text):
                _add_goal(reading, data, item, cell)
            reading.use(cell)
        return
    tasks: list[tuple[Cell, Cell | None, Cell | None]] = []
    owners: dict[int, str] = {}  # 责任单位/科室 of a task, by its name cell
    total: tuple[Cell, Cell | None] | None = None
    for r in range(first_data, rows.stop):
        name = grid.at(r, columns["name"])
        if name is None or name.empty or name.row != r:
            continue
        amount = grid.at(r, columns["amount"]) if "amount" in columns else None
        text = grid.at(r, columns["text"]) if "text" in columns else None
        if match(name.text, STOP_LABELS) is not None:
            break
        if label_core(name.text).startswith(_TOTAL):
            beside = amount if amount is not None and not amount.empty else reading.right_of(name)
            total = (name, beside)
            reading.use(*(c for c in grid.row_cells(r) if c.col > name.col and parse_amount(c.text)))
            continue
        owner = grid.at(r, columns["owner"]) if "owner" in columns else None
        if owner is not None and not owner.empty and owner is not name:
            reading.use(owner)
            owners[id(name)] = " ".join(owner.text.split())
        tasks.append((name, text if text is not None and text is not name else None, amount))
    with_amounts = any(a is not None and parse_amount(a.text) for _n, _t, a in tasks)
    for name, text, amount in tasks:
        if with_amounts:
            index = len(data.setdefault("projects", []))
            reading.put(data, ("projects", index, "name"), " ".join(name.text.split()), name)
            got = parse_amount(amount.text) if amount is not None else None
            if got is not None and amount is not None:
                reading.put(data, ("projects", index, "budget"), convert(got, unit), amount)
            if text is not None and not text.empty and label_core(text.text) != label_core(name.text):
                reading.put(data, ("projects", index, "note"), " ".join(text.text.split()), text)
            elif text is not None:
                reading.use(text)
        else:
            goal = " ".join(name.text.split())
            if id(name) in owners:
                goal = f"{goal}（{owners[id(name)]}）"
            if text is not None and not text.empty:
                goal = f"{goal}：{' '.join(text.text.split())}"
                reading.use(text)
            index = len(data.setdefault("goals", []))
            reading.put(data, ("goals", index, "expected"), goal, name, goal)
        for cell in grid.row_cells(name.row):  # 财政拨款 / 其他资金 columns repeat the amount
            if cell.col > (amount.col if amount is not None else columns["name"]) and parse_amount(cell.text):
                reading.use(cell)
    if total is not None:
        _check_total(reading, total, [a for _n, _t, a in tasks], unit, "年度主要任务")


def _task_column(text: str) -> str | None:
    core = label_core(text)
    if core.startswith(_TASK_NAME):
        return "name"
    if core.startswith(_TASK_TEXT):
        return "text"
    if core.startswith(_TASK_AMOUNT):
        return "amount"
    if core.startswith("责任单位"):
        return "owner"
    return None


def _check_total(
    reading: Reading, total: tuple[Cell, Cell | None], amounts: list[Cell | None], unit: str, what: str
) -> None:
    label, cell = total
    reading.use(label)
    values = [parse_amount(c.text) for c in amounts if c is not None and not c.empty]
    parts = sum((convert(v, unit) for v in values if v is not None), Decimal(0))
    if not values:
        return
    printed = parse_amount(cell.text) if cell is not None and not cell.empty else None
    if cell is not None:
        reading.use(cell)
    if printed is None:
        reading.finding(
            "blank_total",
            cell or label,
            f"{what}的合计行是空的：各行合计为{number_text(parts)}{unit}，请填上。",
        )
    elif convert(printed, unit) != parts:
        reading.finding(
            "total_sum",
            cell,
            f"{what}的合计为{number_text(convert(printed, unit))}{unit}，"
            f"但各行相加为{number_text(parts)}{unit}：请核对。",
        )


def read_summary(reading: Reading, data: dict[str, Any], unit: str) -> bool:
    """A 专项资金绩效目标汇总表 (序号 | 名称 | 金额 | …): its top-level rows become projects, its
    numbered sub-rows their notes; a blank or wrong 合计 is a finding. False if the grid is not one."""
    grid = reading.grid
    header = None
    for r in range(min(grid.height, 6)):
        cores = [label_core(c.text) for c in grid.row_cells(r)]
        if "序号" in cores and any(c.startswith("名称") for c in cores) and any(c.startswith("金额") for c in cores):
            header = r
            break
    if header is None:
        return False
    cols = {label_core(c.text): c.col for c in grid.row_cells(header)}
    name_col = next(col for core, col in cols.items() if core.startswith("名称"))
    amount_col = next(col for core, col in cols.items() if core.startswith("金额"))
    number_col = cols["序号"]
    reading.use(*grid.row_cells(header))
    total: tuple[Cell, Cell | None] | None = None
    top: list[Cell | None] = []
    parent: int | None = None
    for r in range(header + 1, grid.height):
        name = grid.at(r, name_col)
        number = grid.at(r, number_col)
        if name is None or name.empty or name.row != r:
            continue
        amount = grid.at(r, amount_col)
        if match(name.text, STOP_LABELS) is not None:
            for cell in grid.row_cells(r):
                reading.skip(cell, "签字、审核和说明栏，不是报告的数据")
            break
        if label_core(name.text).startswith(_TOTAL):
            total = (name, amount)
            for cell in grid.row_cells(r)[amount_col + 1 :]:
                reading.use(cell)
            continue
        got = parse_amount(amount.text) if amount is not None and not amount.empty else None
        is_sub = number is not None and re.fullmatch(r"\d{1,3}", label_core(number.text)) is not None
        reading.use(number)
        if is_sub and parent is not None:
            note = f"其中：{' '.join(name.text.split())}" + (f"{number_text(convert(got, unit))}{unit}" if got else "")
            projects = data["projects"]
            before = projects[parent].get("note")
            joined = f"{before}；{note.removeprefix('其中：')}" if before else note
            reading.put(data, ("projects", parent, "note"), joined, name, name.text)
            reading.use(amount)
        else:
            index = len(data.setdefault("projects", []))
            parent = index
            reading.put(data, ("projects", index, "name"), " ".join(name.text.split()), name)
            if got is not None and amount is not None:
                reading.put(data, ("projects", index, "budget"), convert(got, unit), amount)
            top.append(amount)
        for cell in grid.row_cells(r):
            if cell.col > amount_col:
                reading.skip(cell, "项目的绩效目标在各项目自己的表中导入")
    if total is not None:
        _check_total(reading, total, top, unit, "专项资金汇总表")
    return True


_WAN = re.compile(r"(\d+(?:\.\d+)?)\s*万(?:元)?")


_FORMULA = re.compile(r"\d+(?:\.\d+)?元/(?P<unit>[人件次户个])[*×xX](?P<count>\d+(?:\.\d+)?)(?P=unit)")

Formula = tuple[Decimal, str, Cell]  # a 测算 "1500元/人*86人": the count (86), its unit (人), its cell


def read_breakdown(reading: Reading, anchor: Anchor, budget: Decimal | None, unit: str) -> list[Formula]:
    """支出明细及测算说明: not data of the report; an explanation whose parts do not add up to the
    project's amount is a finding. Returns the 测算 formulas, whose counts the indicators should match."""
    reading.use(anchor.cell)
    formulas: list[Formula] = []
    for cell in _cells_right(reading, anchor, reading.block_rows(anchor)):
        parts = [Decimal(m[1]) for m in _WAN.finditer(cell.text.replace(" ", ""))]
        if budget is not None and unit == "万元" and len(parts) >= 2:
            total = sum(parts, Decimal(0))
            if total != budget:
                reading.finding(
                    "breakdown_sum",
                    cell,
                    f"支出测算说明中各项相加为{number_text(total)}万元（{'+'.join(number_text(p) for p in parts)}），"
                    f"与项目金额{number_text(budget)}万元不符：请核对测算。",
                )
        for found in _FORMULA.finditer(cell.text.replace(" ", "")):
            formulas.append((Decimal(found["count"]), found["unit"], cell))
        reading.skip(cell, "支出明细及测算说明不是报告的数据，未导入")
    return formulas
