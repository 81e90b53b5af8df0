"""``reportgen batch --pdf``: a PDF beside each report, made by one warm LibreOffice that
restarts when it dies or hangs and is gone when the batch ends — also after Ctrl+C or kill -9."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from command import reportgen
from fontconfs import use_bare_fonts
from pdfpages import FONTS_CONF, require_libreoffice
from reportgen.errors import OutputError
from reportgen.features.pdf import find_soffice
from reportgen.features.pdf_server import WarmConverter, find_uno_python
from samples import LINGLING

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.rendering,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the process table from /proc"),
]


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder of everything run in the test: offices there are this test's."""
    require_libreoffice()
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setenv("FONTCONFIG_FILE", str(FONTS_CONF))
    return folder


def _units(folder: Path, count: int, bad: bool = True) -> Path:
    folder.mkdir()
    for n in range(1, count + 1):
        shutil.copy(LINGLING, folder / f"单位{n}.yaml")
    if bad:
        (folder / "坏单位.yaml").write_text("unit: [broken\n", encoding="utf-8")
    return folder


def _processes_using(folder: Path) -> list[str]:
    """Command lines of running processes that name ``folder`` (offices with a profile there)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if str(folder) in command:
            found.append(command)
    return found


def _live_in_group(group: int) -> list[int]:
    """Processes of process group ``group`` still running (zombies are not: this container's
    init may never reap them)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (command) "
        if int(fields[2]) == group and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def _none_left(folder: Path, seconds: float = 10) -> list[str]:
    deadline = time.monotonic() + seconds
    while (left := _processes_using(folder)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


@pytest.fixture
def warm(scratch: Path) -> Iterator[WarmConverter]:
    soffice = find_soffice()
    python = find_uno_python(soffice) if soffice else None
    if soffice is None or python is None:
        pytest.skip("needs a Python with LibreOffice's uno module (python3-uno)")
    with WarmConverter(soffice, python) as converter:
        yield converter


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from reportgen.api import Renderer, load

    docx = tmp_path_factory.mktemp("report") / "report.docx"
    docx.write_bytes(Renderer().render(load(LINGLING)))
    return docx


def test_batch_pdf_writes_a_pdf_beside_each_report_and_a_bad_unit_fails_alone(scratch: Path, tmp_path: Path) -> None:
    inputs, out = _units(tmp_path / "in", 2), tmp_path / "out"
    done = reportgen("batch", inputs, "-o", out, "--pdf", "-j", "2")
    assert done.returncode == 1  # the bad unit
    assert "坏单位" in done.stderr + done.stdout
    for name in ("单位1", "单位2"):
        assert (out / f"{name}.docx").is_file()
        assert (out / f"{name}.pdf").read_bytes().startswith(b"%PDF-")
    assert not (out / "坏单位.pdf").exists()
    assert _none_left(scratch) == []


def test_batch_pdf_names_the_fonts_this_machine_lacks(
    scratch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_bare_fonts(tmp_path, monkeypatch)
    done = reportgen("batch", _units(tmp_path / "in", 1, bad=False), "-o", tmp_path / "out", "--pdf")
    assert done.returncode == 0, done.stderr
    assert "本机没有字体“方正小标宋简体”" in done.stderr
    assert (tmp_path / "out" / "单位1.pdf").is_file()


def test_batch_pdf_after_a_batch_without_pdf_makes_the_missing_pdfs(scratch: Path, tmp_path: Path) -> None:
    inputs, out = _units(tmp_path / "in", 1, bad=False), tmp_path / "out"
    assert reportgen("batch", inputs, "-o", out).returncode == 0
    assert not (out / "单位1.pdf").exists()
    assert reportgen("batch", inputs, "-o", out, "--pdf").returncode == 0
    assert (out / "单位1.pdf").is_file()
    again = reportgen("batch", inputs, "-o", out, "--pdf")
    assert again.returncode == 0
    assert "跳过 1 份" in again.stdout + again.stderr


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "kill-9"])
def test_a_batch_pdf_stopped_midway_leaves_no_office_running(stop: int, scratch: Path, tmp_path: Path) -> None:
    inputs, out = _units(tmp_path / "in", 40, bad=False), tmp_path / "out"  # ~10 s of converting
    batch = subprocess.Popen(
        [sys.executable, "-m", "reportgen", "batch", str(inputs), "-o", str(out), "--pdf", "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not (seen := any("soffice" in c for c in _processes_using(scratch))) and time.monotonic() < deadline:
            if batch.poll() is not None:  # ended before an office was seen: say how
                ended = batch.communicate()
                pytest.fail(f"the batch ended (exit {batch.returncode}) before its office was seen: {ended}")
            time.sleep(0.05)
        assert seen, "the office never started"
        batch.send_signal(stop)
        _, stderr = batch.communicate(timeout=60)
    finally:
        if batch.poll() is None:
            batch.kill()
            batch.communicate()
    assert batch.returncode != 0
    assert "Traceback" not in stderr
    assert _none_left(scratch) == []


def test_the_warm_office_is_started_again_after_it_died(warm: WarmConverter, report: Path) -> None:
    assert warm.pdf_bytes(report).startswith(b"%PDF-")
    assert warm.office_pid is not None
    os.killpg(warm.office_pid, signal.SIGKILL)
    assert warm.pdf_bytes(report).startswith(b"%PDF-")
    assert warm.starts == 2


def test_a_document_past_its_time_fails_and_the_next_one_converts(warm: WarmConverter, report: Path) -> None:
    warm.pdf_bytes(report)
    warm.timeout = 0.01
    with pytest.raises(OutputError, match="秒未完成"):
        warm.pdf_bytes(report)
    warm.timeout = 120
    assert warm.pdf_bytes(report).startswith(b"%PDF-")


def test_closing_the_converter_ends_the_office_and_removes_its_profile(warm: WarmConverter, report: Path) -> None:
    warm.pdf_bytes(report)
    group = warm.office_pid
    assert group is not None
    warm.close()
    assert _live_in_group(group) == []
    assert not warm.work.exists()
