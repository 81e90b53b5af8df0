"""Errors to exit codes, in one place.

Exit codes: 0 success; 1 invalid data (or warnings with ``--strict``, a failed unit of a
batch, a document with nothing to import, inconsistencies ``review`` found); 2 usage, template,
style or output problems; 70 an internal error (a defect of reportgen, said in Chinese, never
as a traceback); 130 a batch interrupted by Ctrl-C.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import typer

from reportgen.errors import DataError, ReportgenError

F = TypeVar("F", bound=Callable[..., Any])

INVALID_DATA = 1
UNUSABLE = 2
INTERNAL = 70  # EX_SOFTWARE of sysexits.h
INTERRUPTED = 130
_DETAIL_CHARS = 300


def friendly(func: F) -> F:
    """Turn every :class:`ReportgenError` into a Chinese message and an exit code, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DataError as exc:
            typer.echo(exc.render(), err=True)
            raise typer.Exit(INVALID_DATA) from None
        except ReportgenError as exc:
            typer.echo(f"错误：{exc.message}", err=True)
            raise typer.Exit(UNUSABLE) from None

    return wrapper  # type: ignore[return-value]


def fail(code: int = INVALID_DATA) -> typer.Exit:
    """The exit of a command that ran but found problems (already reported)."""
    return typer.Exit(code)


def internal(exc: Exception) -> int:
    """Say that reportgen itself failed, in Chinese and without a traceback; the exit code."""
    detail = str(exc)[:_DETAIL_CHARS]
    typer.echo(
        f"内部错误：{type(exc).__name__}: {detail}。这是 reportgen 的缺陷，不是数据的问题；"
        "请把所用的命令、数据文件和这条信息报告给开发者。",
        err=True,
    )
    return INTERNAL
