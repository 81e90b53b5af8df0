"""The 绩效自评表 (domain.md §1.8) as two tables of the block IR.

Part one holds the unit or project, the money block and the 年度总体目标; part two the
indicators, grouped by 一级/二级指标 with merged cells, under a header row that repeats
on every page, and the 总分 row. Both use the same nine-column grid so they read as one
table.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reportgen.data.model import Report
from reportgen.data.vocabulary import FISCAL_SOURCE_KEYS, placeholder
from reportgen.figures.compute import Figures
from reportgen.figures.fmt import amount, number, pct, score, unnumbered, value_text
from reportgen.figures.scoring import IndicatorResult, Status
from reportgen.render.blocks import Align, Cell, Row, Table, VMerge

WIDTHS = (6, 8, 9, 13, 11, 11, 7, 11, 13)
_DEPARTMENT_SOURCES = (
    ("一般公共预算", ("general_public",)),
    ("政府性基金拨款", ("government_fund",)),
    ("纳入专户管理的非税收入拨款", ("special_account",)),
    ("其他资金", ("state_capital", "social_insurance", "carryover", "other")),
)


def table_title(report: Report) -> str:
    return "部门整体支出绩效自评表" if report.kind == "department" else "项目支出绩效自评表"


def self_evaluation_tables(report: Report, fig: Figures) -> tuple[Table, Table]:
    """Part one (unit, money, goals) and part two (indicators, total)."""
    head = (*_identity(report), *_money(report, fig), *_goals(report))
    return Table(WIDTHS, head), Table(WIDTHS, tuple(_indicators(fig)))


def _c(text: object = "", span: int = 1, *, vmerge: VMerge = None, align: Align = "center",
       bold: bool = False) -> Cell:
    return Cell(str(text), span, vmerge, align, bold)


def _identity(report: Report) -> Iterator[Row]:
    if report.kind == "department":
        yield Row((_c("区级预算单位名称" if report.unit.level == "区级" else "预算单位名称", 2, bold=True),
                   _c(report.unit.name, 7)))
        return
    project = report.project
    assert project is not None
    yield Row((_c("项目名称", 2, bold=True), _c(project.name, 7)))
    yield Row((_c("主管部门", 2, bold=True), _c(project.authority or "", 3),
               _c("实施单位", 2, bold=True), _c(project.implementer or "", 2)))


def _money(report: Report, fig: Figures) -> Iterator[Row]:
    b, unit = fig.budget, fig.unit
    label = f"年度预算申请（{unit}）" if report.kind == "department" else f"项目资金（{unit}）"
    yield Row((_c(label, vmerge="restart", bold=True), _c("", 2),
               *(_c(t, bold=True) for t in ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"))))
    yield Row((_c(vmerge="continue"), _c("年度资金总额", 2),
               _c(amount(b.initial)), _c(_money_or_todo(b.adjusted)), _c(_money_or_todo(b.executed)),
               _c(number(b.weight)), _c(placeholder() if b.pending else pct(b.rate)),
               _c(placeholder() if b.score is None else score(b.score, fig.score_places))))
    if report.kind == "department":
        yield from _department_split(fig)
    else:
        fiscal = sum((b.source(k) for k in FISCAL_SOURCE_KEYS), Decimal(0))
        rows = [("其中：当年财政拨款", fiscal), ("上年结转资金", b.source("carryover")),
                ("其他资金", b.source("other"))]
        if b.by_source.rest is not None:
            rows.append((b.by_source.rest.label, b.by_source.rest.amount))
        for title, value in rows:
            yield Row((_c(vmerge="continue"), _c(title, 2, align="left"), _c(""),
                       _c(amount(value) if b.by_source else ""), _c(""), _c(""), _c(""), _c("")))


def _money_or_todo(value: Decimal | None) -> str:
    return placeholder() if value is None else amount(value)


def _department_split(fig: Figures) -> Iterator[Row]:
    b = fig.budget
    yield Row((_c(vmerge="continue"), _c("按收入性质分：", 4, align="left", bold=True),
               _c("按支出性质分：", 4, align="left", bold=True)))
    sources = [(name, sum((b.source(k) for k in keys), Decimal(0))) for name, keys in _DEPARTMENT_SOURCES]
    if b.by_source.rest is not None:
        sources.append((b.by_source.rest.label, b.by_source.rest.amount))
    natures = [(p.label, p.amount) for p in b.by_nature.rows]
    for index in range(max(len(sources), len(natures))):
        left = right = ""
        if index < len(sources):
            name, value = sources[index]
            left = f"{'其中：' if index == 0 else ''}{name}：{amount(value) if value or b.by_source else ''}"
        if index < len(natures):
            right = f"{'其中：' if index == 0 else ''}{natures[index][0]}：{amount(natures[index][1])}"
        yield Row((_c(vmerge="continue"), _c(left, 4, align="left"), _c(right, 4, align="left")))


def _goals(report: Report) -> Iterator[Row]:
    yield Row((_c("年度总体目标", vmerge="restart", bold=True), _c("预期目标", 4, bold=True),
               _c("实际完成情况", 4, bold=True)))
    goals = report.goals or []
    many = len(goals) > 1
    expected = "\n".join(f"{i}.{unnumbered(g.expected)}" if many else g.expected for i, g in enumerate(goals, 1))
    actual = "\n".join(f"{i}.{unnumbered(g.actual) or placeholder()}" if many else (g.actual or placeholder())
                       for i, g in enumerate(goals, 1))
    yield Row((_c(vmerge="continue"), _c(expected, 4, align="left"), _c(actual, 4, align="left")))


_HEADER = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")


def _indicators(fig: Figures) -> Iterator[Row]:
    yield Row((_c("绩效指标", vmerge="restart", bold=True), *(_c(t, bold=True) for t in _HEADER)), header=True)
    weights = {g.level1: g.weight for g in fig.groups}
    if not fig.indicators:
        yield Row((_c(vmerge="continue"), _c("本次自评未设绩效指标。", 8, align="left")))
        return
    previous: tuple[str, str] | None = None
    for result in _grouped(fig):
        ind = result.indicator
        level1 = ind.level1 if fig.total_weight is None else f"{ind.level1}（{number(weights[ind.level1])}分）"
        same1 = previous is not None and previous[0] == ind.level1
        same2 = same1 and previous is not None and previous[1] == ind.level2
        previous = (ind.level1, ind.level2)
        yield Row((
            _c(vmerge="continue"),
            _c("" if same1 else level1, vmerge="continue" if same1 else "restart"),
            _c("" if same2 else ind.level2, vmerge="continue" if same2 else "restart"),
            _c(ind.name, align="left"),
            _c(value_text(ind.target)),
            _c(value_text(ind.actual) if ind.actual else (placeholder() if result.pending else "")),
            _c(placeholder() if ind.weight is None and result.applicable else number(ind.weight)),
            _c(_score_text(result, fig.score_places)),
            _c(" ".join((ind.deviation or "").split()), align="left"),
        ))
    total = placeholder() if fig.total is None else score(fig.total, fig.score_places)
    weight = placeholder() if fig.total_weight is None else number(fig.total_weight)
    yield Row((_c("总分", 6, bold=True), _c(weight), _c(total, bold=True),
               _c(f"等级：{fig.grade or placeholder()}", bold=True)))


def _score_text(result: IndicatorResult, places: int) -> str:
    if result.status is Status.NOT_APPLICABLE:
        return "不适用"
    if result.pending:
        return placeholder()
    return score(result.score, places) if result.score is not None else "未评分"


def _grouped(fig: Figures) -> list[IndicatorResult]:
    """Indicators grouped by 一级 then 二级指标, each group in first-seen order, so merges are whole."""
    level1 = [g.level1 for g in fig.groups]
    level2: list[str] = []
    for result in fig.indicators:
        if result.indicator.level2 not in level2:
            level2.append(result.indicator.level2)
    return sorted(fig.indicators, key=lambda r: (level1.index(r.level1), level2.index(r.indicator.level2), r.index))
