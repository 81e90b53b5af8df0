"""What makes a batch's units one summary: one year, and every unit once.

A summary ranks the units of one year against each other, so units of several years are
refused (:func:`mixed_years`) rather than titled by the most common year. The same unit
twice — two files, or a workbook's row and a file, with the same 单位名称 or 单位代码, year
and kind — would be ranked twice: both are failed rows naming each other (:func:`mark_duplicates`),
so the editor keeps the right one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Protocol

from reportgen.errors import OutputError

_LISTED = 5  # files named per year; more are counted


class Unit(Protocol):
    source: str
    status: str
    unit: str
    code: str
    year: int | None
    kind: str
    problems: list[str]
    notes: list[str]


def source_name(source: str) -> str:
    """A unit's source as the summary names it: the file's name, without its folders
    (``数据/东安县.yaml`` → ``东安县.yaml``; ``单位.xlsx#东安县`` → ``单位.xlsx 中的“东安县”``)."""
    file, _, inner = source.partition("#")
    name = file.replace("\\", "/").rsplit("/", 1)[-1]
    return f"{name} 中的“{inner}”" if inner else name


def mark_duplicates(units: Sequence[Unit]) -> None:
    """Fail every unit that another unit of the batch repeats (same name or code, year and kind)."""
    first: dict[tuple[object, ...], Unit] = {}
    for unit in (u for u in units if u.status != "failed" and u.year is not None):
        keys = [("name", unit.unit, unit.year, unit.kind)]
        if unit.code:
            keys.append(("code", unit.code, unit.year, unit.kind))
        earlier = next((first[k] for k in keys if k in first), None)
        if earlier is None:
            first.update((k, unit) for k in keys)
            continue
        for one, other in ((earlier, unit), (unit, earlier)):
            _fail(one, other)


def _fail(unit: Unit, other: Unit) -> None:
    same = "单位代码" if unit.code and unit.code == other.code and unit.unit != other.unit else "单位名称"
    text = (
        f"与 {source_name(other.source)} 是同一单位（{same}、年度和评价类型都相同），两份数据都未计入汇总排名："
        "请删去或改正其中一份后重新运行。"
    )
    unit.status = "failed"
    unit.problems = [*unit.problems, text]
    unit.notes = [*unit.notes, f"错误：{text}"]


def mixed_years(units: Iterable[Unit]) -> None:
    """Raise :class:`OutputError` listing which file has which year when the units' years differ."""
    by_year: dict[int, list[str]] = defaultdict(list)
    for unit in units:
        if unit.year is not None:
            by_year[unit.year].append(source_name(unit.source))
    if len(by_year) <= 1:
        return
    parts = []
    for year in sorted(by_year):
        names = by_year[year]
        listed = "、".join(names[:_LISTED]) + (f"等{len(names)}个文件" if len(names) > _LISTED else "")
        parts.append(f"{year}年度：{listed}")
    raise OutputError(
        "这些单位不是同一年度的数据，不能汇总在一份汇总表里（" + "；".join(parts) + "）。"
        "请按年度把数据分开存放，每个年度分别运行一次 reportgen batch；各单位的报告已生成，汇总表和汇总报告没有生成。"
    )
