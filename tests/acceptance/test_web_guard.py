"""Only the user's own reportgen tabs may use the local server: a form on another website
posting to 127.0.0.1, and another site's name rebound to 127.0.0.1, are both refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from reportgen.web.app import create_app


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(tmp_path / "workspace"), base_url="http://127.0.0.1:8765") as client:
        yield client


def reports(client: TestClient) -> list[object]:
    listed: list[object] = client.get("/api/reports").json()
    return listed


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Origin": "http://127.0.0.1:9999"},  # another local server is another origin
    ],
)
def test_a_change_sent_from_another_site_is_refused_and_nothing_is_stored(
    client: TestClient, headers: dict[str, str]
) -> None:
    refused = client.post("/reports/starter", headers=headers, follow_redirects=False)
    assert refused.status_code == 403 and "此请求来自其他网站" in refused.text
    assert reports(client) == []


def test_the_pages_own_requests_are_accepted(client: TestClient) -> None:
    own = {"Origin": "http://127.0.0.1:8765", "Sec-Fetch-Site": "same-origin"}
    assert client.post("/reports/starter", headers=own, follow_redirects=False).status_code == 303
    assert client.post("/reports/starter", follow_redirects=False).status_code == 303  # no Origin: not a browser form
    assert len(reports(client)) == 2


def test_a_name_that_is_not_loopback_is_refused_even_for_reading(client: TestClient) -> None:
    rebound = client.get("/api/reports", headers={"Host": "evil.example:8765"})
    assert rebound.status_code == 421 and "127.0.0.1" in rebound.text
    assert client.get("/", headers={"Host": "localhost:8765"}).status_code == 200
