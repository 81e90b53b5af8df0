"""A stand-in for LibreOffice and pdftoppm in the page-image cache's tests."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from reportgen.web import page_images


class FakeTools:
    """Writes a PDF and ``pages`` PNGs, counting the calls; with ``held`` the conversion waits
    at ``gate`` until a test lets it go on."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, pages: int = 3, held: bool = False) -> None:
        self.pdfs: list[bytes] = []
        self.images = 0
        self.pages = pages
        self.gate = threading.Event()
        if not held:
            self.gate.set()
        self.fail_with: Exception | None = None
        monkeypatch.setattr(page_images, "_write_pdf", self.write_pdf)
        monkeypatch.setattr(page_images, "_write_pages", self.write_pages)
        monkeypatch.setattr(page_images, "find_pdftoppm", lambda: "/usr/bin/pdftoppm")

    def write_pdf(self, docx: bytes, target: Path) -> None:
        self.gate.wait(5)
        if self.fail_with is not None:
            raise self.fail_with
        self.pdfs.append(docx)
        target.write_bytes(b"%PDF-1.7 " + docx)

    def write_pages(self, source: Path, target: Path) -> None:
        self.images += 1
        target.mkdir()
        for number in range(1, self.pages + 1):
            (target / f"{number}.png").write_bytes(b"\x89PNG")


DOCX = b"PK fake docx"


def finished(cache: page_images.PageCache, key: str) -> page_images.Status:
    """The status of ``key``'s conversion once it is no longer running (within 5 s)."""
    for _ in range(500):
        status = cache.status(key)
        if status.state != "running":
            return status
        time.sleep(0.01)
    raise AssertionError("the conversion did not finish")
