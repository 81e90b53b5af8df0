"""A report's PDF and page images, as LibreOffice lays the Word document out.

The .docx goes to PDF through :func:`reportgen.features.pdf.pdf_bytes` and the PDF to one
PNG per page through ``pdftoppm`` (poppler). That takes seconds, so it runs in a background
thread — one at a time per document — while the page polls. Results are
cached on disk under the workspace's data folder, keyed by the SHA-256 of the .docx (the
writer is deterministic: the same data, template and style give the same bytes, so they are
converted once). An entry is a folder ``<key>/`` holding ``report.pdf`` and ``pages/1.png`` …;
both are moved into place only when complete, and only the newest entries are kept.

Several server processes (``reportgen serve --workers``) share the folder, and a poll may land
on any of them, so what is running or failed is on disk too: ``<key>.running`` is created
(exclusively) by the process that converts, and removed when it is done; a failure leaves its
message in ``<key>.failed`` until the next try. A marker older than :data:`STALE_SECONDS` is of
a process that died, and is taken over.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from reportgen.errors import ReportgenError
from reportgen.features import pdf

RESOLUTION = 110  # dpi: an A4 page 910 px wide, its 3号 text readable at 100 %
PDFTOPPM_TIMEOUT = 120
KEEP = 40  # cache entries kept (the newest)
STALE_SECONDS = 180 + PDFTOPPM_TIMEOUT + 60  # LibreOffice's limit, pdftoppm's, and a margin
POLL_SECONDS = 0.2  # how often a PDF another process makes is looked for
_KEY = re.compile(r"[0-9a-f]{64}")
_PAGE = re.compile(r"-(\d+)\.png")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Tool:
    """A program the conversion needs, and how a user installs it."""

    name: str
    purpose: str
    windows: str
    linux: str


LIBREOFFICE = Tool(
    "LibreOffice",
    "把 Word 报告排版并转换为 PDF",
    "从 LibreOffice 官网（https://zh-cn.libreoffice.org/download/）下载安装包，按默认位置安装，"
    "然后重新启动 reportgen（安装到其他位置时，把其中的 program 文件夹加入系统环境变量 Path）。",
    "sudo apt-get install libreoffice-writer fonts-noto-cjk（Debian/Ubuntu；其他发行版安装相应的 LibreOffice 软件包）",
)
POPPLER = Tool(
    "Poppler（其中的 pdftoppm）",
    "把 PDF 转换为页面图像",
    "下载 Poppler for Windows（https://github.com/oschwartz10612/poppler-windows/releases）并解压，"
    "把其中的 Library\\bin 文件夹加入系统环境变量 Path，然后重新启动 reportgen。",
    "sudo apt-get install poppler-utils（Debian/Ubuntu）",
)


def find_pdftoppm() -> str | None:
    return shutil.which("pdftoppm")


def missing_tools(images: bool = True) -> list[Tool]:
    """What is not installed of what the PDF (and, with ``images``, the page images) needs."""
    missing = [] if pdf.find_soffice() else [LIBREOFFICE]
    if images and not find_pdftoppm():
        missing.append(POPPLER)
    return missing


def document_key(docx: bytes) -> str:
    return hashlib.sha256(docx).hexdigest()


@dataclass(frozen=True)
class Status:
    """Where a document's conversion stands: ``absent`` (never started), ``running``,
    ``ready`` (``pages`` images, 0 when only the PDF was made) or ``failed`` (``message``)."""

    state: Literal["absent", "running", "ready", "failed"]
    pages: int = 0
    message: str = ""


@dataclass
class _Job:
    pdf_done: threading.Event = field(default_factory=threading.Event)
    done: threading.Event = field(default_factory=threading.Event)
    error: str = ""


class PageCache:
    """The conversions of one workspace: the cache folder and the jobs running now."""

    def __init__(self, folder: Path, keep: int = KEEP) -> None:
        self.folder = folder
        self.keep = keep
        self._lock = threading.Lock()
        self._jobs: dict[str, _Job] = {}
        self._keys: dict[object, str] = {}

    # Which document a report's version is: remembered so that polling needs no rendering.
    def remember(self, label: object, docx: bytes) -> str:
        key = document_key(docx)
        with self._lock:
            self._keys[label] = key
        return key

    def known(self, label: object) -> str | None:
        with self._lock:
            return self._keys.get(label)

    def pdf(self, key: str) -> Path | None:
        """The cached PDF of the document ``key``, if it was made."""
        path = self._entry(key) / "report.pdf"
        return path if path.is_file() else None

    def page(self, key: str, number: int) -> Path | None:
        """Page ``number`` (from 1) of the document ``key``, if the cache wrote it."""
        if number < 1:
            return None
        path = self._entry(key) / "pages" / f"{number}.png"
        return path if path.is_file() else None

    def pages(self, key: str) -> int | None:
        """How many page images the cache holds for ``key`` (None: none were made)."""
        folder = self._entry(key) / "pages"
        if not folder.is_dir():
            return None
        return sum(1 for path in folder.iterdir() if path.suffix == ".png")

    def status(self, key: str) -> Status:
        with self._lock:
            job = self._jobs.get(key)
        if job is not None and not job.done.is_set():
            return Status("running")
        if self._running_elsewhere(key):
            return Status("running")
        failure = self._failure(key)  # this process's or another's, until the next try
        if failure:
            return Status("failed", message=failure)
        if self.pdf(key) is None:
            return Status("absent")
        return Status("ready", pages=self.pages(key) or 0)

    def start(self, key: str, docx: Callable[[], bytes]) -> Status:
        """Convert the document ``key`` (its bytes from ``docx``) unless it is cached or
        being converted; a failed conversion is tried again."""
        with self._lock:
            job = self._jobs.get(key)
            running = job is not None and not job.done.is_set()
            complete = not running and self._complete(key)
            claimed = not running and not complete and self._claim(key)
            if claimed:
                job = self._jobs[key] = _Job()
        if running or (not complete and not claimed):  # converting here, or in another process
            return Status("running")
        if complete:
            return self.status(key)
        assert job is not None
        try:
            content = docx()
        except Exception:
            job.done.set()
            job.pdf_done.set()
            with self._lock:
                self._jobs.pop(key, None)
            self._marker(key).unlink(missing_ok=True)
            raise
        threading.Thread(target=self._convert, args=(key, content, job), daemon=True).start()
        return Status("running")

    def wait_pdf(self, key: str, docx: Callable[[], bytes], timeout: float) -> Path:
        """The PDF of the document ``key``, converted now if need be (waiting at most
        ``timeout`` seconds); :class:`ReportgenError` with the reason if there is none."""
        if self.pdf(key) is None:
            self.start(key, docx)
        with self._lock:
            job = self._jobs.get(key)
        late = ReportgenError(f"PDF 在 {timeout:.0f} 秒内未能生成完毕，请稍后再下载。")
        if job is not None and not job.pdf_done.wait(timeout):
            raise late
        if job is None and not self._wait_elsewhere(key, timeout):
            raise late
        found = self.pdf(key)
        if found is None:
            raise ReportgenError(job.error if job is not None and job.error else self._failure(key) or "PDF 未能生成。")
        return found

    def _wait_elsewhere(self, key: str, timeout: float) -> bool:
        """Whether the PDF another process is making appeared, or that process stopped, in time."""
        deadline = time.monotonic() + timeout
        while self.pdf(key) is None and self._running_elsewhere(key):
            if time.monotonic() > deadline:
                return False
            time.sleep(POLL_SECONDS)
        return True

    # What every process sees: the markers beside the entries (names that are not keys, so
    # never taken for an entry).
    def _marker(self, key: str) -> Path:
        return self._entry(key).with_name(f"{key}.running")

    def _failed(self, key: str) -> Path:
        return self._entry(key).with_name(f"{key}.failed")

    def _claim(self, key: str) -> bool:
        """Whether this process may convert ``key`` (no other one is): its marker created here."""
        marker = self._marker(key)
        self.folder.mkdir(parents=True, exist_ok=True)
        for _ in range(2):
            try:
                os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            except FileExistsError:
                if self._fresh(marker):
                    return False
                marker.unlink(missing_ok=True)  # left by a process that died: taken over
                continue
            self._failed(key).unlink(missing_ok=True)
            return True
        return False

    def _running_elsewhere(self, key: str) -> bool:
        with self._lock:
            job = self._jobs.get(key)
        mine = job is not None and not job.done.is_set()
        return not mine and self._fresh(self._marker(key))

    @staticmethod
    def _fresh(marker: Path) -> bool:
        try:
            return time.time() - marker.stat().st_mtime < STALE_SECONDS
        except FileNotFoundError:
            return False

    def _failure(self, key: str) -> str:
        try:
            return self._failed(key).read_text(encoding="utf-8")
        except (FileNotFoundError, UnicodeDecodeError):
            return ""

    def _complete(self, key: str) -> bool:
        return self.pdf(key) is not None and (self.pages(key) is not None or not find_pdftoppm())

    def _entry(self, key: str) -> Path:
        if not _KEY.fullmatch(key):  # keys are computed here, never taken from a request
            raise ValueError(f"not a document key: {key!r}")
        return self.folder / key

    def _convert(self, key: str, docx: bytes, job: _Job) -> None:
        entry = self._entry(key)
        try:
            entry.mkdir(parents=True, exist_ok=True)
            if self.pdf(key) is None:
                _write_pdf(docx, entry / "report.pdf")
            job.pdf_done.set()
            if self.pages(key) is None and find_pdftoppm():
                _write_pages(entry / "report.pdf", entry / "pages")
        except ReportgenError as exc:
            job.error = str(exc)
        except Exception as exc:  # a failure is shown on the page, not lost in a thread
            log.exception("page images of %s", key)
            job.error = f"转换时出错（{type(exc).__name__}）。"
        finally:
            if job.error:
                self._failed(key).write_text(job.error, encoding="utf-8")
            self._marker(key).unlink(missing_ok=True)
            job.pdf_done.set()
            job.done.set()
            self._prune(key)

    def _prune(self, current: str) -> None:
        """Remove all but the newest entries (never one being converted)."""
        with self._lock:
            busy = {key for key, job in self._jobs.items() if not job.done.is_set()} | {current}
        entries = sorted(
            (path for path in self.folder.iterdir() if _KEY.fullmatch(path.name) and path.is_dir()),
            key=lambda path: path.stat().st_mtime,
            reverse=True,
        )
        for path in entries[self.keep :]:
            if path.name not in busy and not self._fresh(self._marker(path.name)):
                shutil.rmtree(path, ignore_errors=True)
                self._failed(path.name).unlink(missing_ok=True)


def _write_pdf(docx: bytes, target: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="reportgen-pages-") as work:
        source = Path(work) / "report.docx"
        source.write_bytes(docx)
        content = pdf.pdf_bytes(source)
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(content)
    partial.replace(target)


def _write_pages(source: Path, target: Path) -> None:
    """One PNG per page of ``source`` in the folder ``target`` (``1.png`` …), moved into place whole."""
    program = find_pdftoppm()
    if program is None:
        raise ReportgenError("未找到 pdftoppm，无法生成页面图像。")
    partial = Path(tempfile.mkdtemp(prefix="pages-", dir=target.parent))
    try:
        command = [program, "-r", str(RESOLUTION), "-png", str(source), str(partial / "page")]
        try:
            subprocess.run(command, capture_output=True, timeout=PDFTOPPM_TIMEOUT, check=True)
        except subprocess.TimeoutExpired:
            raise ReportgenError(f"pdftoppm 生成页面图像超过 {PDFTOPPM_TIMEOUT} 秒未完成，已放弃。") from None
        except subprocess.CalledProcessError:
            raise ReportgenError("pdftoppm 未能把 PDF 转换为页面图像。") from None
        for path in list(partial.iterdir()):
            found = _PAGE.search(path.name)
            if found:
                path.rename(partial / f"{int(found.group(1))}.png")
        partial.replace(target)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
