"""Readers: one per input format, each returning a :class:`RawData`.

A reader turns a file into plain Python values (dict/list/str/int/Decimal/bool/None)
together with a map from field paths to human locations (line and column, or an Excel
cell), so that validation can point at the place to fix.
"""

from __future__ import annotations

from pathlib import Path

from reportgen.errors import DataError
from reportgen.sources.base import RawData
from reportgen.sources.json_source import read_json
from reportgen.sources.yaml_source import read_yaml

__all__ = ["RawData", "read_data"]

_READERS = {".yaml": read_yaml, ".yml": read_yaml, ".json": read_json}


def read_data(path: Path) -> RawData:
    """Read a data file of any supported format, chosen by its extension."""
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        known = "、".join(sorted(_READERS))
        raise DataError.single(str(path), f"不支持的文件类型“{path.suffix}”：请使用 {known} 文件。")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DataError.single(str(path), "文件不存在，请检查路径。") from None
    except UnicodeDecodeError:
        raise DataError.single(str(path), "文件不是 UTF-8 编码：请用 UTF-8 另存后再试。") from None
    except OSError as exc:
        raise DataError.single(str(path), f"无法读取文件：{exc.strerror}。") from None
    return reader(text, str(path))
