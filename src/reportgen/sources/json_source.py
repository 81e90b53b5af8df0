"""JSON reader: Decimal for non-integer numbers; a syntax error names line and column."""

from __future__ import annotations

import json
from decimal import Decimal

from reportgen.errors import DataError
from reportgen.sources.base import RawData


def read_json(text: str, file: str) -> RawData:
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise DataError.single(
            file,
            f"JSON 格式错误（{exc.msg}）：请检查该处的逗号、引号和括号。",
            location=f"第{exc.lineno}行第{exc.colno}列",
        ) from None
    return RawData(file, data)
