"""Checked data to a report: the render options, the renderer and the commands that write reports."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportgen.api.checking import Checked, check_data, load
from reportgen.api.options import RenderOptions as RenderOptions  # its home before api.options
from reportgen.data.model import Report
from reportgen.data.sources import RawData, read_data
from reportgen.data.vocabulary import PLACEHOLDER
from reportgen.docx.write.writer import write_docx
from reportgen.errors import (
    DataError,
    Issue,
    Severity,
)
from reportgen.figures.compute import Figures
from reportgen.figures.profiles import Profile, load_profile
from reportgen.render import blocks
from reportgen.render.narrative import Narratives, assemble
from reportgen.render.narrative.meta import require_kind
from reportgen.render.stylesheet import Stylesheet, load_stylesheet
from reportgen.render.tables import TableFrame, report_tables, table_title
from reportgen.revise.model import Origin, Subject
from reportgen.support.output import ensure_writable, write_atomic

if TYPE_CHECKING:
    from reportgen.docx.reference.load import Reference

# A 2号 title line holds about 19 characters in the 156 mm type area; longer titles are
# broken at a meaningful place (unit and year / subject) instead of wherever they overflow.
TITLE_LINE_CHARS = 19


class Renderer:
    """Templates and style loaded once; renders any number of reports."""

    def __init__(self, options: RenderOptions | None = None) -> None:
        self.options = options or RenderOptions()
        self.narratives = Narratives(self.options.template, self.options.narratives_dir)
        self.stylesheet: Stylesheet = load_stylesheet(self.options.style)
        reference = self.options.reference_docx
        self.reference: Reference | None = None
        if reference:
            from reportgen.docx.reference.load import load_reference

            self.reference = load_reference(reference)
        chosen, folder = self.options.profile, self.options.profiles_dir
        self.profile: Profile | None = load_profile(chosen, folder) if chosen else None

    def check(self, raw: RawData) -> Checked:
        """Validate and compute ``raw`` with this renderer's scoring profile."""
        return check_data(raw, self.profile, self.options.profiles_dir)

    @property
    def notices(self) -> tuple[str, ...]:
        """What the reference document could not provide (shown to the user)."""
        return self.reference.notices if self.reference else ()

    def document(self, checked: Checked) -> blocks.Document:
        """The block document of a valid, checked report."""
        if not checked.ok or checked.report is None or checked.figures is None:
            raise DataError(checked.raw.file, checked.issues)
        report, figures = checked.report, checked.figures
        require_kind(self.options.template, report.kind)
        warnings = checked.warnings
        context = template_context(report, figures, warnings, self.options.checks_appendix)
        chapters = self.narratives.render(context)
        body = assemble(chapters, report_tables(report, figures, warnings, TableFrame.of(self.stylesheet)))
        return blocks.Document(title=context["title"], blocks=tuple(body), author=report.unit.name)

    def render(self, checked: Checked) -> bytes:
        """The .docx bytes of a valid, checked report, keyed for ``reportgen update``."""
        return self.write(self.document(checked), checked)

    def preview(self, checked: Checked) -> str:
        """The HTML preview fragment of a valid, checked report, numbered by this renderer's style."""
        from reportgen.render.html import preview_html  # the web editor's, not a command's

        return preview_html(self.document(checked), self.stylesheet)

    def write(self, document: blocks.Document, checked: Checked) -> bytes:
        """The .docx bytes of ``document``, rendered from ``checked``."""
        return write_docx(document, self.stylesheet, self.reference, self.origin(checked), subject_of(checked))

    def origin(self, checked: Checked) -> Origin:
        """The data's fingerprint and the options, as stored in a draft's baseline."""
        return Origin(data_fingerprint(checked.raw), self.options.template, self.options.style)


def subject_of(checked: Checked) -> Subject:
    """Whose report valid data gives (an empty subject for data that is not valid)."""
    report = checked.report
    return Subject(report.unit.name.strip(), report.year, report.kind) if report is not None else Subject()


def unfinished(checked: Checked, document: blocks.Document) -> list[Issue]:
    """What keeps a draft from being final: missing data, and 【待补充】 left in the document
    (each with the heading it stands under)."""
    found = list(checked.missing)
    heading = "报告开头"
    for block in document.blocks:
        if isinstance(block, blocks.Heading):
            heading = block.text
        elif isinstance(block, blocks.Paragraph) and block.role in (blocks.Role.ATTACHMENT, blocks.Role.SIGNATURE):
            heading = "落款" if block.role is blocks.Role.SIGNATURE else block.text
        texts = (
            [c.text for r in block.rows for c in r.cells]
            if isinstance(block, blocks.Table)
            else [block.text]
            if isinstance(block, blocks.Paragraph | blocks.Heading)
            else []
        )
        found += [
            Issue("", f"“{heading}”下仍有{hit}", Severity.MISSING)
            for text in texts
            for hit in PLACEHOLDER.findall(text)
        ]
    return found


def refuse_unfinished(file: str, checked: Checked, document: blocks.Document) -> None:
    """Raise a :class:`DataError` listing what is unfinished, for ``render --final``."""
    left = unfinished(checked, document)
    if left:
        raise DataError(file, left, "定稿")


def data_fingerprint(raw: RawData) -> str:
    """A hash of the data's values, the same whichever file format held them."""
    text = json.dumps(raw.data, default=str, sort_keys=True, ensure_ascii=False)
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def template_context(
    report: Report, figures: Figures, warnings: list[Issue], show_checks: bool = True
) -> dict[str, Any]:
    """What chapter templates see. Templates format these values; they never compute."""
    if report.kind == "department":
        subject = "部门整体支出"
        title_lines = (f"{report.unit.display_name}{report.year}年度", "部门整体支出绩效自评报告")
    else:
        assert report.project is not None
        subject = "项目支出"
        name = report.project.name or "【待补充：项目名称】"
        # "2020年法律援助资金" already says its year: no "2020年度" a second time
        year_said = name.startswith(f"{report.year}年")
        title_lines = (name, "绩效自评报告" if year_said else f"{report.year}年度绩效自评报告")
    title = "".join(title_lines)
    return {
        "report": report,
        "fig": figures,
        "unit": report.unit,
        "year": report.year,
        "money": figures.unit,
        "places": figures.score_places,
        "subject": subject,
        "title": title,
        "title_lines": title_lines if len(title) > TITLE_LINE_CHARS else (title,),
        "table_title": table_title(report),
        "warnings": warnings if show_checks else [],
    }


def build_report(data: Path, output: Path, options: RenderOptions | None = None, force: bool = False) -> Checked:
    """Read, check and render ``data`` to ``output`` (atomically). Returns the checked data."""
    return render_report(data, output, options, force=force)


def _ignore(_: Any) -> None:
    """The default observer: a library caller need not watch."""


def render_report(
    data: Path,
    output: Path,
    options: RenderOptions | None = None,
    *,
    force: bool = False,
    final: bool = False,
    also: tuple[Path, ...] = (),
    on_notice: Callable[[str], None] = _ignore,
    on_checked: Callable[[Checked], None] = _ignore,
) -> Checked:
    """``render``: read, check and render ``data`` to ``output``; returns the checked data.

    ``on_notice`` hears what the reference document cannot provide, ``on_checked`` gets the
    checked data before anything is refused, so a caller can show notices and issues in order.
    ``final`` refuses a report that is still a draft (:func:`refuse_unfinished`). ``also``
    names files the caller writes next from the report (its PDF): they are refused, like
    ``output``, before anything is written.
    """
    renderer = Renderer(options)
    for notice in renderer.notices:
        on_notice(notice)
    checked = load(data, renderer.profile, renderer.options.profiles_dir)
    on_checked(checked)
    if not checked.ok:
        raise DataError(str(data), checked.issues)
    document = renderer.document(checked)
    if final:
        refuse_unfinished(str(data), checked, document)
    for path in (output, *also):
        ensure_writable(path, force)
    write_atomic(output, renderer.write(document, checked), force=force)
    return checked


@dataclass(frozen=True)
class Rendered:
    """One unit of a batch rendered: its checked data, and its report when the data is valid."""

    checked: Checked
    docx: bytes | None


def render_unit(renderer: Renderer, source: RawData | Path) -> Rendered:
    """Check and render one unit (raw data, or a data file read here) with a loaded renderer."""
    checked = renderer.check(source if isinstance(source, RawData) else read_data(source))
    return Rendered(checked, renderer.render(checked) if checked.ok else None)
