"""Loading template files: only from inside the template folders, only UTF-8, only small.

A file (or a symbolic link) that resolves outside the folder it was found in is refused,
whether it is a chapter or reached by ``{% include %}`` / ``{% import %}``, so a template
folder cannot make reportgen print other local files into a report.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path

MAX_TEMPLATE_BYTES = 1_000_000  # built-in templates are a few KB each


class TemplateRefused(jinja2.TemplateError):
    """A template file that exists but may not be used; ``reason`` says why, in Chinese."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(reason)
        self.name = name
        self.reason = reason


class FolderLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that refuses files resolving outside their folder and non-UTF-8."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for folder in self.searchpath:
            candidate = Path(folder, *pieces)
            if not os.path.lexists(candidate):
                continue
            resolved = candidate.resolve()
            if not resolved.is_relative_to(Path(folder).resolve()):
                raise TemplateRefused(
                    template,
                    f"模板“{template}”指向模板目录以外的文件，已拒绝读取"
                    "（模板只能使用模板目录中的文件，不能是指向别处的链接）",
                )
            if resolved.is_file():
                return _read(template, resolved), str(candidate), _unchanged(resolved)
        raise jinja2.TemplateNotFound(template)


def _read(name: str, path: Path) -> str:
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_TEMPLATE_BYTES + 1)
    except OSError as exc:
        raise TemplateRefused(name, f"无法读取模板“{name}”：{exc.strerror}") from None
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateRefused(name, f"模板“{name}”超过{MAX_TEMPLATE_BYTES:,}字节，不像是报告模板，已拒绝读取")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise TemplateRefused(
            name,
            f"模板“{name}”第{line}行不是 UTF-8 编码的文字；请用 UTF-8 编码另存该文件（记事本、WPS 另存为时选择 UTF-8）",
        ) from None


def _unchanged(path: Path) -> Callable[[], bool]:
    mtime = path.stat().st_mtime

    def uptodate() -> bool:
        try:
            return path.stat().st_mtime == mtime
        except OSError:
            return False

    return uptodate
