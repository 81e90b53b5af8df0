"""Importing a multi-unit workbook: every workbook unit matched to one of the bureau's units by
code or exact name, or reported with its row — never merged — and nothing planned from a
workbook that cannot be read."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from reportgen.data.excel import write_units_workbook, write_workbook
from reportgen.data.raw import RawData
from reportgen.errors import DataError, Issue
from reportgen.web import audit
from reportgen.web.accounts import Accounts, Unit
from reportgen.web.audit import Actor
from reportgen.web.bureau_import import (
    BureauUnit,
    Existing,
    ImportRefused,
    Plan,
    apply_plan,
    bureau_state,
    plan_digest,
    plan_import,
    read_workbook,
)
from reportgen.web.db import open_database
from reportgen.web.store import Store
from samples import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import unit_data

SIFA = BureauUnit(1, "东安县司法局", "D001")
CAIZHENG = BureauUnit(2, "东安县财政局", None)
MINZHENG = BureauUnit(3, "东安县民政局", "D003")
UNITS = [SIFA, CAIZHENG, MINZHENG]


def entry(name: str, row: int, code: str | None = None, year: Any = 2024, kind: str = "department") -> RawData:
    data = unit_data(row)
    data["unit"]["name"] = name
    data["unit"].pop("code", None)
    if code is not None:
        data["unit"]["code"] = code
    data["year"], data["kind"] = year, kind
    return RawData(name, data, {("unit", "name"): f"单位信息!A{row}"})


def plan(*entries: RawData | DataError, reports: dict[tuple[int, int, str], Existing] | None = None) -> Plan:
    return plan_import(list(entries), UNITS, reports or {})


def problems(found: Plan) -> dict[str, str]:
    return {f"{p.label}@{p.where}": "；".join(p.messages) for p in found.problems}


def test_units_are_matched_by_code_else_by_exact_name() -> None:
    found = plan(entry("司法局（简称）", 2, code="D001"), entry("东安县财政局", 3))
    assert [(a.unit, a.matched_by, a.where) for a in found.actions] == [
        (SIFA, "单位代码", "单位信息!A2"),
        (CAIZHENG, "单位名称", "单位信息!A3"),
    ]
    assert found.problems == []


def test_a_new_report_is_planned_where_the_unit_has_none_and_a_version_where_it_has_one() -> None:
    reports = {(1, 2024, "department"): Existing(report_id=7, status="returned", latest=4)}
    found = plan(entry("东安县司法局", 2), entry("东安县财政局", 3), reports=reports)
    first, second = found.actions
    assert (first.report_id, first.based_on, first.describe) == (7, 4, "2024年度部门整体支出报告保存为第 5 版")
    assert (second.report_id, second.describe) == (None, "新建2024年度部门整体支出报告")
    assert second.data["unit"]["name"] == "东安县财政局"


def test_a_unit_the_bureau_does_not_have_is_reported_by_name_and_row() -> None:
    found = plan(entry("西山县司法局", 5))
    assert found.actions == []
    (message,) = problems(found).values()
    assert list(problems(found)) == ["西山县司法局@单位信息!A5"] and "本局没有名为“西山县司法局”的单位" in message


def test_an_unknown_code_is_reported_with_the_code_the_name_has() -> None:
    found = plan(entry("东安县司法局", 4, code="X999"))
    (message,) = problems(found).values()
    assert "单位代码“X999”不是本局任何单位的代码" in message and "“D001”" in message


def test_a_unit_given_twice_is_never_merged_and_both_rows_are_named() -> None:
    found = plan(entry("东安县司法局", 2), entry("司法局", 6, code="D001"), entry("东安县财政局", 3))
    assert [a.unit for a in found.actions] == [CAIZHENG]
    reported = problems(found)
    assert set(reported) == {"东安县司法局@单位信息!A2", "司法局@单位信息!A6"}
    assert "“司法局”（单位信息!A6）" in reported["东安县司法局@单位信息!A2"]
    assert "同一单位只能出现一次" in reported["司法局@单位信息!A6"]


def test_a_name_two_units_share_asks_for_the_code() -> None:
    twins = [BureauUnit(1, "机关服务中心"), BureauUnit(2, "机关服务中心")]
    found = plan_import([entry("机关服务中心", 2)], twins, {})
    assert found.actions == []
    assert "本局有 2 个单位名为“机关服务中心”" in found.problems[0].messages[0]
    by_code = plan_import([entry("机关服务中心", 2, code="Z2")], [twins[0], BureauUnit(2, "机关服务中心", "Z2")], {})
    assert [a.unit.id for a in by_code.actions] == [2]


def test_a_report_submitted_or_approved_is_refused_with_the_reason() -> None:
    reports = {
        (1, 2024, "department"): Existing(7, "submitted", 3),
        (2, 2024, "department"): Existing(8, "approved", 2),
        (3, 2024, "department"): Existing(9, "draft", 1),
    }
    found = plan(entry("东安县司法局", 2), entry("东安县财政局", 3), entry("东安县民政局", 4), reports=reports)
    assert [a.unit for a in found.actions] == [MINZHENG]
    reported = problems(found)
    assert "已提交，正在等待审核" in reported["东安县司法局@单位信息!A2"]
    assert "已通过审核，数据已冻结" in reported["东安县财政局@单位信息!A3"]


def test_data_without_a_year_or_kind_is_reported_not_guessed() -> None:
    found = plan(entry("东安县司法局", 2, year=None), entry("东安县财政局", 3, kind=""))
    reported = problems(found)
    assert "未填写年度" in reported["东安县司法局@单位信息!A2"]
    assert "未填写报告类型" in reported["东安县财政局@单位信息!A3"]


def test_units_whose_rows_the_reader_refused_are_reported_with_their_reasons() -> None:
    refused = DataError(
        "/tmp/x/工作簿.xlsx#东安县司法局",
        [Issue("", "单位“东安县司法局”在“单位信息”中有两行：每个单位只能填写一行。", location="单位信息!A7")],
    )
    found = plan(refused, entry("东安县财政局", 3))
    assert [a.unit for a in found.actions] == [CAIZHENG]
    (problem,) = found.problems
    assert (problem.label, problem.where) == ("东安县司法局", "单位信息!A7")
    assert problem.messages == ("单位信息!A7：单位“东安县司法局”在“单位信息”中有两行：每个单位只能填写一行。",)


def test_every_problem_is_found_at_once() -> None:
    found = plan(entry("西山县司法局", 5), entry("东安县司法局", 2, year=None), entry("东安县财政局", 3))
    assert len(found.problems) == 2 and len(found.actions) == 1


def workbook(*units: dict[str, Any]) -> bytes:
    buffer = io.BytesIO()
    write_units_workbook(buffer, list(units))
    return buffer.getvalue()


def test_a_workbook_gives_each_unit_by_its_name_and_row() -> None:
    one, two = unit_data(1), unit_data(2)
    entries = read_workbook(workbook(one, two))
    assert [(e.file, e.locate(("unit", "name"))) for e in entries if isinstance(e, RawData)] == [
        (one["unit"]["name"], "单位信息!A2"),
        (two["unit"]["name"], "单位信息!A3"),
    ]


def test_a_workbook_that_cannot_be_read_is_refused_whole() -> None:
    with pytest.raises(ImportRefused) as refused:
        read_workbook(b"PK\x03\x04 not really a workbook")
    assert refused.value.messages
    with pytest.raises(ImportRefused, match="文件为空"):
        read_workbook(b"")


def test_a_single_unit_workbook_is_not_taken_for_a_bureaus() -> None:
    buffer = io.BytesIO()
    write_workbook(buffer, unit_data(1))
    with pytest.raises(ImportRefused, match="单个单位的工作簿"):
        read_workbook(buffer.getvalue())


def test_the_digest_changes_when_what_would_be_written_changes() -> None:
    entries = [entry("东安县司法局", 2), entry("西山县司法局", 5)]
    before = plan_digest(plan(*entries))
    assert plan_digest(plan(*entries)) == before
    saved_since = {(1, 2024, "department"): Existing(7, "draft", 1)}
    assert plan_digest(plan(*entries, reports=saved_since)) != before
    changed = entry("东安县司法局", 2)
    changed.data["budget"]["executed"] = 1
    assert plan_digest(plan(changed, entries[1])) != before


# --- over the database -------------------------------------------------------------------


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return open_database(tmp_path)


@dataclass
class Bureau:
    id: int
    units: dict[str, Unit]
    store: Store
    actor: Actor


@pytest.fixture
def bureau(engine: Engine) -> Bureau:
    accounts = Accounts(engine)
    mine = accounts.bureau("东安县财政局")
    other = accounts.bureau("西山县财政局")
    units = {
        "司法局": accounts.create_unit("东安县司法局", "D001", bureau_id=mine.id),
        "财政局": accounts.create_unit("东安县财政局", None, bureau_id=mine.id),
        "民政局": accounts.create_unit("东安县民政局", "D003", bureau_id=mine.id),
        "西山": accounts.create_unit("西山县司法局", "X001", bureau_id=other.id),
    }
    reviewer, _ = accounts.create_user("reviewer", "reviewer", bureau_id=mine.id, password="审核员的密码-2024")
    actor = Actor(reviewer.id, reviewer.login, mine.id)
    return Bureau(mine.id, units, Store(engine, actor), actor)


def test_the_bureaus_units_and_reports_are_read_for_the_plan_and_no_others(engine: Engine, bureau: Bureau) -> None:
    store = Store(engine)
    first = store.create(entry("东安县司法局", 2).data, unit_id=bureau.units["司法局"].id)
    store.save(first.report_id, entry("东安县司法局", 2).data, based_on=1)
    store.create(entry("西山县司法局", 3).data, unit_id=bureau.units["西山"].id)
    units, reports = bureau_state(engine, bureau.id)
    assert sorted(u.name for u in units) == ["东安县司法局", "东安县民政局", "东安县财政局"]
    assert reports == {(bureau.units["司法局"].id, 2024, "department"): Existing(first.report_id, "draft", 2)}


def test_an_applied_plan_saves_versions_creates_reports_and_audits_the_import(engine: Engine, bureau: Bureau) -> None:
    existing = Store(engine).create(entry("东安县司法局", 2).data, unit_id=bureau.units["司法局"].id)
    content = workbook(entry("东安县司法局", 4, code="D001").data, entry("东安县财政局", 5).data)
    units, reports = bureau_state(engine, bureau.id)
    planned = plan_import(read_workbook(content), units, reports)
    applied = apply_plan(bureau.store, planned, "各单位.xlsx")
    assert applied.refused == [] and len(applied.written) == 2
    latest = Store(engine).latest(existing.report_id)
    assert latest is not None and latest.number == 2 and latest.note == "导入多单位工作簿“各单位.xlsx”"
    created = [Store(engine).report(report_id) for _, report_id in applied.written][1]
    assert created is not None and created.unit_id == bureau.units["财政局"].id and created.status == "draft"
    log = [(e.action, e.detail) for e in audit.entries(engine, bureau.id)]
    assert log[0] == ("import", "导入多单位工作簿“各单位.xlsx”：导入 2 个单位")
    assert {action for action, _ in log[1:]} == {"save", "create"}


def test_a_report_saved_after_the_preview_is_not_overwritten(engine: Engine, bureau: Bureau) -> None:
    store = Store(engine)
    existing = store.create(entry("东安县司法局", 2).data, unit_id=bureau.units["司法局"].id)
    units, reports = bureau_state(engine, bureau.id)
    planned = plan_import([entry("东安县司法局", 4)], units, reports)
    store.save(existing.report_id, entry("东安县司法局", 6).data, based_on=1, note="单位自己保存")
    applied = apply_plan(bureau.store, planned, "各单位.xlsx")
    assert applied.written == [] and "预览之后又有人保存过" in applied.refused[0].messages[0]
    latest = store.latest(existing.report_id)
    assert latest is not None and latest.note == "单位自己保存"
