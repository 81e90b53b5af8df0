"""The workbook of units and their accounts an admin uploads (单位名称, 单位代码, 联系人, 账号):
read, checked against itself and against what the server already has, every problem found at
once with its cell; the template to fill in; the list of initial passwords handed out.

Pure: bytes in, a :class:`Plan` out (the accounts' side is :class:`Taken`, given by the
caller). Bounded like every upload: the bytes (:data:`reportgen.web.upload.MAX_UPLOAD`), the
zip package and its cells (read by :func:`reportgen.data.excel.grid.grids_of`), and the rows
(:data:`MAX_ROWS`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from reportgen.data.excel.grid import Grid, grids_of
from reportgen.data.excel.handout import column_letter, table_bytes
from reportgen.data.layout import norm
from reportgen.errors import DataError
from reportgen.web.accounts import Taken, login_problem
from reportgen.web.upload import MAX_UPLOAD, MiB

NAME, CODE, CONTACT, LOGIN = "单位名称", "单位代码", "联系人", "账号"
COLUMNS = (NAME, CODE, CONTACT, LOGIN)
REQUIRED = (NAME, LOGIN)
MAX_ROWS = 5000
HEADER_SEARCH = 20  # the header row is among the first rows of a sheet
LENGTHS = {NAME: 200, CODE: 60, CONTACT: 200}  # the database's columns (a login is bounded by its rule)
EXAMPLE = ("某县教育局", "101001", "张三 13800000000", "jiaoyu101001")
TEMPLATE_NAME = "单位和账号模板.xlsx"
PASSWORDS_NAME = "初始密码.xlsx"


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong, and where: a cell (``row``, ``column``: 1-based), a whole row or column,
    or the file (no place)."""

    message: str
    row: int | None = None
    column: int | None = None
    header: str = ""

    def __str__(self) -> str:
        if self.row is not None and self.column is not None:
            return f"第 {self.row} 行 {column_letter(self.column)} 列（{self.header}）：{self.message}"
        if self.row is not None:
            return f"第 {self.row} 行：{self.message}"
        return self.message


@dataclass(frozen=True, slots=True)
class NewUnit:
    """One row: a unit to create and the 单位填报 account of its staff."""

    row: int
    name: str
    code: str | None
    contact: str
    login: str


@dataclass
class Plan:
    """What a workbook would create; nothing may be created while it has ``problems``."""

    units: list[NewUnit] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sheet: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.units)


def read_plan(data: bytes, taken: Taken, file: str = "上传的工作簿") -> Plan:
    """The units and accounts of the workbook in ``data``, and every problem of it at once."""
    if len(data) > MAX_UPLOAD:
        return Plan(problems=[Problem(f"文件过大（超过 {MAX_UPLOAD // MiB} MB）：请检查是否选错了文件。")])
    if not data:
        return Plan(problems=[Problem("请选择要上传的工作簿（文件为空）。")])
    try:
        grids = grids_of(data, file)
    except DataError as exc:
        return Plan(problems=[Problem(issue.message) for issue in exc.issues] or [Problem("无法读取此文件。")])
    found = _header(grids)
    if found is None:
        return Plan(problems=[Problem(_no_header(grids))])
    grid, header_row, columns = found
    rows = [row for row in grid.rows if row > header_row and any(_text(grid, row, col) for col in columns.values())]
    if len(rows) > MAX_ROWS:
        message = f"工作簿有 {len(rows)} 行单位，超过 {MAX_ROWS} 行：请分成几个工作簿，分批导入。"
        return Plan(problems=[Problem(message)], sheet=grid.title)
    plan = Plan(sheet=grid.title)
    read = [_read_row(grid, row, columns, plan.problems) for row in rows]
    _check_repeats(read, columns, taken, plan.problems)
    wrong = {problem.row for problem in plan.problems}
    plan.units = [unit for unit in read if unit.row not in wrong]
    if not rows:
        plan.problems.append(
            Problem(f"表头（第 {header_row} 行）下面没有单位：请从第 {header_row + 1} 行起每行填写一个单位。")
        )
    return plan


def _header(grids: dict[str, Grid]) -> tuple[Grid, int, dict[str, int]] | None:
    """The first sheet with a row naming the required columns: the sheet, that row, and the
    column of each known name in it."""
    wanted = {norm(name): name for name in COLUMNS}
    for grid in grids.values():
        for row in grid.rows[:HEADER_SEARCH]:
            columns: dict[str, int] = {}
            for col in range(1, grid.max_col + 1):
                name = wanted.get(norm(_text(grid, row, col)))
                if name is not None and name not in columns:
                    columns[name] = col
            if all(name in columns for name in REQUIRED):
                return grid, row, columns
    return None


def _no_header(grids: dict[str, Grid]) -> str:
    sheets = "、".join(f"“{grid.title}”" for grid in grids.values()) or "（没有工作表）"
    return (
        f"在工作表 {sheets} 的前 {HEADER_SEARCH} 行中没有找到表头：表头一行应有“{NAME}”和“{LOGIN}”两列"
        f"（可再有“{CODE}”和“{CONTACT}”）。请下载模板，按模板填写后再上传。"
    )


def _text(grid: Grid, row: int, col: int) -> str:
    """A cell as text: a number typed into a code column (101001, 101001.0) as its digits."""
    value = grid.cell(row, col).value
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def _read_row(grid: Grid, row: int, columns: dict[str, int], problems: list[Problem]) -> NewUnit:
    """The row's values (its problems added to ``problems``)."""
    values = {name: _text(grid, row, col) for name, col in columns.items()}
    for name, col in columns.items():
        problem = grid.cell(row, col).problem
        if problem:
            problems.append(Problem(problem, row, col, name))
        elif name in LENGTHS and len(values[name]) > LENGTHS[name]:
            problems.append(Problem(f"超过 {LENGTHS[name]} 个字符，请缩短。", row, col, name))
    if not values[NAME] and not grid.cell(row, columns[NAME]).problem:
        problems.append(Problem("请填写单位名称。", row, columns[NAME], NAME))
    login = values[LOGIN]
    if not grid.cell(row, columns[LOGIN]).problem and (why := login_problem(login)):
        problems.append(Problem(why if login else "请填写账号（单位登录时用）。", row, columns[LOGIN], LOGIN))
    if tuple(values.get(name, "") for name in COLUMNS) == EXAMPLE:
        problems.append(Problem("这是模板中的示例行：请删除它，或改成真实的单位。", row))
    return NewUnit(row, values[NAME], values.get(CODE) or None, values.get(CONTACT, ""), login)


def _check_repeats(read: list[NewUnit], columns: dict[str, int], taken: Taken, problems: list[Problem]) -> None:
    """A code, login or unit name given twice in the sheet, or already on the server; then
    every problem in the order of the cells."""
    seen: dict[tuple[str, str], int] = {}
    for unit in read:
        for header, key, value in (
            (NAME, unit.name, unit.name),
            (CODE, unit.code or "", unit.code),
            (LOGIN, unit.login.lower(), unit.login),
        ):
            if not value:
                continue
            first = seen.setdefault((header, key), unit.row)
            at = (unit.row, columns[header], header)
            if first != unit.row:
                problems.append(Problem(f"与第 {first} 行重复。", *at))
            elif header == NAME and key in taken.unit_names:
                problems.append(Problem(f"本局已有单位“{value}”。", *at))
            elif header == CODE and key in taken.codes:
                problems.append(Problem(f"单位代码“{value}”已被其他单位使用。", *at))
            elif header == LOGIN and key in taken.logins:
                problems.append(Problem(f"账号“{value}”已存在，请换一个。", *at))
    problems.sort(key=lambda problem: (problem.row or 0, problem.column or 0))


def template() -> bytes:
    """The workbook to fill in: the columns, one example row, a frozen header."""
    hint = (
        "每行一个单位：单位名称和账号必填；单位代码可空，填写时不能重复；"
        "账号由字母、数字和 . _ @ - 组成，是单位登录时用的。请删除示例行后填写。"
    )
    return table_bytes("单位和账号", COLUMNS, [EXAMPLE], (30, 16, 24, 20), text_columns=(2, 4), hint=hint)


@dataclass(frozen=True, slots=True)
class Handed:
    """An account made, for the list of initial passwords."""

    login: str
    unit_name: str
    password: str


def passwords_book(handed: Sequence[Handed]) -> bytes:
    """The initial passwords as a workbook (账号, 单位, 初始密码)."""
    rows = [(item.login, item.unit_name, item.password) for item in handed]
    return table_bytes("初始密码", ("账号", "单位", "初始密码"), rows, (22, 32, 20))
