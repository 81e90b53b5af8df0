"""Editors' drafts: update a draft after a data change, list what a draft still needs.

The file entries (``update_report``, ``check_report``) serve the CLI; the byte entries
(``read_draft_bytes``, ``update_draft``, ``check_draft``) serve the web application, with
the same refusals: a file that is no .docx (:class:`DraftRefused`, with a ``reason`` a caller
may word its own way), and a draft of another unit, year or kind than the data
(:class:`OtherSubject`, unless the caller lets it through).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from reportgen.api.checking import Checked, load
from reportgen.api.rendering import Renderer, RenderOptions, data_fingerprint, subject_of
from reportgen.errors import (
    DataError,
    ReportgenError,
    StyleError,
    TemplateError,
)
from reportgen.render import blocks
from reportgen.render.narrative import available_templates
from reportgen.render.stylesheet import available_styles
from reportgen.revise.model import Origin, Subject
from reportgen.support.output import write_atomic

if TYPE_CHECKING:  # update and check load their modules when called: rendering does not need them
    from reportgen.docx.draft.read import Draft
    from reportgen.revise.findings import Finding
    from reportgen.revise.plan import Plan


Refusal = Literal["old_word", "unreadable", "not_reportgen", "baseline_removed"]
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of .doc (and .wps, .xls)
_KIND_NAMES = {"department": "部门整体支出", "project": "项目支出"}


class DraftRefused(ReportgenError):
    """A file that ``update`` (or ``check``) cannot use as a draft, and why (``reason``)."""

    def __init__(self, reason: Refusal, message: str) -> None:
        super().__init__(message)
        self.reason: Refusal = reason


class OtherSubject(ReportgenError):
    """The draft is the report of another unit, year or kind than the data: updating it would
    rewrite it into another report. ``draft`` and ``data`` say whose each is."""

    def __init__(self, draft: Subject, data: Subject) -> None:
        self.draft, self.data = describe(draft), describe(data)
        super().__init__(f"修改稿是{self.draft}的报告，当前数据是{self.data}的。")


def describe(subject: Subject) -> str:
    """E.g. ``某县司法局 2024 年度部门整体支出``."""
    return f"{subject.unit} {subject.year} 年度{_KIND_NAMES.get(subject.kind, subject.kind)}"


def same_subject(draft: Subject, data: Subject) -> bool:
    """Whether a draft and data are one report: same unit (its full name, spaces aside), year
    and kind. A draft that does not record its subject (made by an older reportgen) is taken
    as the same."""
    if not draft.known or not data.known:
        return True
    return (" ".join(draft.unit.split()), draft.year, draft.kind) == (" ".join(data.unit.split()), data.year, data.kind)


@dataclass(frozen=True)
class Updated:
    """What ``update`` did: the plan carried out, and changes that became comments instead."""

    checked: Checked
    plan: Plan
    fallbacks: int

    @property
    def revised(self) -> int:
        """Paragraphs and tables given the new data as tracked changes."""
        from reportgen.revise.plan import Replace, ReviseTable

        return self.plan.count(Replace) + self.plan.count(ReviseTable) - self.fallbacks

    @property
    def inserted(self) -> int:
        from reportgen.revise.plan import Insert

        return self.plan.count(Insert)

    @property
    def deleted(self) -> int:
        from reportgen.revise.plan import Delete

        return self.plan.count(Delete)

    @property
    def comments(self) -> int:
        """Changes given as comments: on paragraphs the editor changed, and where a revision could not be made."""
        from reportgen.revise.plan import Annotate

        return self.plan.count(Annotate) + self.fallbacks

    @property
    def summary(self) -> str:
        """E.g. ``修订 3 处，新增 1 处，删除 0 处，批注 2 条``."""
        return f"修订 {self.revised} 处，新增 {self.inserted} 处，删除 {self.deleted} 处，批注 {self.comments} 条"


@dataclass(frozen=True)
class Revision:
    """A draft updated in memory: the revised .docx and what was done."""

    content: bytes
    updated: Updated


def update_report(
    data: Path,
    edited: Path,
    output: Path,
    options: RenderOptions | None = None,
    force: bool = False,
    other_subject: bool = False,
) -> Updated:
    """Render ``data`` and merge it into the edited draft ``edited``, writing ``output``.

    Untouched paragraphs get the new text as tracked changes, edited ones keep the
    editor's text with a comment (see :mod:`reportgen.revise.merge`). Where ``options``
    leave the template or style empty (or are None), the draft's own are used. A draft of
    another unit, year or kind than ``data`` is refused (:class:`OtherSubject`) unless
    ``other_subject``.
    """
    draft = _draft(edited)
    assert draft.baseline is not None
    renderer = _renderer(options, draft.baseline.origin)
    checked = _valid(data, renderer)
    revision = _update(draft, checked, renderer, other_subject)
    write_atomic(output, revision.content, force=force)
    return revision.updated


def read_draft_bytes(content: bytes, name: str = "修改稿") -> Draft:
    """The draft in ``content`` (``name`` for messages); :class:`DraftRefused` when it is no
    .docx, or no .docx that reportgen made (:func:`refuse_unkeyed`). Bounded like every package."""
    from reportgen.docx.draft.read import read_draft

    if content.startswith(_OLE2):
        raise DraftRefused(
            "old_word", f"{name} 是旧版 Word 文档（.doc）或 WPS 文档（.wps）：请在 Word/WPS 中另存为 .docx 后再试。"
        )
    try:
        return read_draft(content)
    except ValueError as exc:
        raise DraftRefused("unreadable", f"无法读取 {name}：{exc}") from None


def refuse_unkeyed(draft: Draft, name: str = "修改稿") -> None:
    """:class:`DraftRefused` for a draft ``update`` cannot update: one without the baseline
    reportgen stores, told apart by its hidden bookmarks (a reportgen draft whose record was
    removed) from a document reportgen did not make."""
    reason = unkeyed(draft)
    if reason is None:
        return
    if reason == "baseline_removed":
        raise DraftRefused(
            "baseline_removed",
            f"{name} 是 reportgen 生成的，但其中的生成记录（文档内的 customXml 部件）已被删除或损坏，"
            "无法判断哪些段落是生成的、哪些经过编辑，因此不能更新。请用原来的修改稿（或其备份）再试；"
            "也可以按当前数据重新生成报告，把编辑过的内容复制过去。",
        )
    raise DraftRefused(
        "not_reportgen",
        f"{name} 不是由 reportgen 生成的（其中没有 reportgen 的生成记录）。update 只能更新由 reportgen "
        "生成、再经编辑修改的报告：它按生成记录找出编辑改过的段落，保留这些修改，只把数据变化写成修订。"
        "请按当前数据重新生成报告（reportgen render），在其中修改后再更新；这份文档中的内容需要手工对照。",
    )


def unkeyed(draft: Draft) -> Refusal | None:
    """Why ``draft`` has no baseline: ``baseline_removed`` (it still has reportgen's hidden
    bookmarks) or ``not_reportgen``; None when it has its baseline."""
    from reportgen.docx.keys import PREFIX
    from reportgen.ooxml.elements import w

    if draft.baseline is not None:
        return None
    marked = any(b.get(w("name"), "").startswith(PREFIX) for b in draft.root.iter(w("bookmarkStart")))
    return "baseline_removed" if marked else "not_reportgen"


def update_draft(
    content: bytes, checked: Checked, renderer: Renderer, other_subject: bool = False, name: str = "修改稿"
) -> Revision:
    """The draft in ``content`` updated to the valid ``checked`` data, rendered by ``renderer``
    (its template, style and profile are the caller's choice). Refuses like ``update_report``."""
    draft = read_draft_bytes(content, name)
    refuse_unkeyed(draft, name)
    if not checked.ok:
        raise DataError(checked.raw.file, checked.issues)
    return _update(draft, checked, renderer, other_subject)


def _update(draft: Draft, checked: Checked, renderer: Renderer, other_subject: bool) -> Revision:
    from reportgen.docx.draft.places import table_grids
    from reportgen.docx.draft.read import read_rendered
    from reportgen.docx.revision.apply import apply_plan, revision_date
    from reportgen.revise.merge import merge

    assert draft.baseline is not None and checked.report is not None
    data = subject_of(checked)
    if not other_subject and not same_subject(draft.baseline.subject, data):
        raise OtherSubject(draft.baseline.subject, data)
    fresh = read_rendered(renderer.render(checked))
    assert fresh.baseline is not None
    plan = merge(draft.baseline, draft.blocks, fresh.baseline, table_grids(fresh))
    revised, fallbacks = apply_plan(draft, fresh, plan, revision_date(checked.report.year))
    return Revision(revised, Updated(checked, plan, fallbacks))


def check_report(docx: Path, data: Path | None = None, options: RenderOptions | None = None) -> list[Finding]:
    """What the draft ``docx`` still needs: placeholders, open comments and, with ``data``,
    figures typed by hand that contradict the data (see :mod:`reportgen.revise.findings`),
    each placed under its heading path."""
    return inspect_report(docx, data, options).findings


@dataclass(frozen=True)
class DraftCheck:
    """``check`` of a draft: what still needs the editor, and reminders that need nothing."""

    findings: list[Finding]
    notes: list[str]


def inspect_report(docx: Path, data: Path | None = None, options: RenderOptions | None = None) -> DraftCheck:
    """:func:`check_report` with its reminders (:func:`check_notes`)."""
    draft = _draft(docx, need_baseline=False)
    checked = renderer = None
    if data is not None:
        options = options or RenderOptions(template="")  # the style changes no text: never the recorded one
        renderer = _renderer(options, draft.baseline.origin if draft.baseline else Origin())
        checked = _valid(data, renderer)
    return DraftCheck(_findings(draft, checked, renderer), check_notes(draft))


def check_notes(draft: Draft) -> list[str]:
    """Reminders for the editor that are no finding: the checks appendix is theirs and goes
    when ``finalize`` makes the final copy."""
    from reportgen.docx.finalize.appendix import appendix_label

    label = appendix_label(draft)
    return [f"{label}“数据核对情况”供编辑核对之用，reportgen finalize 生成定稿时会删除它。"] if label else []


def check_draft(content: bytes, checked: Checked | None = None, renderer: Renderer | None = None) -> list[Finding]:
    """``check`` of the draft in ``content``, each finding placed under its heading path;
    with valid ``checked`` data and its ``renderer``, figures are checked too."""
    draft = read_draft_bytes(content)
    usable = checked if checked is not None and checked.ok and renderer is not None else None
    return _findings(draft, usable, renderer)


def draft_findings(draft: Draft) -> list[Finding]:
    """``check`` of a draft already read, without data: placeholders and open comments."""
    return _findings(draft, None, None)


def _findings(draft: Draft, checked: Checked | None, renderer: Renderer | None) -> list[Finding]:
    """The findings of ``draft``, each placed by :func:`reportgen.docx.draft.places.block_places`;
    with the data, its figures are checked against the regenerated report (its paragraphs by key)."""
    from reportgen.docx.draft.places import block_places
    from reportgen.revise.findings import Computed
    from reportgen.revise.findings import check as check_blocks

    computed = None
    if checked is not None and renderer is not None:
        document = renderer.document(checked)
        written = [b for b in document.blocks if isinstance(b, blocks.Paragraph | blocks.Heading)]
        cells = [c.text for b in document.blocks if isinstance(b, blocks.Table) for r in b.rows for c in r.cells]
        keyed = {b.key: b.text for b in written if b.key}
        computed = Computed.of([b.text for b in written], cells, data_fingerprint(checked.raw), keyed)
    return check_blocks(draft.blocks, draft.baseline, draft.comments, computed, block_places(draft))


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
    raise error(
        f"草稿中记录的{what}不是内置的{what}（{'、'.join(known)}），可能是用自定义{what}生成的，"
        f"或草稿被改动过。请用 {option} 明确指定{what}。"
    )


def _valid(data: Path, renderer: Renderer) -> Checked:
    """``data`` checked with the renderer's scoring profile; a DataError when it is not valid."""
    checked = load(data, renderer.profile, renderer.options.profiles_dir)
    if not checked.ok:
        raise DataError(str(data), checked.issues)
    return checked


def read_draft_file(path: Path) -> Draft:
    """The draft at ``path`` (bounded), refused like :func:`read_draft_bytes`; it may lack a baseline."""
    return _draft(path, need_baseline=False)


def _draft(path: Path, need_baseline: bool = True) -> Draft:
    from reportgen.support.archive import read_file

    try:
        content = read_file(path)
    except FileNotFoundError:
        raise ReportgenError(f"找不到文件 {path}。") from None
    except (OSError, ValueError) as exc:
        raise ReportgenError(f"无法读取 {path}：{exc}") from None
    draft = read_draft_bytes(content, str(path))
    if need_baseline:
        refuse_unkeyed(draft, str(path))
    return draft
