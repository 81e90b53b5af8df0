"""The money block: 资金总额 and its parts by source and by nature, wherever the layout puts them.

Three layouts are read, all by label:

* a label and its amount beside it or after its colon, one or several per cell
  ("资金总额：524.31", "其中：一般公共预算拨款 | 524.31", "其中：公共财政拨款：2557.36万元↵其他资金：8万元");
* a matrix: a header row of measures (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分,
  or 当年预算收支 | 占比) and rows labelled by part (年度资金总额, 其中：当年财政拨款, 财政拨款, 合计);
* parts as column headers with their amounts below (预算支出总额 | 基本支出 ⟶ 合计 财政拨款 … ),
  a source found under several natures summed (财政拨款 of 基本支出 + of 项目支出).

Amounts stay in the document's money unit; one typed with its own unit ("8万元" in a 元 table)
is converted once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from reportgen.data.importing.match import Money, label_core, match, parse_amount, parse_percent, parse_points
from reportgen.data.importing.reading import Reading
from reportgen.data.importing.synonyms import MONEY_MEASURES, MONEY_PARTS
from reportgen.data.values import convert_money
from reportgen.support.grid import Cell

__all__ = ["MoneyBlock", "read_money"]

_SOURCES = (
    "general_public",
    "government_fund",
    "state_capital",
    "social_insurance",
    "special_account",
    "carryover",
    "other",
)
_NATURES = ("basic", "personnel", "public_use", "project")
_AMOUNT_MEASURES = ("initial", "adjusted", "executed", "amount")


@dataclass
class Found:
    """One amount found: its value in the document's unit and the cell it came from."""

    value: Decimal
    cell: Cell
    written: str


@dataclass
class MoneyBlock:
    """The amounts of a table by part and measure ("amount" when the table names no measure)."""

    parts: dict[str, dict[str, Found]] = field(default_factory=dict)
    printed: dict[str, dict[str, tuple[Decimal, Cell]]] = field(default_factory=dict)  # weight, rate, score, share

    def get(self, part: str, measure: str) -> Found | None:
        """The amount of a part for a measure."""
        return self.parts.get(part, {}).get(measure)


def read_money(reading: Reading, rows: range, unit: str) -> MoneyBlock:
    """Every amount of the money block in ``rows`` (of a table whose money unit is ``unit``)."""
    block = MoneyBlock()
    header = _measure_header(reading, rows)
    if header is not None:
        _read_matrix(reading, rows, header, unit, block)
    _read_labels(reading, rows, unit, block)
    return block


def _measure_header(reading: Reading, rows: range) -> tuple[int, dict[int, str]] | None:
    grid = reading.grid
    for r in rows:
        columns: dict[int, str] = {}
        for cell in grid.row_cells(r):
            found = match(cell.text, MONEY_MEASURES)
            if found is not None and cell.row == r:
                for c in range(cell.col, cell.col + cell.cols):
                    columns[c] = found[0]
        if any(m in columns.values() for m in _AMOUNT_MEASURES):
            for cell in {id(c): c for c in grid.row_cells(r)}.values():
                if match(cell.text, MONEY_MEASURES):
                    reading.use(cell)
            return r, columns
    return None


def _read_matrix(
    reading: Reading, rows: range, header: tuple[int, dict[int, str]], unit: str, block: MoneyBlock
) -> None:
    grid = reading.grid
    head, columns = header
    first_measure = min(columns)
    for r in range(head + 1, rows.stop):
        label = None
        for cell in grid.row_cells(r):
            if cell.col >= first_measure:
                break
            part = _part(cell.text)
            if part is not None:
                label = (part, cell)
        if label is None:
            continue
        part, label_cell = label
        if part == "subtotal":
            part = "total" if "total" not in block.parts else "expense_total"
        got_any = False
        for c, measure in sorted(columns.items()):
            found_cell = grid.at(r, c)
            if found_cell is None or found_cell is label_cell or found_cell.col != c or found_cell.empty:
                continue
            cell = found_cell
            if measure in _AMOUNT_MEASURES:
                amount = parse_amount(cell.text)
                if amount is not None:
                    _keep(block, part, measure, amount, cell, unit)
                    reading.use(cell)
                    got_any = True
            else:
                number = parse_percent(cell.text) if measure in ("rate", "share") else parse_points(cell.text)
                if number is not None:
                    block.printed.setdefault(part, {})[measure] = (number, cell)
                    reading.use(cell)
                    got_any = True
        if got_any or part in ("total", "expense_total"):
            reading.use(label_cell)
    for cell in grid.row_cells(head):
        if "近两年" in cell.text or "上年" in cell.text:
            reading.skip(cell, "不是本年度的数字（表中的往年数）")
    for r in range(head + 1, rows.stop):  # history columns (近两年收支情况) are not this year's figures
        for c in range(first_measure, grid.width):
            other = grid.at(r, c)
            if other is not None and c not in columns and not reading.is_used(other):
                reading.skip(other, "不是本年度的数字（表中的往年数）")


def _part(text: str) -> str | None:
    core = label_core(text)
    if core in ("合计", "小计", "总计"):
        return "subtotal"
    found = match(text, MONEY_PARTS)
    return found[0] if found is not None else None


def _read_labels(reading: Reading, rows: range, unit: str, block: MoneyBlock) -> None:
    grid = reading.grid
    header_sums: dict[tuple[int, str], list[tuple[Money, Cell]]] = {}
    for r in rows:
        for cell in grid.row_cells(r):
            if cell.row != r or cell.empty or reading.is_used(cell):
                continue
            lines = cell.text.split("\n")
            for line in lines:
                found = match(line, MONEY_PARTS)
                if found is None:
                    continue
                part, word = found
                rest = _after(line, word)
                if rest:
                    amount = parse_amount(rest)
                    if amount is not None:
                        _keep(block, part, "amount", amount, cell, unit, rest)
                    reading.use(cell)
                    continue
                if len(lines) > 1:
                    reading.use(cell)  # "政府性基金拨款：" with nothing after it
                    continue
                beside = reading.right_of(cell)
                if beside is not None and not beside.empty and _part(beside.text) is None:
                    amount = parse_amount(beside.text)
                    if amount is not None:
                        _keep(block, part, "amount", amount, beside, unit)
                        reading.use(cell, beside)
                        continue
                below = _amount_below(reading, cell)
                if below is not None:
                    header_sums.setdefault((cell.row, part), []).append(below)
                    reading.use(cell, below[1])
                    continue
                reading.use(cell)  # a label with no amount beside it (政府性基金拨款 | 空)
    for (_row, part), amounts in header_sums.items():
        if part in block.parts and "amount" in block.parts[part]:
            continue
        total = sum((convert(amount, unit) for amount, _cell in amounts), Decimal(0))
        first = amounts[0][1]
        written = " + ".join(c.text for _a, c in amounts)
        block.parts.setdefault(part, {})["amount"] = Found(total, first, written)


def _after(line: str, word: str) -> str:
    core = label_core(line)
    rest = core[len(word) :]
    if rest.startswith(("（", "(")):
        close = max(rest.find("）"), rest.find(")"))
        rest = rest[close + 1 :] if close > 0 else rest
    return rest.lstrip("：:").strip()


def _amount_below(reading: Reading, cell: Cell) -> tuple[Money, Cell] | None:
    """The amount under a column header, past sub-headers (基本支出 ⟶ 合计 ⟶ 16650900.00)."""
    grid = reading.grid
    start = cell.row + cell.rows
    for r in range(start, min(start + 3, grid.height)):
        under = grid.at(r, cell.col)
        if under is None or under.empty:
            return None
        if label_core(under.text) in ("合计", "小计"):
            reading.use(under)
            continue
        if _part(under.text) is not None:
            continue
        amount = parse_amount(under.text)
        return (amount, under) if amount is not None else None
    return None


def convert(amount: Money, unit: str) -> Decimal:
    """An amount in the document's money unit."""
    value, written = amount
    return convert_money(value, written, unit) if written else value


def _keep(
    block: MoneyBlock, part: str, measure: str, amount: Money, cell: Cell, unit: str, written: str | None = None
) -> None:
    slot = block.parts.setdefault(part, {})
    if measure not in slot:
        slot[measure] = Found(convert(amount, unit), cell, cell.text if written is None else written)


def is_source(part: str) -> bool:
    """Whether a part is a 按收入性质分 part."""
    return part in _SOURCES


def is_nature(part: str) -> bool:
    """Whether a part is a 按支出性质分 part."""
    return part in _NATURES
