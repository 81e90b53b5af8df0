"""The cache of PDFs and page images: one conversion per document, in the background, kept on
disk by the document's hash; failures told in Chinese and tried again on request."""

from __future__ import annotations

import functools
import time
from pathlib import Path

import pytest

from page_tools import DOCX, FakeTools, finished
from reportgen.errors import OutputError
from reportgen.features import pdf
from reportgen.web import page_images
from reportgen.web.page_images import PageCache, document_key


def test_a_document_is_converted_once_and_then_served_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = FakeTools(monkeypatch)
    cache, key = PageCache(tmp_path), document_key(DOCX)
    assert cache.status(key).state == "absent"
    assert cache.start(key, lambda: DOCX).state == "running"
    assert finished(cache, key) == page_images.Status("ready", pages=3)
    assert cache.start(key, lambda: DOCX).state == "ready"
    assert PageCache(tmp_path).status(key).state == "ready"  # on disk: a restarted server has it too
    assert tools.pdfs == [DOCX] and tools.images == 1
    page = cache.page(key, 2)
    assert page is not None and page.read_bytes() == b"\x89PNG"
    pdf = cache.pdf(key)
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")


def test_only_one_conversion_runs_per_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tools = FakeTools(monkeypatch)
    tools.gate.clear()
    cache, key = PageCache(tmp_path), document_key(DOCX)
    rendered = []

    def docx() -> bytes:
        rendered.append(1)
        return DOCX

    starts = [cache.start(key, docx) for _ in range(5)]
    assert {status.state for status in starts} == {"running"} and len(rendered) == 1
    tools.gate.set()
    assert finished(cache, key).state == "ready" and len(tools.pdfs) == 1


def test_a_failed_conversion_says_why_and_is_tried_again_on_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = FakeTools(monkeypatch)
    timed_out = "LibreOffice 转换 PDF 超过 180 秒未完成，已放弃。"
    tools.fail_with = OutputError(timed_out)
    cache, key = PageCache(tmp_path), document_key(DOCX)
    cache.start(key, lambda: DOCX)
    assert finished(cache, key) == page_images.Status(
        "failed", message="LibreOffice 转换 PDF 超过 180 秒未完成，已放弃。"
    )
    assert cache.status(key).state == "failed"  # polling does not start it again
    tools.fail_with = None
    assert cache.start(key, lambda: DOCX).state == "running"
    assert finished(cache, key).state == "ready"


def test_an_unexpected_failure_is_told_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tools = FakeTools(monkeypatch)
    tools.fail_with = PermissionError("denied")
    cache, key = PageCache(tmp_path), document_key(DOCX)
    cache.start(key, lambda: DOCX)
    assert finished(cache, key).message == "转换时出错（PermissionError）。"


def test_the_pdf_can_be_awaited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    FakeTools(monkeypatch)
    cache, key = PageCache(tmp_path), document_key(DOCX)
    path = cache.wait_pdf(key, lambda: DOCX, timeout=5)
    assert path.read_bytes() == b"%PDF-1.7 " + DOCX


def test_waiting_too_long_for_the_pdf_is_told(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tools = FakeTools(monkeypatch)
    tools.gate.clear()
    cache, key = PageCache(tmp_path), document_key(DOCX)
    with pytest.raises(Exception, match="秒内未能生成完毕"):
        cache.wait_pdf(key, lambda: DOCX, timeout=0.05)
    tools.gate.set()
    finished(cache, key)


def test_without_pdftoppm_only_the_pdf_is_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tools = FakeTools(monkeypatch)
    monkeypatch.setattr(page_images, "find_pdftoppm", lambda: None)
    cache, key = PageCache(tmp_path), document_key(DOCX)
    cache.start(key, lambda: DOCX)
    assert finished(cache, key) == page_images.Status("ready", pages=0)
    assert cache.pdf(key) is not None and tools.images == 0


def test_only_pages_the_cache_wrote_are_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    FakeTools(monkeypatch, pages=2)
    cache, key = PageCache(tmp_path), document_key(DOCX)
    cache.start(key, lambda: DOCX)
    finished(cache, key)
    assert [cache.page(key, n) is not None for n in (-1, 0, 1, 2, 3)] == [False, False, True, True, False]
    with pytest.raises(ValueError, match="not a document key"):
        cache.page("../../etc", 1)


def test_only_the_newest_entries_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    FakeTools(monkeypatch, pages=1)
    cache = PageCache(tmp_path, keep=2)
    keys = []
    for n in range(4):
        content = DOCX + bytes([n])
        key = document_key(content)
        keys.append(key)
        cache.start(key, functools.partial(bytes, content))
        finished(cache, key)
        time.sleep(0.02)  # distinct modification times
    assert [cache.pdf(key) is not None for key in keys] == [False, False, True, True]


def test_a_version_seen_once_is_known_without_rendering(tmp_path: Path) -> None:
    cache = PageCache(tmp_path)
    assert cache.known((1, 1, "standard", "")) is None
    key = cache.remember((1, 1, "standard", ""), DOCX)
    assert key == document_key(DOCX) and cache.known((1, 1, "standard", "")) == key
    assert cache.known((1, 1, "hunan", "")) is None


def test_the_install_hints_name_windows_and_linux(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    monkeypatch.setattr(page_images, "find_pdftoppm", lambda: None)
    assert page_images.missing_tools(images=False) == [page_images.LIBREOFFICE]
    assert page_images.missing_tools() == [page_images.LIBREOFFICE, page_images.POPPLER]
    for tool in page_images.missing_tools():
        assert "Path" in tool.windows and "apt-get install" in tool.linux
