"""The bureau's overview of a batch: 汇总.xlsx (one row per unit) and 汇总报告.docx."""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from decimal import Decimal
from pathlib import Path

from reportgen.data.vocabulary import GRADES, LOW_EXECUTION_RATE, UNIT_STATUS
from reportgen.docx import write_docx
from reportgen.features.batch.chart import bar_chart_png, picture_size_mm
from reportgen.features.batch.run import SUMMARY_NAMES, BatchResult, UnitResult
from reportgen.figures.fmt import pct
from reportgen.figures.numbers import shares
from reportgen.ooxml.package import core_xml, read_members, source_date, write_zip
from reportgen.render.blocks import Block, Cell, Document, Heading, Paragraph, Picture, Role, Row, Table
from reportgen.render.stylesheet import Stylesheet

STATUS_TEXT = UNIT_STATUS
XLSX_NAME, DOCX_NAME = SUMMARY_NAMES
XLSX_HEADERS = [
    "序号",
    "单位名称",
    "数据文件",
    "综合得分",
    "等级",
    "预算执行率",
    "提示数",
    "未完成指标",
    "状态",
    "报告文件",
    "问题",
]
XLSX_WIDTHS = [6, 28, 30, 10, 6, 11, 8, 30, 12, 30, 60]


def summary_files(result: BatchResult, sheet: Stylesheet) -> dict[str, bytes]:
    """Both summary files by name, for :func:`reportgen.features.batch.run.run_batch` to write into its folder."""
    from reportgen.data.excel import write_table

    rows = [_xlsx_row(i, unit) for i, unit in enumerate(result.units, 1)]
    buffer = io.BytesIO()
    write_table(buffer, "汇总", XLSX_HEADERS, rows, XLSX_WIDTHS)
    return {XLSX_NAME: _steady(buffer.getvalue()), DOCX_NAME: write_docx(summary_document(result), sheet)}


def _steady(workbook: bytes) -> bytes:
    """The workbook openpyxl wrote, byte-identical for the same rows: its zip re-written with
    fixed timestamps and its core properties (openpyxl stamps the time of saving) replaced by
    reportgen's, as the reports' are (dated only when ``SOURCE_DATE_EPOCH`` is set)."""
    core = core_xml("汇总", "reportgen", source_date())
    return write_zip(read_members(workbook), {"docProps/core.xml": core})


def is_summary(path: Path) -> bool:
    """Whether ``path`` is a summary as reportgen writes it, judged by its content: a workbook
    whose only sheet is 汇总 with the summary's header row, or a Word file by reportgen titled
    …绩效自评汇总报告.

    Only for output folders of reportgen before version 2, whose manifest did not record
    the summaries' hashes; an input workbook named 汇总.xlsx is not one.
    """
    if path.name == XLSX_NAME:
        return _is_summary_workbook(path)
    if path.name == DOCX_NAME:
        try:
            with zipfile.ZipFile(path) as package, package.open("docProps/core.xml") as core:
                head = core.read(4096).decode("utf-8", errors="replace")
        except Exception:  # not a readable Word file: not ours
            return False
        titled = re.search(r"<dc:title>[^<]*绩效自评汇总报告</dc:title>", head)
        return "<dc:creator>reportgen</dc:creator>" in head and titled is not None
    return False


def _is_summary_workbook(path: Path) -> bool:
    from reportgen.data.excel.grid import open_grids
    from reportgen.errors import DataError

    try:
        grids = list(open_grids(path).values())
    except DataError:
        return False
    if len(grids) != 1 or grids[0].title != "汇总":
        return False
    grid = grids[0]
    return [grid.cell(1, col).value for col in range(1, len(XLSX_HEADERS) + 1)] == XLSX_HEADERS


def _xlsx_row(index: int, unit: UnitResult) -> list[object]:
    return [
        index,
        unit.unit,
        unit.source,
        _number(unit.total),
        unit.grade,
        unit.execution_rate,
        unit.warnings,
        "、".join(unit.unmet),
        STATUS_TEXT[unit.status],
        unit.output if unit.status != "failed" else "",
        "\n".join(unit.problems),
    ]


def _number(text: str) -> object:
    return Decimal(text) if text else ""


def summary_document(result: BatchResult) -> Document:
    """The summary report as blocks: totals, grade distribution with a chart, ranking, findings."""
    rated = [u for u in result.units if u.status != "failed" and u.grade]
    years = Counter(u.year for u in rated if u.year)
    year = f"{years.most_common(1)[0][0]}年度" if years else ""
    blocks: list[Block] = [Paragraph.of(f"{year}绩效自评汇总报告", Role.TITLE)]
    blocks += _overview(result, rated)
    blocks += _grades(rated)
    blocks += _ranking(rated)
    blocks += _findings(rated, result.failed)
    return Document(title=f"{year}绩效自评汇总报告", blocks=tuple(blocks), author="reportgen")


def _overview(result: BatchResult, rated: list[UnitResult]) -> list[Block]:
    counts = Counter(u.status for u in result.units)
    text = (
        f"本次共处理{len(result.units)}个单位，生成报告{counts['ok']}份，"
        f"数据未变化沿用原报告{counts['skipped']}份，未能生成{counts['failed']}份。"
    )
    if rated:
        totals = [Decimal(u.total) for u in rated]
        average = sum(totals, Decimal(0)) / len(totals)
        text += f"综合得分平均{average.quantize(Decimal('0.01'))}分，最高{max(totals)}分，最低{min(totals)}分。"
    return [Heading(1, "总体情况"), Paragraph.of(text)]


def _grades(rated: list[UnitResult]) -> list[Block]:
    counts = [sum(1 for u in rated if u.grade == grade) for grade in GRADES]
    computed = shares([Decimal(c) for c in counts])
    split: list[Decimal | None] = list(computed) if computed is not None else [None] * len(GRADES)
    rows = [Row((Cell("等级", bold=True), Cell("单位数", bold=True), Cell("占比", bold=True)), header=True)]
    rows += [Row((Cell(g), Cell(str(c)), Cell(pct(s)))) for g, c, s in zip(GRADES, counts, split, strict=True)]
    width, height = picture_size_mm()
    return [
        Heading(1, "评价等级分布"),
        Table((20, 20, 20), tuple(rows), title="评价等级分布"),
        Picture(bar_chart_png(GRADES, counts, "单位数"), width, height, title="评价等级分布图"),
    ]


def _ranking(rated: list[UnitResult]) -> list[Block]:
    ordered = sorted(rated, key=lambda u: (-Decimal(u.total), u.unit))
    rows = [Row(tuple(Cell(t, bold=True) for t in ("排名", "单位名称", "综合得分", "等级", "预算执行率")), header=True)]
    rows += [
        Row((Cell(str(i)), Cell(u.unit, align="left"), Cell(u.total), Cell(u.grade), Cell(u.execution_rate)))
        for i, u in enumerate(ordered, 1)
    ]
    return [Heading(1, "得分排名"), Table((8, 40, 14, 8, 14), tuple(rows), title="综合得分排名")]


def _findings(rated: list[UnitResult], failed: list[UnitResult]) -> list[Block]:
    low = [u for u in rated if u.execution_low]
    unmet = [u for u in rated if u.unmet]
    blocks: list[Block] = [Heading(1, "需要关注的单位"), Heading(2, f"预算执行率低于{LOW_EXECUTION_RATE}%的单位")]
    blocks += _table_or_none(("单位名称", "预算执行率"), [(u.unit, u.execution_rate) for u in low], (50, 20))
    blocks.append(Heading(2, "有未完成指标的单位"))
    blocks += _table_or_none(("单位名称", "未完成的指标"), [(u.unit, "、".join(u.unmet)) for u in unmet], (30, 50))
    blocks.append(Heading(2, "未能生成报告的单位"))
    blocks += _table_or_none(("数据文件", "问题"), [(u.source, "\n".join(u.problems)) for u in failed], (30, 60))
    return blocks


def _table_or_none(headers: tuple[str, ...], rows: list[tuple[str, str]], widths: tuple[int, ...]) -> list[Block]:
    if not rows:
        return [Paragraph.of("无。")]
    header = Row(tuple(Cell(h, bold=True) for h in headers), header=True)
    body = [Row(tuple(Cell(text, align="left") for text in row)) for row in rows]
    return [Table(widths, (header, *body))]
