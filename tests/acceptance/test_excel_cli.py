"""The staff workbook from the command line: init --xlsx, fill, render; batch over a multi-unit workbook."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportgen.api import load
from reportgen.cli import app
from reportgen.data.excel import write_units_workbook
from reportgen.data.sources import read_data
from reportgen.figures.as_json import figures_json
from samples import LINGLING, LINGLING_PROJECT

runner = CliRunner()


def test_init_xlsx_writes_an_empty_workbook_and_refuses_to_overwrite(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path), "--xlsx"])
    assert result.exit_code == 0, result.output
    book = tmp_path / "自评数据.xlsx"
    assert book.read_bytes()[:2] == b"PK"
    again = runner.invoke(app, ["init", str(tmp_path), "--xlsx"])
    assert again.exit_code == 2 and "已存在" in again.output


@pytest.mark.rendering
def test_init_xlsx_from_data_renders_the_same_report(tmp_path: Path) -> None:
    book = tmp_path / "零陵.xlsx"
    assert runner.invoke(app, ["init", str(book), "--xlsx", "--from", str(LINGLING)]).exit_code == 0
    assert figures_json(load(book).figures) == figures_json(load(LINGLING).figures)  # type: ignore[arg-type]
    result = runner.invoke(app, ["render", str(book), "-o", str(tmp_path / "r.docx")])
    assert result.exit_code == 0 and "综合得分 98 分" in result.output


def test_from_without_xlsx_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path), "--from", str(LINGLING)])
    assert result.exit_code == 2 and "--xlsx" in result.output


@pytest.mark.rendering
def test_batch_over_a_multi_unit_workbook(tmp_path: Path) -> None:
    units = [read_data(LINGLING).data, read_data(LINGLING_PROJECT).data]
    broken = dict(read_data(LINGLING).data)
    broken["unit"] = {**broken["unit"], "name": "某县司法局"}
    broken["budget"] = {**broken["budget"], "adjusted": "很多"}
    book = tmp_path / "全县.xlsx"
    write_units_workbook(book, [units[0], broken])
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(book), "-o", str(out), "-j", "1"])
    assert result.exit_code == 1
    assert "某县司法局" in result.output and "年度资金!" in result.output  # the cell of the bad amount
    assert (out / "永州市零陵区司法局.docx").exists()
    assert not (out / "某县司法局.docx").exists()


def test_init_xlsx_force_replaces_only_an_unfilled_workbook(tmp_path: Path) -> None:
    book = tmp_path / "自评数据.xlsx"
    assert runner.invoke(app, ["init", str(book), "--xlsx"]).exit_code == 0
    filled = runner.invoke(app, ["init", str(book), "--xlsx", "--from", str(LINGLING), "--force"])
    assert filled.exit_code == 0, filled.output  # the blank workbook nobody had filled in
    again = runner.invoke(app, ["init", str(book), "--xlsx", "--force"])
    assert again.exit_code == 2 and "加 --force 也不会覆盖" in again.output  # now it holds data
    assert figures_json(load(book).figures) == figures_json(load(LINGLING).figures)  # type: ignore[arg-type]
