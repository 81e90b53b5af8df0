"""Errors to exit codes, in one place.

Exit codes: 0 success; 1 invalid data (or warnings with ``--strict``, a failed unit of a
batch, a document with nothing to import, inconsistencies ``review`` found); 2 usage, template,
style or output problems; 130 a batch interrupted by Ctrl-C.
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
INTERRUPTED = 130


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
