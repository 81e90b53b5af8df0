"""Starting from a 绩效目标表 or 自评表 the unit already holds, in the web application: each
recognised table of the uploaded .docx/.xlsx becomes a new report, and the answer is the
account of the import — what was read, what was not (with its cell), what the table itself
gets wrong and what is still to fill in. A file with nothing to import creates nothing and
says why; in bureau mode only a unit's account imports, into its own unit."""

from __future__ import annotations

import html
import io
import re
import time
import tracemalloc
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import seed_tables
from bureau import Bureau, bureau_app, signed_in
from fuzzing.mutate import _bomb
from hostile import members
from reportgen.web.app import create_app
from reportgen.web.store import Store
from reportgen.web.upload import MAX_UPLOAD

ZHUZHOU = "株洲市石峰区司法局"
LINGLING = "永州市零陵区司法局"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(tmp_path / "workspace")) as client:
        yield client


def text_of(page: str) -> str:
    """The page's text as it reads: inline markup dropped, a block or a cell apart from the next."""
    inline_dropped = re.sub(r"</?(?:span|a|b)\b[^>]*>", "", page)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", inline_dropped)))


def listed(client: TestClient) -> list[int]:
    return [int(found) for found in re.findall(r'<a href="/reports/(\d+)">', client.get("/").text)]


def imported(client: TestClient, name: str, content: bytes) -> tuple[int, str]:
    answer = client.post("/reports/import", files={"file": (name, content)})
    return answer.status_code, answer.text


def store_of(client: TestClient) -> Store:
    found: Store = client.app.state.workspace.store  # type: ignore[attr-defined]
    return found


# The start page


def test_the_start_page_offers_to_start_from_a_target_table_beside_the_data_upload(client: TestClient) -> None:
    page = client.get("/").text
    assert page.index('action="/reports/upload"') < page.index('action="/reports/import"')
    form = page[page.index('action="/reports/import"') :]
    assert 'enctype="multipart/form-data"' in form and 'accept=".docx,.xlsx"' in form
    shown = text_of(form)
    assert "从已有的绩效目标表或自评表开始" in shown and "不超过 10 MB" in shown
    assert "表中的单位、年度、金额和指标会自动填好，表中没有的内容标为【待补充】" in shown


# A target table with a 部门整体 table, a 专项资金汇总表 and four project tables


def test_each_table_of_the_zhuzhou_target_table_becomes_a_report(client: TestClient) -> None:
    status, page = imported(client, "石峰区司法局绩效目标表.docx", seed_tables.zhuzhou_docx())
    assert status == 200
    assert "已从《石峰区司法局绩效目标表.docx》新建 5 份报告" in text_of(page)
    made = listed(client)
    assert len(made) == 5
    reports = [store_of(client).report(number) for number in made]
    assert all(report is not None and report.unit_name == ZHUZHOU and report.year == 2023 for report in reports)
    kinds = sorted(report.kind for report in reports if report is not None)
    assert kinds == ["department", "project", "project", "project", "project"]


def test_the_account_links_every_new_report_and_opens_the_department_first(client: TestClient) -> None:
    _status, page = imported(client, "目标表.docx", seed_tables.zhuzhou_docx())
    made = set(listed(client))
    linked = {int(found) for found in re.findall(r'href="/reports/(\d+)"', page)}
    assert linked == made
    first = re.search(r'<a class="button" href="/reports/(\d+)">([^<]+)</a>', page)
    assert first is not None and text_of(first.group(2)) == f"打开第一份报告：部门整体支出 · {ZHUZHOU}"
    department = client.get(f"/reports/{first.group(1)}")
    assert f"{ZHUZHOU} 2023 年度" in text_of(department.text)


def test_the_account_names_each_project_and_the_start_page_tells_them_apart(client: TestClient) -> None:
    _status, page = imported(client, "目标表.docx", seed_tables.zhuzhou_docx())
    shown = text_of(page)
    for project in ("社区矫正和安置帮教", "公共法律服务", "矛盾调解服务", "依法治区工作"):
        assert f"项目支出 · {project}" in shown
        assert project in text_of(client.get("/").text)


def test_the_account_lists_what_was_read_grouped_as_the_command_line_prints_it(client: TestClient) -> None:
    _status, page = imported(client, "目标表.docx", seed_tables.zhuzhou_docx())
    first = text_of(page[page.index('id="table-1"') : page.index('id="table-2"')])
    assert "已识别 37 项" in first
    assert "单位 年度 2023（第1个表格的标题“2023年部门整体支出绩效目标表”） 单位名称 株洲市石峰区司法局" in first
    assert "金额 金额单位 万元（第1个表格中的“金额：万元”） 年初预算数 524.31（第1个表格第2行第2列）" in first
    assert "第1项：三级指标 完成法律援助案件，年度指标值 400件（第1个表格第14行第4列）" in first


def test_the_account_lists_the_cells_not_read_with_their_place_and_why(client: TestClient) -> None:
    _status, page = imported(client, "目标表.docx", seed_tables.zhuzhou_docx())
    first = page[page.index('id="table-1"') : page.index('id="table-2"')]
    unmapped = text_of(first[first.index('class="imported-unmapped"') :])
    assert "未导入 11 处" in unmapped
    assert "第2个表格第8行第1列 单位负责人签字： 签字、审核和说明栏，不是报告的数据" in unmapped
    assert "第2个表格第3行第4列" in unmapped and "项目的绩效目标在各项目自己的表中导入" in unmapped


def test_the_cells_not_read_come_after_what_the_clerk_must_act_on(client: TestClient) -> None:
    _status, page = imported(client, "目标表.docx", seed_tables.zhuzhou_docx())
    first = page[page.index('id="table-1"') : page.index('id="table-2"')]
    order = ["原表有误", "还需填写", 'class="imported-mapped"', 'class="imported-unmapped"']
    assert [first.index(part) for part in order] == sorted(first.index(part) for part in order)
    assert "<details open" not in first  # what was read and what was not stay folded


def test_the_account_shows_the_blank_total_of_the_special_funds_table(client: TestClient) -> None:
    _status, page = imported(client, "目标表.docx", seed_tables.zhuzhou_docx())
    first = text_of(page[page.index('id="table-1"') : page.index('id="table-2"')])
    assert "原表有误 2 处" in first
    assert "第2个表格第2行第3列：专项资金汇总表的合计行是空的：各行合计为122万元，请填上。" in first


def test_the_account_says_what_is_still_to_fill_in(client: TestClient) -> None:
    _status, page = imported(client, "目标表.docx", seed_tables.zhuzhou_docx())
    first = text_of(page[page.index('id="table-1"') : page.index('id="table-2"')])
    assert "还需填写 33 项" in first
    assert "实际完成值 9 项" in first and "分值 9 项" in first


def test_a_warning_of_the_draft_names_its_cell_in_the_original_table(client: TestClient) -> None:
    _status, page = imported(client, "目标表.docx", seed_tables.zhuzhou_docx())
    fourth = text_of(page[page.index('id="table-3"') : page.index('id="table-4"')])
    assert "提示第4个表格第9行第5列（年度指标值）：年度指标值“2023年”是时间而不是指标值" in fourth


def test_the_new_report_holds_the_figures_and_says_where_it_came_from(client: TestClient) -> None:
    imported(client, "目标表.docx", seed_tables.zhuzhou_docx())
    department = min(listed(client))
    data = client.get(f"/api/reports/{department}/data").json()
    assert data["unit"]["name"] == ZHUZHOU and data["kind"] == "department"
    assert data["budget"]["initial"] == 524.31
    assert [item["target"] for item in data["indicators"]][:2] == ["400件", "100%"]
    history = text_of(client.get(f"/reports/{department}/history").text)
    assert "由《目标表.docx》第1个表格导入" in history


def test_a_report_imported_as_a_draft_renders_with_its_gaps_marked(client: TestClient) -> None:
    imported(client, "目标表.docx", seed_tables.zhuzhou_docx())
    answer = client.get(f"/reports/{min(listed(client))}/report.docx")
    assert answer.status_code == 200 and answer.content.startswith(b"PK")


# A hand-made 自评表 with its report


def test_the_lingling_self_evaluation_gives_two_reports_and_names_the_table_passed_over(client: TestClient) -> None:
    status, page = imported(client, "零陵区司法局自评.docx", seed_tables.lingling_docx())
    assert status == 200
    shown = text_of(page)
    assert "新建 2 份报告" in shown and len(listed(client)) == 2
    assert f"部门整体支出 · {LINGLING}" in shown
    assert "未导入的表格 1 个" in shown and "第3个表格“九、绩效自评结果拟应用和公开情况”" in shown


def test_a_note_of_the_import_is_in_the_forms_words(client: TestClient) -> None:
    _status, page = imported(client, "零陵区司法局自评.docx", seed_tables.lingling_docx())
    shown = text_of(page)
    assert "说明：表中的项目名称是空的：请在数据中填写“项目名称”。" in shown
    assert "project.name" not in shown


def test_half_a_target_table_gives_a_draft_of_what_it_holds(client: TestClient) -> None:
    status, page = imported(client, "半张表.docx", seed_tables.half_table_docx())
    assert status == 200
    shown = text_of(page)
    assert "新建 1 份报告" in shown and "已识别 7 项" in shown
    assert "未导入的表格 1 个" in shown and "第2个表格：不是可导入的表格" in shown
    assert len(listed(client)) == 1


# Files with nothing to import: a refusal in Chinese, nothing created


def test_an_old_word_file_is_refused_with_the_hint_to_save_it_again(client: TestClient) -> None:
    status, page = imported(client, "目标表.doc", seed_tables.doc_bytes())
    assert status == 422
    shown = text_of(page)
    assert "无法导入 目标表.doc，没有新建任何报告" in shown
    assert "这是旧版 Word（.doc）文件，请用 Word 或 WPS 打开后“另存为” .docx 再导入。" in shown
    assert listed(client) == []


def test_a_refusal_never_shows_the_servers_temporary_file(client: TestClient) -> None:
    for name, content in (("目标表.doc", seed_tables.doc_bytes()), ("表.docx", b"PK\x03\x04 broken")):
        _status, page = imported(client, name, content)
        assert "reportgen-import-" not in page and "导入的文件" not in page and "/tmp" not in page


def test_an_empty_file_is_refused(client: TestClient) -> None:
    status, page = imported(client, "目标表.docx", b"")
    assert status == 422
    assert "文件是空的（0 字节）" in text_of(page)
    assert listed(client) == []


def test_a_document_without_a_target_table_says_what_was_looked_for(client: TestClient) -> None:
    status, page = imported(client, "通知.docx", seed_tables.no_table_docx())
    assert status == 422
    assert "文件中没有表格：导入需要部门整体支出绩效目标表" in text_of(page)
    assert listed(client) == []


def test_a_file_larger_than_an_upload_may_be_is_refused(client: TestClient) -> None:
    status, page = imported(client, "目标表.docx", b"PK" + b"\0" * MAX_UPLOAD)
    assert status == 413
    assert "文件过大（超过 10 MB）" in text_of(page)
    assert listed(client) == []


def test_a_document_with_more_tables_than_one_upload_may_create_creates_none(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("reportgen.web.table_upload.MAX_TABLES", 4)
    status, page = imported(client, "目标表.docx", seed_tables.zhuzhou_docx())
    assert status == 422
    assert "文件中有 5 个可以导入的表格，一次最多导入 4 个" in text_of(page)
    assert listed(client) == []


def _bombed_docx() -> bytes:
    """The zhuzhou table whose word/document.xml inflates to 1.1 GiB (about 5 MB sent)."""
    out = io.BytesIO(_bomb("word/document.xml", 1100 * 2**20))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as bomb:
        for name, blob in members(seed_tables.zhuzhou_docx()).items():
            if name != "word/document.xml":
                bomb.writestr(name, blob)
    return out.getvalue()


def test_a_zip_bomb_is_refused_fast_in_bounded_memory(client: TestClient) -> None:
    content = _bombed_docx()
    tracemalloc.start()
    started = time.monotonic()
    try:
        status, page = imported(client, "目标表.docx", content)
        elapsed = time.monotonic() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert status == 422 and "超出了可处理的范围" in text_of(page)
    assert elapsed < 10 and peak < 200 * 2**20, (elapsed, peak)
    assert listed(client) == []


def test_a_file_name_with_folders_is_shown_without_them(client: TestClient, tmp_path: Path) -> None:
    status, page = imported(client, "..\\..\\reportgen-evil\\目标表.docx", seed_tables.zhuzhou_docx())
    assert status == 200 and "已从《目标表.docx》新建 5 份报告" in text_of(page)
    assert list(tmp_path.parent.rglob("*reportgen-evil*")) == []


def test_a_worksheet_table_is_imported_too(client: TestClient) -> None:
    status, page = imported(client, "大竹县批复表.xlsx", seed_tables.dazhu_xlsx())
    assert status == 200
    assert "新建 1 份报告" in text_of(page) and "工作表“批复表”" in text_of(page)
    assert len(listed(client)) == 1


# Bureau mode


@pytest.fixture
def bureau(tmp_path: Path) -> Bureau:
    found = bureau_app(tmp_path / "workspace")
    justice = found.unit(ZHUZHOU, "001")
    education = found.unit("某县教育局", "002")
    found.user("clerk", "unit", justice)
    found.user("teacher", "unit", education)
    found.user("reviewer", "reviewer")
    found.user("admin", "admin")
    return found


def client_of(bureau: Bureau, login: str) -> TestClient:
    client = bureau.client()
    signed_in(client, login)
    return client


@pytest.mark.parametrize("login", ["reviewer", "admin"])
def test_a_bureau_account_of_no_unit_may_not_import(bureau: Bureau, login: str) -> None:
    client = client_of(bureau, login)
    status, page = imported(client, "目标表.docx", seed_tables.zhuzhou_docx())
    assert status == 403 and "只有单位填报账号可以新建报告。" in text_of(page)
    store: Store = bureau.app.state.workspace.store
    assert store.reports() == []


def test_a_unit_users_imported_reports_belong_to_its_unit(bureau: Bureau) -> None:
    clerk = client_of(bureau, "clerk")
    status, page = imported(clerk, "目标表.docx", seed_tables.zhuzhou_docx())
    assert status == 200 and "新建 5 份报告" in text_of(page)
    store: Store = bureau.app.state.workspace.store
    justice = next(unit for unit in bureau.accounts.units(bureau.bureau_id) if unit.code == "001")
    assert [report.unit_id for report in store.reports()] == [justice.id] * 5
    assert len(listed(clerk)) == 5
    assert listed(client_of(bureau, "teacher")) == []


def test_a_visitor_who_is_not_signed_in_imports_nothing(bureau: Bureau) -> None:
    visitor = bureau.client()
    answer = visitor.post("/reports/import", files={"file": ("目标表.docx", seed_tables.zhuzhou_docx())})
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
    store: Store = bureau.app.state.workspace.store
    assert store.reports() == []
