"""The text boundary: every string of the data (values and keys) is checked once, before use.

A text may not hold a character that XML cannot hold (:mod:`reportgen.textchars`), since it
would make the written document invalid, and may not be longer than ``limits.MAX_TEXT``.
The issue names the field, the character and where it is in the text.
"""

from __future__ import annotations

from typing import Any

from reportgen.data.labels import label_for
from reportgen.data.raw import PathKey, RawData, format_path
from reportgen.errors import Issue
from reportgen.support import limits
from reportgen.textchars import ILLEGAL, described


def text_issues(raw: RawData) -> list[Issue]:
    """One issue per text of ``raw.data`` that holds an illegal character or is too long."""
    if not _any_problem(raw.data):
        return []
    issues: list[Issue] = []
    stack: list[tuple[Any, PathKey]] = [(raw.data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and (problem := _problem(key)):
                    issues.append(_issue(raw, (*path, key), f"字段名{problem}"))
                stack.append((item, (*path, key)))
        elif isinstance(value, list):
            stack.extend((item, (*path, index)) for index, item in enumerate(value))
        elif isinstance(value, str) and (problem := _problem(value)):
            issues.append(_issue(raw, path, problem))
    return sorted(issues, key=lambda issue: issue.path)


def _any_problem(data: Any) -> bool:
    """Whether some text of ``data`` is too long or holds an illegal character: all texts are
    gathered first and searched as one, the paths only made when there is something to report."""
    texts: list[str] = []
    stack: list[Any] = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            texts.extend(key for key in value if isinstance(key, str))
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, str):
            texts.append(value)
    return max(map(len, texts), default=0) > limits.MAX_TEXT or ILLEGAL.search("".join(texts)) is not None


def _problem(text: str) -> str:
    if len(text) > limits.MAX_TEXT:
        return f"过长（{len(text)} 个字符，最多 {limits.MAX_TEXT} 个）：请删减或检查是否粘贴了多余内容。"
    found = ILLEGAL.search(text)
    if found is None:
        return ""
    return (
        f"包含{described(found.group())}（第{found.start() + 1}个字符处）："
        "这类字符通常是从其他软件复制时带入的，请删除该字符后再试。"
    )


def _issue(raw: RawData, path: PathKey, message: str) -> Issue:
    return Issue(path=format_path(path), message=message, label=label_for(path), location=raw.locate(path))
