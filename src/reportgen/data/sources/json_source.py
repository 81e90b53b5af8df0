"""JSON reader: Decimal for non-integer numbers; syntax errors and repeated keys explained."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from reportgen.data.fieldpath import PathKey, format_path
from reportgen.data.labels import label_for
from reportgen.data.raw import RawData
from reportgen.errors import DataError, Issue

_PROBLEMS = {
    "Expecting property name enclosed in double quotes": "键名应加英文双引号，或多了一个逗号",
    "Expecting ',' delimiter": "缺少逗号",
    "Expecting ':' delimiter": "缺少冒号",
    "Expecting value": "缺少取值，或多了一个逗号",
    "Unterminated string starting at": "字符串缺少结尾的双引号",
    "Extra data": "数据结束后还有多余内容",
    "Invalid control character at": "字符串中有换行等控制字符，请改为 \\n",
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


def read_json(text: str, file: str) -> RawData:
    try:
        data = json.loads(text, parse_float=Decimal, object_pairs_hook=_object)
    except json.JSONDecodeError as exc:
        problem = _PROBLEMS.get(exc.msg, exc.msg)
        raise DataError.single(
            file,
            f"JSON 格式错误（{problem}）：请检查该处的逗号、引号和括号。",
            location=f"第{exc.lineno}行第{exc.colno}列",
        ) from None
    repeated = list(_repeated(data, ()))
    if repeated:
        raise DataError(file, repeated)
    return RawData(file, data)


def _repeated(value: Any, path: PathKey) -> Any:
    if isinstance(value, _Object):
        for key in value.repeated:
            where = (*path, key)
            yield Issue(format_path(where), f"字段“{key}”写了两次，后一处会覆盖前一处：请删除或合并重复的一处。",
                        label=label_for(where))
        for key, item in value.items():
            yield from _repeated(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _repeated(item, (*path, index))
