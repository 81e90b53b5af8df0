"""YAML reader: safe loading, Decimal for every non-integer number, line/column per field."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import Any, cast

import yaml

from reportgen.data.labels import label_for
from reportgen.data.raw import PathKey, RawData, format_path
from reportgen.errors import DataError, Issue
from reportgen.support import limits
from reportgen.textchars import described

# libyaml's parser when PyYAML was built with it (about ten times faster), else pure Python.
_BASE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FLOAT_TAG = "tag:yaml.org,2002:float"
_STR_TAG = "tag:yaml.org,2002:str"
_CONSTRUCTOR = yaml.SafeLoader("")  # scalar constructors keep no state: one instance serves all
# Nor does resolving a tag (the safe loader has no path resolvers): the same tables as libyaml's loader.
_RESOLVE = cast(Callable[[type[yaml.Node], str | None, Any], str], _CONSTRUCTOR.resolve)
_SHORT = 64  # the implicit tags of scalars this short are remembered


class _Loader(_BASE_LOADER):  # type: ignore[misc,valid-type]
    """The safe loader; a short scalar's implicit tag is looked up once (keys and numbers repeat)."""

    def resolve(self, kind: type, value: str | None, implicit: Any) -> str:
        return (
            _resolved(kind, value, implicit)
            if value is None or len(value) <= _SHORT
            else _RESOLVE(kind, value, implicit)
        )


@lru_cache(maxsize=4096)
def _resolved(kind: Any, value: str | None, implicit: Any) -> str:  # kind: the class of node
    return _RESOLVE(kind, value, implicit)


_LOADER = _Loader
_MERGE_TAG = "tag:yaml.org,2002:merge"
# libyaml's and PyYAML's problem texts (prefixes), in Chinese; any other is "语法错误".
_PROBLEMS = (
    ("mapping values are not allowed", "此处不能出现冒号，可能是缩进不对或文字中的冒号未加引号"),
    ("could not find expected ':'", "缺少冒号"),
    ("found character '\\t' that cannot start any token", "不能用制表符（Tab）缩进，请改用空格"),
    ("found a tab character", "不能用制表符（Tab）缩进，请改用空格"),
    ("found character that cannot start any token", "此处有不能出现在开头的字符，请给文字加引号"),
    ("found character", "此处有不能出现在开头的字符，请给文字加引号"),
    ("found undefined alias", "引用了未定义的锚点"),
    ("found duplicate anchor", "锚点重复"),
    ("exceeded maximum nesting depth", "嵌套层数过多"),
    ("did not find expected ',' or ']'", "列表缺少逗号或右方括号“]”"),
    ("did not find expected ',' or '}'", "键值表缺少逗号或右花括号“}”"),
    ("did not find expected ','", "缺少逗号"),
    ("did not find expected key", "缩进不对齐，或缺少“键:”"),
    ("did not find expected '-' indicator", "列表项缩进不对齐，或缺少“- ”"),
    ("did not find expected node content", "缺少取值"),
    ("did not find expected <document start>", "文件开头的格式不对"),
    ("found unexpected end of stream", "文件在引号或括号结束前就结束了，缺少结尾的引号或括号"),
    ("found unexpected ':'", "此处不能出现冒号，请给文字加引号"),
    ("found unknown escape character", "双引号中的反斜杠“\\”后是无效的转义字符，请写成“\\\\”或改用单引号"),
    ("found invalid Unicode character escape code", "双引号中的 \\u 转义不是有效的字符"),
    ("block sequence entries are not allowed", "此处不能开始列表，可能是缩进不对"),
    ("found unexpected document indicator", "文字中出现了“---”或“...”，请给文字加引号"),
    ("found undefined tag handle", "使用了未定义的标签"),
    ("did not find expected comment or line break", "此处应换行，可能是文字中的引号或冒号未处理"),
    ("expected a comment or a line break", "此处应换行，可能是文字中的引号或冒号未处理"),
    ("expected <document start>", "一个文件只能有一份数据，请删除多余的“---”后的内容"),
    ("expected a single document", "一个文件只能有一份数据，请删除多余的“---”后的内容"),
    ("but found another document", "一个文件只能有一份数据，请删除多余的“---”后的内容"),
    ("control characters are not allowed", "包含不可见的控制字符"),
)


def _problem(text: str | None) -> str:
    text = text or ""
    return next((chinese for english, chinese in _PROBLEMS if text.startswith(english) or english in text), "语法错误")


def _position(text: str, index: int) -> str:
    line = text.count("\n", 0, index) + 1
    return f"第{line}行第{index - (text.rfind(chr(10), 0, index) + 1) + 1}列"


_OPENS = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.FlowSequenceStartToken,
)
_CLOSES = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def _check_depth(text: str, file: str) -> None:
    """Refuse nesting deeper than ``limits.MAX_DEPTH`` before composing: libyaml's composer
    nests by recursion in C, and 100,000 nested brackets overflow its stack (a crash, not an
    exception). The scanner is iterative, so counting its tokens is safe at any depth."""
    depth = 0
    for token in yaml.scan(text, Loader=_LOADER):
        if isinstance(token, _OPENS):
            depth += 1
            if depth > limits.MAX_DEPTH:
                mark = token.start_mark
                raise DataError.single(
                    file,
                    f"嵌套层数过多（超过 {limits.MAX_DEPTH} 层）：请检查缩进和括号。",
                    location=f"第{mark.line + 1}行第{mark.column + 1}列",
                )
        elif isinstance(token, _CLOSES):
            depth -= 1


_OTHER_BREAKS = ("\r", "\x85", "\u2028", "\u2029")  # YAML's line breaks besides "\n"


@cache  # one per count of brackets below limits.MAX_DEPTH
def _long_prefix(length: int) -> re.Pattern[str]:
    """A line that starts with at least ``length`` spaces, tabs and the characters of "-", "?", ":", "..."."""
    return re.compile(f"\\n[ \\t\\-?:.]{{{length},}}")


def _may_nest_too_deep(text: str) -> bool:
    """Whether ``text`` could nest deeper than ``limits.MAX_DEPTH`` (an upper bound, cheap to find).

    Flow collections nest once per bracket. A block collection opens at the column of its first
    token, and each open one at a column of its own (libyaml's indent stack), so no more are open
    than one plus the longest part of a line before such a token: indentation and the indicators
    "-", "?", ":" (and a document marker); with an anchor or a tag ("&", "!") the nesting is
    always counted.
    """
    flow = text.count("[") + text.count("{")
    if flow >= limits.MAX_DEPTH or "&" in text or "!" in text:
        return True
    for other in _OTHER_BREAKS:
        if other in text:
            text = text.replace(other, "\n")  # one character for another: the columns stay
    return _long_prefix(limits.MAX_DEPTH - flow).search(f"\n{text}") is not None


def _compose(text: str, file: str) -> yaml.Node | None:
    """The node tree; the nesting is counted first only when it could be too deep.

    When composing fails and the nesting was not counted, it is counted then: counting scans
    the whole text first, so its error (a scanner's, or too deep) comes before a parser's.
    """
    counted = _may_nest_too_deep(text)
    if counted:
        _check_depth(text, file)
    try:
        return yaml.compose(text, Loader=_LOADER)
    except (yaml.YAMLError, RecursionError):
        if not counted:
            _check_depth(text, file)
        raise


def read_yaml(text: str, file: str) -> RawData:
    """Parse YAML text; a syntax error names its line and column in Chinese.

    Aliases are expanded within the bounds of :mod:`reportgen.support.limits` (values, alias uses,
    nesting depth); an alias inside its own anchor is an error, not an endless loop.
    """
    try:
        node = _compose(text, file)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"第{mark.line + 1}行第{mark.column + 1}列" if mark else ""
        raise DataError.single(
            file,
            f"YAML 格式错误（{_problem(exc.problem)}）：请检查该处的缩进、冒号和引号。",
            location=where,
        ) from None
    except yaml.reader.ReaderError as exc:
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)[:1]
        raise DataError.single(
            file,
            f"包含{described(char) if char else '不可见的控制字符'}：这类字符通常是从其他软件复制时带入的，"
            "请删除该字符后再试。",
            location=_position(text, exc.position),
        ) from None
    except RecursionError:  # the pure-Python parser (no libyaml) nests by recursion
        raise DataError.single(file, f"嵌套层数过多（超过 {limits.MAX_DEPTH} 层）：请检查缩进和括号。") from None
    except yaml.YAMLError:
        raise DataError.single(file, "YAML 格式错误：文件无法读取，请对照数据格式检查。") from None
    if node is None:
        raise DataError.single(file, "文件是空的：请按数据格式填写，或用 reportgen init 生成示例。")
    converter = _Converter(file)
    data = converter.convert(node, ())
    if converter.issues:
        raise DataError(file, converter.issues)
    return RawData(file, data, converter.locations)


def _where(node: yaml.Node) -> str:
    return f"第{node.start_mark.line + 1}行第{node.start_mark.column + 1}列"


class _Converter:
    """Nodes to plain values, with the location of every field, within the limits."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.locations: dict[PathKey, str] = {}
        self.issues: list[Issue] = []
        self._values = 0
        self._aliases = 0
        self._seen: set[int] = set()
        self._open: set[int] = set()  # the nodes being converted: the path from the root

    def _stop(self, node: yaml.Node, message: str) -> DataError:
        return DataError.single(self.file, message, location=_where(node))

    def _count(self, node: yaml.Node, path: PathKey) -> None:
        self._values += 1
        if self._values > limits.MAX_NODES:
            raise self._stop(
                node,
                f"数据过多：展开锚点引用后超过 {limits.MAX_NODES} 个取值（可能是锚点被反复引用）："
                "请减少“*”引用，直接填写数据。",
            )
        if id(node) in self._seen:
            self._aliases += 1
            if self._aliases > limits.MAX_ALIASES:
                raise self._stop(node, f"锚点引用（“*”）超过 {limits.MAX_ALIASES} 次：请减少引用，直接填写数据。")
        self._seen.add(id(node))
        if len(path) > limits.MAX_DEPTH:
            raise self._stop(node, f"嵌套层数过多（超过 {limits.MAX_DEPTH} 层）：请检查缩进和括号。")

    def convert(self, node: yaml.Node, path: PathKey) -> Any:
        self._count(node, path)
        self.locations[path] = _where(node)
        if not isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            return self._scalar(node)
        if id(node) in self._open:
            raise self._stop(node, "锚点在自身内部被引用（“*”引用了包含它的“&”锚点），数据会无限展开：请删除该引用。")
        self._open.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
            return self._mapping(node, path)
        finally:
            self._open.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.issues.append(
                    Issue(
                        path=format_path(path),
                        label=label_for(path),
                        location=_where(key_node),
                        message="字段名不能是列表或键值表：请检查该处的冒号、缩进和“?”。",
                    )
                )
                continue
            key = str(self._scalar(key_node))
            if key in result:
                self.issues.append(
                    Issue(
                        path=format_path((*path, key)),
                        label=label_for((*path, key)),
                        location=_where(key_node),
                        message=f"字段“{key}”写了两次，后一处会覆盖前一处：请删除或合并重复的一处。",
                    )
                )
            result[key] = self.convert(value_node, (*path, key))
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        """A scalar as Python value; floats become Decimal from their written digits."""
        if node.tag == _STR_TAG:
            return node.value  # what the safe loader's string constructor gives a scalar node
        if node.tag == _FLOAT_TAG:
            try:
                return limits.clamped(Decimal(str(node.value).replace("_", "")))
            except InvalidOperation:
                pass  # .inf / .nan: let validation reject the float
        constructor = yaml.SafeLoader.yaml_constructors.get(node.tag)
        if constructor is None or node.tag == _MERGE_TAG:
            return node.value
        try:
            return constructor(_CONSTRUCTOR, node)
        except Exception:  # PyYAML's constructors raise ValueError, KeyError, TypeError … on a bad value
            if _RESOLVE(yaml.ScalarNode, node.value, (True, False)) == node.tag:
                return node.value  # e.g. the impossible date 2025-13-01: validation explains it
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.issues.append(
                Issue(
                    path="",
                    location=_where(node),
                    message=(f"取值“{str(node.value)[:40]}”不能按标签 {tag[:40]} 读取：请删去标签，或改正取值。"),
                )
            )
            return node.value
