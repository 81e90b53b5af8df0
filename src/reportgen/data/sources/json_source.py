"""JSON reader: Decimal for non-integer numbers; syntax errors and repeated keys explained."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from reportgen.data.fieldpath import PathKey, format_path
from reportgen.data.labels import label_for
from reportgen.data.raw import RawData
from reportgen.errors import DataError, Issue
from reportgen.support import limits

_PROBLEMS = {
    "Expecting property name enclosed in double quotes": "键名应加英文双引号，或多了一个逗号",
    "Expecting ',' delimiter": "缺少逗号",
    "Expecting ':' delimiter": "缺少冒号",
    "Expecting value": "缺少取值，或多了一个逗号",
    "Unterminated string starting at": "字符串缺少结尾的双引号",
    "Extra data": "数据结束后还有多余内容",
    "Invalid control character at": "字符串中有换行等控制字符，请改为 \\n",
    "Invalid \\escape": "反斜杠“\\”后是无效的转义字符，请写成“\\\\”",
    "Invalid \\uXXXX escape": "\\u 后应是四位十六进制数",
}


class _Object(dict[str, Any]):
    """A JSON object that remembers the keys written more than once."""

    repeated: list[str]


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    result = _Object()
    result.repeated = []
    for key, value in pairs:
        if key in result:
            result.repeated.append(key)
        result[key] = value
    return result


_TOO_DEEP = object()


class _LongInteger(ValueError):
    def __init__(self, digits: str) -> None:
        super().__init__(digits)
        self.digits = digits


def _decimal(text: str) -> Decimal:
    return limits.clamped(Decimal(text))


def _integer(digits: str) -> int:
    if len(digits.lstrip("-")) > limits.MAX_INT_DIGITS:
        raise _LongInteger(digits)
    return int(digits)


def _place(text: str, index: int) -> str:
    line = text.count("\n", 0, index) + 1
    return f"第{line}行第{index - (text.rfind(chr(10), 0, index) + 1) + 1}列"


def _depth(data: Any) -> int:
    """How deep lists and objects nest in ``data`` (without recursion)."""
    deepest, stack = 0, [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, depth + 1)
            stack.extend((item, depth + 1) for item in (value.values() if isinstance(value, dict) else value))
    return deepest


def _too_deep(text: str) -> int | None:
    """Where the brackets of ``text`` first nest deeper than ``MAX_DEPTH`` (outside strings)."""
    depth, in_string, escaped = 0, False, False
    for index, char in enumerate(text):
        if in_string:
            escaped, in_string = (not escaped and char == "\\"), in_string and (escaped or char != '"')
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limits.MAX_DEPTH:
                return index
        elif char in "]}":
            depth -= 1
    return None


def read_json(text: str, file: str) -> RawData:
    """Parse JSON text within the limits (nesting depth, integer digits); errors in Chinese with line and column."""
    try:
        data = json.loads(text, parse_float=_decimal, parse_int=_integer, object_pairs_hook=_object)
    except RecursionError:
        data = _TOO_DEEP  # nested deeper than Python's recursion limit: located below
    except json.JSONDecodeError as exc:
        problem = next((chinese for english, chinese in _PROBLEMS.items() if exc.msg.startswith(english)), "语法错误")
        raise DataError.single(
            file,
            f"JSON 格式错误（{problem}）：请检查该处的逗号、引号和括号。",
            location=f"第{exc.lineno}行第{exc.colno}列",
        ) from None
    except _LongInteger as exc:
        raise DataError.single(
            file,
            f"数值超出范围：整数“{exc.digits[:20]}…”有 {len(exc.digits)} 位，最多 {limits.MAX_INT_DIGITS} 位。",
            location=_place(text, text.find(exc.digits)),
        ) from None
    if data is _TOO_DEEP or _depth(data) > limits.MAX_DEPTH:
        deep = _too_deep(text) or 0
        raise DataError.single(
            file, f"嵌套层数过多（超过 {limits.MAX_DEPTH} 层）：请检查括号是否成对。", location=_place(text, deep)
        )
    repeated = list(_repeated(data, ()))
    if repeated:
        raise DataError(file, repeated)
    return RawData(file, data)


def _repeated(value: Any, path: PathKey) -> Any:
    if isinstance(value, _Object):
        for key in value.repeated:
            where = (*path, key)
            yield Issue(
                format_path(where),
                f"字段“{key}”写了两次，后一处会覆盖前一处：请删除或合并重复的一处。",
                label=label_for(where),
            )
        for key, item in value.items():
            yield from _repeated(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _repeated(item, (*path, index))
