"""The bureau's batch job's work: the approved reports of a bureau and year → one zip, with progress."""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reportgen.web.accounts import Accounts
from reportgen.web.bureau_batch import (
    KIND,
    RENDERING,
    SUMMARISING,
    Approved,
    approved_reports,
    batch_units,
    batch_work,
)
from reportgen.web.datafile import to_json
from reportgen.web.db import open_database
from reportgen.web.jobs import Job, JobFailed
from reportgen.web.store import Store
from samples import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import unit_data

pytestmark = pytest.mark.rendering


def job(year: int = 2024, bureau: int = 1) -> Job:
    moment = datetime(2025, 3, 1, tzinfo=UTC)
    return Job(7, bureau, 3, KIND, year, "running", 0, 0, "", "", moment, moment, None)


def approved(name: str, code: str | None, index: int, **more: str) -> Approved:
    return Approved(name, code, index, 2, to_json(unit_data(index, year=2024)), **more)


REPORTS = [
    approved("东安县民政局", None, 3),
    approved("东安县司法局", "D002", 1),
    approved("东安县财政局", "D001", 2),
]


def test_the_units_are_ordered_by_code_then_name_and_named_as_the_bureau_lists_them() -> None:
    units = batch_units(REPORTS)
    assert [u.name for u in units] == ["东安县财政局", "东安县司法局", "东安县民政局"]
    assert [u.source for u in units] == ["D001 网页填报 第2版", "D002 网页填报 第2版", "网页填报 第2版"]


def test_the_job_makes_the_zip_of_the_bureaus_approved_reports_of_its_year() -> None:
    asked: list[tuple[int, int]] = []

    def load(bureau: int, year: int) -> tuple[str, list[Approved]]:
        asked.append((bureau, year))
        return "东安县财政局", REPORTS

    heard: list[tuple[int, int, str]] = []
    name, content = batch_work(load, workers=1)(job(), lambda *step: heard.append(step))
    assert asked == [(1, 2024)] and name == "东安县财政局2024年度绩效自评报告.zip"
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        assert package.namelist() == [
            "汇总.xlsx",
            "汇总报告.docx",
            "东安县司法局.docx",
            "东安县民政局.docx",
            "东安县财政局.docx",
        ]
        (sheet,) = load_workbook(io.BytesIO(package.read("汇总.xlsx"))).worksheets
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[12] for row in rows] == ["D001 网页填报 第2版", "D002 网页填报 第2版", "网页填报 第2版"]
    assert all(row[7] is not None and row[10] == "已生成" for row in rows)  # each with its score
    assert heard == [(0, 3, RENDERING), (1, 3, RENDERING), (2, 3, RENDERING), (3, 3, SUMMARISING)]


def test_a_report_keeps_its_own_template_set() -> None:
    units = {u.name: u for u in batch_units([approved("甲", None, 1, narrative="hunan"), approved("乙", None, 1)])}
    chosen = units["甲"].options
    assert chosen is not None and chosen.template == "hunan"
    assert units["乙"].options is None  # the batch's default


def test_a_year_without_approved_reports_fails_the_job_saying_so() -> None:
    with pytest.raises(JobFailed, match="2024年度还没有已通过审核的报告"):
        batch_work(lambda bureau, year: ("东安县财政局", []), workers=1)(job(), lambda *step: None)


def test_only_the_bureaus_approved_reports_of_the_year_are_batched(tmp_path: Path) -> None:
    engine = open_database(tmp_path)
    accounts = Accounts(engine)
    mine, other = accounts.bureau("东安县财政局"), accounts.bureau("西山县财政局")
    store = Store(engine)

    def report(unit: str, code: str | None, bureau: int, year: int, index: int, approve: bool) -> int:
        made = accounts.create_unit(unit, code, bureau_id=bureau)
        version = store.create(unit_data(index, year=year), unit_id=made.id)
        store.save(version.report_id, unit_data(index + 10, year=year), based_on=1)
        if approve:
            assert store.set_status(version.report_id, "approved", "approve", was={"draft"})
        return version.report_id

    approved_one = report("东安县司法局", "D001", mine.id, 2024, 1, approve=True)
    report("东安县民政局", None, mine.id, 2024, 2, approve=False)
    report("东安县水利局", None, mine.id, 2023, 3, approve=True)
    report("西山县司法局", "X001", other.id, 2024, 4, approve=True)
    name, found = approved_reports(engine, mine.id, 2024)
    assert name == "东安县财政局"
    assert [(a.unit_name, a.unit_code, a.report_id, a.version) for a in found] == [
        ("东安县司法局", "D001", approved_one, 2)
    ]
    assert found[0].data == to_json(unit_data(11, year=2024))  # the latest version's data
