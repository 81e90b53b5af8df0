"""One warm LibreOffice converting many documents to PDF in turn (``batch --pdf``).

A cold ``soffice --convert-to`` starts LibreOffice for every file (about two seconds); here
one office is started once and listens on a named pipe, and a small converter loop
(:mod:`reportgen.features.uno_convert`) drives it over UNO. That loop runs under a Python
that has LibreOffice's ``uno`` module — Debian's ``/usr/bin/python3`` with python3-uno, or
the Python bundled with LibreOffice — which reportgen's own interpreter usually is not; the
two talk through JSON lines on the loop's stdin and stdout.

Each document has :data:`DOCUMENT_TIMEOUT` seconds. An office that hangs on one is killed
and that document fails; one that died is started again for the next document. The office
and the loop run in their own process groups, and :meth:`WarmConverter.close` (also on
Ctrl+C and errors, through ``with``) kills both groups and removes the private profile.
If reportgen itself is killed (even by ``kill -9``), the loop sees its stdin close and ends
the office (the profile, in the temporary folder, stays).
Where no Python with ``uno`` is found, :func:`pdf_converter` converts cold, file by file.
A :class:`ConverterPool` keeps several warm offices busy from threads (one per CPU a
batch's jobs may use), each converting its documents in turn.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import queue
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import IO, Any, Protocol

from reportgen.errors import OutputError
from reportgen.features import pdf

DOCUMENT_TIMEOUT = 120.0
START_TIMEOUT = 90.0
STOP_SECONDS = 5.0
DYING_SECONDS = 1.0  # an office that failed a document because it died is gone within this
LOOP_SCRIPT = Path(__file__).with_name("uno_convert.py")
_EOF = None


class Converter(Protocol):
    def pdf_bytes(self, docx: Path) -> bytes:
        """The PDF of ``docx`` (PDF/A-2b, tagged); raises :class:`OutputError` saying why not."""
        ...


class ColdConverter:
    """A fresh LibreOffice per document (:func:`reportgen.features.pdf.pdf_bytes`)."""

    def pdf_bytes(self, docx: Path) -> bytes:
        return pdf.pdf_bytes(docx)


@functools.cache
def find_uno_python(soffice: str) -> str | None:
    """A Python that can import LibreOffice's ``uno``: ``$REPORTGEN_UNO_PYTHON``, LibreOffice's
    own (beside ``soffice`` on Windows and macOS), the system's, or this one; None if none can."""
    program = Path(soffice).resolve().parent
    candidates = [
        os.environ.get("REPORTGEN_UNO_PYTHON", ""),
        str(program / "python.exe"),
        str(program / "python"),
        "/usr/bin/python3",
        "/usr/local/bin/python3",
        sys.executable,
    ]
    for candidate in (c for c in candidates if c and Path(c).is_file()):
        try:
            probe = subprocess.run(
                [candidate, "-c", "import uno"], capture_output=True, timeout=30, check=False, env=_python_env()
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            return candidate
    return None


@contextlib.contextmanager
def pdf_converter(timeout: float = DOCUMENT_TIMEOUT) -> Iterator[Converter]:
    """A converter for many documents: a warm LibreOffice, shut down when the block ends."""
    with pdf_pool(1, timeout) as pool:
        yield pool.converters[0]


@contextlib.contextmanager
def pdf_pool(offices: int, timeout: float = DOCUMENT_TIMEOUT) -> Iterator[ConverterPool]:
    """``offices`` warm LibreOffices (cold conversion without a uno Python), all shut down when the block ends."""
    soffice = pdf.find_soffice()
    if soffice is None:
        raise OutputError(pdf.INSTALL_HINT)
    python = find_uno_python(soffice)
    converters: list[Converter] = (
        [WarmConverter(soffice, python, timeout) for _ in range(max(1, offices))]
        if python is not None
        else [ColdConverter() for _ in range(max(1, offices))]
    )
    pool = ConverterPool(converters)
    try:
        yield pool
    finally:
        pool.close()


class ConverterPool:
    """Converters used from threads: documents convert in parallel, one at a time on each."""

    def __init__(self, converters: list[Converter]) -> None:
        self.converters = converters
        self._idle: queue.Queue[Converter] = queue.Queue()
        for converter in converters:
            self._idle.put(converter)
        self._threads = ThreadPoolExecutor(max_workers=len(converters), thread_name_prefix="reportgen-pdf")

    def submit(self, docx: Path) -> Future[bytes]:
        """The PDF of ``docx``, made by the first converter free."""
        return self._threads.submit(self._convert, docx)

    def _convert(self, docx: Path) -> bytes:
        converter = self._idle.get()
        try:
            return converter.pdf_bytes(docx)
        finally:
            self._idle.put(converter)

    def close(self) -> None:
        """Drop documents not begun, stop every office (ending those under way), and wait for the threads."""
        self._threads.shutdown(wait=False, cancel_futures=True)
        for converter in self.converters:
            if isinstance(converter, WarmConverter):
                converter.close()
        self._threads.shutdown(wait=True)


class WarmConverter:
    """One long-lived LibreOffice, started on the first document and again after it died."""

    def __init__(self, soffice: str, python: str, timeout: float = DOCUMENT_TIMEOUT) -> None:
        self.soffice = soffice
        self.python = python
        self.timeout = timeout
        self.work = Path(tempfile.mkdtemp(prefix="reportgen-office-"))
        self.starts = 0
        self._office: subprocess.Popen[bytes] | None = None
        self._loop: subprocess.Popen[bytes] | None = None
        self._answers: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._reader: threading.Thread | None = None
        self._lock = threading.Lock()  # close() from another thread than the one converting
        self.closed = False

    def __enter__(self) -> WarmConverter:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def office_pid(self) -> int | None:
        """The running office's process id (its process group's), or None."""
        return self._office.pid if self._office is not None else None

    def pdf_bytes(self, docx: Path) -> bytes:
        for _ in range(2):  # an office that died before (or on) this document: once more, in a new one
            try:
                return self._convert(docx)
            except _OfficeGone:
                self._stop()
        raise OutputError(
            f"LibreOffice 转换 {docx.name} 时两次意外退出，已放弃该文件；其余文件照常转换。"
            "请用 LibreOffice 打开该文件检查。"
        )

    def _convert(self, docx: Path) -> bytes:
        if not self._running():
            self._start()
        target = self.work / "out.pdf"
        target.unlink(missing_ok=True)
        request = {"source": str(docx.resolve()), "target": str(target), "filter": pdf.PDF_EXPORT}
        answer = self._ask(request, self.timeout)
        if answer is None:
            self._stop()
            raise OutputError(
                f"LibreOffice 转换 {docx.name} 时超过 {self.timeout:g} 秒未完成或意外退出，已放弃该文件；"
                "其余文件照常转换。请用 LibreOffice 打开该文件检查。"
            )
        if not answer.get("ok") and not self._office_alive():
            raise _OfficeGone
        if not answer.get("ok") or not target.is_file():
            raise OutputError(f"LibreOffice 未能把 {docx} 转换为 PDF：请用 LibreOffice 打开该文件检查。")
        return target.read_bytes()

    def close(self) -> None:
        """Stop the office and the loop, and remove the private profile; no office starts after."""
        with self._lock:
            self.closed = True
            self._stop()
        shutil.rmtree(self.work, ignore_errors=True)

    # --- the processes ------------------------------------------------------------------

    def _office_alive(self) -> bool:
        with contextlib.suppress(subprocess.TimeoutExpired):
            if self._office is not None:
                self._office.wait(DYING_SECONDS)
        return self._office is not None and self._office.poll() is None

    def _running(self) -> bool:
        return all(p is not None and p.poll() is None for p in (self._office, self._loop))

    def _start(self) -> None:
        with self._lock:
            if self.closed:
                raise OutputError("PDF 转换已停止。")
            self._stop()
            self._launch()
        ready = self._wait(START_TIMEOUT)
        if ready is None or not ready.get("ready"):
            self._stop()
            raise OutputError(
                f"LibreOffice 在 {START_TIMEOUT:g} 秒内未能启动，无法生成 PDF。请确认 LibreOffice 能正常打开，"
                "或关闭其他正在运行的 LibreOffice 后重试。"
            )

    def _launch(self) -> None:
        self.starts += 1
        pipe = f"reportgen-{os.getpid()}-{secrets.token_hex(6)}"
        profile = self.work / f"profile-{self.starts}"
        self._office = subprocess.Popen(
            [
                self.soffice,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--invisible",
                "--nocrashreport",
                "--nodefault",
                "--nologo",
                "--nofirststartwizard",
                "--norestore",
                f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "HOME": str(self.work)},
            **_own_group(),
        )
        self._loop = subprocess.Popen(
            [self.python, str(LOOP_SCRIPT), pipe, str(self._office.pid)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=_python_env(),
            **_own_group(),
        )
        self._answers = queue.Queue()
        assert self._loop.stdout is not None
        self._reader = threading.Thread(
            target=_read_answers, args=(self._loop.stdout, self._answers), daemon=True, name="reportgen-office"
        )
        self._reader.start()

    def _ask(self, request: dict[str, Any], timeout: float) -> dict[str, Any] | None:
        loop = self._loop
        if loop is None or loop.stdin is None:  # closed meanwhile
            return None
        try:
            loop.stdin.write((json.dumps(request, ensure_ascii=False) + "\n").encode())
            loop.stdin.flush()
        except OSError:
            return None
        return self._wait(timeout)

    def _wait(self, timeout: float) -> dict[str, Any] | None:
        try:
            return self._answers.get(timeout=timeout)
        except queue.Empty:
            return None

    def _stop(self) -> None:
        loop, office = self._loop, self._office
        self._loop = self._office = None
        if loop is not None and loop.stdin is not None:
            with contextlib.suppress(OSError):
                loop.stdin.close()
        for process in (loop, office):
            if process is not None:
                _kill_group(process)
        if self._reader is not None:
            self._reader.join(STOP_SECONDS)  # the loop is gone: its output ends
            self._reader = None
        if loop is not None and loop.stdout is not None:
            loop.stdout.close()


class _OfficeGone(Exception):
    """The office had died when the loop asked it to convert."""


def _read_answers(stream: IO[bytes], answers: queue.Queue[dict[str, Any] | None]) -> None:
    for line in stream:
        try:
            answer = json.loads(line)
        except ValueError:
            continue  # not an answer (e.g. a message LibreOffice printed)
        if isinstance(answer, dict):
            answers.put(answer)
    answers.put(_EOF)


def _own_group() -> dict[str, Any]:
    """Popen arguments putting a process in its own group (kept from the terminal's Ctrl+C,
    killed whole by :func:`_kill_group`)."""
    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill ``process`` and whatever it started (LibreOffice's launcher starts soffice.bin)."""
    with contextlib.suppress(OSError, subprocess.TimeoutExpired):
        if sys.platform == "win32":  # the whole tree: taskkill /T
            subprocess.run(["taskkill", "/T", "/F", "/PID", str(process.pid)], capture_output=True, timeout=30)
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(STOP_SECONDS)
    if sys.platform != "win32":
        _wait_group_gone(process.pid, STOP_SECONDS)


def _wait_group_gone(group: int, seconds: float) -> None:
    """Wait until no running process is left in process group ``group``: SIGKILL is delivered
    at once but a child (soffice.bin, reparented when its launcher died) ends a moment later,
    and the profile it writes to is removed next."""
    deadline = time.monotonic() + seconds
    while _group_running(group) and time.monotonic() < deadline:
        time.sleep(0.02)


def _group_running(group: int) -> bool:
    """Whether a process of ``group`` is still running (zombies, which only wait to be reaped, are not)."""
    proc = Path("/proc")
    if not proc.is_dir():  # not Linux: a signal 0 says whether the group has members
        try:
            os.killpg(group, 0)
        except OSError:
            return False
        return True
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (command) "
        if len(fields) > 2 and fields[2] == str(group) and fields[0] != "Z":
            return True
    return False


def _python_env() -> dict[str, str]:
    """This environment without what would point another Python at reportgen's packages."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
