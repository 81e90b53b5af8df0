"""The pipeline: the only module that chains the stages (read → validate → compute →
narrate → parse → write). The CLI and library users call these functions.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportgen import blocks
from reportgen.checks import check
from reportgen.compute import Figures, compute
from reportgen.docxwriter import Reference, load_reference, write_docx
from reportgen.errors import (
    DataError,
    Issue,
    ReportgenError,
    Severity,
    StyleError,
    TemplateError,
    errors_of,
    missing_of,
    warnings_of,
)
from reportgen.model import Report
from reportgen.narrative import Narratives, assemble, available_templates
from reportgen.narrative.meta import require_kind
from reportgen.output import ensure_writable, write_atomic
from reportgen.profiles import Profile, ProfileError, load_profile
from reportgen.revise.model import Origin
from reportgen.selftable import table_title
from reportgen.sources import RawData, read_data
from reportgen.stylesheet import Stylesheet, available_styles, load_stylesheet
from reportgen.tables import report_tables
from reportgen.validate import validate

if TYPE_CHECKING:  # update and check load their modules when called: rendering does not need them
    from reportgen.docxwriter.draft import Draft
    from reportgen.revise.check import Finding
    from reportgen.revise.plan import Plan

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
    def missing(self) -> list[Issue]:
        """What a draft still lacks (尚未填写)."""
        return missing_of(self.issues)

    @property
    def ok(self) -> bool:
        return not self.errors and self.report is not None


def check_data(raw: RawData, profile: Profile | None = None, profiles_dir: Path | None = None) -> Checked:
    """Validate raw data and compute its figures; never raises for bad content.

    The scoring profile is ``profile`` (the command line's), else the one the data names
    (``scoring.profile``: a name looked up in ``profiles_dir`` and the built-in profiles,
    never a path), else the default.
    """
    report, issues = validate(raw)
    if report is None or errors_of(issues):
        return Checked(raw, None, None, issues)
    named = report.scoring.profile
    try:
        chosen = profile or (load_profile(named, profiles_dir, allow_file=False) if named else None)
    except ProfileError as exc:
        return Checked(raw, None, None, [*issues, Issue("scoring.profile", exc.message, Severity.ERROR,
                                                          "评分规则方案", raw.locate(("scoring", "profile")))])
    figures = compute(report, profile=chosen)
    return Checked(raw, report, figures, issues + check(report, figures, raw))


def load(path: Path, profile: Profile | None = None, profiles_dir: Path | None = None) -> Checked:
    """Read and check a data file (YAML, JSON, Excel). Unreadable files raise :class:`DataError`."""
    return check_data(read_data(path), profile, profiles_dir)


@dataclass(frozen=True)
class RenderOptions:
    """What a rendered report looks like."""

    template: str = "standard"
    narratives_dir: Path | None = None
    style: str = "gbt9704"
    checks_appendix: bool = True
    reference_docx: Path | None = None
    profile: str | None = None  # scoring profile: a name, or a .yaml file; None: the data's own or the default
    profiles_dir: Path | None = None  # user profiles, searched before the built-in ones


class Renderer:
    """Templates and style loaded once; renders any number of reports."""

    def __init__(self, options: RenderOptions | None = None) -> None:
        self.options = options or RenderOptions()
        self.narratives = Narratives(self.options.template, self.options.narratives_dir)
        self.stylesheet: Stylesheet = load_stylesheet(self.options.style)
        reference = self.options.reference_docx
        self.reference: Reference | None = load_reference(reference) if reference else None
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
        body = assemble(chapters, report_tables(report, figures, warnings))
        return blocks.Document(title=context["title"], blocks=tuple(body), author=report.unit.name)

    def render(self, checked: Checked) -> bytes:
        """The .docx bytes of a valid, checked report, keyed for ``reportgen update``."""
        return self.write(self.document(checked), checked)

    def write(self, document: blocks.Document, checked: Checked) -> bytes:
        """The .docx bytes of ``document``, rendered from ``checked``."""
        return write_docx(document, self.stylesheet, self.reference, self.origin(checked))

    def origin(self, checked: Checked) -> Origin:
        """The data's fingerprint and the options, as stored in a draft's baseline."""
        return Origin(data_fingerprint(checked.raw), self.options.template, self.options.style)


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
        texts = ([c.text for r in block.rows for c in r.cells] if isinstance(block, blocks.Table)
                 else [block.text] if isinstance(block, blocks.Paragraph | blocks.Heading) else [])
        found += [Issue("", f"“{heading}”下仍有{hit}", Severity.MISSING)
                  for text in texts for hit in blocks.PLACEHOLDER.findall(text)]
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


def template_context(report: Report, figures: Figures, warnings: list[Issue],
                     show_checks: bool = True) -> dict[str, Any]:
    """What chapter templates see. Templates format these values; they never compute."""
    if report.kind == "department":
        subject = "部门整体支出"
        title_lines = (f"{report.unit.display_name}{report.year}年度", "部门整体支出绩效自评报告")
    else:
        assert report.project is not None
        subject = "项目支出"
        name = report.project.name
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


def build_report(data: Path, output: Path, options: RenderOptions | None = None,
                 force: bool = False) -> Checked:
    """Read, check and render ``data`` to ``output`` (atomically). Returns the checked data."""
    checked = load(data)
    if not checked.ok:
        raise DataError(str(data), checked.issues)
    write_atomic(output, Renderer(options).render(checked), force=force)
    return checked


@dataclass(frozen=True)
class Updated:
    """What ``update`` did: the plan carried out, and changes that became comments instead."""

    checked: Checked
    plan: Plan
    fallbacks: int


def update_report(data: Path, edited: Path, output: Path, options: RenderOptions | None = None,
                  force: bool = False) -> Updated:
    """Render ``data`` and merge it into the edited draft ``edited``, writing ``output``.

    Untouched paragraphs get the new text as tracked changes, edited ones keep the
    editor's text with a comment (see :mod:`reportgen.revise.merge`). Where ``options``
    leave the template or style empty (or are None), the draft's own are used.
    """
    from reportgen.docxwriter.draft import read_draft
    from reportgen.docxwriter.revision import apply_plan, revision_date
    from reportgen.revise.merge import merge

    draft = _draft(edited)
    assert draft.baseline is not None
    checked = _valid(data)
    assert checked.report is not None
    fresh = read_draft(_renderer(options, draft.baseline.origin).render(checked))
    assert fresh.baseline is not None
    plan = merge(draft.baseline, draft.blocks, fresh.baseline)
    revised, fallbacks = apply_plan(draft, fresh, plan, revision_date(checked.report.year))
    write_atomic(output, revised, force=force)
    return Updated(checked, plan, fallbacks)


def check_report(docx: Path, data: Path | None = None, options: RenderOptions | None = None) -> list[Finding]:
    """What the draft ``docx`` still needs: placeholders, open comments and, with ``data``,
    figures typed by hand that contradict the data (see :mod:`reportgen.revise.check`)."""
    from reportgen.revise.check import Computed
    from reportgen.revise.check import check as check_draft

    draft = _draft(docx, need_baseline=False)
    computed = None
    if data is not None:
        checked = _valid(data)
        options = options or RenderOptions(template="")  # the style changes no text: never the recorded one
        document = _renderer(options, draft.baseline.origin if draft.baseline else Origin()).document(checked)
        texts = [b.text for b in document.blocks if isinstance(b, blocks.Paragraph | blocks.Heading)]
        cells = [c.text for b in document.blocks if isinstance(b, blocks.Table) for r in b.rows for c in r.cells]
        computed = Computed.of(texts, cells, data_fingerprint(checked.raw))
    return check_draft(draft.blocks, draft.baseline, draft.comments, computed)


def _renderer(options: RenderOptions | None, origin: Origin) -> Renderer:
    """A renderer with ``options``; an empty template or style is the one the draft was made with.

    The draft's record is data, never a path: only built-in names are taken from it.
    """
    options = options or RenderOptions(template="", style="")
    template = options.template or _builtin(origin.template, available_templates(), "报告模板", "--template")
    style = options.style or _builtin(origin.style, available_styles(), "版式", "--style")
    return Renderer(replace(options, template=template or "standard", style=style or "gbt9704"))


def _builtin(recorded: str, known: list[str], what: str, option: str) -> str:
    """A name recorded in a draft, if it is one of the built-in ``known`` ones ("" if none)."""
    if not recorded or recorded in known:
        return recorded
    error = TemplateError if option == "--template" else StyleError
    raise error(f"草稿中记录的{what}不是内置的{what}（{'、'.join(known)}），可能是用自定义{what}生成的，"
                f"或草稿被改动过。请用 {option} 明确指定{what}。")


def _valid(data: Path) -> Checked:
    checked = load(data)
    if not checked.ok:
        raise DataError(str(data), checked.issues)
    return checked


def _draft(path: Path, need_baseline: bool = True) -> Draft:
    from reportgen.archive import read_file
    from reportgen.docxwriter.draft import read_draft

    try:
        draft = read_draft(read_file(path))
    except FileNotFoundError:
        raise ReportgenError(f"找不到文件 {path}。") from None
    except (OSError, ValueError) as exc:
        raise ReportgenError(f"无法读取 {path}：{exc}") from None
    if need_baseline and draft.baseline is None:
        raise ReportgenError(f"{path} 中没有 reportgen 的生成记录（不是由支持 update 的 reportgen 版本生成，"
                             "或记录已被删除），无法更新。请用 reportgen render 重新生成报告。")
    return draft


__all__ = [
    "Checked",
    "RenderOptions",
    "Renderer",
    "Severity",
    "Updated",
    "build_report",
    "check_data",
    "check_report",
    "ensure_writable",
    "load",
    "refuse_unfinished",
    "template_context",
    "unfinished",
    "update_report",
    "write_atomic",
]
