"""A summary is of one year, and ranks every unit once: units of several years are refused
naming which file has which year; the same unit twice fails both, each naming the other."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportgen.cli import app
from reportgen.data.excel import write_units_workbook
from reportgen.docx import read_tables
from reportgen.errors import OutputError
from reportgen.features.batch.bundle import BundleUnit, bundle_batch
from summary_units import batch, column, sheet_of, unit, write_unit

pytestmark = pytest.mark.rendering
runner = CliRunner()


def ranked(out: Path) -> list[str]:
    """The 单位名称 column of the summary report's ranking."""
    (ranking,) = [t for t in read_tables((out / "汇总报告.docx").read_bytes()) if t[0][:2] == ["排名", "单位名称"]]
    return [row[1] for row in ranking[1:]]


def test_units_of_several_years_are_refused_naming_each_files_year(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_unit(data, "甲", unit(1, year=2022))
    write_unit(data, "乙", unit(2, year=2023))
    write_unit(data, "丙", unit(3, year=2023))
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(data), "-o", str(out), "-j", "1"])
    assert result.exit_code == 2
    assert "2022年度：甲.yaml；2023年度：丙.yaml、乙.yaml" in result.output
    assert "不是同一年度" in result.output and "每个年度分别运行" in result.output
    assert (
        not (out / "汇总.xlsx").exists() and not (out / "汇总报告.docx").exists()
    )  # never titled by the commonest year
    assert {p.name for p in out.glob("*.docx")} == {"甲.docx", "乙.docx", "丙.docx"}  # each unit's report is made


def test_the_web_batch_refuses_several_years_too() -> None:
    units = [BundleUnit("甲", unit(1, year=2022)), BundleUnit("乙", unit(2, year=2023))]
    with pytest.raises(OutputError, match="2022年度：甲；2023年度：乙"):
        bundle_batch(units, workers=1)


def test_the_same_unit_in_two_files_fails_both_naming_the_other(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_unit(data, "司法局", unit(1))
    write_unit(data, "司法局_修改稿", unit(1))
    write_unit(data, "民政局", unit(2))
    out = tmp_path / "out"
    result = batch([data], out)
    by_file = {Path(u.source).name: u for u in result.units}
    first, second = by_file["司法局.yaml"], by_file["司法局_修改稿.yaml"]
    assert first.status == second.status == "failed" and by_file["民政局.yaml"].status == "ok"
    assert "与 司法局_修改稿.yaml 是同一单位" in first.problems[-1]
    assert "与 司法局.yaml 是同一单位" in second.problems[-1]
    assert ranked(out) == [unit(2)["unit"]["name"]]  # never ranked twice, nor once by chance
    sheet = sheet_of(out / "汇总.xlsx")
    problems, status = column(sheet, "问题"), column(sheet, "状态")
    rows = [r for r in range(2, sheet.max_row + 1) if "同一单位" in str(sheet.cell(r, problems).value)]
    assert len(rows) == 2 and all(sheet.cell(r, status).value == "失败" for r in rows)


def test_the_same_unit_in_a_workbook_and_a_file_fails_both(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    write_units_workbook(data / "各单位.xlsx", [unit(1), unit(2)])
    write_unit(data, "补报", unit(2))
    result = batch([data], tmp_path / "out")
    failed = {u.source.rsplit("/", 1)[-1]: u.problems[-1] for u in result.failed}
    name = unit(2)["unit"]["name"]
    assert set(failed) == {f"各单位.xlsx#{name}", "补报.yaml"}
    assert f"与 各单位.xlsx 中的“{name}” 是同一单位" in failed["补报.yaml"]
    assert "与 补报.yaml 是同一单位" in failed[f"各单位.xlsx#{name}"]
    assert ranked(tmp_path / "out") == [unit(1)["unit"]["name"]]


def test_the_same_unit_code_under_another_name_is_the_same_unit(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_unit(data, "旧名", unit(1, code="431102001"))
    write_unit(data, "新名", unit(2, code="431102001", name="零陵区司法局"))
    result = batch([data], tmp_path / "out")
    assert [u.status for u in result.units] == ["failed", "failed"]
    assert all("单位代码、年度和评价类型都相同" in u.problems[-1] for u in result.units)
