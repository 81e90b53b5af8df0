"""The preview tab of the web application: the HTML preview, the choice of template and style,
the page images and the PDF through LibreOffice (or what to install when it is missing)."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import docx
import pytest
from fastapi.testclient import TestClient

from reportgen import api
from reportgen.features import pdf
from reportgen.web import page_images
from reportgen.web.app import create_app
from samples import EXAMPLES, LINGLING_PROJECT

HOSTILE = "<script>alert(1)</script>"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(tmp_path / "workspace")) as client:
        yield client


@pytest.fixture
def starter_text(tmp_path: Path) -> str:
    return api.init_data(tmp_path / "starter").read_text(encoding="utf-8")


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def upload(client: TestClient, text: str, name: str = "自评数据.yaml") -> str:
    created = client.post("/reports/upload", files={"file": (name, text.encode())}, follow_redirects=False)
    assert created.status_code == 303
    return str(created.headers["location"])


def from_starter(client: TestClient) -> str:
    return str(client.post("/reports/starter", follow_redirects=False).headers["location"])


def choose(client: TestClient, report: str, narrative: str, style: str = "gbt9704") -> int:
    sent = client.post(f"{report}/settings", data={"narrative": narrative, "style": style}, follow_redirects=False)
    return sent.status_code


def headings_of(docx_bytes: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(docx_bytes))
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith("Heading")]


# --- the HTML preview ----------------------------------------------------------------


def test_the_preview_tab_shows_the_report_in_a_frame_with_its_settings(client: TestClient) -> None:
    report = from_starter(client)
    tab = client.get(f"{report}/preview")
    assert tab.status_code == 200
    assert f'src="{report}/preview/frame"' in tab.text and 'class="active" aria-current="page">预览' in tab.text
    shown = text_of(tab.text)
    assert "当前：标准模板（五章） · 党政机关公文格式（GB/T 9704-2012）" in shown
    assert '<option value="hunan">湖南省格式（十章）</option>' in tab.text


def test_the_frame_is_the_report_numbered_like_the_word_document_with_merged_cells(client: TestClient) -> None:
    frame = client.get(f"{from_starter(client)}/preview/frame")
    assert frame.status_code == 200 and frame.text.startswith("<!DOCTYPE html>")
    headings = [text_of(h).strip() for h in re.findall(r"<h[2-5][^>]*>(.*?)</h[2-5]>", frame.text)]
    assert headings[0].startswith("一、") and any(h.startswith("（一）") for h in headings)
    assert any(h.startswith("1.") for h in headings)
    assert re.search(r'<t[dh][^>]* rowspan="[2-9]', frame.text) and re.search(r'<t[dh][^>]* colspan="[2-9]', frame.text)
    assert ".rg-report" in frame.text  # the stylesheet is inlined: the page stands alone


def test_a_draft_preview_marks_what_is_still_missing(client: TestClient) -> None:
    report = upload(client, (EXAMPLES / "shifeng-2023-draft" / "data.yaml").read_text(encoding="utf-8"))
    assert "黄色的【待补充】是还缺的内容" in client.get(f"{report}/preview").text
    frame = client.get(f"{report}/preview/frame")
    assert frame.status_code == 200 and re.search(r"<mark[^>]*>【待补充", frame.text)


def test_text_from_the_data_is_escaped_in_the_preview(client: TestClient, starter_text: str) -> None:
    report = upload(client, starter_text.replace("name: 某县司法局", f'name: "{HOSTILE}"', 1))
    for page in (client.get(f"{report}/preview").text, client.get(f"{report}/preview/frame").text):
        assert HOSTILE not in page and "&lt;script&gt;" in page


def test_the_preview_follows_a_new_version_and_a_new_choice(client: TestClient, starter_text: str) -> None:
    report = upload(client, starter_text)
    assert "某县司法局" in client.get(f"{report}/preview/frame").text
    renamed = starter_text.replace("name: 某县司法局", "name: 另一县司法局", 1).encode()
    sent = client.post(f"{report}/versions", data={"based_on": "1"}, files={"file": ("数据.yaml", renamed)})
    assert sent.status_code == 200
    frame = client.get(f"{report}/preview/frame").text
    assert "另一县司法局" in frame and "政府性基金预算支出情况" not in frame
    assert choose(client, report, "hunan") == 303
    assert "政府性基金预算支出情况" in client.get(f"{report}/preview/frame").text


def test_data_with_errors_lists_them_with_a_link_to_the_editor_instead_of_a_preview(client: TestClient) -> None:
    report = upload(client, "year: abc\nunit: 3\n")
    tab = client.get(f"{report}/preview")
    assert tab.status_code == 200 and "preview/frame" not in tab.text
    assert "数据有错误，暂时无法预览" in text_of(tab.text) and f'href="{report}/edit"' in tab.text
    assert re.search(r'<ul class="errors">\s*<li>', tab.text)
    frame = client.get(f"{report}/preview/frame")
    assert frame.status_code == 409 and "无法预览" in frame.text


# --- template and style --------------------------------------------------------------


def test_choosing_the_hunan_template_changes_the_preview_and_the_word_document(client: TestClient) -> None:
    report = from_starter(client)
    standard = client.get(f"{report}/report.docx").content
    assert choose(client, report, "hunan") == 303
    assert "当前：湖南省格式（十章）" in text_of(client.get(f"{report}/preview").text)
    assert "政府性基金预算支出情况" in client.get(f"{report}/preview/frame").text
    hunan = client.get(f"{report}/report.docx").content
    assert any("政府性基金预算支出情况" in h for h in headings_of(hunan))
    assert not any("政府性基金预算支出情况" in h for h in headings_of(standard))
    assert choose(client, report, "standard") == 303
    assert client.get(f"{report}/report.docx").content == standard


def test_the_hunan_template_is_refused_for_a_project_report_with_the_reason(client: TestClient) -> None:
    report = upload(client, LINGLING_PROJECT.read_text(encoding="utf-8"))
    refused = client.post(f"{report}/settings", data={"narrative": "hunan", "style": "gbt9704"})
    assert refused.status_code == 422
    assert "湖南省格式（十章）只用于部门整体支出绩效自评，本报告是项目支出，不能使用" in text_of(refused.text)
    assert "当前：标准模板（五章）" in text_of(client.get(f"{report}/preview").text)
    assert '<option value="hunan" disabled>' in client.get(f"{report}/preview").text


@pytest.mark.parametrize(
    ("narrative", "style", "message"),
    [
        ("nonexistent", "gbt9704", "没有这个报告模板"),
        ("../x", "gbt9704", "没有这个报告模板"),
        ("standard", "../../styles/gbt9704", "没有这个版式"),
        ("standard", "mine.yaml", "没有这个版式"),
        ("", "", "请求缺少内容"),
    ],
)
def test_a_name_that_is_not_built_in_is_refused_and_nothing_changes(
    client: TestClient, narrative: str, style: str, message: str
) -> None:
    report = from_starter(client)
    before = client.get(f"{report}/report.docx").content
    refused = client.post(f"{report}/settings", data={"narrative": narrative, "style": style})
    assert refused.status_code == 422 and message in refused.text
    assert client.get(f"{report}/report.docx").content == before


def test_settings_of_an_unknown_report_are_a_chinese_404(client: TestClient) -> None:
    missing = client.post("/reports/999/settings", data={"narrative": "standard", "style": "gbt9704"})
    assert missing.status_code == 404 and "没有这份报告" in missing.text
    for path in ("/reports/999/preview", "/reports/999/preview/frame", "/reports/999/pages", "/reports/999/report.pdf"):
        assert client.get(path).status_code == 404


# --- without LibreOffice or pdftoppm ---------------------------------------------------


def test_without_libreoffice_the_pages_say_what_to_install_and_where(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    report = from_starter(client)
    pages = client.get(f"{report}/pages")
    shown = text_of(pages.text)
    assert pages.status_code == 200 and "需要先安装 LibreOffice" in shown and "正在生成" not in shown
    assert "Windows：" in shown and "libreoffice.org" in shown and "Linux：" in shown and "apt-get install" in shown
    overview = text_of(client.get(report).text)
    assert "PDF：需要先在本机安装 LibreOffice" in overview and "Word 或 WPS" in overview
    download = client.get(f"{report}/report.pdf")
    assert download.status_code == 503 and "需要先安装 LibreOffice" in text_of(download.text)
    assert download.headers["content-type"].startswith("text/html")


def test_without_pdftoppm_the_pages_say_to_install_poppler(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "find_soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(page_images, "find_pdftoppm", lambda: None)
    shown = text_of(client.get(f"{from_starter(client)}/pages").text)
    assert "需要先安装 Poppler（其中的 pdftoppm）" in shown and "poppler-utils" in shown
    assert "LibreOffice：" not in shown


def test_page_images_of_data_with_errors_are_not_attempted(client: TestClient) -> None:
    report = upload(client, "year: abc\n")
    pages = client.get(f"{report}/pages")
    assert pages.status_code == 200 and "数据有错误，暂时无法预览" in text_of(pages.text)
    assert "正在生成" not in pages.text
    assert client.get(f"{report}/pages/1.png").status_code == 404
    assert client.get(f"{report}/report.pdf").status_code in (409, 503)


# --- through LibreOffice ---------------------------------------------------------------


def wait_for_pages(client: TestClient, report: str, seconds: float = 180) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        fragment = client.get(f"{report}/pages/status")
        assert fragment.status_code == 200
        if 'hx-trigger="every 1s"' not in fragment.text:
            return fragment.text
        time.sleep(0.5)
    raise AssertionError("the page images were not made in time")


def png_count(fragment: str, report: str) -> int:
    return len(re.findall(rf'<img src="{report}/pages/\d+\.png\?k=[0-9a-f]+"', fragment))


@pytest.mark.libreoffice
@pytest.mark.rendering
def test_page_images_are_made_once_in_the_background_and_served_as_png(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pdfpages import FONTS_CONF, require_libreoffice

    require_libreoffice()
    monkeypatch.setenv("FONTCONFIG_FILE", str(FONTS_CONF))
    report = from_starter(client)
    first = client.get(f"{report}/pages")
    assert first.status_code == 200 and "正在生成页面图像…" in first.text and 'hx-trigger="every 1s"' in first.text
    done = wait_for_pages(client, report)
    count = png_count(done, report)
    assert count >= 5 and f"共 {count} 页" in text_of(done)
    image = client.get(f"{report}/pages/1.png")
    assert image.status_code == 200 and image.headers["content-type"] == "image/png"
    assert image.content.startswith(b"\x89PNG")
    assert client.get(f"{report}/pages/{count + 1}.png").status_code == 404
    assert client.get(f"{report}/pages/0.png").status_code == 404

    converted = []
    monkeypatch.setattr(page_images, "_write_pdf", lambda *args: converted.append(args))
    again = client.get(f"{report}/pages")  # same data: from the cache, at once
    assert "正在生成" not in again.text and png_count(again.text, report) == count and not converted


@pytest.mark.libreoffice
@pytest.mark.rendering
def test_the_pdf_download_is_the_report_under_its_chinese_name(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pdfpages import FONTS_CONF, read_pages, require_libreoffice

    require_libreoffice()
    monkeypatch.setenv("FONTCONFIG_FILE", str(FONTS_CONF))
    report = from_starter(client)
    assert 'href="/reports/1/report.pdf">PDF（.pdf）' in client.get(report).text
    download = client.get(f"{report}/report.pdf")
    assert download.status_code == 200 and download.headers["content-type"] == "application/pdf"
    name = unquote(download.headers["content-disposition"].split("filename*=UTF-8''")[1])
    assert name == "某县司法局2024年度绩效自评报告.pdf"
    pages = read_pages(download.content)
    assert "司法局2024年度" in pages[0].text
    assert choose(client, report, "hunan") == 303
    hunan = read_pages(client.get(f"{report}/report.pdf").content)
    assert any("政府性基金预算支出情况" in page.text for page in hunan)
