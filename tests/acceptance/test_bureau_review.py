"""Collection and review in bureau mode, through the application's routes: a unit submits its
report, a reviewer returns it with a comment or approves it, and the bureau's list of units
shows where every unit stands."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from bureau import Bureau, bureau_app, signed_in
from reportgen.api import Checked
from reportgen.data.sources import RawData
from reportgen.data.sources.yaml_source import read_yaml
from reportgen.web.audit import entries
from reportgen.web.store import Store
from reportgen.web.workspace import Workspace
from samples import MINIMAL

BROKEN = MINIMAL.replace("executed: 100", "executed: 很多")  # an amount that is no number: an error


@pytest.fixture
def bureau(tmp_path: Path) -> Bureau:
    found = bureau_app(tmp_path / "workspace")
    justice = found.unit("某县司法局", "001")
    found.unit("某县教育局", "002")
    found.user("clerk", "unit", justice)
    found.user("reviewer", "reviewer")
    found.user("second", "reviewer")
    found.user("admin", "admin")
    return found


def client_of(bureau: Bureau, login: str) -> TestClient:
    client = bureau.client()
    signed_in(client, login)
    return client


@pytest.fixture
def clerk(bureau: Bureau) -> TestClient:
    return client_of(bureau, "clerk")


@pytest.fixture
def reviewer(bureau: Bureau) -> TestClient:
    return client_of(bureau, "reviewer")


def upload(client: TestClient, text: str = MINIMAL) -> int:
    answer = client.post("/reports/upload", files={"file": ("自评数据.yaml", text.encode())})
    assert answer.status_code == 303, answer.text
    return int(answer.headers["location"].rsplit("/", 1)[1])


def text_of(page: str) -> str:
    """The page's text as read: inline elements run on, others are apart."""
    inline = re.sub(r"</?(?:span|b|a|small)\b[^>]*>", "", page)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inline)).split())


def status_of(bureau: Bureau, report_id: int) -> str:
    workspace: Workspace = bureau.app.state.workspace
    found = workspace.store.report(report_id)
    assert found is not None
    return found.status


def list_rows(page: str) -> list[list[str]]:
    body = page[page.index("<tbody>") : page.index("</tbody>")]
    return [[text_of(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)] for row in body.split("<tr")[1:]]


# --- the unit's side ---------------------------------------------------------------------


def test_a_new_report_is_being_filled_and_offers_to_submit(clerk: TestClient) -> None:
    report_id = upload(clerk)
    page = clerk.get(f"/reports/{report_id}").text
    assert "审核状态：填报中" in text_of(page)
    assert f'action="/reports/{report_id}/submit"' in page and "confirm(" in page
    assert 'name="csrf_token"' in page[page.index(f'action="/reports/{report_id}/submit"') :]


def test_data_with_errors_cannot_be_submitted_and_the_page_says_what_to_fix(bureau: Bureau, clerk: TestClient) -> None:
    report_id = upload(clerk, BROKEN)
    page = text_of(clerk.get(f"/reports/{report_id}").text)
    assert "暂不能提交" in page and "1 处错误" in page
    assert "须改正的是： 年度资金的全年执行数：" in page
    answer = clerk.post(f"/reports/{report_id}/submit")
    assert answer.status_code == 409
    said = text_of(answer.text)
    assert "全部改正后才能提交审核" in said and "全年执行数" in said
    assert status_of(bureau, report_id) == "draft"


def test_a_submitted_report_is_read_only_for_its_unit(bureau: Bureau, clerk: TestClient) -> None:
    report_id = upload(clerk)
    assert clerk.post(f"/reports/{report_id}/submit").status_code == 303
    assert status_of(bureau, report_id) == "submitted"
    editor = clerk.get(f"/reports/{report_id}/edit").text
    assert '<fieldset class="locked" disabled>' in editor
    assert "只能查看：报告已提交审核，数据不能再修改；如需修改，请联系审核人员退回。" in text_of(editor)
    assert "上传新版本" not in clerk.get(f"/reports/{report_id}").text
    change = clerk.post(f"/reports/{report_id}/edit", data={"based_on": 1, "path": "unit.name", "value": "改名"})
    assert change.status_code == 403
    again = clerk.post(f"/reports/{report_id}/submit")
    assert again.status_code == 409 and "“已提交”" in text_of(again.text)


def test_the_units_start_page_shows_its_reports_with_their_review_state(clerk: TestClient) -> None:
    report_id = upload(clerk)
    clerk.post(f"/reports/{report_id}/submit")
    rows = list_rows(clerk.get("/").text)
    assert rows[0][0] == "某县司法局" and rows[0][3] == "已提交"


# --- the review --------------------------------------------------------------------------


def test_a_reviewer_returns_with_a_comment_the_unit_sees_fixes_and_resubmits_then_it_is_approved(
    bureau: Bureau, clerk: TestClient, reviewer: TestClient
) -> None:
    report_id = upload(clerk)
    clerk.post(f"/reports/{report_id}/submit")
    page = reviewer.get(f"/reports/{report_id}").text
    assert f'action="/reports/{report_id}/return"' in page and f'action="/reports/{report_id}/approve"' in page

    answer = reviewer.post(f"/reports/{report_id}/return", data={"comment": "  “办理案件”的实际完成值请附佐证。 "})
    assert answer.status_code == 303 and status_of(bureau, report_id) == "returned"
    seen = text_of(clerk.get(f"/reports/{report_id}").text)
    assert "审核状态：已退回" in seen
    assert re.search(
        r"reviewer 于 \d{4}-\d\d-\d\d \d\d:\d\d 退回修改，意见如下： “办理案件”的实际完成值请附佐证。", seen
    )
    assert "查看退回意见" in clerk.get("/").text
    assert "disabled" not in clerk.get(f"/reports/{report_id}/edit").text.split('class="layout editor"')[1][:200]

    changed = clerk.post(f"/reports/{report_id}/edit", data={"based_on": 1, "path": "unit.short_name", "value": "张三"})
    assert changed.status_code == 200
    assert clerk.post(f"/reports/{report_id}/submit").status_code == 303
    assert "上次退回意见" in reviewer.get(f"/reports/{report_id}").text
    assert reviewer.post(f"/reports/{report_id}/approve").status_code == 303
    assert status_of(bureau, report_id) == "approved"

    frozen = clerk.post(f"/reports/{report_id}/edit", data={"based_on": 2, "path": "unit.short_name", "value": "李四"})
    assert frozen.status_code == 403
    assert "审核状态：已通过" in text_of(clerk.get(f"/reports/{report_id}/edit").text)
    logged = [
        (e.login, e.action, e.detail) for e in reversed(entries(bureau.app.state.accounts.engine, bureau.bureau_id))
    ]
    moves = [entry for entry in logged if entry[1] in ("submit", "return", "approve")]
    assert moves == [
        ("clerk", "submit", ""),
        ("reviewer", "return", "“办理案件”的实际完成值请附佐证。"),
        ("clerk", "submit", ""),
        ("reviewer", "approve", ""),
    ]


def test_an_approved_report_can_be_returned_and_is_then_open_again(
    bureau: Bureau, clerk: TestClient, reviewer: TestClient
) -> None:
    report_id = upload(clerk)
    clerk.post(f"/reports/{report_id}/submit")
    reviewer.post(f"/reports/{report_id}/approve")
    assert reviewer.post(f"/reports/{report_id}/return", data={"comment": "请更正年度"}).status_code == 303
    assert status_of(bureau, report_id) == "returned"
    assert (
        clerk.post(
            f"/reports/{report_id}/edit", data={"based_on": 1, "path": "unit.short_name", "value": "张三"}
        ).status_code
        == 200
    )


@pytest.mark.parametrize(("comment", "said"), [("", "请填写退回意见"), ("意" * 2001, "不能超过 2000 个字")])
def test_a_return_needs_a_comment_of_at_most_2000_characters(
    bureau: Bureau, clerk: TestClient, reviewer: TestClient, comment: str, said: str
) -> None:
    report_id = upload(clerk)
    clerk.post(f"/reports/{report_id}/submit")
    answer = reviewer.post(f"/reports/{report_id}/return", data={"comment": comment})
    assert answer.status_code == 422 and said in text_of(answer.text)
    assert status_of(bureau, report_id) == "submitted"


def test_a_reviewer_who_acts_second_is_told_the_current_state(
    bureau: Bureau, clerk: TestClient, reviewer: TestClient
) -> None:
    report_id = upload(clerk)
    clerk.post(f"/reports/{report_id}/submit")
    second = client_of(bureau, "second")
    assert reviewer.post(f"/reports/{report_id}/approve").status_code == 303
    late = second.post(f"/reports/{report_id}/approve")
    assert late.status_code == 409
    assert "未能审核通过：这份报告现在的状态是“已通过”（可能另一位审核人员刚刚处理过" in text_of(late.text)


def test_a_move_made_between_the_check_and_the_change_is_not_made_twice(bureau: Bureau, clerk: TestClient) -> None:
    report_id = upload(clerk)
    clerk.post(f"/reports/{report_id}/submit")
    store = bureau.app.state.workspace.store
    assert store.set_status(report_id, "approved", "approve", was={"submitted"})
    assert not store.set_status(report_id, "returned", "return", comment="迟到的意见", was={"submitted"})
    assert status_of(bureau, report_id) == "approved"


def test_an_admin_reads_the_report_but_cannot_review_it(bureau: Bureau, clerk: TestClient) -> None:
    report_id = upload(clerk)
    clerk.post(f"/reports/{report_id}/submit")
    admin = client_of(bureau, "admin")
    page = admin.get(f"/reports/{report_id}").text
    assert "审核状态：已提交" in text_of(page) and "/approve" not in page and "管理员账号只能查看报告" in page
    answer = admin.post(f"/reports/{report_id}/approve")
    assert answer.status_code == 403 and "退回和通过由审核账号进行" in text_of(answer.text)
    assert status_of(bureau, report_id) == "submitted"


def test_the_reviewer_sees_the_editor_read_only_and_cannot_submit(
    bureau: Bureau, clerk: TestClient, reviewer: TestClient
) -> None:
    report_id = upload(clerk)
    editor = reviewer.get(f"/reports/{report_id}/edit").text
    assert '<fieldset class="locked" disabled>' in editor and "审核和管理员账号只能查看" in editor
    assert reviewer.post(f"/reports/{report_id}/submit").status_code == 403


def test_a_unit_cannot_review_and_nobody_outside_reaches_the_moves(
    bureau: Bureau, clerk: TestClient, tmp_path: Path
) -> None:
    report_id = upload(clerk)
    clerk.post(f"/reports/{report_id}/submit")
    assert clerk.post(f"/reports/{report_id}/approve").status_code == 403
    other = bureau.unit("某县水利局", "003")
    bureau.user("neighbour", "unit", other)
    neighbour = client_of(bureau, "neighbour")
    assert neighbour.post(f"/reports/{report_id}/return", data={"comment": "x"}).status_code == 404
    foreign = bureau.accounts.bureau("另一个局")
    bureau.accounts.create_user("outsider", "reviewer", password="correct-horse-battery", bureau_id=foreign.id)
    outsider = client_of(bureau, "outsider")
    assert outsider.post(f"/reports/{report_id}/approve").status_code == 404
    assert status_of(bureau, report_id) == "submitted"
    forged = bureau.client()
    signed_in(forged, "reviewer")
    del forged.headers["X-CSRF-Token"]
    assert forged.post(f"/reports/{report_id}/approve").status_code == 403
    assert status_of(bureau, report_id) == "submitted"


# --- the bureau's list -------------------------------------------------------------------


def add_report(bureau: Bureau, unit_id: int, text: str = MINIMAL, status: str = "draft") -> int:
    store: Store = bureau.app.state.workspace.store
    unit = bureau.accounts.unit(unit_id)
    assert unit is not None
    data = read_yaml(text.replace("某县司法局", unit.name), "自评数据.yaml").data
    version = store.create(data, "", unit_id=unit_id)
    if status != "draft":
        assert store.set_status(version.report_id, status, status, was={"draft"})
    return version.report_id


def test_reviewers_and_admins_start_at_the_list_and_units_may_not_see_it(
    bureau: Bureau, clerk: TestClient, reviewer: TestClient
) -> None:
    assert reviewer.get("/").headers["location"] == "/review"
    assert client_of(bureau, "admin").get("/").headers["location"] == "/review"
    refused = clerk.get("/review")
    assert refused.status_code == 403 and "只有审核和管理员账号" in text_of(refused.text)


def test_the_list_has_one_row_per_unit_with_the_reports_figures_and_not_started_units(
    bureau: Bureau, clerk: TestClient, reviewer: TestClient
) -> None:
    report_id = upload(clerk)
    clerk.post(f"/reports/{report_id}/submit")
    page = reviewer.get("/review").text
    assert "单位填报情况（2023 年度）" in text_of(page)
    assert list_rows(page) == [
        [
            "某县司法局",
            "001",
            "已提交",
            "部门整体支出",
            "2023",
            "100",
            "优",
            "100.00%",
            "0",
            "0",
            "8",
            list_rows(page)[0][11],
        ],
        ["某县教育局", "002", "未开始", "—", "—", "—", "—", "—", "—", "—", "—", "—"],
    ]
    start = page.index('<nav class="status-counts"')
    counts = text_of(page[start : page.index("</nav>", start)])
    assert counts == "全部 2 未开始 1 填报中 0 已提交 1 已退回 0 已通过 0"


def test_the_list_filters_by_status_and_name_and_sorts_by_any_column(bureau: Bureau, reviewer: TestClient) -> None:
    units = [bureau.unit(f"某县{name}", f"1{i:02d}") for i, name in enumerate(["水利局", "林业局", "民政局"])]
    add_report(bureau, units[0].id, status="submitted")
    add_report(bureau, units[1].id, BROKEN)
    add_report(bureau, units[2].id, MINIMAL.replace("executed: 100", "executed: 80"), status="submitted")

    submitted = list_rows(reviewer.get("/review?status=submitted").text)
    assert [row[0] for row in submitted] == ["某县水利局", "某县民政局"]
    assert [row[0] for row in list_rows(reviewer.get("/review?status=none").text)] == ["某县司法局", "某县教育局"]
    assert [row[0] for row in list_rows(reviewer.get("/review?q=林业").text)] == ["某县林业局"]

    by_rate = list_rows(reviewer.get("/review?sort=rate").text)
    assert [row[7] for row in by_rate][:2] == ["80.00%", "100.00%"]
    by_errors = list_rows(reviewer.get("/review?sort=errors&order=desc").text)
    assert by_errors[0][0] == "某县林业局" and by_errors[0][8] == "1" and by_errors[0][5] == "—"
    by_status = list_rows(reviewer.get("/review?sort=status&order=desc").text)
    assert [row[2] for row in by_status] == ["已提交", "已提交", "填报中", "未开始", "未开始"]


def test_the_year_selector_lists_the_years_and_defaults_to_the_latest(bureau: Bureau, reviewer: TestClient) -> None:
    unit = bureau.unit("某县水利局", "003")
    add_report(bureau, unit.id)
    add_report(bureau, unit.id, MINIMAL.replace("year: 2023", "year: 2024"))
    page = reviewer.get("/review").text
    assert '<option value="2024" selected>2024</option><option value="2023">2023</option>' in page
    assert [row[0] for row in list_rows(page) if row[2] != "未开始"] == ["某县水利局"]
    assert [row[4] for row in list_rows(reviewer.get("/review?year=2023").text) if row[2] != "未开始"] == ["2023"]


def test_the_list_of_200_units_checks_each_version_once(bureau: Bureau, reviewer: TestClient, monkeypatch: Any) -> None:
    for index in range(200):
        unit = bureau.unit(f"第{index:03d}单位", f"9{index:03d}")
        add_report(bureau, unit.id)
    workspace: Workspace = bureau.app.state.workspace
    checks: list[RawData] = []
    original = workspace.renderer.check

    def counted(raw: RawData) -> Checked:
        checks.append(raw)
        return original(raw)

    monkeypatch.setattr(workspace.renderer, "check", counted)
    assert len(list_rows(reviewer.get("/review").text)) == 202
    assert len(checks) == 200
    assert len(list_rows(reviewer.get("/review?sort=score&order=desc").text)) == 202
    assert len(checks) == 200


def test_pages_offer_no_change_the_server_would_refuse(bureau: Bureau, clerk: TestClient, reviewer: TestClient) -> None:
    report_id = upload(clerk)
    clerk.post(f"/reports/{report_id}/edit", data={"based_on": 1, "path": "unit.short_name", "value": "司法局"})
    assert "/restore" in clerk.get(f"/reports/{report_id}/history").text
    assert f'action="/reports/{report_id}/settings"' in clerk.get(f"/reports/{report_id}/preview").text
    clerk.post(f"/reports/{report_id}/submit")
    for client, why in ((clerk, "报告已提交审核，数据不能再修改"), (reviewer, "审核和管理员账号只能查看单位的报告")):
        assert "/restore" not in client.get(f"/reports/{report_id}/history").text
        assert why in text_of(client.get(f"/reports/{report_id}/versions/1").text)
        assert f'action="/reports/{report_id}/settings"' not in client.get(f"/reports/{report_id}/preview").text
    assert "/copy" in clerk.get(f"/reports/{report_id}/history").text
    assert "/copy" not in reviewer.get(f"/reports/{report_id}/history").text
    assert "/copy" not in reviewer.get(f"/reports/{report_id}").text


def test_a_save_that_crosses_the_reviewers_approval_is_refused_under_the_reports_lock(tmp_path: Path) -> None:
    from reportgen.web.access import APPROVED
    from reportgen.web.audit import Actor
    from reportgen.web.store import Locked, Store

    bureau = bureau_app(tmp_path)
    unit = bureau.unit("甲单位", "001")
    clerk = bureau.user("jia", "unit", unit)
    store = Store(bureau.accounts.engine, Actor(clerk.id, clerk.login, bureau.bureau_id, unit.id))
    version = store.create({"unit": {"name": "甲单位"}, "year": 2025}, "新建", unit_id=unit.id)
    # The route checked the state (填报中) just before; the reviewer approves in between.
    assert store.set_status(version.report_id, "approved", "approve", was={"draft"})
    try:
        store.save(version.report_id, {"unit": {"name": "乙"}, "year": 2025}, 1, "修改")
    except Locked as exc:
        assert exc.reason == APPROVED
    else:
        raise AssertionError("a locked report's data was saved")
    assert store.latest(version.report_id) == version
