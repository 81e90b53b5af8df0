"""The bureau's batch and multi-unit import in bureau mode: a reviewer generates a year's
approved reports as one zip with its progress in the page; an admin imports a workbook of many
units after a preview; nobody reaches another bureau's jobs, and unit accounts reach neither."""

from __future__ import annotations

import io
import re
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from bureau import Bureau, bureau_app, signed_in
from reportgen.data.excel import write_units_workbook
from reportgen.web import audit
from reportgen.web.accounts import Unit
from reportgen.web.app import create_app
from reportgen.web.store import Store
from samples import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import unit_data

pytestmark = pytest.mark.rendering


@pytest.fixture
def bureau(tmp_path: Path) -> Iterator[Bureau]:
    made = bureau_app(tmp_path / "bureau", "东安县财政局")
    yield made
    made.app.state.runner.stop()


def data(unit: Unit, index: int, year: int = 2024) -> dict[str, Any]:
    found = unit_data(index, year=year)
    found["unit"]["name"] = unit.name
    return found


def report(bureau: Bureau, unit: Unit, index: int, status: str = "approved", year: int = 2024) -> int:
    store = Store(bureau.app.state.workspace.store.engine)
    version = store.create(data(unit, index, year), unit_id=unit.id)
    if status != "draft":
        assert store.set_status(version.report_id, status, status, was={"draft"})
    return version.report_id


def reviewer(bureau: Bureau) -> TestClient:
    bureau.user("shenhe", "reviewer")
    client = bureau.client()
    signed_in(client, "shenhe")
    return client


def finished(client: TestClient, job_page: str) -> str:
    """The job's progress fragment once it stops polling (done or failed)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        fragment = client.get(f"{job_page}/progress", headers={"HX-Request": "true"})
        assert fragment.status_code == 200
        if "hx-trigger" not in fragment.text:
            return fragment.text
        time.sleep(0.2)
    raise AssertionError("the batch did not finish within 60 s")


def test_a_reviewer_generates_the_years_approved_reports_and_downloads_one_zip(bureau: Bureau) -> None:
    sifa, caizheng, minzheng = (
        bureau.unit("东安县司法局", "D001"),
        bureau.unit("东安县财政局"),
        bureau.unit("东安县民政局"),
    )
    report(bureau, sifa, 1)
    report(bureau, caizheng, 2)
    report(bureau, minzheng, 3, status="submitted")  # not approved: not in the batch
    client = reviewer(bureau)

    start = client.get("/batch")
    assert start.status_code == 200 and "2024年度（已通过 2 份，共 3 份）" in start.text
    asked = client.post("/batch", data={"year": "2024"})
    assert asked.status_code == 303
    job_page = asked.headers["location"]
    page = client.get(job_page)
    assert page.status_code == 200 and "2024年度批量报告" in page.text

    done = finished(client, job_page)
    assert "已完成：共 2 个单位" in done and "东安县财政局2024年度绩效自评报告.zip" in done
    download = client.get(f"{job_page}/download")
    assert download.status_code == 200 and download.headers["content-type"] == "application/zip"
    assert "filename*=UTF-8''" in download.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(download.content)) as package:
        assert package.namelist() == ["汇总.xlsx", "汇总报告.docx", "东安县司法局.docx", "东安县财政局.docx"]
        (sheet,) = load_workbook(io.BytesIO(package.read("汇总.xlsx"))).worksheets
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[3] for row in rows] == ["东安县司法局", "东安县财政局"]
    assert all(row[7] is not None and row[8] for row in rows)  # each unit with its score and grade

    listed = client.get("/batch").text
    assert f'href="{job_page}/download"' in listed
    entries = audit.entries(bureau.app.state.workspace.store.engine, bureau.bureau_id)
    assert (entries[0].login, entries[0].action) == ("shenhe", "batch")


def test_a_year_without_approved_reports_fails_the_job_with_the_reason(bureau: Bureau) -> None:
    report(bureau, bureau.unit("东安县司法局", "D001"), 1, status="submitted")
    client = reviewer(bureau)
    job_page = client.post("/batch", data={"year": "2024"}).headers["location"]
    failed = finished(client, job_page)
    assert "没有生成批量报告" in failed and "2024年度还没有已通过审核的报告" in failed
    assert client.get(f"{job_page}/download").status_code == 404


def test_asking_twice_while_it_runs_gives_the_same_job(bureau: Bureau) -> None:
    report(bureau, bureau.unit("东安县司法局", "D001"), 1)
    client = reviewer(bureau)
    bureau.app.state.runner.stop()  # nothing runs: the job stays queued
    bureau.app.state.runner.start = lambda: None
    first = client.post("/batch", data={"year": "2024"}).headers["location"]
    assert client.post("/batch", data={"year": "2024"}).headers["location"] == first
    assert "等待开始" in client.get(first).text


def test_jobs_of_another_bureau_cannot_be_seen_or_downloaded(bureau: Bureau) -> None:
    report(bureau, bureau.unit("东安县司法局", "D001"), 1)
    client = reviewer(bureau)
    job_page = client.post("/batch", data={"year": "2024"}).headers["location"]
    finished(client, job_page)

    other = bureau.accounts.bureau("西山县财政局")
    bureau.accounts.create_user("xishan", "reviewer", bureau_id=other.id, password="correct-horse-battery")
    stranger = bureau.client()
    signed_in(stranger, "xishan")
    for path in (job_page, f"{job_page}/progress", f"{job_page}/download"):
        answer = stranger.get(path)
        assert answer.status_code == 404 and "不是本局的" in answer.text
    assert job_page not in stranger.get("/batch").text


def test_unit_accounts_visitors_and_forged_forms_are_refused(bureau: Bureau) -> None:
    jia = bureau.unit("东安县司法局", "D001")
    bureau.user("jia", "unit", jia)
    unit_client = bureau.client()
    signed_in(unit_client, "jia")
    for path in ("/batch", "/batch/jobs/1", "/batch/jobs/1/download"):
        answer = unit_client.get(path)
        assert answer.status_code == 403 and "只有审核和管理员账号可以生成批量报告" in answer.text
    assert unit_client.post("/batch", data={"year": "2024"}).status_code == 403
    assert unit_client.get("/import").status_code == 403

    visitor = bureau.client()
    assert visitor.get("/batch").headers["location"] == "/login?next=/batch"
    client = reviewer(bureau)
    del client.headers["X-CSRF-Token"]
    forged = client.post("/batch", data={"year": "2024"})
    assert forged.status_code == 403 and "页面已过期" in forged.text
    assert client.get("/import").status_code == 403  # a reviewer does not import units' data


def test_local_mode_has_no_batch_or_import_pages(tmp_path: Path) -> None:
    client = TestClient(create_app(tmp_path / "local"), follow_redirects=False)
    assert client.get("/batch").status_code == 404
    assert client.get("/import").status_code == 404


# --- the import --------------------------------------------------------------------------


def admin(bureau: Bureau) -> TestClient:
    bureau.user("guanli", "admin")
    client = bureau.client()
    signed_in(client, "guanli")
    return client


def workbook(*units: dict[str, Any]) -> bytes:
    buffer = io.BytesIO()
    write_units_workbook(buffer, list(units))
    return buffer.getvalue()


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(client: TestClient, content: bytes, name: str = "各单位数据.xlsx") -> Any:
    return client.post("/import", files={"file": (name, content, XLSX)})


def confirm_form(preview: str) -> dict[str, str]:
    fields = dict(re.findall(r'<input type="hidden" name="(upload|digest)" value="([^"]+)">', preview))
    assert set(fields) == {"upload", "digest"}
    return fields


def test_an_admin_previews_a_workbook_then_imports_it_into_the_units(bureau: Bureau) -> None:
    sifa, caizheng = bureau.unit("东安县司法局", "D001"), bureau.unit("东安县财政局")
    submitted = report(bureau, sifa, 1, status="submitted")
    kept = report(bureau, caizheng, 2, status="draft")
    bureau.unit("东安县民政局")
    coded = data(sifa, 5)
    coded["unit"]["code"] = "D001"
    stranger = unit_data(7)
    stranger["unit"]["name"] = "西山县水利局"
    content = workbook(coded, data(caizheng, 6), data(bureau.unit("东安县教育局"), 8), stranger)
    client = admin(bureau)

    preview = upload(client, content)
    assert preview.status_code == 200
    page = preview.text
    assert "将要导入的单位（2）" in page and "不能导入的单位（2）" in page
    assert "2024年度部门整体支出报告保存为第 2 版" in page and "新建2024年度部门整体支出报告" in page
    assert "已提交，正在等待审核" in page and "本局没有名为“西山县水利局”的单位" in page
    engine = bureau.app.state.workspace.store.engine
    before = Store(engine).latest(kept)
    assert before is not None and before.number == 1  # a preview writes nothing

    done = client.post("/import/confirm", data=confirm_form(page))
    assert done.status_code == 200 and "已导入 2 个单位" in done.text
    latest = Store(engine).latest(kept)
    assert latest is not None and latest.number == 2 and "各单位数据.xlsx" in latest.note
    unchanged = Store(engine).latest(submitted)
    assert unchanged is not None and unchanged.number == 1
    actions = [(e.login, e.action) for e in audit.entries(engine, bureau.bureau_id)]
    assert actions[0] == ("guanli", "import") and ("guanli", "create") in actions and ("guanli", "save") in actions


def test_a_confirmation_after_the_data_changed_shows_the_preview_again(bureau: Bureau) -> None:
    caizheng = bureau.unit("东安县财政局")
    kept = report(bureau, caizheng, 2, status="draft")
    client = admin(bureau)
    preview = upload(client, workbook(data(caizheng, 6))).text
    engine = bureau.app.state.workspace.store.engine
    Store(engine).save(kept, data(caizheng, 9), based_on=1, note="单位又保存了一次")
    again = client.post("/import/confirm", data=confirm_form(preview))
    assert again.status_code == 200 and "请再次确认" in again.text and "保存为第 3 版" in again.text
    latest = Store(engine).latest(kept)
    assert latest is not None and latest.number == 2  # nothing written
    assert "已导入 1 个单位" in client.post("/import/confirm", data=confirm_form(again.text)).text


def test_a_workbook_that_cannot_be_read_is_refused_and_nothing_is_kept(bureau: Bureau) -> None:
    client = admin(bureau)
    refused = upload(client, b"not a workbook at all", "数据.xlsx")
    assert refused.status_code == 422 and "无法导入这个工作簿" in refused.text and "没有写入任何数据" in refused.text
    assert client.post("/import/confirm", data={"upload": "1", "digest": "x"}).status_code == 404


def test_an_upload_of_another_bureau_cannot_be_confirmed(bureau: Bureau) -> None:
    caizheng = bureau.unit("东安县财政局")
    preview = upload(admin(bureau), workbook(data(caizheng, 6))).text
    other = bureau.accounts.bureau("西山县财政局")
    bureau.accounts.create_user("xishan", "admin", bureau_id=other.id, password="correct-horse-battery")
    stranger = bureau.client()
    signed_in(stranger, "xishan")
    answer = stranger.post("/import/confirm", data=confirm_form(preview))
    assert answer.status_code == 404
    assert Store(bureau.app.state.workspace.store.engine).reports(unit_id=caizheng.id) == []


def test_a_job_asked_for_before_the_server_started_is_run_once_it_serves(tmp_path: Path) -> None:
    made = bureau_app(tmp_path / "bureau", "东安县财政局")
    report(made, made.unit("东安县司法局", "D001"), 1)
    runner = made.app.state.runner
    waiting = runner.jobs.submit("bureau_batch", made.bureau_id, None, 2024)
    with TestClient(made.app):  # serving: the application's lifespan starts the runner
        deadline = time.monotonic() + 60
        while (job := runner.jobs.get(waiting.id, made.bureau_id)) is not None and job.active:
            assert time.monotonic() < deadline, "the queued job was not run"
            time.sleep(0.1)
    assert job is not None and job.state == "done"
