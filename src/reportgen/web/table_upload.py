"""An uploaded 绩效目标表 or 自评表 (Word .docx or Excel .xlsx) read by the importer, through a
temporary file whose name the server chooses (only a known extension is taken from the
user's file name, for the importer's hint about an old .doc or .xls).

Bounded like every upload (:data:`reportgen.web.upload.MAX_UPLOAD`); the importer's own bounds
(:mod:`reportgen.support.limits`) hold inside the file. The temporary file's name never
reaches the user: a refusal names the place in the document, or the user's file name.
"""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from reportgen import api
from reportgen.data.importing.result import ImportResult
from reportgen.errors import DataError
from reportgen.web.upload import MAX_UPLOAD, UploadError, suffix_of, too_large

__all__ = ["MAX_TABLES", "NOTHING_CHOSEN", "read_table_upload", "shown_name"]

NOTHING_CHOSEN = "请选择要导入的绩效目标表或自评表（Word 文档 .docx 或 Excel 工作簿 .xlsx）。"
# Reports one upload may create: a unit's target table document holds its 部门整体 table and
# one table per project — a few, at most some dozens for a unit with many projects.
MAX_TABLES = 100
_TEMPORARY_STEM = "导入的文件"


def shown_name(filename: str) -> str:
    """The name of an uploaded file without any folder a browser sent with it."""
    return PurePosixPath(filename.replace("\\", "/")).name or "上传的文件"


def read_table_upload(stream: BinaryIO, filename: str) -> ImportResult:
    """Every table of the uploaded document the importer recognises (at least one);
    :class:`UploadError` with the importer's messages in Chinese when it has none."""
    content = stream.read(MAX_UPLOAD + 1)
    if len(content) > MAX_UPLOAD:
        raise too_large()
    if not content and not filename:
        raise UploadError([NOTHING_CHOSEN])
    with tempfile.TemporaryDirectory(prefix="reportgen-import-") as folder:
        path = Path(folder) / f"{_TEMPORARY_STEM}{suffix_of(filename)}"
        path.write_bytes(content)
        try:
            result = api.import_file(path)
        except DataError as exc:
            raise UploadError(_messages(exc, path, shown_name(filename))) from None
    if not result.tables:  # the importer refuses such a document itself; never an empty account
        raise UploadError([f"{shown_name(filename)} 中没有可以导入的绩效目标表或自评表。"])
    if len(result.tables) > MAX_TABLES:
        raise UploadError(
            [
                f"无法导入 {shown_name(filename)}，没有新建任何报告：",
                f"文件中有 {len(result.tables)} 个可以导入的表格，一次最多导入 {MAX_TABLES} 个"
                "（每个表格新建一份报告）：请把文件拆成几个再分别导入。",
            ]
        )
    return result


def _messages(exc: DataError, temporary: Path, name: str) -> list[str]:
    """The refusal's lines: each issue at its place in the document, the server's path replaced
    by the user's file name wherever a message quotes it."""
    lines = [f"{issue.location}：{issue.message}" if issue.location else issue.message for issue in exc.issues]
    lines = [line.replace(str(temporary), name).replace(temporary.name, name) for line in lines if line]
    return [f"无法导入 {name}，没有新建任何报告：", *(lines or ["无法读取此文件。"])]
