"""The bureau's overview of a batch: 汇总.xlsx (one row per unit) and 汇总报告.docx.

汇总.xlsx holds numbers as numbers (万元 with two decimals, rates as fractions shown as
percents), a link to each report relative to the workbook (the folder can be moved or
zipped), and in 问题 every error and warning; a failed unit shows its name as far as its
data tells it, else its file's name. Both summaries are of one year: units of several years
are refused (:func:`reportgen.features.batch.consistency.mixed_years`).
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from pathlib import Path

from reportgen._version import __version__
from reportgen.data.vocabulary import UNIT_STATUS
from reportgen.docx import write_docx
from reportgen.features.batch.consistency import mixed_years, source_name
from reportgen.features.batch.run import SUMMARY_NAMES, BatchResult, UnitResult
from reportgen.features.batch.summary_report import summary_document
from reportgen.features.batch.summary_rows import fraction, number, unit_name
from reportgen.ooxml.package import source_date
from reportgen.ooxml.spreadsheet import Link, table_workbook
from reportgen.render.stylesheet import Stylesheet

STATUS_TEXT = UNIT_STATUS
XLSX_NAME, DOCX_NAME = SUMMARY_NAMES
XLSX_HEADERS = [
    "序号",
    "年度",
    "单位代码",
    "单位名称",
    "预算数（万元）",
    "执行数（万元）",
    "执行率",
    "总分",
    "等级",
    "未完成指标",
    "状态",
    "报告",
    "数据文件",
    "问题",
]
XLSX_WIDTHS = [6, 8, 14, 28, 14, 14, 10, 9, 6, 30, 12, 30, 30, 60]
MONEY_FORMAT, RATE_FORMAT = "0.00", "0.00%"
XLSX_FORMATS: list[str | None] = [
    "0",
    "0",
    None,
    None,
    MONEY_FORMAT,
    MONEY_FORMAT,
    RATE_FORMAT,
    "0.00",
    None,
    None,
    None,
    None,
    None,
    None,
]
CELL_CHARS = 32_767  # the most text an Excel cell holds
_MORE_CHARS = 60  # room for the line saying how many more there are
# The header row of reportgen before version 2's summaries, to recognise them (is_summary).
LEGACY_HEADERS = [
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


def summary_files(result: BatchResult, sheet: Stylesheet, bureau: str = "") -> dict[str, bytes]:
    """Both summary files by name; ``bureau`` signs the report (a placeholder when empty).

    Raises :class:`~reportgen.errors.OutputError` when the units are of several years.
    """
    summary = Summary(sheet, bureau)
    return {name: summary.make(result, name) for name in summary.keys(result)}


class Summary:
    """The summaries of a batch, each made on its own, each with a key that names its content:
    the same key, the same bytes — so :func:`reportgen.features.batch.run.run_batch` keeps a
    summary whose key is unchanged and whose file is as it wrote it, instead of making it again.

    汇总.xlsx's key covers every unit's result as the batch reported it (its 状态 included);
    汇总报告.docx's the same but for whether a unit's report was written or kept (the report
    does not say), with the signature, the style and the date (``SOURCE_DATE_EPOCH``).
    """

    def __init__(self, sheet: Stylesheet, bureau: str = "") -> None:
        self.sheet, self.bureau = sheet, bureau

    def keys(self, result: BatchResult) -> dict[str, str]:
        """Each summary's key by file name. Raises :class:`~reportgen.errors.OutputError`
        when the units are of several years (then there are no summaries)."""
        mixed_years(result.units)
        epoch = source_date()
        when = epoch.isoformat() if epoch else ""
        statuses = [unit.status for unit in result.units]
        done = [{**vars(unit), "status": "failed" if unit.status == "failed" else "done"} for unit in result.units]
        units = json.dumps(done, ensure_ascii=False, sort_keys=True)
        return {
            XLSX_NAME: _key(__version__, "xlsx", when, units, json.dumps(statuses)),
            DOCX_NAME: _key(__version__, "docx", when, units, self.bureau, self.sheet.model_dump_json()),
        }

    def make(self, result: BatchResult, name: str) -> bytes:
        """The summary file ``name`` (one of :data:`SUMMARY_NAMES`) of ``result``."""
        epoch = source_date()
        if name == XLSX_NAME:
            rows = [_xlsx_row(i, unit) for i, unit in enumerate(result.units, 1)]
            return table_workbook("汇总", XLSX_HEADERS, rows, XLSX_WIDTHS, XLSX_FORMATS, epoch)
        if name == DOCX_NAME:
            return write_docx(summary_document(result, self.bureau, epoch.date() if epoch else None), self.sheet)
        raise ValueError(f"not a summary: {name}")


def _key(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        digest.update(b"%d:" % len(data) + data)
    return digest.hexdigest()


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
    headers = [grid.cell(1, col).value for col in range(1, len(XLSX_HEADERS) + 1)]
    return headers == XLSX_HEADERS or headers[: len(LEGACY_HEADERS)] == LEGACY_HEADERS


def _xlsx_row(index: int, unit: UnitResult) -> list[object]:
    report = Link(unit.output, unit.output) if unit.status != "failed" and unit.output else ""
    return [
        index,
        unit.year or "",
        unit.code,
        unit_name(unit),
        number(unit.budget),
        number(unit.executed),
        fraction(unit.execution_rate),
        number(unit.total),
        unit.grade,
        "、".join(unit.unmet),
        STATUS_TEXT[unit.status],
        report,
        source_name(unit.source),
        cell_lines(unit.notes or unit.problems),
    ]


def cell_lines(lines: list[str]) -> str:
    """``lines`` one per line, as many whole lines as an Excel cell holds (32,767 characters),
    then how many more there are."""
    kept: list[str] = []
    used = 0
    for index, line in enumerate(lines):
        if used + len(line) + 1 > CELL_CHARS - _MORE_CHARS:
            kept.append(f"……另有{len(lines) - index}条，请用 reportgen check 查看该单位的数据。")
            break
        kept.append(line)
        used += len(line) + 1
    return "\n".join(kept)
