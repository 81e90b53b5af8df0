"""A report's versions through the pages: the history with what changed, one version and
its files, restoring, comparing, and copying a report for next year."""

from __future__ import annotations

import copy
import html as html_module
import io
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from fastapi.testclient import TestClient

from reportgen.data.sources import read_data
from reportgen.web.app import create_app
from reportgen.web.datafile import to_yaml
from reportgen.web.history import PER_PAGE
from samples import LINGLING


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(tmp_path / "workspace")) as client:
        yield client


def text_of(html: str) -> str:
    return html_module.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def lingling() -> dict[str, Any]:
    return copy.deepcopy(dict(read_data(LINGLING).data))


def upload(client: TestClient, data: dict[str, Any], report: str | None = None, based_on: int = 0) -> str:
    files = {"file": ("data.yaml", to_yaml(data).encode("utf-8"), "application/yaml")}
    if report is None:
        response = client.post("/reports/upload", files=files, follow_redirects=False)
        assert response.status_code == 303
        return str(response.headers["location"])
    response = client.post(f"{report}/versions", files=files, data={"based_on": str(based_on)}, follow_redirects=False)
    assert response.status_code == 303
    return report


@pytest.fixture
def three_versions(client: TestClient) -> str:
    """Version 1 the example, 2 with a lower 全年执行数, 3 with an indicator's actual changed."""
    data = lingling()
    report = upload(client, data)
    data["budget"]["executed"] = 16000000
    upload(client, data, report, 1)
    data["indicators"][1]["actual"] = "95%"
    upload(client, data, report, 2)
    return report


def test_the_history_lists_every_version_newest_first_with_what_changed(
    client: TestClient, three_versions: str
) -> None:
    page = text_of(client.get(f"{three_versions}/history").text)
    assert page.index("第 3 版") < page.index("第 2 版") < page.index("第 1 版")
    assert "绩效指标“普及法律知识，提高全民法律意识”" not in page  # nothing changed there
    assert "绩效指标“普法工作公职人员参考率”的实际完成值：>90% → 95%" in page
    assert "年度资金的全年执行数：16905537.09元 → 16000000.00元" in page
    assert "预算执行率 100.00% → 94.64%" in page and "总分 98 → 97.46" in page
    assert "最初的版本" in page and "上传 data.yaml" in page


def test_a_long_history_comes_a_page_at_a_time(client: TestClient) -> None:
    data = lingling()
    report = upload(client, data)
    for number in range(2, PER_PAGE + 6):
        data["unit"]["short_name"] = f"第{number}次改名"
        upload(client, data, report, number - 1)
    first = text_of(client.get(f"{report}/history").text)
    assert f"共 {PER_PAGE + 5} 个版本" in first and "第 1 / 2 页" in first and "较早的版本" in first
    assert f"第 {PER_PAGE + 5} 版" in first and "第 5 版 " not in first
    second = text_of(client.get(f"{report}/history?page=2").text)
    assert "第 5 版" in second and "第 1 版" in second and "较新的版本" in second
    assert "单位信息的简称：第2次改名 → 第3次改名" in second
    assert client.get(f"{report}/history?page=x").status_code == 200  # a bad page number: the first page


def test_one_version_shows_its_state_figures_and_files(client: TestClient, three_versions: str) -> None:
    page = text_of(client.get(f"{three_versions}/versions/1").text)
    assert "第 1 版" in page and "总分：98（优）" in page and "预算执行率 100.00%" in page
    assert "恢复为第 1 版" in page
    data = client.get(f"{three_versions}/versions/1/data.yaml")
    assert data.status_code == 200 and "%E7%AC%AC1%E7%89%88" in data.headers["content-disposition"]  # （第1版）
    assert yaml.safe_load(data.text)["budget"]["executed"] == 16905537.09
    report = client.get(f"{three_versions}/versions/2/report.docx")
    assert report.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(report.content)).paragraphs)
    assert "1600.00万元" in text
    current = text_of(client.get(f"{three_versions}/versions/3").text)
    assert "当前版本" in current and "恢复为第 3 版" not in current


def test_an_unknown_version_is_a_chinese_404(client: TestClient, three_versions: str) -> None:
    for url in ("/versions/9", "/versions/9/data.yaml", "/versions/9/report.docx"):
        response = client.get(three_versions + url)
        assert response.status_code == 404 and "这份报告没有第 9 版" in response.text
    restored = client.post(f"{three_versions}/versions/9/restore", data={"based_on": "3"})
    assert restored.status_code == 404 and "这份报告没有第 9 版" in restored.text
    assert client.get("/reports/99/history").status_code == 404


def test_restoring_a_version_saves_its_data_as_a_new_version(client: TestClient, three_versions: str) -> None:
    response = client.post(f"{three_versions}/versions/1/restore", data={"based_on": "3"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"{three_versions}/history"
    page = text_of(client.get(f"{three_versions}/history").text)
    assert "第 4 版" in page and "恢复为第 1 版" in page and "第 3 版" in page  # nothing deleted
    assert "预算执行率 94.64% → 100.00%" in page
    restored = client.get(f"{three_versions}/versions/4/data.yaml").text
    assert restored == client.get(f"{three_versions}/versions/1/data.yaml").text


def test_restoring_from_a_stale_page_is_refused(client: TestClient, three_versions: str) -> None:
    response = client.post(f"{three_versions}/versions/1/restore", data={"based_on": "2"})
    assert response.status_code == 409
    assert "未恢复" in response.text and "第 2 版" in response.text and "第 3 版" in response.text
    assert "第 4 版" not in text_of(client.get(f"{three_versions}/history").text)


def test_two_versions_compare_figure_by_figure_with_the_changes_marked(client: TestClient, three_versions: str) -> None:
    html = client.get(f"{three_versions}/compare?a=1&b=3").text
    page = text_of(html)
    assert "第 1 版与第 3 版的比较" in page
    assert "预算执行率 100.00% 94.64% -5.36个百分点" in page
    assert "一般公共预算占全年预算数的比例 99.53% 99.53%" in page
    assert html.count('class="changed"') == 5  # 执行率, its 得分, the 基本支出 and 项目支出 shares, 总分
    assert "数据的改动（2 处）" in page
    assert "绩效指标“普法工作公职人员参考率”的实际完成值 >90% 95%" in page


def test_a_version_whose_data_has_errors_is_shown_without_figures(client: TestClient, three_versions: str) -> None:
    data = lingling()
    data["indicators"][4]["actual"] = "249人"  # the target is in 件: the two cannot be compared
    upload(client, data, three_versions, 3)
    history = text_of(client.get(f"{three_versions}/history").text)
    assert "绩效指标“法律援助工作办案数量”的实际完成值：249件 → 249人" in history
    assert "其中一版数据有错误，无法比较计算结果" in history
    page = text_of(client.get(f"{three_versions}/versions/4").text)
    assert "错误 1 处" in page and "这一版的数据有错误，无法计算" in page and "无法生成 Word 报告" in page
    refused = client.get(f"{three_versions}/versions/4/report.docx")
    assert refused.status_code == 409 and "第 4 版的数据有错误" in refused.text
    compared = text_of(client.get(f"{three_versions}/compare?a=3&b=4").text)
    assert "第 4 版的数据有错误，没有计算结果" in compared and "总分 97.46 —" in compared


def test_comparing_needs_two_versions_that_exist(client: TestClient, three_versions: str) -> None:
    for query in ("", "?a=1", "?a=x&b=2", "?a=0&b=2"):
        response = client.get(f"{three_versions}/compare{query}")
        assert response.status_code == 422 and "请选择要比较的两个版本" in response.text
    response = client.get(f"{three_versions}/compare?a=1&b=7")
    assert response.status_code == 404 and "这份报告没有第 7 版：现有第 1 至第 3 版" in response.text


def test_a_report_is_copied_for_next_year_as_a_draft(client: TestClient, three_versions: str) -> None:
    overview = text_of(client.get(three_versions).text)
    assert "复制为 2023 年度报告" in overview
    assert "复制为 2023 年度报告" in text_of(client.get(f"{three_versions}/history").text)
    response = client.post(f"{three_versions}/copy", follow_redirects=False)
    assert response.status_code == 303
    copied = str(response.headers["location"])
    assert copied != three_versions
    page = text_of(client.get(copied).text)
    assert "永州市零陵区司法局 2023 年度绩效自评" in page and "草稿" in page
    assert "错误 0 处，提示 0 处" in page and "由 2022 年度报告复制" in page
    data = yaml.safe_load(client.get(f"{copied}/data.yaml").text)
    assert data["year"] == 2023 and data["budget"] == {"weight": 10}
    assert [i["target"] for i in data["indicators"]] == [i["target"] for i in lingling()["indicators"]]
    assert "第 4 版" not in text_of(client.get(f"{three_versions}/history").text)  # the source is untouched
    listed = text_of(client.get("/").text)
    assert "2022" in listed and "2023" in listed


def test_a_report_without_a_year_is_not_copied(client: TestClient) -> None:
    data = lingling()
    del data["year"]
    report = upload(client, data)
    response = client.post(f"{report}/copy")
    assert response.status_code == 422 and "没有填写年度" in response.text


def test_a_history_of_300_versions_is_paged_and_each_page_is_computed_once(client: TestClient) -> None:
    store = client.app.state.workspace.store  # type: ignore[attr-defined]
    data = lingling()
    version = store.create(data, "上传 data.yaml")
    for number in range(2, 301):
        data = copy.deepcopy(data)
        data["budget"]["executed"] = 16905537 - number
        version = store.save(version.report_id, data, version.number, "修改全年执行数")
    url = f"/reports/{version.report_id}/history?page=8"
    started = time.perf_counter()
    first = client.get(url)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    again = client.get(url)
    warm = time.perf_counter() - started
    assert first.text == again.text and "第 8 / 15 页" in text_of(first.text)
    assert "第 160 版" in first.text and "第 141 版" in first.text and "第 140 版" not in first.text
    print(f"history page of 300 versions: first {cold * 1000:.0f} ms, again {warm * 1000:.0f} ms")


def test_a_sitting_of_form_edits_is_one_line_with_what_it_changed_in_all(client: TestClient) -> None:
    report = upload(client, lingling())
    for number, name in enumerate(["零陵一", "零陵二", "零陵三"], start=1):
        saved = client.post(f"{report}/edit", data={"based_on": number, "path": "unit.short_name", "value": name})
        assert saved.status_code == 200
    page = text_of(client.get(f"{report}/history").text)
    assert "第 2–4 版" in page and "在表单中连续修改 3 次" in page and "逐次查看" in page
    assert "单位信息的简称：零陵区司法局 → 零陵三" in page  # the sitting's change as a whole
    assert "第 1 版" in page and "最初的版本" in page
