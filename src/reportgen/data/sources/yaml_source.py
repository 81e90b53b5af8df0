"""YAML reader: safe loading, Decimal for every non-integer number, line/column per field."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from reportgen.data.labels import label_for
from reportgen.data.raw import PathKey, RawData, format_path
from reportgen.errors import DataError, Issue

# libyaml's parser when PyYAML was built with it (about ten times faster), else pure Python.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FLOAT_TAG = "tag:yaml.org,2002:float"
_CONSTRUCTOR = yaml.SafeLoader("")  # scalar constructors keep no state: one instance serves all
_MERGE_TAG = "tag:yaml.org,2002:merge"
_PROBLEMS = {
    "mapping values are not allowed here": "此处不能出现冒号，可能是缩进不对或文字中的冒号未加引号",
    "could not find expected ':'": "缺少冒号",
    "found character '\\t' that cannot start any token": "不能用制表符（Tab）缩进，请改用空格",
    "found undefined alias": "引用了未定义的锚点",
    "found duplicate anchor": "锚点重复",
}


def read_yaml(text: str, file: str) -> RawData:
    """Parse YAML text; a syntax error names its line and column in Chinese."""
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"第{mark.line + 1}行第{mark.column + 1}列" if mark else ""
        problem = _PROBLEMS.get(exc.problem or "", exc.problem or "语法错误")
        raise DataError.single(
            file,
            f"YAML 格式错误（{problem}）：请检查该处的缩进、冒号和引号。",
            location=where,
        ) from None
    except yaml.YAMLError as exc:
        raise DataError.single(file, f"YAML 格式错误：{exc}") from None
    if node is None:
        raise DataError.single(file, "文件是空的：请按数据格式填写，或用 reportgen init 生成示例。")
    locations: dict[PathKey, str] = {}
    duplicates: list[Issue] = []
    data = _convert(node, (), locations, duplicates)
    if duplicates:
        raise DataError(file, duplicates)
    return RawData(file, data, locations)


def _where(node: yaml.Node) -> str:
    return f"第{node.start_mark.line + 1}行第{node.start_mark.column + 1}列"


def _convert(node: yaml.Node, path: PathKey, locations: dict[PathKey, str], duplicates: list[Issue]) -> Any:
    locations[path] = _where(node)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                continue
            key = _scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            key = str(key)
            if key in result:
                duplicates.append(Issue(
                    path=format_path((*path, key)), label=label_for((*path, key)), location=_where(key_node),
                    message=f"字段“{key}”写了两次，后一处会覆盖前一处：请删除或合并重复的一处。"))
            result[key] = _convert(value_node, (*path, key), locations, duplicates)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*path, i), locations, duplicates) for i, item in enumerate(node.value)]
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    """A scalar as Python value; floats become Decimal from their written digits."""
    if node.tag == _FLOAT_TAG:
        try:
            return Decimal(str(node.value).replace("_", ""))
        except InvalidOperation:
            pass  # .inf / .nan: let validation reject the float
    constructor = yaml.SafeLoader.yaml_constructors.get(node.tag)
    if constructor is None:
        return node.value
    try:
        return constructor(_CONSTRUCTOR, node)
    except ValueError:
        return node.value  # e.g. the impossible date 2025-13-01: validation explains it
