"""The editors' round in the browser (the 修改稿 tab): an edited draft uploaded, updated to the
report's latest data, kept and downloaded; every wrong file refused in Chinese with nothing lost."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import docx
import pytest
import yaml
from fastapi.testclient import TestClient
from httpx2 import Response

from drafting import views
from hostile import rezip
from reportgen.web.app import create_app
from reportgen.web.upload import MAX_UPLOAD

TYPED = "编辑补充：本年度新增法律援助工作站两处，群众满意度达到99.9%。"
OLD_EXECUTED, NEW_EXECUTED = "1652.18", "1602.18"

pytestmark = pytest.mark.rendering


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(tmp_path / "workspace")) as client:
        yield client


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def new_report(client: TestClient, **changes: Any) -> str:
    """A report of the starter data (某县司法局 2024), with ``changes`` to its top-level fields."""
    location = str(client.post("/reports/starter", follow_redirects=False).headers["location"])
    if changes:
        save(client, location, {**data_of(client, location), **changes}, based_on=1)
    return location


def data_of(client: TestClient, report: str) -> dict[str, Any]:
    found: dict[str, Any] = yaml.safe_load(client.get(f"{report}/data.yaml").text)
    return found


def save(client: TestClient, report: str, data: dict[str, Any], based_on: int) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()
    saved = client.post(f"{report}/versions", data={"based_on": str(based_on)}, files={"file": ("新数据.yaml", text)})
    assert saved.status_code == 200 and "无法完成" not in saved.text


def execute_less(client: TestClient, report: str, based_on: int = 1) -> None:
    """A new version whose 全年执行数 is 50 万元 lower."""
    data = data_of(client, report)
    assert str(data["budget"]["executed"]) == OLD_EXECUTED
    data["budget"]["executed"] = float(NEW_EXECUTED)
    save(client, report, data, based_on)


def typed_in(draft: bytes, text: str = TYPED) -> bytes:
    """``draft`` with a paragraph the editor typed after the first body paragraph of chapter 一."""
    document = docx.Document(io.BytesIO(draft))
    paragraphs = document.paragraphs
    heading = next(i for i, p in enumerate(paragraphs) if p.style is not None and p.style.name == "Heading 2")
    body = paragraphs[heading + 1]
    added = document.add_paragraph(text, body.style)
    body._p.addnext(added._p)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def upload(client: TestClient, report: str, content: bytes, name: str = "修改稿.docx") -> Response:
    return client.post(f"{report}/drafts", files={"file": (name, content)}, follow_redirects=False)


def listed(client: TestClient, report: str) -> list[str]:
    """The drafts table's rows, as text."""
    page = client.get(f"{report}/drafts").text
    return [text_of(row).strip() for row in re.findall(r'<tr id="draft-\d+".*?</tr>', page, re.S)]


def test_the_drafts_tab_says_what_the_round_is_and_offers_an_upload(client: TestClient) -> None:
    report = new_report(client)
    page = client.get(f"{report}/drafts")
    shown = text_of(page.text)
    assert page.status_code == 200 and 'aria-current="page">修改稿' in page.text
    assert "把修改稿上传到这里" in shown and "编辑改过的段落原样保留" in shown
    assert 'accept=".docx"' in page.text and "不超过 10 MB" in shown and "还没有修改稿" in shown


def test_an_edited_draft_is_revised_to_the_new_data_and_keeps_the_typed_paragraph(client: TestClient) -> None:
    report = new_report(client)
    edited = typed_in(client.get(f"{report}/report.docx").content)
    execute_less(client, report)
    sent = upload(client, report, edited)
    assert sent.status_code == 303 and sent.headers["location"] == f"{report}/drafts#draft-2"

    rows = listed(client, report)
    assert rows[0].startswith("第 2 稿 reportgen 修订稿 某县司法局2024年度绩效自评报告（修订稿）.docx")
    assert "第 2 版（由第 1 稿更新）" in rows[0] and re.search(r"修订 \d+ 处，新增 \d+ 处，删除 \d+ 处", rows[0])
    assert rows[1].startswith("第 1 稿 编辑上传的稿 修改稿.docx") and "已更新为第 2 稿" in rows[1]

    download = client.get(f"{report}/drafts/2.docx")
    name = unquote(download.headers["content-disposition"].split("filename*=UTF-8''")[1])
    assert name == "某县司法局2024年度绩效自评报告（修订稿）.docx"
    revised = views(download.content)
    assert TYPED in revised.texts("accepted") and TYPED in revised.texts("rejected")
    accepted, rejected = "\n".join(revised.texts("accepted")), "\n".join(revised.texts("rejected"))
    assert NEW_EXECUTED in accepted and NEW_EXECUTED not in rejected and OLD_EXECUTED in rejected
    inserted = "".join(re.findall(r"<w:ins [^>]*>.*?</w:ins>", revised.document, re.S))
    assert NEW_EXECUTED in inserted  # the new figure is a tracked change by reportgen
    assert client.get(f"{report}/drafts/1.docx").content == edited  # the upload kept as it came


def test_the_revised_drafts_findings_name_the_heading_and_quote_the_text(client: TestClient) -> None:
    report = new_report(client)
    edited = typed_in(client.get(f"{report}/report.docx").content)
    execute_less(client, report)
    upload(client, report, edited)
    shown = text_of(client.get(f"{report}/drafts").text)
    assert "第 2 稿（最新修订稿）仍需处理的地方" in shown
    finding = re.search(r"数字 (\S+ › [^ ]+) › (第\d+段「[^」]*」) 百分比“99.9%”与按数据计算的结果不符", shown)
    assert finding is not None, shown
    assert finding.group(1).startswith("一、") and "99.9%" in finding.group(2)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("报告.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000),
        ("报告.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000),  # a .doc renamed
    ],
)
def test_an_old_word_document_is_refused_with_how_to_save_it_as_docx(
    client: TestClient, name: str, content: bytes
) -> None:
    report = new_report(client)
    refused = upload(client, report, content, name)
    assert refused.status_code == 422
    assert "请在 Word/WPS 中另存为 .docx 后上传" in text_of(refused.text) and "Traceback" not in refused.text
    assert listed(client, report) == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("报告.docx", "这不是 Word 文档".encode()),
        ("报告.docx", b"PK\x03\x04damaged"),
        ("报告.pdf", b"%PDF-1.7\n"),
    ],
)
def test_a_file_that_is_no_docx_is_refused_and_not_kept(client: TestClient, name: str, content: bytes) -> None:
    report = new_report(client)
    refused = upload(client, report, content, name)
    shown = text_of(refused.text)
    assert refused.status_code == 422 and "不是有效的 Word 文档（.docx）" in shown and "请上传" in shown
    assert listed(client, report) == []


def test_an_empty_upload_is_refused(client: TestClient) -> None:
    report = new_report(client)
    refused = upload(client, report, b"")
    assert refused.status_code == 422 and "文件为空" in refused.text


def test_an_upload_over_the_size_limit_is_refused_unread(client: TestClient) -> None:
    report = new_report(client)
    refused = upload(client, report, b"PK" + b"\0" * MAX_UPLOAD)
    assert refused.status_code == 413 and "文件过大（超过 10 MB）" in text_of(refused.text)
    assert listed(client, report) == []


def test_a_zip_bomb_is_refused_without_inflating_it(client: TestClient) -> None:
    report = new_report(client)
    draft = client.get(f"{report}/report.docx").content
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(draft)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            bomb.writestr(item, source.read(item))
        bomb.writestr("word/media/image1.png", b"\0" * (64 * 1024 * 1024))  # 64 MiB of zeros in 64 KB
    assert len(buffer.getvalue()) < MAX_UPLOAD
    refused = upload(client, report, buffer.getvalue())
    shown = text_of(refused.text)
    assert refused.status_code == 422 and "不是有效的 Word 文档（.docx）" in shown and "word/media/image1.png" in shown
    assert listed(client, report) == []


def test_a_docx_not_made_by_reportgen_is_kept_and_the_page_says_what_update_needs(client: TestClient) -> None:
    report = new_report(client)
    document = docx.Document()
    document.add_paragraph("某县司法局 2024 年度部门整体支出绩效自评报告（手写稿）")
    out = io.BytesIO()
    document.save(out)
    refused = upload(client, report, out.getvalue(), "手写稿.docx")
    shown = text_of(refused.text)
    assert refused.status_code == 422 and "不是由 reportgen 生成的" in shown
    assert "下载按当前数据生成的 Word 报告" in shown and "已保存为第 1 稿" in shown
    (row,) = listed(client, report)
    assert row.startswith("第 1 稿 编辑上传的稿 手写稿.docx") and "未更新" in row
    assert client.get(f"{report}/drafts/1.docx").content == out.getvalue()


def test_a_draft_whose_baseline_was_removed_is_kept_and_refused(client: TestClient) -> None:
    report = new_report(client)
    draft = client.get(f"{report}/report.docx").content
    stripped = rezip(draft, {"customXml/item1.xml": None})
    refused = upload(client, report, stripped)
    shown = text_of(refused.text)
    assert refused.status_code == 422 and "生成记录已被删除或损坏" in shown and "原来的修改稿或其备份" in shown
    assert len(listed(client, report)) == 1


def test_a_draft_of_another_year_is_refused_naming_both_then_updated_when_confirmed(client: TestClient) -> None:
    last_year = new_report(client, year=2023)
    draft = client.get(f"{last_year}/report.docx").content
    report = new_report(client)
    refused = upload(client, report, draft, "去年的修改稿.docx")
    shown = text_of(refused.text)
    assert refused.status_code == 409
    assert "修改稿是某县司法局 2023 年度部门整体支出的报告，当前数据是某县司法局 2024 年度部门整体支出的" in shown
    assert "仍要更新" in shown and "已保存为第 1 稿" in shown
    assert listed(client, report)[0].startswith("第 1 稿 编辑上传的稿 去年的修改稿.docx")

    unticked = client.post(f"{report}/drafts/1/update", data={}, follow_redirects=False)
    assert unticked.status_code == 422 and "请先勾选“仍要更新”" in text_of(unticked.text)
    assert len(listed(client, report)) == 1

    confirmed = client.post(f"{report}/drafts/1/update", data={"other_subject": "true"}, follow_redirects=False)
    assert confirmed.status_code == 303
    rows = listed(client, report)
    assert len(rows) == 2 and rows[0].startswith("第 2 稿 reportgen 修订稿") and "由第 1 稿更新" in rows[0]
    assert "已更新为第 2 稿 上传时未更新：修改稿是某县司法局 2023 年度" in rows[1]
    assert "2024年度" in "\n".join(views(client.get(f"{report}/drafts/2.docx").content).texts())


def test_a_draft_of_another_report_cannot_be_confirmed_through_this_one(client: TestClient) -> None:
    other = new_report(client, year=2023)
    upload(client, other, client.get(f"{new_report(client)}/report.docx").content)
    report = new_report(client)
    confirmed = client.post(f"{report}/drafts/1/update", data={"other_subject": "true"})
    assert confirmed.status_code == 404 and "没有这份修改稿" in confirmed.text


def test_a_draft_is_kept_when_the_current_data_has_errors(client: TestClient) -> None:
    report = new_report(client)
    draft = client.get(f"{report}/report.docx").content
    data = data_of(client, report)
    data["budget"]["executed"] = -5
    save(client, report, data, based_on=1)
    refused = upload(client, report, draft)
    shown = text_of(refused.text)
    assert refused.status_code == 409 and "当前数据（第 2 版）有错误" in shown and "全年执行数" in shown
    assert len(listed(client, report)) == 1


def test_an_unknown_draft_is_a_chinese_404(client: TestClient) -> None:
    report = new_report(client)
    missing = client.get(f"{report}/drafts/7.docx")
    assert missing.status_code == 404 and "没有这份修改稿" in missing.text
    assert client.get("/reports/99/drafts").status_code == 404


def test_a_file_name_sent_with_its_folders_is_kept_as_the_name_alone(client: TestClient) -> None:
    report = new_report(client)
    upload(client, report, client.get(f"{report}/report.docx").content, "C:\\Users\\张三\\桌面\\修改稿.docx")
    assert listed(client, report)[1].startswith("第 1 稿 编辑上传的稿 修改稿.docx")
