"""The editors' round: an uploaded draft kept, updated through :mod:`reportgen.api` against
the report's latest data, the revised draft kept, and what the revised draft still needs.

Only the wording for the browser lives here: every rule (which file is a draft, whose
report it is, what ``update`` does) is the api's. Nothing that is a real .docx is lost: an
upload is stored even when ``update`` refuses it, with the reason as its note.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, BinaryIO

from reportgen import api
from reportgen.errors import DataError
from reportgen.revise.findings import LABELS, Finding
from reportgen.web.datafile import from_json
from reportgen.web.downloads import file_name
from reportgen.web.draft_store import Draft, DraftStore
from reportgen.web.problems import place_of
from reportgen.web.store import Report, Version
from reportgen.web.upload import MAX_UPLOAD, suffix_of, too_large

if TYPE_CHECKING:
    from reportgen.api.finalizing import Finalized

REVISED_WHAT = "绩效自评报告（修订稿）"
UPLOADED_WHAT = "绩效自评报告（编辑上传稿）"
FINAL_WHAT = "绩效自评报告（定稿）"
_OLD_SUFFIXES = (".doc", ".wps", ".dot", ".rtf")
START = "正文开头"


@dataclass(frozen=True)
class Refused:
    """Why a draft was not updated; ``kept`` is the uploaded draft stored anyway (if any),
    ``retry`` the draft that may be updated all the same once the editor confirms."""

    messages: list[str]
    status: int
    kept: Draft | None = None
    retry: Draft | None = None
    title: str = "未能更新"
    choose_others: Draft | None = (
        None  # the draft to finalize again once the editor says what to do with others' changes
    )


@dataclass(frozen=True)
class Done:
    uploaded: Draft
    revised: Draft


@dataclass(frozen=True)
class Place:
    """A finding as the page lists it: its kind's label, where it is, what it says."""

    label: str
    heading: str
    location: str
    message: str


@dataclass
class Round:
    """One report's drafts and what updating them needs."""

    store: DraftStore
    renderer: api.Renderer
    report: Report
    version: Version
    _checked: api.Checked | None = field(default=None, init=False)

    @property
    def checked(self) -> api.Checked:
        """The latest version's data, checked with the report's renderer (once)."""
        if self._checked is None:
            self._checked = self.renderer.check(from_json(self.version.data, "自评数据"))
        return self._checked

    def upload(self, stream: BinaryIO, filename: str) -> Done | Refused:
        """An uploaded file read within the size limit, kept if it is a .docx, and updated."""
        content = stream.read(MAX_UPLOAD + 1)
        if len(content) > MAX_UPLOAD:
            return Refused(too_large().messages, 413)
        if not content:
            return Refused(["请选择要上传的修改稿（文件为空）。"], 422)
        filename = PurePosixPath(filename.replace("\\", "/")).name  # a browser may send the whole path
        shown = f"“{filename}”" if filename else "上传的文件"
        try:
            api.read_draft_bytes(content, shown)
        except api.DraftRefused as exc:
            return Refused([_unreadable(exc, shown, suffix_of(filename))], 422)
        return self._update(content, filename or "修改稿.docx", other_subject=False)

    def retry(self, number: int) -> Done | Refused | None:
        """Uploaded draft ``number`` updated although it is another unit's, year's or kind's
        report (the editor confirmed); None if the report has no such uploaded draft."""
        found = self.store.get(self.report.id, number)
        if found is None or found[0].kind != "uploaded":
            return None
        draft, content = found
        return self._update(content, draft.name, other_subject=True, kept=draft)

    def _update(self, content: bytes, name: str, *, other_subject: bool, kept: Draft | None = None) -> Done | Refused:
        checked = self.checked
        try:
            revision = api.update_draft(content, checked, self.renderer, other_subject, f"“{name}”")
        except api.OtherSubject as exc:
            message = f"未更新：{exc.message}用另一份数据更新，会把修改稿改写成另一份报告。"
            uploaded = kept or self._keep(content, name, f"未更新：{exc.message}")
            hint = "请检查是否传错了修改稿，或是否打开了另一份报告；确需用当前数据更新时，勾选下面的“仍要更新”。"
            return Refused([message, hint], 409, uploaded, uploaded)
        except api.DraftRefused as exc:
            uploaded = kept or self._keep(content, name, "未更新：不是可更新的修改稿")
            return Refused([_not_updatable(exc)], 422, uploaded)
        except DataError:
            uploaded = kept or self._keep(content, name, f"未更新：第 {self.version.number} 版数据有错误")
            errors = [f"{place_of(issue, checked.raw.data).text}：{issue.message}" for issue in checked.errors]
            message = f"未更新：当前数据（第 {self.version.number} 版）有错误，请先在“填写数据”中改正后再上传。"
            return Refused([message, *errors], 409, uploaded)
        uploaded = kept or self._keep(content, name, "")
        revised = self.store.add(
            self.report.id,
            "revised",
            file_name(self.report.unit_name, self.report.year, REVISED_WHAT, ".docx"),
            revision.content,
            version_number=self.version.number,
            derived_from=uploaded.number,
            note=revision.updated.summary,
        )
        return Done(uploaded, revised)

    def finalize(self, number: int, others: str = "") -> Done | Refused | None:
        """The final copy of draft ``number`` (``finalize``), kept as a new draft; None if the
        report has no such draft. ``others``: "accept" or "keep" other authors' pending changes."""
        from reportgen.api import finalizing

        found = self.store.get(self.report.id, number)
        if found is None:
            return None
        draft, content = found
        title = "未能生成定稿"
        choice: finalizing.Others = "accept" if others == "accept" else "keep" if others == "keep" else "ask"
        try:
            result = finalizing.finalize_draft(content, choice, None, f"第 {number} 稿")
        except finalizing.Unfinished as exc:
            lines = [_finding_line(_place(f)) for f in exc.findings]
            return Refused([exc.message, *lines], 422, title=title)
        except finalizing.OthersPending as exc:
            hint = "请选择全部接受，或保留为修订（定稿中仍有修订标记）；也可以先在 Word 中逐条处理后重新上传。"
            return Refused([f"{exc.message.rstrip('。')}，没有生成定稿。", hint], 409, title=title, choose_others=draft)
        except api.DraftRefused as exc:
            return Refused([exc.message], 422, title=title)
        final = self.store.add(
            self.report.id,
            "final",
            file_name(self.report.unit_name, self.report.year, FINAL_WHAT, ".docx"),
            result.content,
            derived_from=number,
            note=final_summary(result),
        )
        return Done(draft, final)

    def _keep(self, content: bytes, name: str, note: str) -> Draft:
        return self.store.add(self.report.id, "uploaded", name, content, note=note)

    def findings(self, number: int) -> list[Place]:
        """What revised draft ``number`` still needs, checked against the latest data."""
        found = self.store.get(self.report.id, number)
        if found is None:
            return []
        checked = self.checked if self.checked.ok else None
        return [_place(f) for f in api.check_draft(found[1], checked, self.renderer)]


def download_name(report: Report, draft: Draft) -> str:
    """E.g. ``某县司法局2024年度绩效自评报告（修订稿）.docx``."""
    what = {"revised": REVISED_WHAT, "final": FINAL_WHAT}.get(draft.kind, UPLOADED_WHAT)
    return file_name(report.unit_name, report.year, what, ".docx")


def final_summary(result: Finalized) -> str:
    """What finalize did and what is still left in the copy, in one note."""
    parts = [
        f"接受修订 {result.accepted + sum(result.accepted_others.values())} 处",
        f"删除批注 {result.comments_removed} 条",
    ]
    parts.append(f"取消突出显示 {result.highlights} 处")
    if result.appendix:
        parts.append("删除附件2“数据核对情况”")
    if result.kept_others:
        parts.append(f"仍有其他作者的修订 {sum(result.kept_others.values())} 处（提交前请在 Word 中处理）")
    if result.comments_kept:
        parts.append(f"其他作者的批注 {result.comments_kept} 条仍保留，提交前请在 Word 中删除")
    return "，".join(parts)


def _finding_line(place: Place) -> str:
    where = " › ".join(p for p in (place.heading, place.location) if p)
    return f"[{place.label}] {where}：{place.message}" if where else f"[{place.label}] {place.message}"


def _place(finding: Finding) -> Place:
    message = finding.message
    if finding.kind == "data":
        message = "这份修订稿生成后数据又有变化：请把它（或编辑在其上的修改稿）再上传一次，按最新数据更新。"
    return Place(
        LABELS[finding.kind], finding.heading or (START if finding.location else ""), finding.location, message
    )


def _unreadable(exc: api.DraftRefused, shown: str, suffix: str) -> str:
    if exc.reason == "old_word" or suffix in _OLD_SUFFIXES:
        return f"{shown}是旧版 Word 文档（.doc）或 WPS 文档，不能直接更新：请在 Word/WPS 中另存为 .docx 后上传。"
    return f"{exc.message}请上传由本页面下载、在 Word/WPS 中修改并保存的 .docx 文件。"


def _not_updatable(exc: api.DraftRefused) -> str:
    if exc.reason == "baseline_removed":
        return (
            "未更新：这份修改稿是 reportgen 生成的，但其中的生成记录已被删除或损坏（可能被其他软件去掉了），"
            "无法判断哪些段落经过编辑，因此不能更新。请改用原来的修改稿或其备份上传；"
            "也可以在“概况”中下载按当前数据生成的报告，把编辑过的内容复制过去。文件已保存在下面的列表中。"
        )
    return (
        "未更新：这份文档不是由 reportgen 生成的（其中没有 reportgen 的生成记录）。更新只能用于从本工具下载、"
        "再在 Word/WPS 中修改的报告：reportgen 按生成记录找出编辑改过的段落并保留，只把数据的变化写成修订。"
        "请在“概况”中下载按当前数据生成的 Word 报告，在其中修改后再上传；"
        "这份文档已保存在下面的列表中，可对照着把修改抄过去。"
    )
