"""An uploaded data file read by the data format's own readers, through a temporary file whose
name the server chooses (only a known extension is taken from the user's file name)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from reportgen.data.sources import RawData, read_data
from reportgen.errors import DataError

MiB = 1024 * 1024
MAX_UPLOAD = 10 * MiB
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,10}")


class UploadError(Exception):
    """An upload that gives no data: its messages are shown on the page, nothing is stored."""

    def __init__(self, messages: list[str], status: int = 422) -> None:
        super().__init__("；".join(messages))
        self.messages = messages
        self.status = status


def too_large() -> UploadError:
    return UploadError([f"文件过大（超过 {MAX_UPLOAD // MiB} MB）：请检查是否选错了文件。"], 413)


def suffix_of(filename: str) -> str:
    """The extension of an uploaded file's name, if it looks like one ("" otherwise)."""
    suffix = PurePosixPath(filename.replace("\\", "/")).suffix
    return suffix.lower() if _SUFFIX.fullmatch(suffix) else ""


WORD_FILES = {".doc", ".docx", ".wps", ".dotx", ".rtf"}


def not_data(suffix: str) -> UploadError:
    """A Word document given where a data file belongs: say what each upload is for."""
    return UploadError(
        [
            f"“{suffix}”是 Word 文档，不是数据文件：这里请上传 YAML、JSON 或 Excel 工作簿（.xlsx）。"
            "编辑过的报告修改稿请打开该报告，在“修改稿”页上传。"
        ]
    )


def read_upload(stream: BinaryIO, filename: str) -> RawData:
    """The data of an uploaded file; :class:`UploadError` with the reader's messages if it has none."""
    content = stream.read(MAX_UPLOAD + 1)
    if len(content) > MAX_UPLOAD:
        raise too_large()
    if not content:
        raise UploadError(["请选择要上传的数据文件（文件为空）。"])
    suffix = suffix_of(filename)
    if suffix in WORD_FILES:
        raise not_data(suffix)
    with tempfile.TemporaryDirectory(prefix="reportgen-upload-") as folder:
        path = Path(folder) / f"上传的文件{suffix}"
        path.write_bytes(content)
        try:
            raw = read_data(path)
        except DataError as exc:
            # The temporary file's name is the server's: only the place in the file is shown.
            messages = [
                f"{issue.location}：{issue.message}" if issue.location else issue.message for issue in exc.issues
            ]
            raise UploadError(messages or ["无法读取此文件。"]) from None
    return RawData(filename, raw.data, raw.locations)
