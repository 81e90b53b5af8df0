"""reportgen: 绩效自评报告 (performance self-evaluation reports) from structured data.

Public API::

    from reportgen import load, Renderer, RenderOptions, build_report

    checked = load(Path("自评数据.yaml"))      # read, validate, compute, check
    checked.errors, checked.warnings, checked.figures
    data = Renderer(RenderOptions(template="hunan")).render(checked)   # .docx bytes
    build_report(Path("自评数据.yaml"), Path("报告.docx"))            # all of it, atomically

The pipeline's names are loaded from :mod:`reportgen.api` on first use (PEP 562), so that
importing a part of reportgen (``reportgen.data.values``, the command line's ``--help``)
does not load Jinja, lxml, pydantic, markdown-it, python-docx and openpyxl.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportgen._version import __version__
from reportgen.errors import DataError, Issue, OutputError, ReportgenError, Severity, StyleError, TemplateError

if TYPE_CHECKING:
    from reportgen.api import Checked, Renderer, RenderOptions, build_report, check_data, load, write_atomic

_API = frozenset({"Checked", "RenderOptions", "Renderer", "build_report", "check_data", "load", "write_atomic"})

__all__ = [
    "Checked",
    "DataError",
    "Issue",
    "OutputError",
    "RenderOptions",
    "Renderer",
    "ReportgenError",
    "Severity",
    "StyleError",
    "TemplateError",
    "__version__",
    "build_report",
    "check_data",
    "load",
    "write_atomic",
]


def __getattr__(name: str) -> Any:
    if name in _API:
        from reportgen import api

        return getattr(api, name)
    raise AttributeError(f"module 'reportgen' has no attribute {name!r}")
