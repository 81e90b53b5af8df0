"""The data editor through its pages (FastAPI's TestClient): every section as a form, each
change saved as a version and checked as the CLI checks, problems beside their fields, the
figures after each change, rows added, removed and moved, two tabs, blank reports."""

from __future__ import annotations

import datetime
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from editor_data import large_data
from reportgen.web.app import create_app
from reportgen.web.datafile import from_json
from reportgen.web.workspace import Workspace

BASED_ON = re.compile(r'<input type="hidden" name="based_on" id="based-on" value="(\d+)"')


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(tmp_path / "workspace")) as client:
        yield client


def workspace(client: TestClient) -> Workspace:
    found: Workspace = client.app.state.workspace  # type: ignore[attr-defined]
    return found


def starter_report(client: TestClient) -> int:
    created = client.post("/reports/starter", follow_redirects=False)
    return int(created.headers["location"].rsplit("/", 1)[1])


def stored(client: TestClient, report_id: int) -> tuple[int, dict[str, Any], str]:
    version = workspace(client).store.latest(report_id)
    assert version is not None
    data = from_json(version.data, "x").data
    assert isinstance(data, dict)
    return version.number, data, version.note


def based_on(html: str) -> int:
    found = BASED_ON.search(html)
    assert found, "no based_on input"
    return int(found[1])


def change(client: TestClient, report_id: int, number: int, path: str, value: str) -> Any:
    return client.post(f"/reports/{report_id}/edit", data={"based_on": number, "path": path, "value": value})


def oob(html: str, element_id: str) -> str:
    """The out-of-band element ``element_id`` of a fragment ('' if it is not there)."""
    found = re.search(rf'<(\w+) [^>]*id="{re.escape(element_id)}"[^>]*hx-swap-oob="true"[^>]*>(.*?)</\1>', html, re.S)
    return found[2] if found else ""


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_editor_shows_every_section_as_a_form_with_a_menu_and_the_figures(client: TestClient) -> None:
    report_id = starter_report(client)
    page = client.get(f"/reports/{report_id}/edit")
    assert page.status_code == 200 and based_on(page.text) == 1
    for title in ("单位信息", "年度资金", "项目支出", "年度目标", "绩效指标", "绩效情况", "存在问题", "改进措施"):
        assert f"<h2>{title}</h2>" in page.text and f">{title}</a>" in page.text
    assert 'data-path="indicators[0].actual" aria-label="实际完成值"' in page.text
    assert 'id="f-indicators-0--actual"' in page.text and 'id="p-indicators-0--actual"' in page.text
    assert 'hx-post="/reports/1/edit" hx-trigger="change"' in page.text and 'hx-include="#based-on"' in page.text
    assert re.search(r'id="total">\s*\d+\.\d+', page.text)
    assert 'id="figures"' in page.text and 'id="problems"' in page.text and "没有发现问题" in page.text
    assert "<option selected>反向</option>" in page.text  # a stored choice by its shown text


def test_a_change_is_saved_as_a_version_and_its_problem_is_shown_beside_the_field(client: TestClient) -> None:
    report_id = starter_report(client)
    answer = change(client, report_id, 1, "indicators[0].actual", "")
    assert answer.status_code == 200
    own = answer.text.split('hx-swap-oob="true"', 1)[0]
    assert 'id="p-indicators-0--actual"' in own and "尚未填写" in own and "法律援助案件办理数量" in own
    assert '<input type="hidden" name="based_on" id="based-on" value="2" hx-swap-oob="true">' in answer.text
    number, data, note = stored(client, report_id)
    assert number == 2 and "actual" not in data["indicators"][0]
    assert note == "清空 绩效指标“法律援助案件办理数量”的实际完成值"
    figures = oob(answer.text, "figures")
    assert re.search(r'id="total">\s*待补充', figures)
    assert "尚未填写 1 处" in text_of(oob(answer.text, "problems"))
    again = change(client, report_id, 2, "indicators[0].actual", "330件")
    assert stored(client, report_id)[2] == "修改 绩效指标“法律援助案件办理数量”的实际完成值"
    assert re.search(r'id="total">\s*\d+\.\d+', oob(again.text, "figures"))


def test_text_that_is_no_valid_value_is_kept_as_typed_and_explained(client: TestClient) -> None:
    report_id = starter_report(client)
    answer = change(client, report_id, 1, "budget.adjusted", "1,696.4")
    _, data, _ = stored(client, report_id)
    assert data["budget"]["adjusted"] == "1,696.4"
    own = answer.text.split('hx-swap-oob="true"', 1)[0]
    assert "错误" in own and "不带千分位" in own
    assert "数据有错误" in oob(answer.text, "figures")
    page = client.get(f"/reports/{report_id}/edit").text
    assert 'data-path="budget.adjusted" aria-label="全年预算数"' in page and 'value="1,696.4"' in page


def test_a_change_updates_the_problems_of_other_fields_it_touches(client: TestClient) -> None:
    report_id = starter_report(client)
    heavier = change(client, report_id, 1, "indicators[0].weight", "20")
    assert "分值合计" in oob(heavier.text, "p-sec-4")  # the table's own marker, out of band
    back = change(client, report_id, 2, "indicators[0].weight", "15")
    assert re.search(r'<div class="pm" id="p-sec-4" hx-swap-oob="true">\s*</div>', back.text)  # cleared


def test_the_same_value_again_saves_nothing(client: TestClient) -> None:
    report_id = starter_report(client)
    answer = change(client, report_id, 1, "indicators[0].weight", "15")
    assert answer.status_code == 200 and stored(client, report_id)[0] == 1
    assert 'id="based-on" value="1"' in answer.text


def test_a_field_the_form_does_not_have_is_refused_and_nothing_is_saved(client: TestClient) -> None:
    report_id = starter_report(client)
    answer = change(client, report_id, 1, "indicators[0].colour", "红")
    assert answer.status_code == 422 and "刷新页面" in answer.text and stored(client, report_id)[0] == 1
    assert client.post("/reports/99/edit", data={"based_on": 1, "path": "year", "value": "1"}).status_code == 404


def test_a_save_from_an_older_page_is_not_applied_and_shows_both_values(client: TestClient) -> None:
    report_id = starter_report(client)
    change(client, report_id, 1, "indicators[0].actual", "310件")  # the first tab
    late = change(client, report_id, 1, "indicators[0].actual", "320件")  # the second, still on version 1
    assert late.status_code == 409 and stored(client, report_id)[0] == 2
    text = text_of(late.text)
    assert "本页打开后，另一窗口已保存了第 2 版（" in text
    assert "本窗口填写的： 320件" in text and "已保存的： 310件" in text
    assert "保留我的修改" in text and "采用已保存的" in text
    keep = re.search(r"hx-vals='([^']+)'", late.text)
    assert keep and json.loads(html.unescape(keep[1])) == {
        "based_on": 2,
        "path": "indicators[0].actual",
        "value": "320件",
    }
    mine = change(client, report_id, 2, "indicators[0].actual", "320件")  # 保留我的修改
    assert mine.status_code == 200 and stored(client, report_id)[1]["indicators"][0]["actual"] == "320件"


def rows(client: TestClient, report_id: int, number: int, op: str, index: int, path: str = "indicators") -> Any:
    return client.post(f"/reports/{report_id}/rows", data={"based_on": number, "path": path, "op": op, "index": index})


def test_rows_are_added_removed_and_moved_and_their_problems_follow_them(client: TestClient) -> None:
    report_id = starter_report(client)
    change(client, report_id, 1, "indicators[0].actual", "")
    down = rows(client, report_id, 2, "down", 0)
    assert down.status_code == 200 and down.text.lstrip().startswith('<section class="box editor-section" id="sec-4"')
    names = [item["name"] for item in stored(client, report_id)[1]["indicators"]]
    assert names[1] == "法律援助案件办理数量" and stored(client, report_id)[2].startswith("下移 绩效指标“法律援助")
    marker = re.search(r'id="p-indicators-1--actual">(.*?)</div>', down.text, re.S)
    assert marker and "尚未填写" in marker[1]  # the problem moved with its row
    assert 'id="based-on" value="3" hx-swap-oob="true"' in down.text
    added = rows(client, report_id, 3, "add", 9)
    assert len(stored(client, report_id)[1]["indicators"]) == 10 and "缺少必填项" in added.text
    removed = rows(client, report_id, 4, "remove", 9)
    assert len(stored(client, report_id)[1]["indicators"]) == 9 and "缺少必填项" not in oob(removed.text, "problems")
    assert 'hx-confirm="确定删除绩效指标的第1行吗？"' in removed.text


def test_a_row_operation_from_an_older_page_is_not_done(client: TestClient) -> None:
    report_id = starter_report(client)
    rows(client, report_id, 1, "add", 0)
    late = rows(client, report_id, 1, "remove", 0)
    assert late.status_code == 409 and "另一窗口已保存了第 2 版" in late.text
    assert late.headers["HX-Retarget"] == "#n-sec-4" and stored(client, report_id)[0] == 2


@pytest.mark.parametrize(("kind", "shown"), [("department", "部门整体支出"), ("project", "项目支出")])
def test_a_blank_form_makes_a_report_to_fill_in(client: TestClient, kind: str, shown: str) -> None:
    assert "空白表单" in client.get("/").text and 'value="project"' in client.get("/").text
    created = client.post("/reports/blank", data={"kind": kind}, follow_redirects=False)
    assert created.status_code == 303 and created.headers["location"] == "/reports/1/edit"
    number, data, note = stored(client, 1)
    assert (number, note, data["kind"]) == (1, "新建空白报告", kind)
    assert data["year"] == datetime.date.today().year - 1
    page = client.get("/reports/1/edit").text
    assert f"<option selected>{shown}</option>" in page and "单位信息的单位名称" in page
    change(client, 1, 1, "unit.name", "某县司法局")
    assert stored(client, 1)[1]["unit"] == {"name": "某县司法局"}


def test_a_report_of_200_indicators_is_edited_like_any_other(client: TestClient) -> None:
    report = workspace(client).store.create(large_data(), "大量指标")
    page = client.get(f"/reports/{report.report_id}/edit")
    assert page.text.count('<tr id="r-indicators-') == 200
    answer = change(client, report.report_id, 1, "indicators[150].actual", "")
    assert answer.status_code == 200 and "尚未填写" in answer.text.split('hx-swap-oob="true"', 1)[0]
    assert len(answer.text) < len(page.text) / 10  # a change answers a fragment, not the page


def test_a_key_the_data_format_does_not_know_can_be_removed_from_the_form(client: TestClient) -> None:
    data = large_data()
    data["budget"] = {**data["budget"], "excuted": 100}
    report = workspace(client).store.create(data, "上传")
    page = client.get(f"/reports/{report.report_id}/edit").text
    assert "不认识的字段“excuted”" in page and "删除这项内容" in page and "全年执行数" in page
    assert change(client, report.report_id, 1, "budget.adjusted.x", "").status_code == 422
    answer = change(client, report.report_id, 1, "budget.excuted", "")
    assert answer.status_code == 200 and "excuted" not in answer.text
    number, stored_data, note = stored(client, report.report_id)
    assert number == 2 and "excuted" not in stored_data["budget"] and note == "删除未识别的内容“excuted”"
    assert change(client, report.report_id, 2, "budget.executed.y", "").status_code == 422


def test_a_new_money_unit_shows_the_page_again_with_every_amounts_unit(client: TestClient) -> None:
    report_id = starter_report(client)
    assert change(client, report_id, 1, "money_unit", "元").headers.get("HX-Refresh") == "true"
    assert "HX-Refresh" not in change(client, report_id, 2, "unit.code", "301002").headers


def test_a_checkbox_saves_是_when_checked_and_否_when_not(client: TestClient) -> None:
    report_id = starter_report(client)
    page = client.get(f"/reports/{report_id}/edit").text
    box = re.search(r'<input type="checkbox" id="f-indicators-0--applicable"[^>]*>', page)
    assert box and " checked" in box[0]  # left out: 是, as the data format takes it
    posted = {"based_on": 1, "path": "indicators[0].applicable", "checkbox": "1"}  # unchecked: no value
    assert client.post(f"/reports/{report_id}/edit", data=posted).status_code == 200
    assert stored(client, report_id)[1]["indicators"][0]["applicable"] is False
    change(client, report_id, 2, "indicators[0].applicable", "是")
    assert stored(client, report_id)[1]["indicators"][0]["applicable"] is True
