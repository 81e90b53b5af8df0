"""reportgen: 绩效自评报告 (performance self-evaluation reports) from structured data.

Public API::

    from reportgen import load, Renderer, RenderOptions, build_report

    checked = load(Path("自评数据.yaml"))      # read, validate, compute, check
    checked.errors, checked.warnings, checked.figures
    data = Renderer(RenderOptions(template="hunan")).render(checked)   # .docx bytes
    build_report(Path("自评数据.yaml"), Path("报告.docx"))            # all of it, atomically
"""

from reportgen._version import __version__
from reportgen.api import Checked, Renderer, RenderOptions, build_report, check_data, load, write_atomic
from reportgen.errors import DataError, Issue, OutputError, ReportgenError, Severity, StyleError, TemplateError

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
