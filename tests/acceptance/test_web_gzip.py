"""Large pages go gzipped to a browser that accepts it; small answers (a field change's
fragment, the preview) and files that are zip archives already go as they are."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from editor_data import large_data
from reportgen.web.app import GZIP_MINIMUM, create_app

GZIP = {"Accept-Encoding": "gzip"}


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(tmp_path / "workspace")) as client:
        yield client


def test_the_editor_of_200_indicators_goes_gzipped(client: TestClient) -> None:
    version = client.app.state.workspace.store.create(large_data(), "200 个指标")  # type: ignore[attr-defined]
    page = client.get(f"/reports/{version.report_id}/edit", headers=GZIP)
    assert page.status_code == 200 and page.headers["content-encoding"] == "gzip"
    assert int(page.headers["content-length"]) < len(page.content) / 10  # 1.2 MB of HTML, about 50 KB sent
    assert len(page.content) > GZIP_MINIMUM and "绩效指标" in page.text


def test_a_field_change_the_preview_and_the_word_file_go_as_they_are(client: TestClient) -> None:
    created = client.post("/reports/starter", follow_redirects=False)
    report = created.headers["location"]
    form = {"based_on": "1", "path": "indicators[0].actual", "value": "310件"}
    answers = [
        client.post(f"{report}/edit", data=form, headers=GZIP),
        client.get(f"{report}/preview/frame", headers=GZIP),
        client.get(f"{report}/report.docx", headers=GZIP),
    ]
    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert [answer.headers.get("content-encoding") for answer in answers] == [None, None, None]
