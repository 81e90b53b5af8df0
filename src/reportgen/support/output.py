"""Where reportgen may write: one check before every output, and the atomic write itself.

The rule, for every command: reportgen never replaces a file it did not write.

* A missing file is written. It is published with a hard link, so a file that appears
  meanwhile is not replaced either (a rename is the fallback where links are unsupported).
* An existing file that is reportgen's own (the caller's :data:`Recogniser` says so; by
  default :func:`made_by_reportgen`) is replaced only with ``force``.
* Any other existing file is never replaced, even with ``force``: the error names it.
* A folder, a device or a pipe at the output path, a missing or read-only folder, a full
  disk, a name too long: an :class:`OutputError` in Chinese, the existing file intact and
  no temporary file left behind.

Temporary files are ``.<name>.<8 random>.tmp`` beside the target; :func:`stale_temps`
finds those a killed run left.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import re
import stat
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from reportgen.errors import OutputError
from reportgen.support.marks import BASELINE_NS

Recogniser = Callable[[Path], bool]

OTHER_NAME = "用 -o 指定其他文件名"
"""How a refusal tells the user to write elsewhere; most commands name their output with ``-o``."""

_TEMP = re.compile(r"\.(?P<prefix>.+)\.[a-z0-9_]{8}\.tmp")
_TEMP_PREFIX_BYTES = 200  # a temp name stays under the usual 255-byte limit for names
_SCAN_MEMBERS = 2000  # a .docx has a few dozen parts; a zip bomb of names is not read through
_HEAD_BYTES = 400
_PDF_TAIL = 8192
_STARTXREF = re.compile(rb"startxref\s+(\d{1,15})\s+%%EOF\s*$")
_LIBREOFFICE = (b"/Producer(LibreOffice", b"/Producer<FEFF004C0069006200720065004F0066006600690063006500")

_REASONS = {
    errno.ENOSPC: "磁盘已满，请清理出空间后重试",
    errno.EDQUOT: "磁盘配额已用完，请清理出空间后重试",
    errno.EFBIG: "文件超出了允许的大小（磁盘或配额限制），请清理出空间后重试",
    errno.EROFS: "所在的文件系统是只读的，请换一个可以写入的位置",
    errno.EACCES: "没有写入权限（或目录被设为不可修改），请检查目录的权限和属性，或换一个位置",
    errno.EPERM: "不允许修改（目录或文件可能被设为不可修改），请检查其属性，或换一个位置",
    errno.ENAMETOOLONG: "文件名过长，请换一个较短的文件名",
    errno.EISDIR: "这是一个目录，请指定文件名",
    errno.ENOTDIR: "路径中有一段不是目录，请检查路径",
    errno.ENOENT: "所在目录不存在或已被移走，请检查路径",
    errno.EEXIST: "写入时出现了同名文件，未覆盖它",
}


def os_error(path: Path, exc: OSError) -> OutputError:
    """The Chinese message for an OS failure while writing ``path``."""
    reason = _REASONS.get(exc.errno or 0) or f"{exc.strerror or exc}"
    return OutputError(f"无法写入 {path}：{reason}。已有的文件没有改动。")


def made_by_reportgen(path: Path) -> bool:
    """Whether ``path`` is a report reportgen wrote (perhaps edited since), judged by content.

    A .docx is ours when it carries the baseline part (see :mod:`reportgen.docx.baseline`);
    a .pdf when LibreOffice made it and the .docx of the same name beside it is ours.
    Reads a bounded amount; anything unreadable is not ours.
    """
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return has_baseline(path)
    if suffix == ".pdf":
        return _libreoffice_pdf(path) and has_baseline(path.with_suffix(".docx"))
    return False


def has_baseline(path: Path) -> bool:
    """Whether the .docx at ``path`` holds a reportgen baseline part."""
    try:
        with zipfile.ZipFile(path) as package:
            for info in package.infolist()[:_SCAN_MEMBERS]:
                if re.fullmatch(r"customXml/item\d+\.xml", info.filename):
                    with package.open(info) as member:
                        if BASELINE_NS.encode() in member.read(_HEAD_BYTES):
                            return True
    except Exception:  # a file we cannot read is, for this purpose, not ours
        return False
    return False


def made_by_finalize(path: Path) -> bool:
    """Whether ``path`` is a final copy ``reportgen finalize`` wrote, or the PDF of one.

    A final copy has no baseline (it is a plain document), so it is told by its
    ``docProps/app.xml``, which names reportgen as the application until someone saves it
    in another program; a .pdf by LibreOffice counts when such a .docx is beside it.
    """
    if path.suffix.lower() == ".pdf":
        return _libreoffice_pdf(path) and made_by_finalize(path.with_suffix(".docx"))
    try:
        with zipfile.ZipFile(path) as package, package.open("docProps/app.xml") as member:
            return b"<Application>reportgen</Application>" in member.read(4096)
    except Exception:  # a file we cannot read is, for this purpose, not ours
        return False


def _libreoffice_pdf(path: Path) -> bool:
    """Whether LibreOffice wrote the PDF: its /Producer, in the document information LibreOffice
    writes just before the cross-reference table (found by ``startxref``; the table itself grows
    with the document, a tagged PDF/A's by some 20 bytes per object)."""
    try:
        with path.open("rb") as stream:
            if stream.read(5) != b"%PDF-":
                return False
            size = path.stat().st_size
            stream.seek(max(0, size - _PDF_TAIL))
            tail = stream.read(_PDF_TAIL)
            found = _STARTXREF.search(tail)
            start = int(found.group(1)) if found else size
            stream.seek(max(0, min(start, size) - _PDF_TAIL))
            before_table = stream.read(_PDF_TAIL)
    except OSError:
        return False
    return any(marker in tail or marker in before_table for marker in _LIBREOFFICE)


def sha256_of(path: Path) -> str | None:
    """The hex SHA-256 of a regular file's content, or None if it is missing or unreadable."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def recorded(hashes: Iterable[str]) -> Recogniser:
    """A recogniser for files whose SHA-256 is one of ``hashes`` (what reportgen recorded writing)."""
    known = set(hashes)
    return lambda path: bool(known) and sha256_of(path) in known


def same_content(data: bytes, volatile: Iterable[str] = ("docProps/core.xml",)) -> Recogniser:
    """A recogniser for a file reportgen wrote and nobody changed: equal to ``data``.

    Zip packages (a workbook) are compared member by member, ignoring ``volatile``
    members (the creation time in core.xml).
    """
    skip = set(volatile)

    def unchanged(path: Path) -> bool:
        try:
            if path.stat().st_size > 16 * max(len(data), 1 << 16):
                return False
            current = path.read_bytes()
        except OSError:
            return False
        if current == data:
            return True
        return _members(current, skip) == _members(data, skip) != {}

    return unchanged


def _members(blob: bytes, skip: set[str]) -> dict[str, tuple[int, int]]:
    """Each member's CRC and size, from the central directory alone (nothing is inflated)."""
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as package:
            return {
                i.filename: (i.CRC, i.file_size) for i in package.infolist()[:_SCAN_MEMBERS] if i.filename not in skip
            }
    except Exception:  # not a readable package: not equal to ours
        return {}


def ensure_writable(
    path: Path, force: bool = False, ours: Recogniser = made_by_reportgen, other_name: str = OTHER_NAME
) -> None:
    """Refuse, before any work, an output place reportgen may not write (see the module docstring);
    ``other_name`` says how the command names another output."""
    try:
        _ensure_writable(path, force, ours, other_name)
    except OSError as exc:  # e.g. a folder on the way that may not be searched
        raise os_error(path, exc) from None


def _ensure_writable(path: Path, force: bool, ours: Recogniser, other_name: str) -> None:
    folder = path.parent
    if not folder.exists():
        raise OutputError(f"输出目录 {folder} 不存在，请先创建。")
    if not folder.is_dir():
        raise OutputError(f"输出位置 {path} 无效：{folder} 是文件而不是目录。")
    if path.is_dir():
        example = f"，例如 {path / ('报告' + _suffix(path))}" if other_name == OTHER_NAME else ""
        raise OutputError(f"{path} 是一个目录：请{other_name}{example}。")
    if path.exists():
        if not stat.S_ISREG(path.stat().st_mode):
            raise OutputError(f"{path} 不是普通文件（可能是设备或管道）：请{other_name}。")
        if not ours(path):
            raise OutputError(
                f"{path} 已存在，且不是可以覆盖的 reportgen 输出（reportgen 只覆盖自己生成的报告、"
                "汇总和未修改的示例文件）：加 --force 也不会覆盖它，以免丢失其中的内容。"
                "请换一个输出文件名，或先把它移走。"
            )
        if not force:
            raise OutputError(f"{path} 已存在：如需覆盖，请加 --force；或{other_name}。")
    _check_folder_writable(folder, path)


def _suffix(path: Path) -> str:
    return path.suffix if path.suffix else ".docx"


def _check_folder_writable(folder: Path, path: Path) -> None:
    try:
        read_only = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs (Windows): the write itself will tell
        read_only = False
    if read_only:
        raise os_error(path, OSError(errno.EROFS, "read-only"))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise os_error(path, OSError(errno.EACCES, "permission denied"))


def make_folder(folder: Path) -> None:
    """Create an output folder (and its parents) or say clearly why it cannot be."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder} 是一个文件，不是目录：请指定一个目录（不存在时会自动创建）。")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_error(folder, exc) from None


_UMASK = os.umask(0)
os.umask(_UMASK)
_FILE_MODE = 0o666 & ~_UMASK


def temp_prefix(name: str) -> str:
    """The prefix of the temporary files for target ``name`` (cut to stay a valid name)."""
    cut = name.encode()[:_TEMP_PREFIX_BYTES].decode(errors="ignore")
    return f".{cut}."


def stale_temps(folder: Path, names: Iterable[str]) -> list[Path]:
    """Temporary files in ``folder`` that writes of ``names`` left behind (a killed run)."""
    prefixes = {temp_prefix(name) for name in names}
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    found = []
    for entry in entries:
        match = _TEMP.fullmatch(entry.name)
        if match and f".{match['prefix']}." in prefixes and entry.is_file():
            found.append(entry)
    return found


def write_atomic(
    path: Path,
    data: bytes,
    force: bool = False,
    ours: Recogniser = made_by_reportgen,
    other_name: str = OTHER_NAME,
    durable: bool = True,
) -> None:
    """Write ``data`` to ``path`` through a temporary file, never replacing a file that is not ours
    (``other_name`` as for :func:`ensure_writable`).

    A reader never sees half a file; a failure leaves the old file as it was. The data is on
    the disk before the file is in place — unless ``durable`` is false: then the caller calls
    :func:`make_durable` before it relies on the file (a batch does so while its workers go on).
    """
    ensure_writable(path, force, ours, other_name)
    replace = path.exists()
    temp: Path | None = None
    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix(path.name), suffix=".tmp")
        temp = Path(name)
        temp.chmod(_FILE_MODE)  # mkstemp makes 0600; a report is an ordinary file
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        _publish(temp, path, replace)
    except OSError as exc:
        raise os_error(path, exc) from None
    finally:
        if temp is not None:
            temp.unlink(missing_ok=True)


def make_durable(path: Path) -> None:
    """Have the file at ``path`` on the disk (written with ``durable=False``), or say why it cannot be."""
    try:
        handle = os.open(path, os.O_RDWR if os.name == "nt" else os.O_RDONLY)  # Windows syncs only writable handles
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
    except OSError as exc:
        raise os_error(path, exc) from None


def _publish(temp: Path, path: Path, replace: bool) -> None:
    if replace:
        temp.replace(path)
        return
    try:
        os.link(temp, path)  # fails if a file appeared at ``path`` since the check
    except FileExistsError:
        raise OutputError(f"{path} 在写入时被其他程序创建了：未覆盖它，请检查后重试。") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise
        temp.replace(path)  # a file system without hard links
