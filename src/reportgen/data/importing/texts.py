"""The text parts of a table: single fields (部门名称, 项目名称 …), the year and money unit of its
title, 职能职责, 年度总体目标, and numbered lists split into their items."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportgen.data.importing.match import label_core, match, value_after
from reportgen.data.importing.reading import Reading
from reportgen.data.importing.synonyms import FIELD_LABELS
from reportgen.support.grid import Cell

__all__ = ["Field", "find_fields", "money_unit_of", "split_code", "split_items", "year_of"]


@dataclass(frozen=True)
class Field:
    """A single field's value and where it was written (the value's cell, or the caption line)."""

    key: str
    value: str
    where: str
    cell: Cell | None


def find_fields(reading: Reading) -> dict[str, Field]:
    """The first value of each single field, in the caption or the table."""
    grid = reading.grid
    found: dict[str, Field] = {}
    for line in grid.caption:
        for part in re.split(r"\s{2,}|\s+(?=[^\s：:]{2,8}[：:])", line):
            got = match(part, FIELD_LABELS)
            if got is None or got[0] in found or got[0] == "functions":
                continue
            value = _clean_value(value_after(part, got[1]))
            if value:
                found[got[0]] = Field(got[0], value, f"{grid.name}上方的“{' '.join(part.split())}”", None)
    for r in range(grid.height):
        for cell in grid.row_cells(r):
            if cell.row != r or cell.empty or reading.is_used(cell):
                continue
            got = match(cell.text, FIELD_LABELS)
            if got is None or got[0] == "functions":
                continue
            key, word = got
            inline = _clean_value(value_after(cell.text.split("\n")[0], word))
            if inline:
                reading.use(cell)
                found.setdefault(key, Field(key, inline, reading.place(cell), cell))
                continue
            beside = reading.right_of(cell)
            reading.use(cell)
            if beside is not None and label_core(beside.text) == "名称":  # 所属专项 | 名称 | 业务性专项经费
                reading.use(beside)
                beside = reading.right_of(beside)
            if beside is None or beside.empty or match(beside.text, FIELD_LABELS) is not None:
                continue
            value = _clean_value(beside.text)
            if key in _NOT_DATA:
                for later in reading.grid.row_cells(r):
                    if later.col > cell.col:
                        reading.skip(later, _NOT_DATA[key])
            if value and key not in found:
                if key not in _NOT_DATA:
                    reading.use(beside)
                found[key] = Field(key, value, reading.place(beside), beside)
            if key == "project_amount":  # 项目金额 | 12.9 | | 金额 | 22.5: the rest is the 所属专项's amount
                for later in reading.grid.row_cells(r):
                    if later.col > beside.col:
                        reading.skip(later, _NOT_DATA["special_fund"])
    return found


# Fields read (the period gives a year) but with no place in the data format.
_NOT_DATA = {
    "special_fund": "所属专项及其金额：数据格式中没有对应的栏目，未导入",
    "period": "项目实施期：数据格式中没有对应的栏目，未导入（年度取自表头）",
    "contact": "填报人和联系电话：数据格式中没有对应的栏目，未导入",
}


def _clean_value(text: str) -> str:
    value = " ".join(text.split())
    value = re.sub(r"^[（(]\s*盖章\s*[）)][：:]?", "", value).strip()
    return value.strip("　 ：:")


_YEAR_PATTERNS = (
    re.compile(r"预算年度\s*[:：]?\s*(20\d{2})"),
    re.compile(r"[（(]\s*(20\d{2})\s*年度?\s*[）)]"),
    re.compile(r"(20\d{2})\s*年度?\s*(?:部门|项目|区级|市级|县级|省级|单位|整体|专项|绩效)"),
)


def year_of(lines: list[str]) -> tuple[int, str] | None:
    """The budget year a table's title names ("2023年部门整体…", "（2022年度）", "预算年度:2024")."""
    for pattern in _YEAR_PATTERNS:
        for line in lines:
            found = pattern.search(line)
            if found is not None:
                return int(found[1]), line
    return None


_UNIT_PATTERNS = (
    re.compile(r"金额单位\s*[:：]\s*(万元|元)"),
    re.compile(r"(?:金额|单位)\s*[:：]\s*(万元|元)"),
    re.compile(r"[（(]\s*(万元|元)\s*[）)]"),
)


def money_unit_of(lines: list[str]) -> tuple[str, str] | None:
    """The money unit a table states ("金额单位：万元", "年度预算申请（万元）", "总体资金情况（元）"),
    and the words that state it."""
    for pattern in _UNIT_PATTERNS:
        for line in lines:
            found = pattern.search("".join(line.split()))
            if found is not None:
                return found[1], found.group()
    return None


_NUMBERED = re.compile(
    r"(?:(?<=^)|(?<=[\s。；;！!]))(?:[（(]?\d{1,2}[)）、.．]|[一二三四五六七八九十]{1,2}[是、]|目标\d{1,2}[:：])"
)


def split_items(text: str) -> list[str]:
    """A numbered list ("1.承担… 2.负责…", "目标1: … 目标2: …", "一是… 二是…") as its items, or the
    text's paragraphs when it is not numbered."""
    body = text.strip()
    marks = list(_NUMBERED.finditer(body))
    if len(marks) >= 2:
        items = []
        head = body[: marks[0].start()].strip()
        for mark, nxt in zip(marks, [*marks[1:], None], strict=True):
            piece = body[mark.end() : nxt.start() if nxt else len(body)].strip()
            if mark.group().startswith(tuple("一二三四五六七八九十")) and mark.group().endswith("是"):
                piece = mark.group() + piece
            if piece:
                items.append(" ".join(piece.split()))
        return ([" ".join(head.split())] if head and len(head) > 20 else []) + items
    return [" ".join(line.split()) for line in body.split("\n") if line.strip()]


def split_code(name: str) -> tuple[str, str]:
    """A unit name with a leading code ("135-大竹县司法局部门") as (code, name); a name of a 批复表
    ending in "部门" after the unit's own name loses it."""
    found = re.match(r"^\s*([0-9A-Za-z]{2,20})\s*[-－—_ ]\s*(.+)$", name)
    code, rest = (found[1], found[2]) if found else ("", name)
    rest = rest.strip()
    if re.search(r"(?:局|委|办|院|会|厅|署|所|站|队|中心)部门$", rest):
        rest = rest[: -len("部门")]
    return code, rest
