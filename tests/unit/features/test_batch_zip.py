"""The batch in memory: units' data in, one deterministic zip with reports and both summaries out."""

from __future__ import annotations

import io
import multiprocessing
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

from reportgen.api import RenderOptions
from reportgen.docx import read_outline, read_tables
from reportgen.features.batch import bundle, run
from reportgen.features.batch.bundle import BundleUnit, bundle_batch
from reportgen.features.batch.reports import batch_reports
from samples import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import _plain, unit_data

pytestmark = pytest.mark.rendering


def members(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def summary_rows(workbook: bytes) -> list[list[Any]]:
    (sheet,) = load_workbook(io.BytesIO(workbook)).worksheets
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def broken(index: int) -> dict[str, Any]:
    data = unit_data(index)
    data["budget"]["executed"] = "一百万"
    return data


@pytest.fixture
def units() -> list[BundleUnit]:
    return [
        BundleUnit("东安县司法局", unit_data(1), source="东安县司法局 第3版"),
        BundleUnit("祁阳县财政局", broken(2)),
        BundleUnit("双牌县民政局", unit_data(3)),
    ]


def test_the_zip_holds_the_summaries_and_a_report_per_good_unit(units: list[BundleUnit]) -> None:
    made = bundle_batch(units, workers=1)
    assert list(members(made.content)) == ["汇总.xlsx", "汇总报告.docx", "东安县司法局.docx", "双牌县民政局.docx"]
    assert [u.status for u in made.result.units] == ["ok", "failed", "ok"]
    report = members(made.content)["东安县司法局.docx"]
    assert unit_data(1)["unit"]["name"] in read_outline(report)[0][1]


def test_a_failed_unit_is_listed_in_both_summaries_with_its_problem(units: list[BundleUnit]) -> None:
    made = bundle_batch(units, workers=1)
    (failed,) = made.failed
    assert failed.unit == "祁阳县财政局" and any("budget.executed" in p for p in failed.problems)
    rows = summary_rows(members(made.content)["汇总.xlsx"])
    assert [row[3] for row in rows[1:]] == [unit_data(1)["unit"]["name"], "祁阳县财政局", unit_data(3)["unit"]["name"]]
    assert rows[2][10] == "失败" and "全年执行数" in rows[2][13] and rows[2][11] is None
    assert rows[1][12] == "东安县司法局 第3版" and rows[2][12] == "祁阳县财政局"  # 数据文件: the source, else the name
    report = members(made.content)["汇总报告.docx"]
    (failures,) = [table for table in read_tables(report) if table[0] == ["单位名称", "问题"]]
    assert failures[1][0] == "祁阳县财政局" and "全年执行数" in failures[1][1] and "budget" not in failures[1][1]


def test_the_same_units_give_the_same_bytes_with_any_number_of_workers(units: list[BundleUnit]) -> None:
    once = bundle_batch(units, workers=1).content
    assert bundle_batch(units, workers=1).content == once
    assert bundle_batch(units, workers=2).content == once
    spawned = bundle_batch(units, workers=2, context=multiprocessing.get_context("spawn"), nice=5)
    assert spawned.content == once  # as a server starts its workers: not forked, at a lower priority


def test_zip_members_carry_no_time_of_making(units: list[BundleUnit]) -> None:
    content = bundle_batch(units, workers=1).content
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        workbook = package.read("汇总.xlsx")
    with zipfile.ZipFile(io.BytesIO(workbook)) as inner:
        assert {info.date_time for info in inner.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = inner.read("docProps/core.xml").decode()
    assert "dcterms:modified" not in core and "<dc:creator>reportgen</dc:creator>" in core


def test_report_names_are_safe_distinct_and_never_a_summarys() -> None:
    data = unit_data(1)
    named = [BundleUnit(name, data) for name in ("../机关", "机关", "CON", "汇总", "机关")]
    names = list(members(bundle_batch(named, workers=1).content))
    assert names == [
        "汇总.xlsx",
        "汇总报告.docx",
        "CON_.docx",
        "机关.docx",
        "机关_2.docx",
        "机关_3.docx",
        "汇总_2.docx",
    ]
    assert all("/" not in name for name in names)


def test_progress_hears_every_unit_of_the_total(units: list[BundleUnit]) -> None:
    heard: list[tuple[int, int]] = []
    bundle_batch(units, workers=1, progress=lambda done, total: heard.append((done, total)))
    assert heard == [(1, 3), (2, 3), (3, 3)]


def test_units_with_the_same_data_are_rendered_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real: Callable[..., Any] = run.rendered

    def counting(*args: Any) -> Any:
        calls.append(args[1].file)
        return real(*args)

    monkeypatch.setattr(bundle, "rendered", counting)
    same = unit_data(1)
    made = bundle_batch(
        [BundleUnit("甲", same), BundleUnit("乙", dict(same)), BundleUnit("丙", unit_data(2))], workers=1
    )
    assert calls == ["甲", "丙"]
    files = members(made.content)
    assert files["甲.docx"] == files["乙.docx"] and [u.status for u in made.result.units] == ["ok"] * 3


def test_a_unit_with_its_own_template_set_gets_it() -> None:
    data = unit_data(1)
    hunan = RenderOptions(template="hunan")
    made = bundle_batch([BundleUnit("甲", data), BundleUnit("乙", data, options=hunan)], workers=1)
    files = members(made.content)
    assert read_outline(files["甲.docx"]) != read_outline(files["乙.docx"])


def test_a_bad_option_of_one_unit_fails_that_unit_only() -> None:
    made = bundle_batch(
        [BundleUnit("甲", unit_data(1)), BundleUnit("乙", unit_data(2), options=RenderOptions(style="nonesuch"))],
        workers=1,
    )
    assert [u.status for u in made.result.units] == ["ok", "failed"]
    assert made.failed[0].problems


def test_the_summary_rows_are_the_ones_reportgen_batch_writes(units: list[BundleUnit], tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    for unit in units:
        text = yaml.safe_dump(_plain(dict(unit.data)), allow_unicode=True, sort_keys=False)
        (folder / f"{unit.name}.yaml").write_text(text, encoding="utf-8")
    ordered = sorted(units, key=lambda u: str(folder / f"{u.name}.yaml"))
    batch_reports([folder], tmp_path / "out", RenderOptions(), jobs=1)
    theirs = summary_rows((tmp_path / "out" / "汇总.xlsx").read_bytes())
    ours = summary_rows(members(bundle_batch(ordered, workers=1).content)["汇总.xlsx"])
    good = [0, 1, 2]  # the header and the valid units; a file's failure also names its line and column
    assert [[v for i, v in enumerate(ours[r]) if i != 12] for r in good] == [
        [v for i, v in enumerate(theirs[r]) if i != 12] for r in good
    ]
    assert ours[3][10] == theirs[3][10] == "失败"


def test_no_units_still_give_both_summaries() -> None:
    made = bundle_batch([], workers=2)
    assert list(members(made.content)) == ["汇总.xlsx", "汇总报告.docx"]
