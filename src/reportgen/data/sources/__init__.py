"""Readers: one per input format (YAML, JSON, Excel), each returning a :class:`RawData`.

A reader turns a file into plain Python values (dict/list/str/int/Decimal/bool/None)
together with a map from field paths to human locations (line and column, or an Excel
cell), so that validation can point at the place to fix. :mod:`~reportgen.data.sources.dump`
writes such values back out (:func:`to_yaml`, :func:`to_json`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportgen.data.raw import RawData
from reportgen.data.sources.dump import to_json, to_yaml
from reportgen.data.sources.json_source import read_json
from reportgen.data.sources.yaml_source import read_yaml
from reportgen.errors import DataError
from reportgen.support import limits

__all__ = ["RawData", "read_data", "to_json", "to_yaml"]


def _text_file(reader: Callable[[str, str], RawData]) -> Callable[[Path], RawData]:
    def read(path: Path) -> RawData:
        try:
            with path.open("rb") as stream:
                data = stream.read(limits.MAX_TEXT_FILE + 1)
            if len(data) > limits.MAX_TEXT_FILE:
                raise DataError.single(
                    str(path), f"文件过大（超过 {limits.size_text(limits.MAX_TEXT_FILE)}）：请检查是否选错了文件。"
                )
            text = data.decode("utf-8-sig")
        except FileNotFoundError:
            raise DataError.single(str(path), "文件不存在，请检查路径。") from None
        except UnicodeDecodeError:
            raise DataError.single(str(path), "文件不是 UTF-8 编码：请用 UTF-8 另存后再试。") from None
        except OSError as exc:
            raise DataError.single(str(path), f"无法读取文件：{exc.strerror}。") from None
        return reader(text, str(path))

    return read


def _workbook(path: Path) -> RawData:
    # Imported here: openpyxl is loaded only when a workbook is read; data.excel never imports data.sources.
    from reportgen.data.excel import read_workbook

    return read_workbook(path)


_READERS: dict[str, Callable[[Path], RawData]] = {
    ".yaml": _text_file(read_yaml),
    ".yml": _text_file(read_yaml),
    ".json": _text_file(read_json),
    ".xlsx": _workbook,
}


def read_data(path: Path) -> RawData:
    """Read a data file of any supported format, chosen by its extension."""
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        known = "、".join(sorted(_READERS))
        hint = "旧版 Excel 文件请在 Excel 或 WPS 中另存为 .xlsx 后再试；" if path.suffix.lower() == ".xls" else ""
        raise DataError.single(str(path), f"不支持的文件类型“{path.suffix}”：{hint}请使用 {known} 文件。")
    return reader(path)
