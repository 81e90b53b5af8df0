"""Output places: reportgen never replaces a file it did not write, and says clearly why it cannot write."""

from __future__ import annotations

import errno
import os
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportgen.api import Renderer, load
from reportgen.cli import app
from reportgen.errors import OutputError
from reportgen.support.output import ensure_writable, made_by_reportgen, same_content, stale_temps, write_atomic
from samples import LINGLING

runner = CliRunner()


@pytest.fixture(scope="module")
def report() -> bytes:
    return Renderer().render(load(LINGLING))


def _foreign(folder: Path) -> Path:
    path = folder / "报告.docx"
    path.write_bytes(b"an editor's own document")
    return path


def _folder(folder: Path) -> Path:
    path = folder / "报告.docx"
    path.mkdir()
    return path


def _under_a_file(folder: Path) -> Path:
    (folder / "file").write_text("x", encoding="utf-8")
    return folder / "file" / "报告.docx"


def _missing_folder(folder: Path) -> Path:
    return folder / "no" / "报告.docx"


def _fifo(folder: Path) -> Path:
    path = folder / "报告.docx"
    os.mkfifo(path)
    return path


@pytest.mark.rendering
@pytest.mark.parametrize(
    ("place", "force", "message"),
    [
        (_foreign, False, "不是可以覆盖的 reportgen 输出"),
        (_foreign, True, "加 --force 也不会覆盖它"),
        (_folder, True, "是一个目录"),
        (_under_a_file, True, "是文件而不是目录"),
        (_missing_folder, False, "不存在，请先创建"),
        (_fifo, True, "不是普通文件"),
    ],
)
def test_places_reportgen_may_not_write(
    tmp_path: Path, report: bytes, place: Callable[[Path], Path], force: bool, message: str
) -> None:
    path = place(tmp_path)
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(OutputError, match=message):
        write_atomic(path, report, force=force)
    if before is not None:
        assert path.read_bytes() == before
    assert stale_temps(path.parent, [path.name]) == [] if path.parent.is_dir() else True


@pytest.mark.rendering
def test_its_own_report_is_replaced_only_with_force(tmp_path: Path, report: bytes) -> None:
    path = tmp_path / "报告.docx"
    write_atomic(path, report)
    assert made_by_reportgen(path)
    with pytest.raises(OutputError, match="已存在：如需覆盖，请加 --force"):
        write_atomic(path, report)
    write_atomic(path, report, force=True)


@pytest.mark.parametrize(
    ("content", "ours"),
    [
        (b"PK\x03\x04 not really a zip", False),
        (b"", False),
        (b"%PDF-1.7 made by someone else", False),
    ],
)
def test_unreadable_or_foreign_content_is_not_ours(tmp_path: Path, content: bytes, ours: bool) -> None:
    path = tmp_path / ("x.pdf" if content.startswith(b"%PDF") else "x.docx")
    path.write_bytes(content)
    assert made_by_reportgen(path) is ours


LIBREOFFICE_PDF = b"%PDF-1.7\n...\n/Producer<FEFF004C0069006200720065004F0066006600690063006500200037002E0034>\n%%EOF"


def _tagged_pdf() -> bytes:
    body = b"%PDF-1.7\n" + b"1 0 obj<</Producer(LibreOffice 7.4)>>endobj\n"
    start = len(body)
    table = b"xref\n0 2000\n" + b"0000000000 00000 n \n" * 2000
    return body + table + f"trailer<</Size 2000>>\nstartxref\n{start}\n%%EOF\n".encode()


TAGGED_PDF = _tagged_pdf()


@pytest.mark.rendering
@pytest.mark.parametrize(
    ("pdf", "beside", "ours"),
    [
        (LIBREOFFICE_PDF, True, True),
        (LIBREOFFICE_PDF, False, False),  # no report of ours beside it
        (b"%PDF-1.7 /Producer(Acrobat)", True, False),
        (TAGGED_PDF, True, True),  # the producer far before the end, where a long xref table follows it
    ],
)
def test_a_pdf_is_ours_when_libreoffice_made_it_beside_our_report(
    tmp_path: Path, report: bytes, pdf: bytes, beside: bool, ours: bool
) -> None:
    (tmp_path / "报告.pdf").write_bytes(pdf)
    if beside:
        write_atomic(tmp_path / "报告.docx", report)
    assert made_by_reportgen(tmp_path / "报告.pdf") is ours


def test_an_unchanged_starter_is_recognised_and_an_edited_one_is_not(tmp_path: Path) -> None:
    path = tmp_path / "自评数据.yaml"
    path.write_bytes(b"format: reportgen/1\n")
    assert same_content(b"format: reportgen/1\n")(path)
    assert not same_content(b"format: reportgen/1\nyear: 2023\n")(path)


@pytest.mark.rendering
@pytest.mark.parametrize(
    ("code", "message"),
    [
        (errno.ENOSPC, "磁盘已满"),
        (errno.EDQUOT, "磁盘配额"),
        (errno.EROFS, "只读"),
        (errno.EACCES, "没有写入权限"),
        (errno.EPERM, "不可修改"),
        (errno.ENAMETOOLONG, "文件名过长"),
    ],
)
@pytest.mark.parametrize("stage", ["mkstemp", "fsync", "replace"])
def test_os_failures_are_clear_and_leave_the_old_file_intact(
    tmp_path: Path, report: bytes, monkeypatch: pytest.MonkeyPatch, code: int, message: str, stage: str
) -> None:
    path = tmp_path / "报告.docx"
    write_atomic(path, report)
    old = path.read_bytes()

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    target = {
        "mkstemp": "reportgen.support.output.tempfile.mkstemp",
        "fsync": "reportgen.support.output.os.fsync",
        "replace": "reportgen.support.output.Path.replace",
    }[stage]
    monkeypatch.setattr(target, fail)
    with pytest.raises(OutputError, match=message) as caught:
        write_atomic(path, report + b"new", force=True)
    assert str(path) in caught.value.message and "已有的文件没有改动" in caught.value.message
    assert path.read_bytes() == old
    assert stale_temps(tmp_path, [path.name]) == []


def test_a_read_only_file_system_is_refused_before_any_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class ReadOnly:
        f_flag = os.ST_RDONLY

    monkeypatch.setattr("reportgen.support.output.os.statvfs", lambda _: ReadOnly())
    with pytest.raises(OutputError, match="只读"):
        ensure_writable(tmp_path / "报告.docx")


@pytest.mark.rendering
def test_render_to_a_folder_and_batch_into_a_file_are_clear_errors(tmp_path: Path) -> None:
    result = runner.invoke(app, ["render", str(LINGLING), "-o", str(tmp_path)])
    assert result.exit_code == 2 and "是一个目录" in result.output and "Traceback" not in result.output
    target = tmp_path / "out.docx"
    target.write_bytes(b"keep")
    result = runner.invoke(app, ["batch", str(LINGLING), "-o", str(target)])
    assert result.exit_code == 2 and "是一个文件，不是目录" in result.output
    assert target.read_bytes() == b"keep"


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


@pytest.mark.rendering
@pytest.mark.parametrize("command", ["render", "batch"])
def test_a_full_disk_gives_a_message_not_a_traceback(tmp_path: Path, command: str) -> None:
    out = tmp_path / ("报告.docx" if command == "render" else "out")
    args = [sys.executable, "-m", "reportgen", command, str(LINGLING), "-o", str(out)]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, preexec_fn=_limit_file_size, check=False)
    assert done.returncode in (1, 2), done.stderr
    assert "Traceback" not in done.stderr
    assert "超出了允许的大小" in done.stderr + done.stdout
    folder = out.parent if command == "render" else out
    assert not list(folder.glob(".*.tmp"))


@pytest.fixture
def immutable(tmp_path: Path, report: bytes) -> Iterator[Path]:
    """A folder holding one report, made immutable (chattr +i: needs root and a file system that has it)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    write_atomic(folder / "报告.docx", report)
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False).returncode != 0:
        pytest.skip("chattr +i is not available here")
    try:
        yield folder
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


@pytest.mark.rendering
@pytest.mark.skipif(shutil.which("chattr") is None, reason="needs chattr")
@pytest.mark.parametrize(
    "args",
    [
        ["render", str(LINGLING), "-o", "{}/报告.docx", "--force"],
        ["batch", str(LINGLING), "-o", "{}"],
        ["batch", str(LINGLING), "-o", "{}/新目录"],
        ["init", "{}"],
    ],
)
def test_an_immutable_folder_is_a_clear_error(immutable: Path, report: bytes, args: list[str]) -> None:
    result = runner.invoke(app, [arg.format(immutable) for arg in args])
    assert result.exit_code == 2 and "不可修改" in result.output and "Traceback" not in result.output
    assert [p.name for p in immutable.iterdir()] == ["报告.docx"]
    assert (immutable / "报告.docx").read_bytes() == report
