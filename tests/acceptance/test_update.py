"""``reportgen update``: new data merged into an edited draft without losing the editor's work.

Untouched paragraphs get the new text as tracked changes (accept all → the new text, reject
all → the old); edited ones keep the editor's text with a comment; added paragraphs stay,
deleted ones stay deleted; new blocks are inserted; the result can be updated again.
"""

from __future__ import annotations

import copy
import io
import re
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from drafting import (
    by_key,
    delete,
    edit,
    libreoffice_resolves,
    render,
    resave_with_libreoffice,
    rewrite,
    views,
    write_data,
)
from reportgen.api import update_report
from reportgen.cli import app
from reportgen.docx.draft.read import read_draft
from reportgen.errors import ReportgenError
from reportgen.revise.model import Baseline
from samples import MINIMAL

runner = CliRunner()
BASE: dict[str, Any] = yaml.safe_load(MINIMAL)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Weight 0, so the weights still add up to 100 (anything else is an error since issue 8).
EXTRA = {"level1": "产出指标", "level2": "质量指标", "name": "结案率", "target": "≥95%", "actual": "98%", "weight": 0}


def drop_indicator(data: dict[str, Any], index: int) -> None:
    """Remove indicator ``index``, its weight going to the first indicator (the weights stay at 100)."""
    gone = data["indicators"].pop(index)
    first = data["indicators"][0]
    first["weight"] = first["weight"] + gone["weight"]


def data(**budget: float) -> dict[str, Any]:
    changed = copy.deepcopy(BASE)
    changed["budget"].update(budget)
    return changed


def baseline(docx: bytes) -> Baseline:
    found = read_draft(docx).baseline
    assert found is not None
    return found


class Case:
    """A draft of ``old`` data, to be edited, and a newer data file to update it with."""

    def __init__(self, folder: Path, old: dict[str, Any], new: dict[str, Any]) -> None:
        self.folder = folder
        self.old_data = write_data(folder / "old.yaml", old)
        self.new_data = write_data(folder / "new.yaml", new)
        self.draft = render(self.old_data)
        self.old, self.new = baseline(self.draft), baseline(render(self.new_data))

    def changed_paragraphs(self) -> list[str]:
        """Keys of paragraphs in both renders whose text the new data changes."""
        new = self.new.by_key()
        return [b.key for b in self.old.blocks if b.cells is None and b.key in new and new[b.key].text != b.text]

    def update(self, edited: bytes, name: str = "result.docx", data: Path | None = None) -> bytes:
        source, output = self.folder / f"edited-{name}", self.folder / name
        source.write_bytes(edited)
        update_report(data or self.new_data, source, output)
        return output.read_bytes()


@pytest.fixture
def case(tmp_path: Path) -> Case:
    return Case(tmp_path, BASE, data(executed=90))


@pytest.mark.rendering
def test_an_untouched_paragraph_becomes_a_tracked_change(case: Case) -> None:
    keys = case.changed_paragraphs()
    assert keys, "the data change must change some paragraph"
    result = views(case.update(case.draft))
    old, new = case.old.by_key(), case.new.by_key()
    for key in keys:
        assert result.text(key) == new[key].text
        assert result.text(key, "rejected") == old[key].text
    assert re.search(r'<w:ins w:id="\d+" w:author="reportgen" w:date="2023-12-31T00:00:00Z"', result.document)
    assert result.count("del") > 0 and not result.comments


@pytest.mark.rendering
def test_a_changed_figure_is_replaced_whole_not_digit_by_digit(case: Case) -> None:
    result = views(case.update(case.draft)).document
    assert "<w:delText>100.00%</w:delText>" in result and "<w:t>90.00%</w:t>" in result


@pytest.mark.rendering
def test_an_edited_paragraph_keeps_the_editors_text_with_a_comment(case: Case) -> None:
    key = case.changed_paragraphs()[0]
    edited = edit(case.draft, lambda d: rewrite(by_key(d, key), "编辑改写：预算执行情况良好。"))
    result = views(case.update(edited))
    assert result.text(key) == result.text(key, "rejected") == "编辑改写：预算执行情况良好。"
    (comment,) = result.comments
    assert comment.author == "reportgen" and case.new.by_key()[key].text in comment.text
    block = next(b for b in result.accepted if b.key == key)
    assert block.comments == (comment.id,)


@pytest.mark.rendering
def test_an_edit_that_matches_the_new_text_needs_no_comment(case: Case) -> None:
    key = case.changed_paragraphs()[0]
    edited = edit(case.draft, lambda d: rewrite(by_key(d, key), case.new.by_key()[key].text))
    result = views(case.update(edited))
    assert result.text(key) == case.new.by_key()[key].text and not result.comments


@pytest.mark.rendering
def test_a_paragraph_the_editor_added_stays_where_it_was(case: Case) -> None:
    key = case.changed_paragraphs()[0]
    edited = edit(case.draft, lambda d: by_key(d, key).insert_paragraph_before("编辑新增的段落。"))
    result = views(case.update(edited))
    texts = result.texts()
    at = texts.index("编辑新增的段落。")
    assert result.accepted[at].key is None and result.accepted[at + 1].key == key
    assert "编辑新增的段落。" in result.texts("rejected")


@pytest.mark.rendering
def test_a_paragraph_the_editor_deleted_stays_deleted(case: Case) -> None:
    key = case.changed_paragraphs()[0]
    result = views(case.update(edit(case.draft, lambda d: delete(by_key(d, key)))))
    assert result.text(key) is None and result.text(key, "rejected") is None
    assert case.new.by_key()[key].text not in result.texts()


def test_a_new_indicator_is_inserted_as_a_tracked_change(tmp_path: Path) -> None:
    new = copy.deepcopy(BASE)
    new["indicators"].insert(1, EXTRA)
    case = Case(tmp_path, BASE, new)
    added = [b for b in case.new.blocks if b.key not in case.old.by_key()]
    assert any("结案率" in b.text for b in added)
    result = views(case.update(case.draft))
    keys = [b.key for b in result.accepted if b.key]
    for block in added:
        assert result.text(block.key) == block.text and result.text(block.key, "rejected") is None
    order = [b.key for b in case.new.blocks if b.key in keys]
    assert keys == order  # inserted where the new render has them


def test_a_removed_indicator_is_deleted_unless_the_editor_changed_it(tmp_path: Path) -> None:
    new = copy.deepcopy(BASE)
    drop_indicator(new, 2)
    case = Case(tmp_path, BASE, new)
    gone = [b.key for b in case.old.blocks if b.key not in case.new.by_key() and b.cells is None]
    assert gone
    untouched = views(case.update(case.draft))
    for key in gone:  # a deleted paragraph loses its key: rejecting the deletion makes it the editor's
        assert untouched.text(key) is None and case.old.by_key()[key].text in untouched.texts("rejected")
    edited = edit(case.draft, lambda d: rewrite(by_key(d, gone[0]), "编辑写的满意度说明。"))
    kept = views(case.update(edited, "kept.docx"))
    assert "编辑写的满意度说明。" in kept.texts() and "编辑写的满意度说明。" in kept.texts("rejected")
    assert any("不再生成" in c.text for c in kept.comments)


def self_table(blocks: Baseline) -> str:
    return next(b.key for b in blocks.blocks if b.cells is not None and "self_evaluation" in b.key)


@pytest.mark.rendering
def test_the_self_evaluation_table_is_regenerated_when_untouched(case: Case) -> None:
    result = views(case.update(case.draft))
    for block in case.new.blocks:
        if block.cells is not None:
            assert result.text(block.key) == block.text
            assert result.text(block.key, "rejected") == case.old.by_key()[block.key].text


@pytest.mark.rendering
def test_an_edited_self_evaluation_table_is_kept_with_a_comment(case: Case) -> None:
    key = self_table(case.old)
    table_index = [b.key for b in read_draft(case.draft).blocks if b.cells is not None].index(key)

    def change_cell(document: Any) -> None:
        rewrite(document.tables[table_index].cell(1, 1).paragraphs[0], "编辑改过的单元格")

    edited = edit(case.draft, change_cell)
    before = next(b for b in read_draft(edited).blocks if b.key == key)
    result = views(case.update(edited))
    after = next(b for b in result.accepted if b.key == key)
    assert after.cells == before.cells and after.comments
    assert any("您修改过本表" in c.text for c in result.comments)


def test_rows_added_to_a_table_are_tracked_row_insertions(tmp_path: Path) -> None:
    new = copy.deepcopy(BASE)
    new["indicators"].insert(1, EXTRA)
    case = Case(tmp_path, BASE, new)
    result = views(case.update(case.draft))
    old = case.old.by_key()
    grown = [b for b in case.new.blocks if b.cells and b.key in old and len(b.cells) > len(old[b.key].cells or ())]
    assert grown
    for block in grown:
        assert result.text(block.key) == block.text
        assert result.text(block.key, "rejected") == old[block.key].text
    assert re.search(r"<w:trPr>(?:(?!</w:trPr>).)*<w:ins ", result.document)
    assert not [b for b in result.accepted if b.cells is not None and b.key is None]  # no stray table
    for block in case.new.blocks:  # a new table (the data checks appendix) is inserted
        if block.key not in old:
            assert result.text(block.key) == block.text


def test_rows_dropped_from_a_table_are_tracked_row_deletions(tmp_path: Path) -> None:
    new = copy.deepcopy(BASE)
    drop_indicator(new, 1)
    case = Case(tmp_path, BASE, new)
    result = views(case.update(case.draft))
    old = case.old.by_key()
    for block in case.new.blocks:
        if block.cells is not None and block.key in old:
            assert result.text(block.key) == block.text
            assert result.text(block.key, "rejected") == old[block.key].text


@pytest.mark.rendering
def test_updating_again_with_the_same_data_changes_nothing(case: Case) -> None:
    key = case.changed_paragraphs()[0]
    edited = edit(case.draft, lambda d: rewrite(by_key(d, key), "编辑改写。"))
    first = case.update(edited)
    second = case.update(first, "second.docx")
    one, two = views(first), views(second)
    assert (two.count("ins"), two.count("del"), len(two.comments)) == (one.count("ins"), one.count("del"), 1)
    assert two.texts() == one.texts() and two.texts("rejected") == one.texts("rejected")
    assert baseline(second) == baseline(first) == case.new


@pytest.mark.rendering
def test_a_result_can_be_updated_with_newer_data(case: Case) -> None:
    first = case.update(case.draft)
    newest = write_data(case.folder / "newest.yaml", data(executed=80))
    result = views(case.update(first, "newest.docx", newest))
    final = baseline(render(newest)).by_key()
    for key in case.changed_paragraphs():
        assert result.text(key) == final[key].text
        assert result.text(key, "rejected") == case.old.by_key()[key].text  # the first update is still pending


@pytest.mark.rendering
def test_equal_input_gives_equal_bytes_and_dates_follow_source_date_epoch(
    case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert case.update(case.draft, "a.docx") == case.update(case.draft, "b.docx")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1704067200")
    assert 'w:date="2024-01-01T00:00:00Z"' in views(case.update(case.draft, "c.docx")).document


@pytest.mark.rendering
def test_update_refuses_to_overwrite_and_rejects_foreign_documents(case: Case) -> None:
    (case.folder / "result.docx").write_bytes(b"editor's work")
    with pytest.raises(ReportgenError, match="已存在"):
        case.update(case.draft)
    assert (case.folder / "result.docx").read_bytes() == b"editor's work"
    foreign = io.BytesIO()
    docx.Document().save(foreign)
    with pytest.raises(ReportgenError, match="生成记录"):
        case.update(foreign.getvalue(), "other.docx")


@pytest.mark.rendering
def test_the_update_command(case: Case) -> None:
    edited = case.folder / "草稿.docx"
    edited.write_bytes(case.draft)
    result = runner.invoke(app, ["update", str(case.new_data), str(edited)])
    assert result.exit_code == 0, result.output
    assert "修订" in result.output and (case.folder / "草稿-更新.docx").exists()
    again = runner.invoke(app, ["update", str(case.new_data), str(edited)])
    assert again.exit_code == 2 and "--force" in again.output
    (case.folder / "not.docx").write_bytes(b"not a zip")
    broken = runner.invoke(app, ["update", str(case.new_data), str(case.folder / "not.docx"), "-o", "x.docx"])
    assert broken.exit_code == 2 and "Traceback" not in broken.output and "Word" in broken.output


@pytest.mark.rendering
@pytest.mark.libreoffice
def test_an_updated_draft_survives_libreoffice_and_updates_again(case: Case) -> None:
    key = case.changed_paragraphs()[0]
    edited = edit(case.draft, lambda d: rewrite(by_key(d, key), "编辑改写。"))
    first = case.update(edited)
    resaved = resave_with_libreoffice(first)
    ours, theirs = views(first), views(resaved)
    for view in ("accepted", "rejected"):
        assert [(b.key, b.text) for b in getattr(theirs, view)] == [(b.key, b.text) for b in getattr(ours, view)]
    assert [(c.author, c.text) for c in theirs.comments] == [(c.author, c.text) for c in ours.comments]
    again = views(case.update(resaved, "again.docx"))
    assert again.texts() == ours.texts() and len(again.comments) == 1


@pytest.mark.rendering
def test_formatting_the_editor_added_survives_a_tracked_change(case: Case) -> None:
    key = case.changed_paragraphs()[0]

    def embolden(document: Any) -> None:
        paragraph = by_key(document, key)
        text = paragraph.text
        rewrite(paragraph, text[:2])
        paragraph.add_run(text[2:]).bold = True

    result = views(case.update(edit(case.draft, embolden)))
    assert result.text(key) == case.new.by_key()[key].text and not result.comments
    assert "<w:b/>" in result.document


@pytest.mark.rendering
def test_a_paragraph_with_a_field_gets_a_comment_instead(case: Case) -> None:
    key = case.changed_paragraphs()[0]

    def add_field(document: Any) -> None:
        run = by_key(document, key).add_run()
        run._r.append(run._r.makeelement(f"{{{W}}}fldChar", {f"{{{W}}}fldCharType": "begin"}))

    result = views(case.update(edit(case.draft, add_field)))
    assert result.text(key) == case.old.by_key()[key].text
    (comment,) = result.comments
    assert "不能改动" in comment.text and case.new.by_key()[key].text in comment.text


@pytest.mark.rendering
def test_the_editors_own_tracked_changes_count_as_edits(case: Case) -> None:
    key, second = case.changed_paragraphs()[:2]

    def track(document: Any) -> None:
        inserted = document.element.makeelement(f"{{{W}}}ins", {f"{{{W}}}id": "901", f"{{{W}}}author": "编辑"})
        by_key(document, key)._p.append(inserted)
        inserted.append(by_key(document, key).add_run("（编辑补充）")._r)
        paragraph = by_key(document, second)._p
        for run in paragraph.findall(f"{{{W}}}r"):
            deleted = document.element.makeelement(f"{{{W}}}del", {f"{{{W}}}id": "902", f"{{{W}}}author": "编辑"})
            run.addprevious(deleted)
            deleted.append(run)
            for text in run.findall(f"{{{W}}}t"):
                text.tag = f"{{{W}}}delText"
        mark = paragraph.get_or_add_pPr().makeelement(f"{{{W}}}rPr", {})
        mark.append(mark.makeelement(f"{{{W}}}del", {f"{{{W}}}id": "903", f"{{{W}}}author": "编辑"}))
        paragraph.get_or_add_pPr().append(mark)

    edited = edit(case.draft, track)
    assert read_draft(edited).elements.get(second) is None  # deleted with tracking on: gone
    result = views(case.update(edited))
    assert result.text(key) == case.old.by_key()[key].text + "（编辑补充）"
    assert [c.text for c in result.comments if case.new.by_key()[key].text in c.text]
    assert result.text(second) is None and case.new.by_key()[second].text not in result.texts()


@pytest.mark.rendering
@pytest.mark.libreoffice
@pytest.mark.parametrize(
    ("command", "view"), [("AcceptAllTrackedChanges", "accepted"), ("RejectAllTrackedChanges", "rejected")]
)
def test_libreoffice_accepting_or_rejecting_all_reads_as_our_views(case: Case, command: str, view: str) -> None:
    key = case.changed_paragraphs()[0]
    edited = edit(case.draft, lambda d: by_key(d, key).insert_paragraph_before("编辑新增。"))
    newest = data(executed=80)
    drop_indicator(newest, 2)
    first = case.update(edited)  # … and updated again before anyone accepted the first changes
    result = views(case.update(first, "second.docx", write_data(case.folder / "newest.yaml", newest)))
    resolved = views(libreoffice_resolves(result.data, command))
    assert resolved.count("ins") == resolved.count("del") == 0
    assert _trimmed(resolved.texts()) == _trimmed(result.texts(view))


def _trimmed(texts: list[str]) -> list[str]:
    """Without trailing empty paragraphs (LibreOffice keeps one after a final table)."""
    while texts and not texts[-1]:
        texts = texts[:-1]
    return texts


# --- property: random edits × random data changes -------------------------------------

EditOp = tuple[str, int, str]
edit_ops = st.lists(
    st.tuples(
        st.sampled_from(["rewrite", "append", "delete", "insert", "cell"]),
        st.integers(0, 10_000),
        st.sampled_from(["甲", "乙乙", "丙 丙", "12.5%", "x"]),
    ),
    max_size=6,
)
data_changes = st.fixed_dictionaries(
    {
        "executed": st.sampled_from([100, 95.5, 80]),
        "actual": st.sampled_from(["100件", "80件", "120件"]),
        "add": st.booleans(),
        "drop": st.booleans(),
        "functions": st.booleans(),
    }
)


def changed_data(change: dict[str, Any]) -> dict[str, Any]:
    new = data(executed=change["executed"])
    new["indicators"][0]["actual"] = change["actual"]
    if change["drop"]:
        drop_indicator(new, 2)
    if change["add"]:
        new["indicators"].insert(1, EXTRA)
    if change["functions"]:
        new["unit"]["functions"] = ["负责全县司法行政工作。"]
    return new


def apply_edits(draft: bytes, ops: list[EditOp]) -> bytes:
    def run(document: Any) -> None:
        for number, (kind, index, text) in enumerate(ops):
            marker = f"〔编辑{number}〕{text}"
            if kind == "cell":
                cells = [c for t in document.tables for row in t.rows for c in row.cells]
                rewrite(cells[index % len(cells)].paragraphs[0], marker)
                continue
            paragraphs = document.paragraphs
            paragraph = paragraphs[index % len(paragraphs)]
            if kind == "rewrite":
                rewrite(paragraph, marker)
            elif kind == "append":
                paragraph.add_run(marker)
            elif kind == "delete" and len(paragraphs) > 1:
                delete(paragraph)
            elif kind == "insert":
                paragraph.insert_paragraph_before(marker)

    return edit(draft, run)


@pytest.fixture(scope="module")
def property_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the draft of the base data (a path, which hypothesis reports briefly)."""
    folder = tmp_path_factory.mktemp("property")
    (folder / "draft.docx").write_bytes(render(write_data(folder / "old.yaml", BASE)))
    return folder


@pytest.mark.rendering
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=edit_ops, change=data_changes, later=data_changes)
def test_editors_text_is_never_lost_and_accepting_gives_the_new_text(
    property_folder: Path, ops: list[EditOp], change: dict[str, Any], later: dict[str, Any]
) -> None:
    folder = property_folder
    draft = (folder / "draft.docx").read_bytes()
    old = baseline(draft).by_key()
    edited = apply_edits(draft, ops)
    new_data = write_data(folder / "new.yaml", changed_data(change))
    new = baseline(render(new_data)).by_key()
    (folder / "edited.docx").write_bytes(edited)
    (folder / "result.docx").unlink(missing_ok=True)
    update_report(new_data, folder / "edited.docx", folder / "result.docx")
    before, after = read_draft(edited).blocks, views((folder / "result.docx").read_bytes())

    editors = [b.text for b in before if b.text.strip() and (b.key is None or b.text != old[b.key].text)]
    for view in ("accepted", "rejected"):  # all there, once each, in the editor's order
        assert [t for t in after.texts(view) if t in editors] == editors, view
    for block in before:
        if block.key is not None and block.text == old[block.key].text:
            if block.key in new:
                assert after.text(block.key) == new[block.key].text
                assert after.text(block.key, "rejected") == block.text
            else:  # a tracked deletion, which drops the key
                assert after.text(block.key) is None and block.text in after.texts("rejected")
    present = {b.key for b in before}
    for key, generated in new.items():
        if key not in old:
            assert after.text(key) == generated.text
        elif key not in present:
            assert after.text(key) is None  # deleted by the editor: stays deleted
    assert baseline(after.data).by_key() == new

    # … and the result, its changes still pending, updated again with later data
    newer_data = write_data(folder / "newer.yaml", changed_data(later))
    newer = baseline(render(newer_data)).by_key()
    (folder / "again.docx").unlink(missing_ok=True)
    update_report(newer_data, folder / "result.docx", folder / "again.docx")
    again = views((folder / "again.docx").read_bytes())
    assert [t for t in again.texts() if t in editors] == editors
    for block in after.accepted:
        if block.key is not None and block.text == new[block.key].text and block.key in newer:
            assert again.text(block.key) == newer[block.key].text
