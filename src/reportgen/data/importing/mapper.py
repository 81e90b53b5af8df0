"""From the tables of a document to data files: which table is what, and each one's data.

Each grid is read in one order — indicator runs, then the labelled blocks (职能职责, 目标, 任务,
测算), then the money block, then single fields — every reader marking the cells it used, so
what is left is listed as not mapped. A grid is then:

* a 部门整体 table (its title says 部门整体/单位整体, or it names a 部门名称 and has money),
* a project table (项目支出…表, 支出方向绩效目标表, or a 项目名称/支出方向 field),
* a 专项资金汇总表 (序号 | 名称 | 金额): its rows become the 部门整体 table's projects,
* the continuation of the table before it (indicators or goals, nothing naming a unit or a
  project: the next page's table of the same 申报表),
* or none of these: passed over, saying what was looked for.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from reportgen.data.importing.indicators import find_runs, read_run
from reportgen.data.importing.match import label_core, match, parse_amount, parse_points, squash
from reportgen.data.importing.money import MoneyBlock, convert, is_nature, is_source, read_money
from reportgen.data.importing.parts import read_breakdown, read_functions, read_goals, read_summary, read_tasks
from reportgen.data.importing.reading import Reading
from reportgen.data.importing.result import ImportedTable, ImportResult, TableFinding, TableKind, Unmapped
from reportgen.data.importing.synonyms import FIELD_LABELS, GROUP_LABELS, STOP_LABELS, TABLE_TITLES
from reportgen.data.importing.texts import Field, find_fields, money_unit_of, split_code, year_of
from reportgen.data.values import ValueParseError, parse_value
from reportgen.data.vocabulary import DEFAULT_GROUP_WEIGHTS
from reportgen.errors import DataError
from reportgen.support.grid import Grid, TableDocument, number_text

__all__ = ["import_tables"]

FORMAT = "reportgen/1"
_KEY_ORDER = ("format", "kind", "year", "money_unit", "unit", "project", "budget", "projects", "goals", "indicators")
_GRADES = ("优", "良", "中", "差")
# A 万元 amount this large (100 亿元) is no unit's budget: the table's amounts are in 元.
_YUAN_IN_WAN = Decimal(1_000_000)
LOOKED_FOR = (
    "部门整体支出绩效目标表/申报表/批复表、项目支出绩效目标表、专项资金汇总表或绩效自评表"
    "（找的是“部门名称”“资金总额”“一级指标、二级指标、三级指标、指标值”等栏目）"
)


def import_tables(doc: TableDocument) -> ImportResult:
    """Every recognised table of ``doc`` as data; DataError when there is none."""
    result = ImportResult(doc.file, [])
    current: ImportedTable | None = None
    department: ImportedTable | None = None
    doc_unit = _document_unit(doc)
    for grid in doc.grids:
        reading = Reading(grid)
        title = _title(grid)
        if (
            department is not None
            and not _names_something(reading)
            and read_summary(reading, department.data, department.data["money_unit"])
        ):
            _absorb(department, reading)
            continue
        kind, self_eval = _kind(reading, title)
        continuation = current is not None and kind is None and _continues(reading)
        if continuation and current is not None:
            _read_grid(reading, current.data, current.data["money_unit"], current.kind, current.self_evaluation)
            _absorb(current, reading)
            continue
        if kind is None:
            result.passed_over.append(
                Unmapped(grid.name, _title_text(title), f"不是可导入的表格：没有找到{LOOKED_FOR}")
            )
            continue
        table = _new_table(reading, title, kind, self_eval, doc_unit, department)
        if not table.data.get("indicators") and not _has_money(table.data) and not table.data.get("project"):
            result.passed_over.append(
                Unmapped(grid.name, _title_text(title), f"表中没有能导入的内容：没有找到{LOOKED_FOR}")
            )
            continue
        result.tables.append(table)
        current = table
        if kind == "department" and department is None:
            department = table
    if not result.tables:
        found = "；".join(f"{u.place}{('“' + u.text + '”') if u.text else ''}" for u in result.passed_over)
        where = f"（看过的表格：{found}）" if found else ""
        what = "文件中没有表格" if not doc.grids else "没有找到可以导入的表格"
        raise DataError.single(doc.file, f"{what}：导入需要{LOOKED_FOR}。{where}".rstrip())
    for table in result.tables:
        _finish(table)
    return result


def _title(grid: Grid) -> list[str]:
    lines = list(grid.caption)
    for r in range(min(grid.height, 3)):
        cells = [c for c in grid.row_cells(r) if not c.empty]
        if len(cells) == 1 and any(word in squash(cells[0].text) for word in ("绩效", "年度", "表")):
            lines.append(cells[0].text)
    return lines


def _title_cells(reading: Reading) -> None:
    """A worksheet's title rows (one cell across the table naming it) are read as its title."""
    grid = reading.grid
    for r in range(min(grid.height, 3)):
        cells = [c for c in grid.row_cells(r) if not c.empty]
        if len(cells) != 1 or match(cells[0].text, FIELD_LABELS) is not None:
            continue
        if "绩效" in squash(cells[0].text) or year_of([cells[0].text]) is not None:
            reading.use(cells[0])


def _title_text(lines: list[str]) -> str:
    for line in lines:
        if any(word in line for words in TABLE_TITLES.values() for word in words) or "绩效" in line:
            return " ".join(line.split())
    return ""


def _kind(reading: Reading, title: list[str]) -> tuple[TableKind | None, bool]:
    text = "".join("".join(line.split()) for line in title)
    self_eval = any(word in text for word in TABLE_TITLES["self_evaluation"])
    runs = find_runs(reading)
    if any("actual" in run.columns or "score" in run.columns for run in runs):
        self_eval = True
    names_project = {"project_name": FIELD_LABELS["project_name"]}
    fields = {match(c.text, names_project) for row in reading.grid.cells for c in row}
    if any(word in text for word in TABLE_TITLES["project"]) or any(f is not None for f in fields):
        return "project", self_eval
    if any(word in text for word in TABLE_TITLES["department"]) and _names_something(reading):
        return "department", self_eval
    if _names_something(reading) and (runs or _money_rows(reading)):
        return "department", self_eval
    return None, self_eval


def _names_something(reading: Reading) -> bool:
    """Whether the grid names a unit or carries a money block (and so starts a table)."""
    names_unit = {"unit_name": FIELD_LABELS["unit_name"]}
    if any(match(cell.text, names_unit) for row in reading.grid.cells for cell in row):
        return True
    return bool(_money_rows(reading))


def _money_rows(reading: Reading) -> range:
    money = [a for a in reading.anchors if a.kind == "money"]
    if money:
        return reading.block_rows(money[0])
    return range(0)


def _continues(reading: Reading) -> bool:
    return bool(find_runs(reading)) or any(a.kind == "goals" for a in reading.anchors)


def _document_unit(doc: TableDocument) -> str:
    for grid in doc.grids:
        for line in grid.caption:
            found = re.search(
                r"(?<!金额)(?:填报单位|单位名称|部门名称)[（(]?[^：:]{0,4}[）)]?[：:]\s*([^\s：:]+)(?![：:])", line
            )
            if found is not None and "盖章" not in found[1]:
                return found[1]
    return ""


def _new_table(
    reading: Reading,
    title: list[str],
    kind: TableKind,
    self_eval: bool,
    doc_unit: str,
    department: ImportedTable | None,
) -> ImportedTable:
    grid = reading.grid
    lines = title + [c.text for row in grid.cells[:4] for c in row]
    notes: list[str] = []
    unit_found = money_unit_of(lines + [c.text for row in grid.cells for c in row])
    unit = unit_found[0] if unit_found else "万元"
    if unit_found is None:
        notes.append("表中没有写金额单位：按万元导入，请核对。")
    data: dict[str, Any] = {key: None for key in _KEY_ORDER}
    data.update(format=FORMAT, kind=kind, money_unit=unit, unit={}, budget={}, projects=[], goals=[], indicators=[])
    if unit_found is not None:
        reading.put_at(data, ("money_unit",), unit, f"{grid.name}中的“{unit_found[1]}”", unit)
    year = year_of(lines)
    if year is not None:
        reading.put_at(data, ("year",), year[0], f"{grid.name}的标题“{' '.join(year[1].split())}”", str(year[0]))
    table = ImportedTable(
        _title_text(title) or grid.name, kind, grid.name, data, self_evaluation=self_eval, notes=notes
    )
    fields = _read_grid(reading, data, unit, kind, self_eval)
    _identity(reading, data, kind, fields, doc_unit, department)
    if year is None:
        for cell_year in (fields.get("period"),):
            if cell_year is not None and re.fullmatch(r"20\d{2}", cell_year.value):
                reading.put_at(data, ("year",), int(cell_year.value), cell_year.where, cell_year.value)
    _absorb(table, reading)
    return table


def _read_grid(reading: Reading, data: dict[str, Any], unit: str, kind: TableKind, self_eval: bool) -> dict[str, Field]:
    """Read one grid into ``data`` (a new table's or the table it continues)."""
    groups: dict[str, Decimal] = {}
    _title_cells(reading)
    for run in find_runs(reading):
        read_run(reading, run, data, groups)
    shown = {k: v for k, v in groups.items() if DEFAULT_GROUP_WEIGHTS.get(k) != v}
    if shown:
        data.setdefault("scoring", {}).setdefault("group_weights", {}).update(dict(groups))
    for anchor in reading.anchors:
        if anchor.kind == "functions":
            read_functions(reading, anchor, data)
        elif anchor.kind in ("goals", "long_goals"):
            read_goals(reading, anchor, data)
        elif anchor.kind == "tasks":
            read_tasks(reading, anchor, data, unit)
    money_rows = _money_rows(reading) or range(_first_block(reading))
    block = read_money(reading, money_rows, unit)
    fields = find_fields(reading)
    amount = fields.get("project_amount")
    project_budget = _project_amount(amount, unit)
    for anchor in reading.anchors:
        if anchor.kind == "breakdown":
            formulas = read_breakdown(reading, anchor, project_budget or _total(block), unit)
            _check_formulas(reading, data, formulas)
    unit = _check_scale(reading, data, block, unit)
    _budget(reading, data, block, self_eval, fields, unit)
    _stop_rows(reading, data)
    reading.use(*(a.cell for a in reading.anchors if a.kind != "stop"))
    for row in reading.grid.cells:
        for cell in row:
            if label_core(cell.text) in GROUP_LABELS or label_core(cell.text).startswith(GROUP_LABELS[:2]):
                reading.use(cell)
    return fields


def _first_block(reading: Reading) -> int:
    rows = [a.row for a in reading.anchors if a.kind != "money"]
    return min(rows) if rows else reading.grid.height


def _project_amount(amount: Field | None, unit: str) -> Decimal | None:

    if amount is None:
        return None
    got = parse_amount(amount.value)
    return convert(got, unit) if got is not None else None


def _total(block: MoneyBlock) -> Decimal | None:
    for measure in ("amount", "initial", "adjusted"):
        found = block.get("total", measure)
        if found is not None:
            return found.value
    return None


def _check_scale(reading: Reading, data: dict[str, Any], block: MoneyBlock, unit: str) -> str:
    """A 万元 header over amounts in 元 (15205000.00): the amounts are taken as 元, and it is a finding."""
    amounts = [f.value for part in block.parts.values() for f in part.values()]
    if unit != "万元" or not amounts or max(amounts) < _YUAN_IN_WAN:
        return unit
    biggest = max((f for part in block.parts.values() for f in part.values()), key=lambda f: f.value)
    data["money_unit"] = "元"
    reading.finding(
        "unit_header",
        biggest.cell,
        f"表头写的金额单位是万元，但金额（如{biggest.cell.text}）显然以元为单位：已按元导入；"
        "请改正表头，或把金额换算成万元。",
    )
    return "元"


def _budget(
    reading: Reading, data: dict[str, Any], block: MoneyBlock, self_eval: bool, fields: dict[str, Field], unit: str
) -> None:
    measures = {"initial": "initial", "adjusted": "adjusted", "executed": "executed"}
    total = block.parts.get("total", {})
    for measure, key in measures.items():
        if measure in total:
            reading.put(data, ("budget", key), total[measure].value, total[measure].cell, total[measure].written)
    if "amount" in total and "initial" not in total:
        whole = total["amount"]
        reading.put(data, ("budget", "initial"), whole.value, whole.cell, whole.written)
    amount = fields.get("project_amount")
    if amount is not None and amount.cell is not None and "initial" not in data["budget"]:
        value = _project_amount(amount, unit)
        if value is not None:
            reading.put(data, ("budget", "initial"), value, amount.cell)
    for part, found in block.parts.items():
        if part in ("total", "expense_total"):
            continue
        pick = next((found[m] for m in ("adjusted", "amount", "initial") if m in found), None)
        if pick is None:
            continue
        group = "by_source" if is_source(part) else "by_nature" if is_nature(part) else None
        if group is not None:
            reading.put(data, ("budget", group, part), pick.value, pick.cell, pick.written)
    printed = block.printed.get("total", {})
    if self_eval:
        for measure, key in (("rate", "execution_rate"), ("score", "budget_score"), ("weight", "budget_weight")):
            if measure in printed:
                value, cell = printed[measure]
                reading.put(data, ("published", key), value, cell)
        if "weight" in printed:
            reading.locations[("budget", "weight")] = reading.place(printed["weight"][1])
    _check_shares(reading, block, unit)


def _check_shares(reading: Reading, block: MoneyBlock, unit: str) -> None:
    """Printed 占比 against the amounts beside them (parts of income of 收入合计, of spending of 支出合计)."""
    income = block.get("total", "amount")
    spending = block.get("expense_total", "amount") or income
    for part, printed in block.printed.items():
        if "share" not in printed or part not in block.parts:
            continue
        value = next(iter(block.parts[part].values())).value
        whole = income if part in ("total",) or is_source(part) else spending
        if whole is None or whole.value == 0:
            continue
        share, cell = printed["share"]
        exponent = share.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        computed = (value / whole.value * 100).quantize(Decimal(1).scaleb(-places), rounding="ROUND_HALF_UP")
        if computed != share:
            reading.finding(
                "share",
                cell,
                f"占比写的是{share}%，但按金额{value}{unit}占{whole.value}{unit}计算应为{computed}%：请核对。",
            )


def _group_weights(table: ImportedTable) -> None:
    """A table whose indicators all carry weights sets the 一级指标 分值 by their sums (the Sichuan
    60/28/2 scheme), so the draft is scored as the table was; a scheme other than 50/30/10 is a finding."""
    indicators = table.data.get("indicators") or []
    if not indicators or any(i.get("weight") is None or not i.get("level1") for i in indicators):
        return
    sums: dict[str, Decimal] = {}
    for item in indicators:
        sums[item["level1"]] = sums.get(item["level1"], Decimal(0)) + item["weight"]
    printed = (table.data.get("scoring") or {}).get("group_weights")
    if printed or all(DEFAULT_GROUP_WEIGHTS.get(k) == v for k, v in sums.items()):
        return
    table.data.setdefault("scoring", {})["group_weights"] = sums
    scheme = "、".join(f"{k.removesuffix('指标')}{number_text(v)}分" for k, v in sums.items())
    default = "、".join(f"{k.removesuffix('指标')}{number_text(v)}分" for k, v in DEFAULT_GROUP_WEIGHTS.items())
    finding(
        table,
        "weights_scheme",
        table.locations.get(("indicators", 0, "weight"), table.source),
        f"表中各指标的权重合计为{scheme}，不是通常的{default}："
        "已按表中的权重导入（写在评分规则 scoring.group_weights），如本地没有这样的规定，请调整权重。",
    )


def _budget_weight(table: ImportedTable) -> None:
    """The printed 预算执行率 分值 becomes the data's weight when, with the indicators' weights, it
    makes the printed 总分 (a 20-point scheme); otherwise the default stays and the printed figure
    is compared (分值 100 for 10)."""
    published = table.data.get("published") or {}
    printed = published.get("budget_weight")
    weights = [i.get("weight") for i in table.data.get("indicators") or []]
    if printed is None or printed == 10 or not weights or any(w is None for w in weights):
        return
    if sum(weights, Decimal(0)) + printed == published.get("total_weight", Decimal(100)):
        table.data["budget"]["weight"] = printed


def _check_projects(table: ImportedTable) -> None:
    """Tasks with amounts that do not add up to the 项目支出 beside them (664 of 792.71 万元)."""
    data, unit = table.data, table.data["money_unit"]
    project = (data["budget"].get("by_nature") or {}).get("project")
    budgets = [p.get("budget") for p in data.get("projects") or []]
    if project is None or not budgets or any(b is None for b in budgets) or data["kind"] != "department":
        return
    total = sum(budgets, Decimal(0))
    if total != project:
        where = table.locations.get(("budget", "by_nature", "project"), table.source)
        gap = project - total
        finding(
            table,
            "tasks_sum",
            where,
            f"各项任务（项目）的金额合计{number_text(total)}{unit}，比项目支出{number_text(project)}{unit}"
            f"{'少' if gap > 0 else '多'}{number_text(abs(gap))}{unit}："
            + ("有一部分项目资金没有对应的任务，请补全任务或说明去向。" if gap > 0 else "请核对任务金额。"),
        )


_GOAL_NUMBER = re.compile(
    r"(?P<what>[\u4e00-\u9fff]{2,12}?)(?P<value>\d+(?:\.\d+)?)(?P<unit>件|人次|人|场次|场|次|个|户|家|期)"
)


_PAIRS = 1_000_000  # goal × indicator pairs compared at most


def _check_goal_numbers(table: ImportedTable) -> None:
    """A number the goals or tasks promise ("实施法律援助360件") that the matching indicator
    contradicts ("完成法律援助案件 400件"): the target table says two things."""

    data = table.data
    indicators = []
    for item in data.get("indicators") or []:
        try:
            target = parse_value(item.get("target"))
        except ValueParseError:
            continue
        if target.is_quantitative and target.value is not None:
            indicators.append((item, target))
    said: set[tuple[str, str]] = set()
    goals = data.get("goals") or []
    if len(goals) * len(indicators) > _PAIRS:  # a real table has tens of each
        return
    for index, goal in enumerate(goals):
        for found in _GOAL_NUMBER.finditer(goal.get("expected", "")):
            value = Decimal(found["value"])
            for item, target in indicators:
                name = item["name"]
                if target.unit != found["unit"] or target.value == value or not _share_words(found["what"], name):
                    continue
                if (name, found.group()) in said:
                    continue
                said.add((name, found.group()))
                where = table.locations.get(("goals", index, "expected"), table.source)
                finding(
                    table,
                    "goal_vs_indicator",
                    where,
                    f"目标中写“{found['what']}{found['value']}{found['unit']}”，但指标“{name}”的指标值是"
                    f"{item['target']}：同一件事两个数字，请统一。",
                )


def finding(table: ImportedTable, rule: str, where: str, message: str) -> None:
    """Record a finding about the whole table (its parts read from several grids)."""
    table.findings.append(TableFinding(rule, where, message))


def _share_words(text: str, name: str, length: int = 4) -> bool:
    return any(text[i : i + length] in name for i in range(len(text) - length + 1))


def _check_formulas(reading: Reading, data: dict[str, Any], formulas: list[tuple[Decimal, str, Any]]) -> None:

    if len(formulas) * len(data.get("indicators") or []) > _PAIRS:
        return
    for count, unit, cell in formulas:
        for item in data.get("indicators") or []:
            try:
                target = parse_value(item.get("target"))
            except ValueParseError:
                continue
            if target.unit == unit and target.value is not None and target.value != count:
                reading.finding(
                    "breakdown_count",
                    cell,
                    f"测算按{count}{unit}计算，但指标“{item.get('name')}”的指标值是{target.value}{unit}：请核对哪一个对。",
                )


def _stop_rows(reading: Reading, data: dict[str, Any]) -> None:
    """The 总分 row (分值 and 得分 as printed) and a 等级 row of a 自评表."""
    grid = reading.grid
    for anchor in reading.anchors:
        if anchor.kind != "stop":
            continue
        found = match(anchor.cell.text, STOP_LABELS)
        if found is None:
            continue
        if found[0] == "total":
            numbers = [
                (parse_points(c.text), c) for c in grid.row_cells(anchor.row) if c is not anchor.cell and not c.empty
            ]
            points = [(n, c) for n, c in numbers if n is not None]
            reading.use(anchor.cell)
            if len(points) >= 2:
                reading.put(data, ("published", "total_weight"), points[0][0], points[0][1])
                reading.put(data, ("published", "total"), points[1][0], points[1][1])
            elif len(points) == 1:
                reading.put(data, ("published", "total"), points[0][0], points[0][1])
        elif found[0] == "grade":
            reading.use(anchor.cell)
            beside = reading.right_of(anchor.cell)
            if beside is not None and label_core(beside.text) in _GRADES:
                reading.put(data, ("published", "grade"), label_core(beside.text), beside)
        else:
            for cell in grid.row_cells(anchor.row):
                reading.skip(cell, "签字、审核和说明栏，不是报告的数据")
            if found[0] == "signature":
                reading.use(*grid.row_cells(anchor.row))


def _identity(
    reading: Reading,
    data: dict[str, Any],
    kind: TableKind,
    fields: dict[str, Field],
    doc_unit: str,
    department: ImportedTable | None,
) -> None:
    """The unit (name, code) and, for a project table, the project."""
    name = fields.get("unit_name") or fields.get("reporting_unit")
    if name is not None:
        code, plain = split_code(name.value)
        _put_field(reading, data, ("unit", "name"), plain, name)
        if code:
            _put_field(reading, data, ("unit", "code"), code, name)
    elif department is not None and department.data.get("unit", {}).get("name"):
        data["unit"]["name"] = department.data["unit"]["name"]
        data["unit"].update({k: v for k, v in department.data["unit"].items() if k == "code"})
    elif doc_unit:
        data["unit"]["name"] = split_code(doc_unit)[1]
    given_code = fields.get("unit_code")
    if given_code is not None:
        _put_field(reading, data, ("unit", "code"), given_code.value, given_code)
    if kind != "project":
        return
    project = fields.get("project_name")
    if project is not None:
        _put_field(reading, data, ("project", "name"), project.value, project)
    for key in ("authority", "implementer"):
        field = fields.get(key)
        if field is not None:
            _put_field(reading, data, ("project", key), field.value, field)
    if "project" not in data or data["project"] is None:
        data["project"] = {}
    _blank_identity(reading)
    if "authority" not in data["project"] and data["unit"].get("name"):
        data["project"]["authority"] = data["unit"]["name"]
    if not data["unit"].get("name"):  # a project's own table: the unit is its 实施单位 (or 主管部门)
        owner = fields.get("implementer") or fields.get("authority")
        if owner is not None:
            data["unit"]["name"] = owner.value
            reading.locations[("unit", "name")] = owner.where


_IDENTITY = {key: FIELD_LABELS[key] for key in ("project_name", "authority", "implementer")}


def _blank_identity(reading: Reading) -> None:
    """项目名称 / 主管部门 / 实施单位 labels with nothing beside them (a 自评表 handed in unfilled)."""
    blank: list[str] = []
    first = None
    for row in reading.grid.cells[:4]:
        for cell in dict.fromkeys(row):
            found = match(cell.text, _IDENTITY)
            beside = reading.right_of(cell)
            if found is not None and (beside is None or beside.empty) and label_core(cell.text) not in blank:
                blank.append(label_core(cell.text))
                first = first or cell
    if blank:
        reading.finding("blank_identity", first, f"表头的{'、'.join(blank)}是空的：请填写。")


def _put_field(reading: Reading, data: dict[str, Any], path: tuple[str, ...], value: str, field: Field) -> None:
    shown = value if value == field.value else f"{value}（原表为“{field.value}”）"
    if field.cell is not None:
        reading.put(data, path, value, field.cell, shown)
    else:
        reading.put_at(data, path, value, field.where, shown)


def _has_money(data: dict[str, Any]) -> bool:
    return any(data.get("budget", {}).get(k) is not None for k in ("initial", "adjusted", "executed"))


def _absorb(table: ImportedTable, reading: Reading) -> None:
    table.mapped += reading.mapped
    table.locations.update(reading.locations)
    table.findings += reading.findings
    table.unmapped += reading.unmapped()
    table.cells += reading.filled()
    reading.mapped, reading.findings = [], []


def _finish(table: ImportedTable) -> None:
    """Check what spans the table's grids; drop the keys nothing filled (the writer orders the rest)."""
    _check_projects(table)
    _check_goal_numbers(table)
    _budget_weight(table)
    _group_weights(table)
    data = table.data
    for key in list(data):
        if data[key] is None or data[key] == [] or (data[key] == {} and key not in ("unit", "budget")):
            del data[key]
    if table.kind == "project" and not data.get("project", {}).get("name"):
        table.notes.append("表中的项目名称是空的：请在数据中填写 project.name（项目名称）。")
