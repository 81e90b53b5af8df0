"""生成定稿 on the 修改稿 tab: the final copy of a draft kept as a new draft, with the same
refusals as ``reportgen finalize`` shown on the page."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
import yaml
from fastapi.testclient import TestClient
from httpx2 import Response

from drafting import edit
from finalizing import fill_placeholders, track_by
from reportgen.web.app import create_app

pytestmark = pytest.mark.rendering


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(tmp_path / "workspace")) as client:
        yield client


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def new_report(client: TestClient) -> str:
    return str(client.post("/reports/starter", follow_redirects=False).headers["location"])


def without_date(client: TestClient, report: str) -> None:
    """A new version of the report's data without its 报告日期: the report has a 【待补充】."""
    data = yaml.safe_load(client.get(f"{report}/data.yaml").text)
    data.pop("date", None)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()
    saved = client.post(f"{report}/versions", data={"based_on": "1"}, files={"file": ("新数据.yaml", text)})
    assert saved.status_code == 200


def upload(client: TestClient, report: str, content: bytes) -> int:
    """Upload an edited draft; the number of the revised draft it became."""
    sent = client.post(f"{report}/drafts", files={"file": ("修改稿.docx", content)}, follow_redirects=False)
    assert sent.status_code == 303, text_of(sent.text)
    return int(sent.headers["location"].rsplit("-", 1)[1])


def finalize(client: TestClient, report: str, number: int, others: str = "") -> Response:
    data = {"others": others} if others else {}
    return client.post(f"{report}/drafts/{number}/finalize", data=data, follow_redirects=False)


def test_a_draft_with_placeholders_is_refused_on_the_page_with_each_one_listed(client: TestClient) -> None:
    report = new_report(client)
    without_date(client, report)
    number = upload(client, report, client.get(f"{report}/report.docx").content)
    assert "生成定稿" in text_of(client.get(f"{report}/drafts").text)
    refused = finalize(client, report, number)
    shown = text_of(refused.text)
    assert refused.status_code == 422
    assert "未能生成定稿" in shown and "【待补充】尚未填写，未生成定稿" in shown
    assert re.search(r"\[待补充\] \S+.*?：【待补充：", shown)
    assert 'class="draft-final"' not in refused.text


def test_a_finished_draft_becomes_a_final_copy_kept_beside_it(client: TestClient) -> None:
    report = new_report(client)
    number = upload(client, report, edit(client.get(f"{report}/report.docx").content, fill_placeholders))
    made = finalize(client, report, number)
    assert made.status_code == 303
    final_number = int(made.headers["location"].rsplit("-", 1)[1])
    page = client.get(f"{report}/drafts").text
    found = re.search(rf'<tr id="draft-{final_number}".*?</tr>', page, re.S)
    assert found is not None
    row = text_of(found.group())
    assert f"第 {final_number} 稿 定稿 某县司法局2024年度绩效自评报告（定稿）.docx" in row
    assert f"由第 {number} 稿生成定稿" in row and "接受修订" in row
    assert f"已生成定稿第 {final_number} 稿" in text_of(page)
    final = client.get(f"{report}/drafts/{final_number}.docx").content
    with zipfile.ZipFile(io.BytesIO(final)) as package:
        names = package.namelist()
        xml = package.read("word/document.xml").decode()
    assert not [n for n in names if n.startswith("customXml/") or "comments" in n]
    assert "_RG" not in xml and "highlight" not in xml and "数据核对情况" not in xml


def test_other_authors_changes_are_asked_about_on_the_page(client: TestClient) -> None:
    report = new_report(client)

    def track(document: docx.document.Document) -> None:
        track_by("张三", next(p for p in document.paragraphs if p.text.strip()), "（张三补充）", 9001)

    edited = edit(client.get(f"{report}/report.docx").content, fill_placeholders, track)
    number = upload(client, report, edited)
    asked = finalize(client, report, number)
    shown = text_of(asked.text)
    assert asked.status_code == 409
    assert "文档中还有 1 处其他作者（张三 1 处）的修订尚未处理，没有生成定稿" in shown
    assert 'name="others" value="accept"' in asked.text and 'name="others" value="keep"' in asked.text
    kept = finalize(client, report, number, "keep")
    assert kept.status_code == 303
    accepted = finalize(client, report, number, "accept")
    final_number = int(accepted.headers["location"].rsplit("-", 1)[1])
    with zipfile.ZipFile(io.BytesIO(client.get(f"{report}/drafts/{final_number}.docx").content)) as package:
        xml = package.read("word/document.xml").decode()
    assert "（张三补充）" in xml and "<w:ins " not in xml
    assert "仍有其他作者的修订 1 处" in text_of(client.get(f"{report}/drafts").text)


def test_finalizing_a_draft_that_is_not_there_is_not_found(client: TestClient) -> None:
    report = new_report(client)
    assert finalize(client, report, 99).status_code == 404
