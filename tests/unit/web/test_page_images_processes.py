"""The cache of PDFs and page images shared by several server processes (``reportgen serve
--workers``): two caches on one folder stand for two processes. A poll landing on the process
that did not start the conversion sees it running, starts no second one, and sees its result."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from page_tools import DOCX, FakeTools, finished
from reportgen.errors import OutputError, ReportgenError
from reportgen.web import page_images
from reportgen.web.page_images import PageCache, Status, document_key


def test_a_conversion_started_in_one_process_is_running_in_the_other_and_not_started_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = FakeTools(monkeypatch, pages=1, held=True)
    first, second, key = PageCache(tmp_path), PageCache(tmp_path), document_key(DOCX)
    assert first.start(key, lambda: DOCX).state == "running"
    assert second.status(key).state == "running"
    rendered: list[bool] = []

    def render() -> bytes:
        rendered.append(True)
        return DOCX

    assert second.start(key, render).state == "running"
    tools.gate.set()
    assert finished(first, key) == Status("ready", pages=1)
    assert finished(second, key) == Status("ready", pages=1)
    assert tools.pdfs == [DOCX] and rendered == []  # one conversion, and the other rendered nothing


def test_a_failure_in_one_process_is_told_in_the_other_which_may_try_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = FakeTools(monkeypatch, pages=1, held=True)
    tools.fail_with = OutputError("LibreOffice 未能把报告转换为 PDF。")
    tools.gate.set()
    first, second, key = PageCache(tmp_path), PageCache(tmp_path), document_key(DOCX)
    first.start(key, lambda: DOCX)
    assert finished(first, key) == Status("failed", message="LibreOffice 未能把报告转换为 PDF。")
    assert second.status(key) == Status("failed", message="LibreOffice 未能把报告转换为 PDF。")
    tools.fail_with = None
    assert second.start(key, lambda: DOCX).state == "running"
    assert finished(second, key) == Status("ready", pages=1)
    assert first.status(key) == Status("ready", pages=1)  # the first process's old failure is not shown


def test_the_marker_of_a_process_that_died_is_taken_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tools = FakeTools(monkeypatch, pages=1, held=True)
    tools.gate.set()
    cache, key = PageCache(tmp_path), document_key(DOCX)
    marker = tmp_path / f"{key}.running"
    marker.touch()
    assert cache.status(key).state == "running"  # another process converts, as far as anyone knows
    long_ago = time.time() - page_images.STALE_SECONDS - 1
    os.utime(marker, (long_ago, long_ago))
    assert cache.status(key).state == "absent"
    assert cache.start(key, lambda: DOCX).state == "running"
    assert finished(cache, key) == Status("ready", pages=1) and not marker.exists()


def test_a_pdf_download_on_the_other_process_waits_for_the_conversion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = FakeTools(monkeypatch, pages=1, held=True)
    monkeypatch.setattr(page_images, "POLL_SECONDS", 0.01)
    first, second, key = PageCache(tmp_path), PageCache(tmp_path), document_key(DOCX)
    first.start(key, lambda: DOCX)
    threading.Timer(0.1, tools.gate.set).start()
    found = second.wait_pdf(key, lambda: DOCX, timeout=5)
    assert found.read_bytes() == b"%PDF-1.7 " + DOCX and tools.pdfs == [DOCX]


def test_a_pdf_download_waiting_on_the_other_process_gives_up_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = FakeTools(monkeypatch, pages=1, held=True)
    monkeypatch.setattr(page_images, "POLL_SECONDS", 0.01)
    first, second, key = PageCache(tmp_path), PageCache(tmp_path), document_key(DOCX)
    first.start(key, lambda: DOCX)
    try:
        with pytest.raises(ReportgenError, match="秒内未能生成完毕"):
            second.wait_pdf(key, lambda: DOCX, timeout=0.1)
    finally:
        tools.gate.set()
    finished(first, key)
