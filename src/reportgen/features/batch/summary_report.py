"""汇总报告.docx as blocks: a report for the bureau, not a log of the run.

Every table is captioned (表1 …, the style's ``table_caption``); the ranking gives equal
scores equal ranks (并列: 1, 2, 2, 4); every list is sorted and says how; numbers are
right-aligned with two decimals in every table; units are named, never their files, and
problems name fields by their Chinese names. It ends with a 落款: the bureau (a
【待补充：主管部门名称】 placeholder when not given) and the date: ``SOURCE_DATE_EPOCH``'s, else a
【待补充：成文日期】 placeholder — the same units give the same file on any day, and the bureau
dates the report when it signs it, as a unit does (its ``date``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal

from reportgen.data.vocabulary import GRADES, LOW_EXECUTION_RATE
from reportgen.features.batch.chart import bar_chart_png, picture_size_mm
from reportgen.features.batch.run import BatchResult, UnitResult
from reportgen.features.batch.summary_rows import number, unit_name
from reportgen.figures.fmt import amount, pct
from reportgen.figures.numbers import percent, shares
from reportgen.render.blocks import Align, Block, Cell, Document, Heading, Paragraph, Picture, Role, Row, Span, Table

BUREAU_PLACEHOLDER = "【待补充：主管部门名称】"
DATE_PLACEHOLDER = "【待补充：成文日期】"
NONE_TEXT = "无。"
MONEY_NOTE = "金额单位：万元。"


def summary_document(result: BatchResult, bureau: str = "", date: dt.date | None = None) -> Document:
    """The summary report of ``result``'s units (all of one year), signed by ``bureau`` on
    ``date`` (if None, a placeholder for it)."""
    rated = [u for u in result.units if u.status != "failed" and u.grade and number(u.total) != ""]
    years = {u.year for u in result.units if u.year}
    year = f"{min(years)}年度" if len(years) == 1 else ""
    title = f"{year}绩效自评汇总报告"
    blocks: list[Block] = [Paragraph.of(title, Role.TITLE)]
    blocks += _overview(result, rated, year)
    blocks += _ranking(rated)
    blocks += _grades(rated)
    blocks += _attention(rated, result.failed)
    blocks += _signature(bureau, date)
    return Document(title=title, blocks=tuple(blocks), author="reportgen")


def ranks(scores: Sequence[Decimal]) -> list[int]:
    """Competition ranks of ``scores`` sorted from high to low: equal scores share a rank (1, 2, 2, 4)."""
    out: list[int] = []
    for index, value in enumerate(scores):
        out.append(out[-1] if index and value == scores[index - 1] else index + 1)
    return out


def by_score(units: Sequence[UnitResult]) -> list[UnitResult]:
    """Units from the highest 总分 down; equal scores by 单位名称."""
    return sorted(units, key=lambda u: (-Decimal(u.total), unit_name(u)))


def _overview(result: BatchResult, rated: list[UnitResult], year: str) -> list[Block]:
    failed = len(result.failed)
    text = f"本次汇总{len(result.units)}个单位的{year}绩效自评结果，其中{len(rated)}个单位完成自评评分"
    drafts = len(result.units) - failed - len(rated)
    if drafts:
        text += f"，{drafts}个单位的自评尚未评分"
    text += f"，{failed}个单位的数据有误、未能生成报告（见“需要关注的单位”部分）。" if failed else "。"
    if rated:
        totals = [Decimal(u.total) for u in rated]
        average = sum(totals, Decimal(0)) / len(totals)
        text += f"自评总分平均{amount(average)}分，最高{amount(max(totals))}分，最低{amount(min(totals))}分。"
    budget = _sum(u.budget for u in rated)
    executed = _sum(u.executed for u in rated)
    if budget and executed is not None:
        text += (
            f"上述单位全年预算数合计{amount(budget)}万元，全年执行数合计{amount(executed)}万元，"
            f"总体预算执行率{pct(percent(executed, budget))}。"
        )
    return [Heading(1, "总体情况"), Paragraph.of(text)]


def _sum(texts: Iterable[str]) -> Decimal | None:
    values = [number(t) for t in texts]
    if not values or any(v == "" for v in values):
        return None
    return sum((v for v in values if isinstance(v, Decimal)), Decimal(0))


def _ranking(rated: list[UnitResult]) -> list[Block]:
    blocks: list[Block] = [Heading(1, "自评得分情况")]
    if not rated:
        return [*blocks, Paragraph.of("没有完成自评评分的单位。")]
    ordered = by_score(rated)
    places = ranks([Decimal(u.total) for u in ordered])
    tied = len(set(places)) < len(places)
    note = "下表按总分从高到低排列，总分相同的按单位名称排序" + ("，排名并列" if tied else "") + f"；{MONEY_NOTE}"
    header = _header("排名", "单位名称", "总分", "等级", "全年预算数", "全年执行数", "预算执行率")
    rows = [
        Row(
            (
                Cell(str(place)),
                Cell(unit_name(u), align="left"),
                _num(u.total),
                Cell(u.grade),
                _num(u.budget),
                _num(u.executed),
                _num(u.execution_rate),
            )
        )
        for place, u in zip(places, ordered, strict=True)
    ]
    table = Table((11, 47, 14, 11, 23, 23, 23), (header, *rows), title="各单位自评得分情况")
    return [*blocks, Paragraph.of(note), table]


def _grades(rated: list[UnitResult]) -> list[Block]:
    counts = [sum(1 for u in rated if u.grade == grade) for grade in GRADES]
    computed = shares([Decimal(c) for c in counts])
    split: list[Decimal | None] = list(computed) if computed is not None else [None] * len(GRADES)
    header = _header("等级", "单位数", "占比")
    rows = [Row((Cell(g), _num(str(c)), _num(pct(s)))) for g, c, s in zip(GRADES, counts, split, strict=True)]
    width, height = picture_size_mm()
    return [
        Heading(1, "评价等级分布"),
        Table((20, 20, 20), (header, *rows), title="各单位评价等级分布"),
        Picture(bar_chart_png(GRADES, counts, "单位数"), width, height, title="各单位评价等级分布"),
    ]


def _attention(rated: list[UnitResult], failed: list[UnitResult]) -> list[Block]:
    low = sorted((u for u in rated if u.execution_low), key=lambda u: (Decimal(u.execution_rate[:-1]), unit_name(u)))
    unmet = sorted((u for u in rated if u.unmet), key=unit_name)
    broken = sorted(failed, key=unit_name)
    blocks: list[Block] = [Heading(1, "需要关注的单位")]
    blocks.append(Heading(2, f"预算执行率低于{LOW_EXECUTION_RATE}%的单位"))
    blocks += _listed(
        f"按预算执行率从低到高排列；{MONEY_NOTE}",
        Table(
            (60, 24, 24, 24),
            (
                _header("单位名称", "全年预算数", "全年执行数", "预算执行率"),
                *(
                    Row((Cell(unit_name(u), align="left"), _num(u.budget), _num(u.executed), _num(u.execution_rate)))
                    for u in low
                ),
            ),
            title=f"预算执行率低于{LOW_EXECUTION_RATE}%的单位",
        ),
    )
    blocks.append(Heading(2, "有未完成指标的单位"))
    blocks += _listed(
        "按单位名称排列。",
        Table(
            (50, 106),
            (_header("单位名称", "未完成的指标"), *(Row(_texts(unit_name(u), "、".join(u.unmet))) for u in unmet)),
            title="有未完成指标的单位",
        ),
    )
    blocks.append(Heading(2, "数据有误、未能生成报告的单位"))
    blocks += _listed(
        "按单位名称排列；请各单位按所列问题改正数据后重新报送。",
        Table(
            (50, 106),
            (_header("单位名称", "问题"), *(Row(_texts(unit_name(u), "\n".join(_errors(u)))) for u in broken)),
            title="未能生成报告的单位",
        ),
    )
    return blocks


def _errors(unit: UnitResult) -> list[str]:
    """A failed unit's errors as the summary words them (its warnings are in 汇总.xlsx)."""
    errors = [note.removeprefix("错误：") for note in unit.notes if note.startswith("错误：")]
    return errors or unit.problems


def _listed(note: str, table: Table) -> list[Block]:
    if len(table.rows) == 1:
        return [Paragraph.of(NONE_TEXT)]
    return [Paragraph.of(note), table]


def _signature(bureau: str, date: dt.date | None) -> list[Block]:
    name = Paragraph.of(bureau.strip(), Role.SIGNATURE) if bureau.strip() else _placeholder(BUREAU_PLACEHOLDER)
    dated = Paragraph.of(f"{date.year}年{date.month}月{date.day}日", Role.SIGNATURE) if date else None
    return [name, dated or _placeholder(DATE_PLACEHOLDER)]


def _placeholder(text: str) -> Paragraph:
    return Paragraph((Span(text, highlight=True),), Role.SIGNATURE)


def _header(*titles: str) -> Row:
    return Row(tuple(Cell(t, bold=True) for t in titles), header=True)


def _texts(*texts: str) -> tuple[Cell, ...]:
    return tuple(Cell(text, align="left") for text in texts)


def _num(text: str, align: Align = "right") -> Cell:
    """A figure, right-aligned; ``—`` (none) centred."""
    shown = text or "—"
    return Cell(shown, align=align if shown != "—" else "center")
