"""The pipeline: the only module that chains the stages (read → validate → compute →
narrate → parse → write). The CLI and library users call these functions.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen import blocks
from reportgen.checks import check
from reportgen.compute import Figures, compute
from reportgen.docxwriter import Reference, load_reference, write_docx
from reportgen.errors import DataError, Issue, OutputError, Severity, errors_of, warnings_of
from reportgen.model import Report
from reportgen.narrative import Narratives, assemble
from reportgen.selftable import table_title
from reportgen.sources import RawData, read_data
from reportgen.stylesheet import Stylesheet, load_stylesheet
from reportgen.tables import report_tables
from reportgen.validate import validate

# A 2号 title line holds about 19 characters in the 156 mm type area; longer titles are
# broken at a meaningful place (unit and year / subject) instead of wherever they overflow.
TITLE_LINE_CHARS = 19


@dataclass(frozen=True)
class Checked:
    """A data file after validation: the model and figures when valid, and every issue."""

    raw: RawData
    report: Report | None
    figures: Figures | None
    issues: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return errors_of(self.issues)

    @property
    def warnings(self) -> list[Issue]:
        return warnings_of(self.issues)

    @property
    def ok(self) -> bool:
        return not self.errors


def check_data(raw: RawData) -> Checked:
    """Validate raw data and compute its figures; never raises for bad content."""
    report, issues = validate(raw)
    if report is None or errors_of(issues):
        return Checked(raw, None, None, issues)
    figures = compute(report)
    return Checked(raw, report, figures, issues + check(report, figures, raw))


def load(path: Path) -> Checked:
    """Read and check a data file (YAML, JSON, Excel). Unreadable files raise :class:`DataError`."""
    return check_data(read_data(path))


@dataclass(frozen=True)
class RenderOptions:
    """What a rendered report looks like."""

    template: str = "standard"
    narratives_dir: Path | None = None
    style: str = "gbt9704"
    checks_appendix: bool = True
    reference_docx: Path | None = None


class Renderer:
    """Templates and style loaded once; renders any number of reports."""

    def __init__(self, options: RenderOptions | None = None) -> None:
        self.options = options or RenderOptions()
        self.narratives = Narratives(self.options.template, self.options.narratives_dir)
        self.stylesheet: Stylesheet = load_stylesheet(self.options.style)
        reference = self.options.reference_docx
        self.reference: Reference | None = load_reference(reference) if reference else None

    @property
    def notices(self) -> tuple[str, ...]:
        """What the reference document could not provide (shown to the user)."""
        return self.reference.notices if self.reference else ()

    def document(self, checked: Checked) -> blocks.Document:
        """The block document of a valid, checked report."""
        if checked.report is None or checked.figures is None:
            raise DataError(checked.raw.file, checked.issues)
        report, figures = checked.report, checked.figures
        warnings = checked.warnings
        context = template_context(report, figures, warnings, self.options.checks_appendix)
        chapters = self.narratives.render(context)
        body = assemble(chapters, report_tables(report, figures, warnings))
        return blocks.Document(title=context["title"], blocks=tuple(body), author=report.unit.name)

    def render(self, checked: Checked) -> bytes:
        """The .docx bytes of a valid, checked report."""
        return write_docx(self.document(checked), self.stylesheet, self.reference)


def template_context(report: Report, figures: Figures, warnings: list[Issue],
                     show_checks: bool = True) -> dict[str, Any]:
    """What chapter templates see. Templates format these values; they never compute."""
    if report.kind == "department":
        subject = "部门整体支出"
        title_lines = (f"{report.unit.display_name}{report.year}年度", "部门整体支出绩效自评报告")
    else:
        assert report.project is not None
        subject = "项目支出"
        title_lines = (f"{report.project.name}", f"{report.year}年度绩效自评报告")
    title = "".join(title_lines)
    return {
        "report": report,
        "fig": figures,
        "unit": report.unit,
        "year": report.year,
        "money": figures.unit,
        "subject": subject,
        "title": title,
        "title_lines": title_lines if len(title) > TITLE_LINE_CHARS else (title,),
        "table_title": table_title(report),
        "warnings": warnings if show_checks else [],
    }


def build_report(data: Path, output: Path, options: RenderOptions | None = None,
                 force: bool = False) -> Checked:
    """Read, check and render ``data`` to ``output`` (atomically). Returns the checked data."""
    checked = load(data)
    if not checked.ok:
        raise DataError(str(data), checked.issues)
    write_atomic(output, Renderer(options).render(checked), force=force)
    return checked


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()


def write_atomic(path: Path, data: bytes, force: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    An existing file is replaced only with ``force``; a reader never sees half a file.
    """
    if path.exists() and not force:
        raise OutputError(f"{path} 已存在：如需覆盖，请加 --force；或用 -o 指定其他文件名。")
    if not path.parent.is_dir():
        raise OutputError(f"输出目录 {path.parent} 不存在，请先创建。")
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    Path(temp).chmod(_FILE_MODE)  # mkstemp makes 0600; a report is an ordinary file
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temp).replace(path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


__all__ = ["Checked", "RenderOptions", "Renderer", "Severity", "build_report", "check_data",
           "load", "template_context", "write_atomic"]
