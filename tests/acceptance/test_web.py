"""The local-mode web application, through its pages (FastAPI's TestClient) and as
``reportgen serve`` in its own process."""

from __future__ import annotations

import io
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import docx
import pytest
from fastapi.testclient import TestClient

from reportgen import api
from reportgen.web.app import create_app
from reportgen.web.upload import MAX_UPLOAD


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(tmp_path / "workspace")) as client:
        yield client


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    return api.init_data(tmp_path / "starter")


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def listed(client: TestClient) -> list[str]:
    return re.findall(r'<a href="/reports/(\d+)">', client.get("/").text)


def create_from_starter(client: TestClient) -> str:
    created = client.post("/reports/starter", follow_redirects=False)
    assert created.status_code == 303
    return str(created.headers["location"])


def test_the_start_page_invites_a_first_report(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "还没有报告" in page.text and "新建报告" in page.text


def test_a_report_made_from_the_starter_data_is_listed_and_ready_to_finalise(client: TestClient) -> None:
    location = create_from_starter(client)
    page = text_of(client.get(location).text)
    assert "某县司法局 2024 年度" in page and "可定稿" in page and "错误 0 处，提示 0 处，尚未填写 0 处" in page
    start = text_of(client.get("/").text)
    assert "某县司法局 2024 部门整体支出 可定稿 99.74（优）" in start and "第 1 版" in start


def test_the_docx_download_has_the_total_of_the_same_data(client: TestClient, starter: Path) -> None:
    location = create_from_starter(client)
    download = client.get(f"{location}/report.docx")
    assert download.status_code == 200
    name = unquote(download.headers["content-disposition"].split("filename*=UTF-8''")[1])
    assert name == "某县司法局2024年度绩效自评报告.docx"
    document = docx.Document(io.BytesIO(download.content))
    total_row = next(row for table in document.tables for row in table.rows if row.cells[0].text == "总分")
    texts = [
        cell.text
        for index, cell in enumerate(total_row.cells)
        if index == 0 or cell._tc is not total_row.cells[index - 1]._tc
    ]
    figures = api.load(starter).figures
    assert figures is not None and texts[:3] == ["总分", "100", str(figures.total)]


def test_an_uploaded_yaml_file_becomes_a_report_with_its_findings(client: TestClient, starter: Path) -> None:
    text = starter.read_text(encoding="utf-8").replace("executed: 146.20", "executed: ")
    created = client.post("/reports/upload", files={"file": ("自评数据.yaml", text.encode())}, follow_redirects=False)
    assert created.status_code == 303
    page = text_of(client.get(created.headers["location"]).text)
    assert "草稿" in page and "尚未填写 1 处" in page and "第 1 版" in page and "上传 自评数据.yaml" in page


def test_the_data_file_and_workbook_downloads_read_back_as_the_same_data(client: TestClient, tmp_path: Path) -> None:
    location = create_from_starter(client)
    for path, suffix in (("data.yaml", ".yaml"), ("workbook.xlsx", ".xlsx")):
        download = client.get(f"{location}/{path}")
        assert download.status_code == 200
        assert unquote(download.headers["content-disposition"]).endswith(f"某县司法局2024年度自评数据{suffix}")
        saved = tmp_path / f"downloaded{suffix}"
        saved.write_bytes(download.content)
        checked = api.load(saved)
        assert checked.ok and checked.figures is not None and str(checked.figures.total) == "99.74"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("报告.doc", b"\xd0\xcf\x11\xe0", "编辑过的报告修改稿请打开该报告，在“修改稿”页上传"),
        ("报告.docx", b"PK\x03\x04", "“.docx”是 Word 文档，不是数据文件"),
        ("旧表.xls", b"\xd0\xcf\x11\xe0", "另存为 .xlsx"),
        ("数据.yaml", b"year: [2024\n", "第2行第1列：YAML 格式错误"),
        ("数据.json", "{“year”: 2024}".encode(), ""),
        ("数据.yaml", "年度".encode("gbk"), "UTF-8"),
    ],
)
def test_a_file_without_data_shows_the_readers_message_and_stores_nothing(
    client: TestClient, name: str, content: bytes, message: str
) -> None:
    refused = client.post("/reports/upload", files={"file": (name, content)})
    assert refused.status_code == 422 and "无法完成" in refused.text and message in refused.text
    assert listed(client) == []


def test_an_upload_over_the_size_limit_is_refused(client: TestClient) -> None:
    refused = client.post("/reports/upload", files={"file": ("大.yaml", b"#" * (MAX_UPLOAD + 1))})
    assert refused.status_code == 413 and "文件过大（超过 10 MB）" in refused.text
    assert listed(client) == []


def test_a_body_announced_as_too_large_is_refused_before_it_is_read(client: TestClient) -> None:
    refused = client.post("/reports/upload", files={"file": ("大.yaml", b"#" * (MAX_UPLOAD + 100_000))})
    assert refused.status_code == 413 and "文件过大" in refused.text


@pytest.mark.parametrize("content", [b"- 1\n- 2\n", b"year: abc\nunit: 3\nbudget: [1, 2]\n", b"'text'\n", b"{}\n"])
def test_data_that_is_not_a_report_is_kept_with_its_errors_and_no_score(client: TestClient, content: bytes) -> None:
    location = client.post("/reports/upload", files={"file": ("a.yaml", content)}, follow_redirects=False).headers[
        "location"
    ]
    page = text_of(client.get(location).text)
    assert "有错误" in page and "总分：—" in page and "数据有错误，改正后才能生成 Word 报告" in page
    refused = client.get(f"{location}/report.docx")
    assert refused.status_code == 409 and "数据有错误，改正后才能生成报告" in refused.text
    assert client.get(f"{location}/data.yaml").status_code == 200
    assert client.get(f"{location}/workbook.xlsx").status_code == 200
    assert client.get("/").status_code == 200


def test_a_new_version_based_on_an_older_one_is_refused_with_the_newer_number(
    client: TestClient, starter: Path
) -> None:
    location = create_from_starter(client)
    content = starter.read_bytes()

    def save(based_on: int) -> int:
        form = {"based_on": str(based_on)}
        sent = client.post(
            f"{location}/versions", data=form, files={"file": ("数据.yaml", content)}, follow_redirects=False
        )
        return sent.status_code

    assert save(1) == 303  # the first tab, opened on version 1
    later = client.post(f"{location}/versions", data={"based_on": "1"}, files={"file": ("数据.yaml", content)})
    assert later.status_code == 409 and "此后已保存了第 2 版" in text_of(later.text)
    assert save(2) == 303
    assert re.findall(r"第 (\d) 版</td>", client.get(location).text) == ["3", "2", "1"]


def test_a_broken_file_as_a_new_version_stores_nothing(client: TestClient) -> None:
    location = create_from_starter(client)
    form = {"based_on": "1"}
    refused = client.post(f"{location}/versions", data=form, files={"file": ("数据.yaml", b"year: [2024\n")})
    assert refused.status_code == 422 and "YAML 格式错误" in refused.text
    assert re.findall(r"第 (\d) 版</td>", client.get(location).text) == ["1"]


def test_an_unknown_report_is_a_chinese_404(client: TestClient) -> None:
    for path in ("/reports/999", "/reports/999/report.docx", "/reports/999/data.yaml", "/nowhere"):
        missing = client.get(path)
        assert missing.status_code == 404 and ("没有这份报告" in missing.text or "页面不存在" in missing.text)
    assert client.get("/reports/..%2f..%2fetc").status_code in (404, 422)


def test_text_from_the_data_is_escaped_in_the_pages(client: TestClient, starter: Path) -> None:
    text = starter.read_text(encoding="utf-8").replace("name: 某县司法局", 'name: "<script>alert(1)</script>"', 1)
    created = client.post("/reports/upload", files={"file": ("数据.yaml", text.encode())}, follow_redirects=False)
    for page in (client.get(created.headers["location"]).text, client.get("/").text):
        assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_serve_help_lists_its_options() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "reportgen", "serve", "--help"], capture_output=True, text=True, encoding="utf-8"
    )
    assert run.returncode == 0
    assert all(option in run.stdout for option in ("--port", "--data-dir", "--no-browser"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_reportgen_serve_answers_on_the_loopback_address(tmp_path: Path, web_database: str | None) -> None:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "reportgen",
        "serve",
        "--no-browser",
        "--port",
        str(port),
        "--data-dir",
        str(tmp_path),
    ]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as answer:
                    page = answer.read().decode("utf-8")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
                assert time.monotonic() < deadline, "the server did not answer within 30 s"
                time.sleep(0.2)
        assert "我的报告" in page
        # SQLite: the file in the data folder; PostgreSQL (web_database, a URL): none there.
        assert (tmp_path / "reportgen.sqlite3").is_file() == (web_database is None)
    finally:
        server.terminate()
        server.communicate(timeout=10)


def test_a_port_in_use_is_told_in_chinese(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = [sys.executable, "-m", "reportgen", "serve", "--no-browser", "--port", str(port)]
        run = subprocess.run(
            [*command, "--data-dir", str(tmp_path)], capture_output=True, text=True, encoding="utf-8", timeout=60
        )
    assert run.returncode == 2 and f"端口 {port} 已被占用" in run.stderr


def test_the_overview_lists_the_last_five_versions_and_links_to_the_whole_history(
    client: TestClient, starter: Path
) -> None:
    location = create_from_starter(client)
    for number in range(1, 8):
        client.post(
            f"{location}/versions",
            data={"based_on": str(number)},
            files={"file": (f"第{number}次.yaml", starter.read_bytes())},
        )
    page = text_of(client.get(location).text)
    assert "第 8 版" in page and "第 4 版" in page and "第 3 版" not in page
    assert "全部 8 个版本" in page and f'href="{location}/history"' in client.get(location).text


def test_the_overviews_problems_are_placed_in_the_forms_words_and_link_to_the_field(
    client: TestClient, starter: Path
) -> None:
    text = starter.read_text(encoding="utf-8").replace("weight: 15", "weight: 45", 1)
    created = client.post("/reports/upload", files={"file": ("数据.yaml", text.encode())}, follow_redirects=False)
    location = created.headers["location"]
    html = client.get(location).text
    assert "scale_to_100" not in html and "折算为百分制" in html
    assert f'href="{location}/edit#' in html


def test_an_unexpected_failure_shows_a_chinese_page_without_a_traceback(tmp_path: Path) -> None:
    app = create_app(tmp_path / "workspace")

    def broken() -> list[object]:
        raise RuntimeError("database exploded: /secret/path")

    app.state.workspace.store.reports = broken
    with TestClient(app, raise_server_exceptions=False) as client:
        page = client.get("/")
    assert page.status_code == 500 and "程序内部出错" in page.text
    assert "Traceback" not in page.text and "/secret/path" not in page.text and "RuntimeError" not in page.text
