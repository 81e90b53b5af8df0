"""Reading zip packages (.xlsx, .docx) within the bounds of :mod:`reportgen.support.limits`.

Every member is checked twice: its sizes declared in the central directory first (count,
size, total, compression ratio), then while it is inflated, through a reader that stops at
the bound, since declared sizes can lie. Damage (corrupt deflate data, a wrong CRC, a
truncated file, encryption) is an :class:`ArchiveError` with a Chinese message, like the
bounds; the callers turn it into their own error type.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from reportgen.support import limits

Members = tuple[tuple[str, bytes], ...]
_CHUNK = 1024 * 1024


class ArchiveError(ValueError):
    """The package is damaged or exceeds a bound; ``message`` is Chinese and says the fix."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotAnArchive(ArchiveError):
    """The file is no zip package at all (a .doc, .xls, text …), rather than a damaged one."""


def read_file(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a package file, refused when larger than ``limit`` (``limits.MAX_ARCHIVE_FILE``).

    OSError (missing file, no permission) is left to the caller.
    """
    limit = limits.MAX_ARCHIVE_FILE if limit is None else limit
    with path.open("rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise ArchiveError(f"文件过大（超过 {limits.size_text(limit)}）：请检查是否选错了文件。")
    return data


def read_members(data: bytes) -> Members:
    """The (name, content) pairs of the zip in ``data``, in archive order, every one bounded."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            infos = package.infolist()
            _check_directory(infos)
            total = 0
            members = []
            for info in infos:
                content = _inflate(package, info, limits.MAX_TOTAL - total)
                total += len(content)
                members.append((info.filename, content))
            return tuple(members)
    except ArchiveError:
        raise
    except zipfile.BadZipFile as exc:
        if "not a zip file" in str(exc):
            raise NotAnArchive("不是 zip 压缩包格式的 Office 文档。") from None
        raise _damaged(exc) from None
    except (
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        RuntimeError,
        NotImplementedError,
        IndexError,
        KeyError,
        OverflowError,
    ) as exc:  # what zipfile raises on a damaged package
        raise _damaged(exc) from None


def _damaged(exc: Exception) -> ArchiveError:
    return ArchiveError(f"文件已损坏，无法解压（{_reason(exc)}）：请用 Word、WPS 或 Excel 打开并另存后再试。")


def _reason(exc: Exception) -> str:
    if isinstance(exc, RuntimeError | NotImplementedError) and "encrypt" in str(exc).lower():
        return "文件已加密"
    if isinstance(exc, zipfile.BadZipFile) and "CRC" in str(exc):
        return "校验和不符"
    if isinstance(exc, zlib.error):
        return "压缩数据有误"
    if isinstance(exc, EOFError):
        return "文件不完整"
    return "不是有效的 zip 压缩包"


def _too_large(name: str, what: str) -> ArchiveError:
    return ArchiveError(
        f"文件中的部件“{name}”{what}，超出了可处理的范围（可能是恶意构造或已损坏的文件）："
        "请用 Word、WPS 或 Excel 打开并另存后再试。"
    )


def _check_directory(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > limits.MAX_MEMBERS:
        raise ArchiveError(
            f"文件包含 {len(infos)} 个部件，超过 {limits.MAX_MEMBERS} 个：可能是恶意构造或已损坏的文件。"
        )
    total = 0
    for info in infos:
        if info.file_size > limits.MAX_MEMBER:
            raise _too_large(info.filename, f"解压后有 {limits.size_text(info.file_size)}")
        if info.file_size > limits.RATIO_FLOOR and info.file_size > limits.MAX_RATIO * max(info.compress_size, 1):
            raise _too_large(info.filename, f"的压缩比超过 {limits.MAX_RATIO} 倍")
        total += info.file_size
    if total > limits.MAX_TOTAL:
        raise ArchiveError(
            f"文件解压后共有 {limits.size_text(total)}，超过 {limits.size_text(limits.MAX_TOTAL)}："
            "可能是恶意构造或已损坏的文件。"
        )


def _inflate(package: zipfile.ZipFile, info: zipfile.ZipInfo, room: int) -> bytes:
    """The member's content, read in chunks and stopped as soon as it passes a bound."""
    ratio_bound = max(limits.RATIO_FLOOR, limits.MAX_RATIO * info.compress_size)
    bound = min(limits.MAX_MEMBER, ratio_bound, room)
    chunks: list[bytes] = []
    size = 0
    with package.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > bound:
                what = "解压后的大小超过限制" if size <= ratio_bound else f"的压缩比超过 {limits.MAX_RATIO} 倍"
                raise _too_large(info.filename, what)
            chunks.append(chunk)
    return b"".join(chunks)
