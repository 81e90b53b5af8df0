"""``reportgen finalize``: the clean copy a unit submits, and every reason not to make one yet."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX
from openxml_audit import OpenXmlValidator
from typer.testing import CliRunner

from command import reportgen
from drafting import edit, find, libreoffice_resolves, render, resave_with_libreoffice, views
from finalizing import (
    changed_lingling,
    delete_by,
    edited_draft,
    fill_placeholders,
    parts_of,
    resolve_comments,
    track_by,
)
from reportgen.api import RenderOptions, render_report, update_report
from reportgen.api.drafts import DraftRefused
from reportgen.api.finalizing import OthersPending, Unfinished, finalize_draft, finalize_report
from reportgen.cli import app
from reportgen.docx.draft.read import read_draft
from reportgen.docx.finalize.appendix import appendix_keys
from samples import LINGLING

pytestmark = pytest.mark.rendering
runner = CliRunner()
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("finalize")


@pytest.fixture(scope="module")
def updated(folder: Path) -> bytes:
    """LINGLING edited (placeholders filled, one paragraph rewritten), then updated after a data
    change: tracked changes by reportgen, two reportgen comments, the checks appendix."""
    new = changed_lingling(folder)
    (folder / "edited.docx").write_bytes(edited_draft(new))
    update_report(new, folder / "edited.docx", folder / "updated.docx")
    return (folder / "updated.docx").read_bytes()


@pytest.fixture(scope="module")
def resolved(updated: bytes) -> bytes:
    """The updated draft with the editor having resolved every comment in Word."""
    return resolve_comments(updated)


def draft_file(folder: Path, data: bytes, name: str = "修改稿.docx") -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def document_xml(data: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()


def test_a_resolved_draft_becomes_a_plain_document(resolved: bytes) -> None:
    before = document_xml(resolved)
    assert "<w:ins " in before and "<w:del " in before and "附件2" in before and "_RG" in before
    result = finalize_draft(resolved)
    xml = document_xml(result.content)
    for left in ("<w:ins ", "<w:del ", "w:moveFrom", "w:moveTo", "commentRange", "commentReference", "highlight"):
        assert left not in xml, left
    assert "附件2" not in xml and "数据核对情况" not in xml and "_RG" not in xml
    names = set(parts_of(result.content))
    assert not {n for n in names if n.startswith("customXml/") or "comments" in n}
    assert b"customXml" not in parts_of(result.content)["word/_rels/document.xml.rels"]
    assert b"comments" not in parts_of(result.content)["[Content_Types].xml"]
    assert "附件1" in xml  # the self-evaluation table is part of the report
    assert result.accepted > 0 and result.comments_removed == 2 and result.appendix and result.bookmarks > 50
    assert not result.still_tracked and result.comments_kept == 0


def test_the_final_text_is_the_accepted_text_without_the_appendix(resolved: bytes) -> None:
    final = read_draft(finalize_draft(resolved).content)
    accepted = read_draft(resolved)
    assert final.baseline is None and accepted.baseline is not None
    gone = set(appendix_keys(accepted.baseline))
    assert len(gone) == 4
    assert [b.text for b in final.blocks] == _without_checks_note(
        [b.text for b in accepted.blocks if b.key not in gone]
    )


@pytest.mark.libreoffice
def test_libreoffice_accepting_all_reads_as_our_final_copy(resolved: bytes) -> None:
    theirs = read_draft(libreoffice_resolves(resolved, "AcceptAllTrackedChanges"))
    assert theirs.baseline is not None
    gone = set(appendix_keys(theirs.baseline))
    ours = [b.text for b in read_draft(finalize_draft(resolved).content).blocks]
    assert _trimmed(ours) == _without_checks_note(_trimmed([b.text for b in theirs.blocks if b.key not in gone]))


def _without_checks_note(texts: list[str]) -> list[str]:
    """The 附件说明 without the appendix's line, the one attachment left not numbered."""
    assert "2.数据核对情况" in texts
    return [t.replace("附件：1.", "附件：") for t in texts if t != "2.数据核对情况"]


def _trimmed(texts: list[str]) -> list[str]:
    """Without trailing empty paragraphs (LibreOffice keeps one after a final table)."""
    while texts and not texts[-1]:
        texts = texts[:-1]
    return texts


def test_the_final_copy_is_valid_also_from_a_draft_saved_by_libreoffice(folder: Path, resolved: bytes) -> None:
    validator = OpenXmlValidator()
    for name, data in (("plain", resolved), ("libreoffice", resave_with_libreoffice(resolved))):
        path = draft_file(folder, finalize_draft(data).content, f"valid-{name}.docx")
        assert [str(e) for e in validator.validate(path).errors] == [], name


def test_placeholders_refuse_and_are_listed_as_check_lists_them(tmp_path: Path) -> None:
    draft = draft_file(tmp_path, render(LINGLING))
    checked = reportgen("check", draft)
    refused = reportgen("finalize", draft)
    assert refused.returncode == 1 and not (tmp_path / "修改稿-定稿.docx").exists()
    listed = [line for line in checked.stdout.splitlines() if line.startswith("[待补充]")]
    assert len(listed) == 2 and all(line in refused.stderr for line in listed)
    assert "2 处【待补充】尚未填写，未生成定稿" in refused.stderr


def test_open_reportgen_comments_refuse_until_resolved(tmp_path: Path, updated: bytes, resolved: bytes) -> None:
    with pytest.raises(Unfinished) as refused:
        finalize_report(draft_file(tmp_path, updated), tmp_path / "out.docx")
    assert [f.kind for f in refused.value.findings] == ["comment", "comment"]
    assert "2 条 reportgen 的批注尚未处理" in refused.value.message and not (tmp_path / "out.docx").exists()
    finalize_report(draft_file(tmp_path, resolved, "resolved.docx"), tmp_path / "out.docx")
    assert (tmp_path / "out.docx").exists()


def test_highlighted_text_without_a_placeholder_loses_its_highlight_and_is_counted(resolved: bytes) -> None:
    def highlight(document: docx.document.Document) -> None:
        find(document, "经自评").runs[0].font.highlight_color = WD_COLOR_INDEX.YELLOW

    result = finalize_draft(edit(resolved, highlight))
    assert result.highlights == 1 and "highlight" not in document_xml(result.content)


def with_other_authors(data: bytes) -> bytes:
    """张三 inserted text twice and 李四 deleted a paragraph's text, all still pending."""

    def track(document: docx.document.Document) -> None:
        paragraphs = [p for p in document.paragraphs if p.text.strip()]
        track_by("张三", paragraphs[3], "（张三补充）", 9001)
        track_by("张三", paragraphs[4], "（张三再补充）", 9002)
        delete_by("李四", paragraphs[5], 9003)

    return edit(data, track)


def test_other_authors_changes_are_asked_about_first(tmp_path: Path, resolved: bytes) -> None:
    draft = draft_file(tmp_path, with_other_authors(resolved))
    asked: list[str] = []

    def no(question: str) -> bool:
        asked.append(question)
        return False

    with pytest.raises(OthersPending) as declined:
        finalize_report(draft, tmp_path / "no.docx", ask=no)
    assert asked == ["文档中还有 3 处其他作者（张三 2 处、李四 1 处）的修订尚未处理：全部接受吗？"]
    assert declined.value.declined and not (tmp_path / "no.docx").exists()
    result = finalize_report(draft, tmp_path / "yes.docx", ask=lambda q: True)
    assert result.accepted_others == {"张三": 2, "李四": 1} and not result.still_tracked
    xml = document_xml((tmp_path / "yes.docx").read_bytes())
    assert "（张三补充）" in xml and "<w:ins " not in xml and "<w:del " not in xml


def test_without_a_terminal_other_authors_changes_need_an_option(tmp_path: Path, resolved: bytes) -> None:
    draft = draft_file(tmp_path, with_other_authors(resolved))
    refused = runner.invoke(app, ["finalize", str(draft)])
    assert refused.exit_code == 1 and not (tmp_path / "修改稿-定稿.docx").exists()
    assert "文档中还有 3 处其他作者（张三 2 处、李四 1 处）的修订尚未处理" in refused.output
    assert "--accept-others" in refused.output and "--keep-others" in refused.output
    both = runner.invoke(app, ["finalize", str(draft), "--accept-others", "--keep-others"])
    assert both.exit_code == 2 and "只能选一个" in both.output


def test_keep_others_leaves_their_changes_pending_and_says_so(tmp_path: Path, resolved: bytes) -> None:
    draft = draft_file(tmp_path, with_other_authors(resolved))
    kept = runner.invoke(app, ["finalize", str(draft), "--keep-others"])
    assert kept.exit_code == 0, kept.output
    assert "定稿中仍有其他作者（张三 2 处、李四 1 处）尚未处理的修订" in kept.output
    final = views((tmp_path / "修改稿-定稿.docx").read_bytes())
    assert final.count("ins") == 2 and final.count("del") == 1
    assert {m for m in re.findall(r'w:author="([^"]*)"', final.document)} == {"张三", "李四"}
    assert any("（张三补充）" in t for t in final.texts("accepted"))
    assert not any("（张三补充）" in t for t in final.texts("rejected"))
    accepted = runner.invoke(app, ["finalize", str(draft), "-o", str(tmp_path / "all.docx"), "--accept-others"])
    assert accepted.exit_code == 0 and "接受其他作者的修订 3 处" in accepted.output


def test_another_authors_open_comment_is_kept_with_a_warning(tmp_path: Path, updated: bytes) -> None:
    def comment(document: docx.document.Document) -> None:
        document.add_comment(find(document, "经自评").runs, text="请再核实", author="张三")

    draft = draft_file(tmp_path, resolve_comments(edit(updated, comment), lambda author: author == "reportgen"))
    result = runner.invoke(app, ["finalize", str(draft)])
    assert result.exit_code == 0, result.output
    assert "其他作者的批注 1 条仍保留，提交前请在 Word 中删除" in result.output
    final = (tmp_path / "修改稿-定稿.docx").read_bytes()
    comments = parts_of(final)["word/comments.xml"].decode()
    assert comments.count("<w:comment ") == 1 and "请再核实" in comments
    assert document_xml(final).count("<w:commentReference ") == 1


@pytest.mark.libreoffice
def test_pdf_is_written_beside_the_final_copy(tmp_path: Path, resolved: bytes) -> None:
    draft = draft_file(tmp_path, resolved)
    result = reportgen("finalize", draft, "--pdf")
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "修改稿-定稿.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-") and "已生成 " in result.stdout
    again = reportgen("finalize", draft, "--pdf", "--force")
    assert again.returncode == 0, again.stderr  # both its own outputs are replaced


def test_without_libreoffice_the_final_copy_is_kept_and_the_pdf_explained(
    tmp_path: Path, resolved: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    draft = draft_file(tmp_path, resolved)
    result = runner.invoke(app, ["finalize", str(draft), "--pdf"])
    assert result.exit_code == 2 and "未找到 LibreOffice" in result.output
    assert (tmp_path / "修改稿-定稿.docx").exists() and not (tmp_path / "修改稿-定稿.pdf").exists()


def test_equal_drafts_give_equal_bytes_and_outputs_are_guarded(tmp_path: Path, resolved: bytes) -> None:
    draft = draft_file(tmp_path, resolved)
    out = tmp_path / "定稿.docx"
    assert runner.invoke(app, ["finalize", str(draft), "-o", str(out)]).exit_code == 0
    first = out.read_bytes()
    assert finalize_draft(resolved).content == first
    again = runner.invoke(app, ["finalize", str(draft), "-o", str(out)])
    assert again.exit_code == 2 and "--force" in again.output
    assert runner.invoke(app, ["finalize", str(draft), "-o", str(out), "--force"]).exit_code == 0
    assert out.read_bytes() == first
    foreign = tmp_path / "别人的.docx"
    foreign.write_bytes(b"not ours")
    refused = runner.invoke(app, ["finalize", str(draft), "-o", str(foreign), "--force"])
    assert refused.exit_code == 2 and foreign.read_bytes() == b"not ours"
    itself = runner.invoke(app, ["finalize", str(draft), "-o", str(draft), "--force"])
    assert itself.exit_code == 2 and "不能写到修改稿" in itself.output and draft.read_bytes() == resolved


def test_files_that_are_no_reportgen_draft_are_refused_with_what_finalize_can_do(tmp_path: Path) -> None:
    old_word = tmp_path / "旧.doc"
    old_word.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert "另存为 .docx" in runner.invoke(app, ["finalize", str(old_word)]).output
    plain = tmp_path / "别人的.docx"
    docx.Document().save(str(plain))
    result = runner.invoke(app, ["finalize", str(plain)])
    assert result.exit_code == 2 and "不是由 reportgen 生成的" in result.output and "接受所有修订" in result.output
    damaged = tmp_path / "坏.docx"
    damaged.write_bytes(render(LINGLING)[:3000])
    result = runner.invoke(app, ["finalize", str(damaged)])
    assert result.exit_code == 2 and "无法读取" in result.output
    for path in (old_word, plain, damaged):
        assert not path.with_name(f"{path.stem}-定稿.docx").exists()


def test_a_draft_whose_baseline_was_removed_is_refused(resolved: bytes) -> None:
    parts = parts_of(resolved)
    parts = {name: blob for name, blob in parts.items() if not name.startswith("customXml/")}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, blob in parts.items():
            target.writestr(name, blob)
    with pytest.raises(DraftRefused) as refused:
        finalize_draft(out.getvalue())
    assert refused.value.reason == "baseline_removed" and "生成记录" in refused.value.message


def test_check_reminds_that_the_appendix_goes_with_finalize(tmp_path: Path, resolved: bytes) -> None:
    note = "附件2“数据核对情况”供编辑核对之用，reportgen finalize 生成定稿时会删除它。"
    draft = draft_file(tmp_path, resolved)
    checked = runner.invoke(app, ["check", str(draft)])
    assert checked.exit_code == 0 and note in checked.output
    assert runner.invoke(app, ["finalize", str(draft)]).exit_code == 0
    final = runner.invoke(app, ["check", str(tmp_path / "修改稿-定稿.docx")])
    assert final.exit_code == 0 and "附件2" not in final.output


@pytest.mark.parametrize(("template", "checks"), [("hunan", True), ("standard", False)])
def test_the_appendix_is_found_in_every_template_and_missing_when_not_rendered(
    tmp_path: Path, template: str, checks: bool
) -> None:
    draft = tmp_path / "draft.docx"
    render_report(LINGLING, draft, RenderOptions(template=template, checks_appendix=checks))
    filled = draft_file(tmp_path, edit(draft.read_bytes(), fill_placeholders), "filled.docx")
    reminded = "供编辑核对之用" in runner.invoke(app, ["check", str(filled)]).output
    result = finalize_report(filled, tmp_path / "final.docx")
    assert result.appendix == checks == reminded
    xml = document_xml((tmp_path / "final.docx").read_bytes())
    assert "数据核对情况" not in xml and "附件1" in xml


def test_finalize_help_loads_none_of_the_pipeline() -> None:
    code = (
        "import sys\nfrom reportgen.cli import app\n"
        "try:\n    app(['finalize', '--help'], prog_name='reportgen')\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('reportgen.api', 'reportgen.docx', 'lxml') if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip().splitlines()[-1] == "[]"
