"""Whatever goes wrong inside a template → one :class:`TemplateError` naming the template
file and line: syntax errors, missing or refused includes, undefined data, sandbox
refusals, exceeded budgets, runaway recursion and runtime errors such as a division by zero.

Runtime errors carry the line through Jinja's debug support: it rewrites the traceback so
that template frames have the template's file name and line; the innermost such frame is
where the template went wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

import jinja2
from jinja2.exceptions import SecurityError

from reportgen.errors import TemplateError
from reportgen.render.narrative.budget import LimitExceeded
from reportgen.render.narrative.loader import TemplateRefused

_SUFFIX = ".jinja"


def template_error(exc: BaseException, chapter: str, folders: Sequence[Path]) -> TemplateError:
    """The error to show for ``exc``, raised while loading or rendering ``chapter``."""
    name, line = _where(exc, chapter, folders)
    at = f"模板“{name}”第{line}行" if line else f"模板“{name}”"
    if isinstance(exc, TemplateRefused) and line is None:
        return TemplateError(f"{exc.reason}。")
    if isinstance(exc, RecursionError) and line is None:  # while compiling, not running
        return TemplateError(f"{at}：括号或 if、for 等语句嵌套的层数过多，无法读取；请减少嵌套。")
    return TemplateError(f"{at}：{_reason(exc).rstrip('。.')}。")


def _where(exc: BaseException, chapter: str, folders: Sequence[Path]) -> tuple[str, int | None]:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return exc.name or _name(exc.filename, folders) or chapter, exc.lineno
    frame: tuple[str, int] | None = None
    tb: TracebackType | None = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(_SUFFIX):
            frame = (filename, tb.tb_lineno)
        tb = tb.tb_next
    if frame is None:
        return chapter, None
    return _name(frame[0], folders) or chapter, frame[1]


def _name(filename: str | None, folders: Sequence[Path]) -> str:
    """A template's name as templates refer to it: its path inside its folder."""
    if not filename:
        return ""
    path = Path(filename)
    for folder in folders:
        if path.is_relative_to(folder):
            return path.relative_to(folder).as_posix()
    return path.name


def _reason(exc: BaseException) -> str:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"语法错误：{exc.message}"
    if isinstance(exc, LimitExceeded):
        return f"{exc.reason}（请检查模板中的循环、重复和拼接是否过大或没有结束）"
    if isinstance(exc, TemplateRefused):
        return exc.reason
    if isinstance(exc, jinja2.TemplateNotFound):
        names = exc.templates if isinstance(exc, jinja2.TemplatesNotFound) else [exc.name]
        return f"找不到被引用的模板“{'”或“'.join(map(str, names))}”：只能引用模板目录中的文件，请检查文件名"
    if isinstance(exc, jinja2.UndefinedError):
        return f"引用了不存在的数据：{exc.message}"
    if isinstance(exc, SecurityError):
        return f"执行了不允许的操作：{exc}"
    if isinstance(exc, RecursionError):
        return "模板或宏调用自身的层数过多（递归），已停止；请检查 include、import 或宏是否引用了自己"
    if isinstance(exc, ZeroDivisionError):
        return "除数为零，请先判断除数不为零再做除法"
    if isinstance(exc, MemoryError):
        return "内存不足，已停止"
    if isinstance(exc, ArithmeticError):
        return f"计算出错（{exc}）"
    if isinstance(exc, TypeError | ValueError | LookupError | AttributeError):
        return f"数据的类型或取值不符合模板的用法（{type(exc).__name__}: {exc}）"
    return f"执行出错（{type(exc).__name__}: {exc}）"
