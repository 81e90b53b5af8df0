"""The final copy a unit submits (``reportgen finalize``): refusals first, then the clean copy.

A draft is refused, nothing written, while it still has 【待补充】 placeholders or open
reportgen comments (:class:`Unfinished`, listing them as ``check`` does); highlighted text
without a placeholder is no refusal, its highlight is removed. Other authors' pending
tracked changes are the caller's decision (``others``): ``"accept"`` them too, ``"keep"``
them pending, or ``"ask"`` — through ``ask`` (a yes/no question), or, without one,
:class:`OthersPending`. Other authors' open comments stay: finalize never deletes what
someone still has to read, and the result says how many are left.

A .docx reportgen did not make is refused, as ``update`` refuses it: without the baseline
nothing tells reportgen's changes, comments and appendix from anyone else's, and accepting
every pending change of a document nobody vouched for is the editor's decision in Word.

The final copy (:mod:`reportgen.docx.finalize`) is written atomically, beside the draft as
"<draft>-定稿.docx" unless told otherwise, never over the draft itself and never over a file
reportgen did not write.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from reportgen.api.drafts import DraftRefused, draft_findings, read_draft_bytes, read_draft_file, unkeyed
from reportgen.data.vocabulary import PLACEHOLDER
from reportgen.errors import OutputError, ReportgenError
from reportgen.support.output import ensure_writable, made_by_finalize, made_by_reportgen, write_atomic

if TYPE_CHECKING:
    from reportgen.docx.draft.read import Draft
    from reportgen.revise.findings import Finding

Others = Literal["ask", "accept", "keep"]
Ask = Callable[[str], bool]
SUFFIX = "-定稿"


class Unfinished(ReportgenError):
    """The draft still needs its editor: ``findings`` are the placeholders and open comments."""

    def __init__(self, name: str, findings: list[Finding]) -> None:
        placeholders = sum(1 for f in findings if f.kind == "placeholder")
        comments = len(findings) - placeholders
        what = [f"{placeholders} 处【待补充】尚未填写"] if placeholders else []
        what += [f"{comments} 条 reportgen 的批注尚未处理（处理后在 Word 中标为“已解决”）"] if comments else []
        super().__init__(f"{name} 中还有 {'，'.join(what)}，未生成定稿。请逐项处理后再运行 finalize。")
        self.findings = findings


class OthersPending(ReportgenError):
    """Other authors' tracked changes are pending and nobody said what to do with them."""

    def __init__(self, authors: Counter[str], declined: bool = False) -> None:
        self.authors = authors
        self.declined = declined
        super().__init__(f"{pending_words(authors)}。")

    @property
    def question(self) -> str:
        return f"{pending_words(self.authors)}：全部接受吗？"


def pending_words(authors: Counter[str]) -> str:
    """E.g. ``文档中还有 3 处其他作者（张三 2 处、李四 1 处）的修订尚未处理``."""
    each = "、".join(f"{author or '未署名'} {count} 处" for author, count in _ordered(authors))
    return f"文档中还有 {sum(authors.values())} 处其他作者（{each}）的修订尚未处理"


def _ordered(authors: Counter[str]) -> list[tuple[str, int]]:
    return sorted(authors.items(), key=lambda item: (-item[1], item[0]))


@dataclass(frozen=True)
class Finalized:
    """What ``finalize`` made of a draft: the final copy's bytes and what was done."""

    content: bytes
    accepted: int  # reportgen's tracked changes accepted
    accepted_others: dict[str, int]  # other authors' changes accepted, by author
    kept_others: dict[str, int]  # other authors' changes still pending in the copy, by author
    comments_removed: int
    comments_kept: int  # other authors' open comments, still in the copy
    highlights: int  # highlighted passages whose highlight was removed
    appendix: bool  # the appendix 数据核对情况 was removed
    bookmarks: int  # reportgen's hidden bookmarks removed

    @property
    def still_tracked(self) -> bool:
        return bool(self.kept_others)


def final_name(draft: Path) -> Path:
    """The default final copy of ``draft``: ``报告.docx`` → ``报告-定稿.docx``."""
    return draft.with_name(f"{draft.stem}{SUFFIX}.docx")


def ours(path: Path) -> bool:
    """Whether an existing output may be replaced (with ``force``): a report or a final copy reportgen wrote."""
    return made_by_reportgen(path) or made_by_finalize(path)


def finalize_report(
    draft: Path,
    output: Path,
    others: Others = "ask",
    force: bool = False,
    ask: Ask | None = None,
    also: tuple[Path, ...] = (),
) -> Finalized:
    """Make the final copy of ``draft`` and write it to ``output`` (see the module docstring).

    ``also`` are further outputs (the PDF) checked before any work, so nothing is asked or
    written when one of them could not be written afterwards.
    """
    if output.resolve() == draft.resolve():
        raise OutputError(f"定稿不能写到修改稿 {draft} 本身：请用 -o 另指定一个文件名，例如 {final_name(draft)}。")
    for path in (output, *also):
        ensure_writable(path, force, ours)
    result = finalize_loaded(read_draft_file(draft), others, ask, str(draft))
    write_atomic(output, result.content, force=force, ours=ours)
    return result


def finalize_draft(content: bytes, others: Others = "ask", ask: Ask | None = None, name: str = "修改稿") -> Finalized:
    """The final copy of the draft in ``content``, in memory; refuses like :func:`finalize_report`."""
    return finalize_loaded(read_draft_bytes(content, name), others, ask, name)


def finalize_loaded(draft: Draft, others: Others, ask: Ask | None, name: str) -> Finalized:
    from reportgen.docx.finalize.clean import Finalizer

    refuse_foreign(draft, name)
    open_items = blocking(draft_findings(draft))
    if open_items:
        raise Unfinished(name, open_items)
    finalizer = Finalizer(draft)
    accept_others = _decide(finalizer.others, others, ask)
    cleaned = finalizer.finish(accept_others)
    return Finalized(
        cleaned.content,
        cleaned.accepted,
        dict(_ordered(cleaned.accepted_others)),
        dict(_ordered(cleaned.kept_others)),
        cleaned.comments_removed,
        len(cleaned.comments_kept),
        cleaned.highlights,
        cleaned.appendix,
        cleaned.bookmarks,
    )


def blocking(findings: list[Finding]) -> list[Finding]:
    """The findings that keep a draft from being final: real 【待补充】 placeholders and open
    reportgen comments (highlighted text without a placeholder only loses its highlight)."""
    return [f for f in findings if f.kind == "comment" or (f.kind == "placeholder" and PLACEHOLDER.search(f.message))]


def refuse_foreign(draft: Draft, name: str) -> None:
    """:class:`DraftRefused` for a document finalize cannot tell reportgen's parts in."""
    reason = unkeyed(draft)
    if reason == "baseline_removed":
        raise DraftRefused(
            reason,
            f"{name} 是 reportgen 生成的，但其中的生成记录（文档内的 customXml 部件）已被删除或损坏，"
            "无法认出附件2“数据核对情况”等 reportgen 加入的内容，因此不能生成定稿。请用原来的修改稿（或其备份）"
            "再试；也可以在 Word 中接受修订、删除批注、突出显示和附件2“数据核对情况”后另存一份。",
        )
    if reason == "not_reportgen":
        raise DraftRefused(
            reason,
            f"{name} 不是由 reportgen 生成的（其中没有 reportgen 的生成记录）。finalize 只处理 reportgen 生成的报告："
            "它按生成记录认出 reportgen 的修订和批注、附件2“数据核对情况”和隐藏书签，其余内容原样保留；"
            "别人文档中的修订该不该接受，它无从判断。"
            "请在 Word 中用“审阅 → 接受所有修订”，删除批注和突出显示后另存一份。",
        )


def _decide(authors: Counter[str], others: Others, ask: Ask | None) -> bool:
    """Whether other authors' pending changes are accepted."""
    if not authors or others == "keep":
        return False
    if others == "accept":
        return True
    pending = OthersPending(authors)
    if ask is None:
        raise pending
    if ask(pending.question):
        return True
    raise OthersPending(authors, declined=True)
