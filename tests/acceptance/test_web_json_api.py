"""The JSON API (``/api``): the same reports, checks and figures as the pages and as
``reportgen validate --json``, data exchanged exactly, problems answered in Chinese."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
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


def as_json_text(path: Path) -> str:
    return json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), ensure_ascii=False, default=str)


def test_a_report_posted_as_json_is_checked_as_the_cli_checks_it(client: TestClient, starter: Path) -> None:
    created = client.post("/api/reports", content=as_json_text(starter).encode())
    assert created.status_code == 201 and created.json()["version"] == 1
    result = client.get(f"/api/reports/{created.json()['id']}").json()
    cli = subprocess.run(
        [sys.executable, "-m", "reportgen", "validate", str(starter), "--json"], capture_output=True, check=True
    )
    expected = json.loads(cli.stdout)
    assert result["figures"] == expected["figures"] and result["errors"] == expected["errors"] == []
    assert result["status"] == "可定稿" and result["unit"] == "某县司法局"
    assert [r["id"] for r in client.get("/api/reports").json()] == [created.json()["id"]]


def test_data_is_given_back_exactly_and_saved_only_from_the_latest_version(client: TestClient) -> None:
    created = client.post("/api/reports", content=b'{"year": 2024, "budget": {"executed": 1696.40}}').json()
    url = f"/api/reports/{created['id']}/data"
    assert client.get(url).text == '{"year":2024,"budget":{"executed":1696.40}}'
    same = client.put(f"{url}?based_on=1", content=client.get(url).content).json()
    assert same == {"id": created["id"], "version": 1, "saved": False}
    saved = client.put(f"{url}?based_on=1", content=b'{"year": 2025}').json()
    assert saved["version"] == 2 and saved["saved"] is True
    stale = client.put(f"{url}?based_on=1", content=b'{"year": 2026}')
    assert stale.status_code == 409 and stale.json()["latest"] == 2
    assert "第 2 版" in stale.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"year": 2024,}', "JSON 格式错误"),
        (b"[1, 2]", "应是一个数据对象"),
        ("年度".encode("gbk"), "UTF-8"),
        (b"[" * 10_000 + b"]" * 10_000, ""),
    ],
)
def test_a_body_that_is_no_data_is_refused_in_chinese_and_nothing_is_stored(
    client: TestClient, body: bytes, message: str
) -> None:
    refused = client.post("/api/reports", content=body)
    assert refused.status_code == 422 and message in refused.json()["errors"][0]["message"]
    assert client.get("/api/reports").json() == []


def test_a_body_over_the_limit_is_refused(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds while reading
        for _ in range(MAX_UPLOAD // 65536 + 2):
            yield b" " * 65536

    assert client.post("/api/reports", content=chunks()).status_code == 413


def test_unknown_reports_are_404_in_chinese(client: TestClient) -> None:
    for response in (client.get("/api/reports/9"), client.get("/api/reports/9/data")):
        assert response.status_code == 404 and "没有这份报告" in response.json()["errors"][0]["message"]
    assert client.put("/api/reports/9/data?based_on=1", content=b"{}").status_code == 404


def test_the_api_is_described_at_docs(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/reports", "/api/reports/{report_id}", "/api/reports/{report_id}/data"} <= set(paths)
