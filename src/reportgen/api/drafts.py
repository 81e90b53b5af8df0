"""Editors' drafts: update a draft after a data change, list what a draft still needs."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.api.checking import Checked, load
from reportgen.api.rendering import Renderer, RenderOptions, data_fingerprint
from reportgen.errors import (
    DataError,
    ReportgenError,
    StyleError,
    TemplateError,
)
from reportgen.render import blocks
from reportgen.render.narrative import available_templates
from reportgen.render.stylesheet import available_styles
from reportgen.revise.model import Origin
from reportgen.support.output import write_atomic

if TYPE_CHECKING:  # update and check load their modules when called: rendering does not need them
    from reportgen.docx.draft.read import Draft
    from reportgen.revise.findings import Finding
    from reportgen.revise.plan import Plan


@dataclass(frozen=True)
class Updated:
    """What ``update`` did: the plan carried out, and changes that became comments instead."""

    checked: Checked
    plan: Plan
    fallbacks: int


def update_report(
    data: Path, edited: Path, output: Path, options: RenderOptions | None = None, force: bool = False
) -> Updated:
    """Render ``data`` and merge it into the edited draft ``edited``, writing ``output``.

    Untouched paragraphs get the new text as tracked changes, edited ones keep the
    editor's text with a comment (see :mod:`reportgen.revise.merge`). Where ``options``
    leave the template or style empty (or are None), the draft's own are used.
    """
    from reportgen.docx.draft.read import read_draft
    from reportgen.docx.revision.apply import apply_plan, revision_date
    from reportgen.revise.merge import merge

    draft = _draft(edited)
    assert draft.baseline is not None
    renderer = _renderer(options, draft.baseline.origin)
    checked = _valid(data, renderer)
    assert checked.report is not None
    fresh = read_draft(renderer.render(checked))
    assert fresh.baseline is not None
    plan = merge(draft.baseline, draft.blocks, fresh.baseline)
    revised, fallbacks = apply_plan(draft, fresh, plan, revision_date(checked.report.year))
    write_atomic(output, revised, force=force)
    return Updated(checked, plan, fallbacks)


def check_report(docx: Path, data: Path | None = None, options: RenderOptions | None = None) -> list[Finding]:
    """What the draft ``docx`` still needs: placeholders, open comments and, with ``data``,
    figures typed by hand that contradict the data (see :mod:`reportgen.revise.findings`)."""
    from reportgen.revise.findings import Computed
    from reportgen.revise.findings import check as check_draft

    draft = _draft(docx, need_baseline=False)
    computed = None
    if data is not None:
        options = options or RenderOptions(template="")  # the style changes no text: never the recorded one
        renderer = _renderer(options, draft.baseline.origin if draft.baseline else Origin())
        checked = _valid(data, renderer)
        document = renderer.document(checked)
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


def _draft(path: Path, need_baseline: bool = True) -> Draft:
    from reportgen.docx.draft.read import read_draft
    from reportgen.support.archive import read_file

    try:
        draft = read_draft(read_file(path))
    except FileNotFoundError:
        raise ReportgenError(f"找不到文件 {path}。") from None
    except (OSError, ValueError) as exc:
        raise ReportgenError(f"无法读取 {path}：{exc}") from None
    if need_baseline and draft.baseline is None:
        raise ReportgenError(
            f"{path} 中没有 reportgen 的生成记录（不是由支持 update 的 reportgen 版本生成，"
            "或记录已被删除），无法更新。请用 reportgen render 重新生成报告。"
        )
    return draft
