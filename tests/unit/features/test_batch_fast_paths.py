"""The batch's fast paths change no output: 汇总.xlsx written as text has the cells openpyxl
wrote, and a re-run does only what changed — an unchanged one rewrites nothing yet reports
every unit, a changed unit updates its report and the summaries."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.styles import Alignment, Font

from reportgen.api import RenderOptions
from reportgen.data.excel.style import BORDER, header_row, number_format, put
from reportgen.errors import OutputError
from reportgen.features.batch import run
from reportgen.features.batch.ledger import Ledger
from reportgen.features.batch.reports import batch_reports
from reportgen.features.batch.run import LOCK, MANIFEST, BatchResult
from reportgen.features.batch.summary import (
    DOCX_NAME,
    XLSX_FORMATS,
    XLSX_HEADERS,
    XLSX_NAME,
    XLSX_WIDTHS,
    Summary,
    _xlsx_row,
)
from reportgen.ooxml.spreadsheet import Link, table_workbook
from reportgen.support import output
from samples import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import write_units

pytestmark = pytest.mark.rendering

LONG_AGO = 1_000_000_000 * 10**9  # 2001, in ns: a file rewritten by the run would show a new time


def openpyxl_table(headers: list[str], rows: list[list[object]]) -> bytes:
    """汇总.xlsx as reportgen wrote it with openpyxl before (one style object per cell)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "汇总"
    header_row(sheet, 1, headers, XLSX_WIDTHS)
    for index, values in enumerate(rows, 2):
        for col, value in enumerate(values, 1):
            cell = sheet.cell(index, col)
            numeric = isinstance(value, (int, Decimal)) and not isinstance(value, bool)
            if isinstance(value, Link):
                put(cell, value.text)
                cell.hyperlink = value.target
                cell.font = Font(color="0563C1", underline="single")
            elif value is not None and value != "":
                put(cell, value)
                chosen = XLSX_FORMATS[col - 1] if col <= len(XLSX_FORMATS) else None
                cell.number_format = chosen if chosen and numeric else number_format(value)
            cell.border = BORDER
            wrap = isinstance(value, str) and "\n" in value
            cell.alignment = Alignment(vertical="top", wrap_text=wrap, horizontal="right" if numeric else None)
    sheet.auto_filter.ref = f"A1:N{len(rows) + 1}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def cells(content: bytes) -> Iterator[tuple[object, ...]]:
    """Everything a reader sees of a workbook: sheets, sizes, panes, filter, and every cell's
    value, type, number format, font, fill, border, alignment and link."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    for sheet in book.worksheets:
        widths = {key: dim.width for key, dim in sheet.column_dimensions.items()}
        yield sheet.title, sheet.dimensions, sheet.freeze_panes, sheet.auto_filter.ref, widths
        for row in sheet.iter_rows():
            for c in row:
                font, fill, side, align = c.font, c.fill, c.border.left, c.alignment
                yield (
                    c.coordinate,
                    c.value,
                    c.data_type,
                    c.number_format,
                    (
                        font.b,
                        font.u,
                        font.sz,
                        font.name,
                        font.color.rgb if font.color else None,
                        font.color and font.color.theme,
                    ),
                    (fill.patternType, fill.fgColor.rgb),
                    (side.style, side.color.rgb if side.color else None, c.border.bottom.style),
                    (align.horizontal, align.vertical, align.wrap_text),
                    c.hyperlink.target if c.hyperlink else None,
                )


@pytest.fixture
def units(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    write_units(folder, 6, broken_every=4)
    return folder


def batch(units: Path, out: Path) -> BatchResult:
    return batch_reports([units], out, RenderOptions(), jobs=1, bureau="永州市司法局")


def times(folder: Path) -> dict[str, int]:
    """Each file's modification time, but the lock's (each run writes its process id there)."""
    return {path.name: path.stat().st_mtime_ns for path in folder.iterdir() if path.name != LOCK}


def age(folder: Path) -> None:
    for path in folder.iterdir():
        os.utime(path, ns=(LONG_AGO, LONG_AGO))


def counting(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[object]:
    """Calls of ``owner.name`` from now on (the function still runs)."""
    calls: list[object] = []
    original: Callable[..., Any] = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[1] if len(args) > 1 else args)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def test_the_summary_workbook_has_the_cells_openpyxl_wrote(units: Path, tmp_path: Path) -> None:
    result = batch(units, tmp_path / "out")
    rows = [_xlsx_row(i, unit) for i, unit in enumerate(result.units, 1)]
    rows.append(
        [
            7,
            2023,
            "=不是公式",
            " 前后有空格 ",
            Decimal("1.5"),
            Decimal("87.500"),
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "甲\r\n乙",
        ]
    )
    assert any(isinstance(value, Link) for value in rows[0]) and any(isinstance(v, Decimal) for v in rows[0])
    ours = list(cells(table_workbook("汇总", XLSX_HEADERS, rows, XLSX_WIDTHS, XLSX_FORMATS)))
    before = list(cells(openpyxl_table(XLSX_HEADERS, rows)))
    assert len(ours) == len(before) == 1 + 14 * 8
    assert ours == before


def test_the_summary_workbook_written_by_a_batch_reads_as_before(units: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = batch(units, out)
    rows = [_xlsx_row(i, unit) for i, unit in enumerate(result.units, 1)]
    assert list(cells((out / XLSX_NAME).read_bytes())) == list(cells(openpyxl_table(XLSX_HEADERS, rows)))


def test_an_unchanged_rerun_rewrites_nothing_and_still_reports_every_unit(
    units: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    first = batch(units, out)
    assert [u.status for u in first.units] == ["ok"] * 3 + ["failed"] + ["ok"] * 2
    batch(units, out)  # 汇总.xlsx now says 未变化 for every unit: written once more
    age(out)
    before = times(out)
    manifest = (out / MANIFEST).read_bytes()
    renders = counting(monkeypatch, run, "render_unit")
    made = counting(monkeypatch, Summary, "make")
    again = batch(units, out)
    assert times(out) == before  # no report, summary or manifest written
    assert (out / MANIFEST).read_bytes() == manifest
    assert renders == [] and made == []  # the unit whose data is not valid is not checked again either
    assert [u.status for u in again.units] == ["skipped"] * 3 + ["failed"] + ["skipped"] * 2
    assert again.failed[0].problems == first.failed[0].problems
    assert again.units[0].total == first.units[0].total
    assert again.summaries == [out / XLSX_NAME, out / DOCX_NAME]


def test_a_changed_unit_in_a_rerun_updates_its_report_and_the_summaries(units: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    batch(units, out)
    batch(units, out)
    age(out)
    changed = units / "unit0002.yaml"
    text = changed.read_text(encoding="utf-8")
    executed = next(line for line in text.splitlines() if line.startswith("  executed: "))
    changed.write_text(text.replace(executed, "  executed: 1000.5", 1), encoding="utf-8")
    again = batch(units, out)
    assert [u.status for u in again.units] == ["skipped", "ok", "skipped", "failed", "skipped", "skipped"]
    written = {name for name, ns in times(out).items() if ns != LONG_AGO}
    assert written == {"unit0002.docx", XLSX_NAME, DOCX_NAME, MANIFEST}
    sheet = openpyxl.load_workbook(out / XLSX_NAME)["汇总"]
    assert sheet["F3"].value == 1000.5 and sheet["K3"].value == "已生成"


def test_a_summary_that_is_gone_is_made_again_and_a_fixed_unit_is_checked_again(units: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    batch(units, out)
    batch(units, out)
    (out / DOCX_NAME).unlink()
    broken = units / "unit0004.yaml"
    again = batch(units, out)
    assert (out / DOCX_NAME).exists() and again.summaries == [out / XLSX_NAME, out / DOCX_NAME]
    broken.write_text(broken.read_text(encoding="utf-8").replace("一百万", "1000"), encoding="utf-8")
    fixed = batch(units, out)
    assert fixed.failed == [] and fixed.units[3].status == "ok" and (out / "unit0004.docx").exists()


def test_force_makes_the_summaries_again(units: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    batch(units, out)
    batch(units, out)
    age(out)
    batch_reports([units], out, RenderOptions(), jobs=1, bureau="永州市司法局", force=True)
    assert (out / DOCX_NAME).stat().st_mtime_ns != LONG_AGO


def test_each_report_is_on_the_disk_before_it_is_recorded(
    units: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    synced: list[str] = []
    recorded: list[str] = []
    monkeypatch.setattr(run, "make_durable", lambda path: synced.append(path.name))
    finished = Ledger.finished

    def finishing(self: Ledger, output: str, *args: Any) -> None:
        assert output in synced  # the worker wrote it without waiting: the recorder syncs it first
        recorded.append(output)
        finished(self, output, *args)

    monkeypatch.setattr(Ledger, "finished", finishing)
    result = run.run_batch([units], out, jobs=2)
    assert sorted(recorded) == sorted(synced) == sorted(u.output for u in result.units if u.status == "ok")
    assert len(recorded) == 5


def test_a_report_that_cannot_be_put_on_the_disk_fails_its_unit(
    units: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    durable = output.make_durable

    def failing(path: Path) -> None:
        if path.name == "unit0002.docx":
            raise OutputError(f"无法写入 {path}：磁盘已满。")

    monkeypatch.setattr(run, "make_durable", failing)
    result = run.run_batch([units], tmp_path / "out", jobs=1)
    assert [u.status for u in result.units] == ["ok", "failed", "ok", "failed", "ok", "ok"]
    assert result.units[1].problems == [f"无法写入 {tmp_path / 'out' / 'unit0002.docx'}：磁盘已满。"]
    monkeypatch.setattr(run, "make_durable", durable)
    assert run.run_batch([units], tmp_path / "out", jobs=1).units[1].status == "ok"  # done again next time
