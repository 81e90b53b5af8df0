"""``reportgen check``: what a draft still needs from an editor, with where it is."""

from __future__ import annotations

import copy
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from typer.testing import CliRunner

from drafting import by_key, edit, find, render, rewrite, write_data
from reportgen.api import check_report, update_report
from reportgen.cli import app
from reportgen.docx.draft.read import read_draft
from reportgen.revise.findings import Computed, check
from reportgen.revise.location import Place, document_places
from reportgen.revise.model import Baseline, DraftBlock, DraftComment, Generated
from samples import LINGLING, MINIMAL

runner = CliRunner()
BASE: dict[str, Any] = yaml.safe_load(MINIMAL)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def fill_placeholders(document: docx.document.Document) -> None:
    """What an editor does with every 【待补充：…】: type the text in, drop the highlight."""
    for paragraph in document.paragraphs:
        if "【待补充" in paragraph.text:
            rewrite(paragraph, re.sub(r"【待补充[：:][^】]*】", "已补充", paragraph.text))
        for run in paragraph.runs:
            run.font.highlight_color = None


def draft_file(folder: Path, data: bytes, name: str = "draft.docx") -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.mark.rendering
def test_placeholders_are_listed_with_their_paragraph(tmp_path: Path) -> None:
    draft = draft_file(tmp_path, render(write_data(tmp_path / "data.yaml", BASE)))
    found = [f for f in check_report(draft) if f.kind == "placeholder"]
    assert found and all(f.message.startswith("【待补充") for f in found)
    assert all(re.fullmatch(r"第\d+段「.+」", f.location) for f in found if "表" not in f.location)
    first = next(b for b in read_draft(draft.read_bytes()).blocks if "【待补充" in b.text)
    assert found[0].location.endswith(f"「{first.text[:20]}…」")


def test_highlighted_text_without_the_marker_counts_too() -> None:
    blocks = [DraftBlock("k", "请核实这一句。", marks=((0, 4),))]
    (finding,) = check(blocks, None, [])
    assert finding.kind == "highlight" and "请核实这" in finding.message


@pytest.mark.rendering
def test_a_clean_draft_passes(tmp_path: Path) -> None:
    draft = draft_file(tmp_path, edit(render(LINGLING), fill_placeholders))
    assert check_report(draft, LINGLING) == []
    result = runner.invoke(app, ["check", str(draft), "--data", str(LINGLING)])
    assert result.exit_code == 0, result.output
    assert "没有需要处理的地方" in result.output


@pytest.mark.rendering
def test_open_comments_from_update_are_listed_until_resolved(tmp_path: Path) -> None:
    old = write_data(tmp_path / "old.yaml", BASE)
    changed = copy.deepcopy(BASE)
    changed["budget"]["executed"] = 90
    new = write_data(tmp_path / "new.yaml", changed)
    draft = render(old)
    baseline, fresh = read_draft(draft).baseline, read_draft(render(new)).baseline
    assert baseline is not None and fresh is not None
    key = next(b.key for b in baseline.blocks if b.cells is None and b.text != fresh.by_key()[b.key].text)
    edited = draft_file(tmp_path, edit(draft, fill_placeholders, lambda d: rewrite(by_key(d, key), "编辑改写。")))
    update_report(new, edited, tmp_path / "updated.docx")
    (comment,) = [f for f in check_report(tmp_path / "updated.docx") if f.kind == "comment"]
    assert comment.location.startswith("第") and "编辑改写。" in comment.location
    resolved = draft_file(tmp_path, mark_comments_done((tmp_path / "updated.docx").read_bytes()), "resolved.docx")
    assert not [f for f in check_report(resolved) if f.kind == "comment"]
    removed = draft_file(
        tmp_path,
        edit(
            (tmp_path / "updated.docx").read_bytes(), lambda d: by_key(d, key)._p.getparent().remove(by_key(d, key)._p)
        ),
        "gone.docx",
    )
    assert not [f for f in check_report(removed) if f.kind == "comment"]


def mark_comments_done(data: bytes) -> bytes:
    """Resolve every comment as Word does: a paraId on its paragraph, w15:done in commentsExtended."""
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {name: source.read(name) for name in source.namelist()}
    w14 = "http://schemas.microsoft.com/office/word/2010/wordml"
    comments = parts["word/comments.xml"].decode()
    comments = comments.replace("<w:comments ", f'<w:comments xmlns:w14="{w14}" ', 1)
    count = comments.count("<w:comment ")
    for number in range(count):
        comments = re.sub(
            r"(<w:comment [^>]*>(?:(?!</w:comment>).)*?)<w:p>(?=(?:(?!<w:p>).)*?</w:comment>)",
            rf'\g<1><w:p w14:paraId="{number + 1:08X}">',
            comments,
            count=1,
        )
    parts["word/comments.xml"] = comments.encode()
    extended = "".join(f'<w15:commentEx w15:paraId="{n + 1:08X}" w15:done="1"/>' for n in range(count))
    parts["word/commentsExtended.xml"] = (
        f'<w15:commentsEx xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">{extended}</w15:commentsEx>'
    ).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, blob in parts.items():
            target.writestr(name, blob)
    return out.getvalue()


@pytest.mark.rendering
def test_a_hand_typed_wrong_percentage_is_found_with_the_data(tmp_path: Path) -> None:
    def type_figures(document: docx.document.Document) -> None:
        find(document, "经自评").insert_paragraph_before("另据统计，预算执行率为99.99%，结余1.23万元。")
        find(document, "经自评").insert_paragraph_before("全年执行数1690.55万元，占99.53%。")

    draft = draft_file(tmp_path, edit(render(LINGLING), fill_placeholders, type_figures))
    figures = [f for f in check_report(draft, LINGLING) if f.kind == "figure"]
    assert [f.message for f in figures] == [
        "百分比“99.99%”与数据不符，应为100.00%。",  # the report's one 预算执行率
        "金额“1.23万元”与按数据计算的结果不符，请核对。",  # 结余 is named nowhere in it
    ]
    assert re.fullmatch(r"第\d+段「另据统计，预算执行率为99.99%，结余…」", figures[0].location)
    assert re.fullmatch(r"第\d+段「…99.99%，结余1.23万元。」", figures[1].location)
    assert not [f for f in check_report(draft) if f.kind == "figure"]  # only with the data


def test_figures_in_untouched_paragraphs_are_not_checked() -> None:
    baseline = Baseline((Generated("k", "执行率12.34%。"),))
    assert check([DraftBlock("k", "执行率12.34%。")], baseline, [], Computed.of([], [])) == []
    (finding,) = check([DraftBlock("k", "执行率12.35%。")], baseline, [], Computed.of([], []))
    assert finding.kind == "figure" and "12.35%" in finding.message


def test_figures_computed_from_tables_count_as_known() -> None:
    computed = Computed.of(["合计1,690.55万元"], ["98.00", "29.17%", "预算数\n110.00"])
    blocks = [DraftBlock(None, "得分98.00分，预算1690.55万元，110.00万元，执行率29.17%，另计3.5%。")]
    (finding,) = check(blocks, None, [], computed)
    assert "3.5%" in finding.message


@pytest.mark.rendering
def test_changed_data_is_reported(tmp_path: Path) -> None:
    draft = draft_file(tmp_path, edit(render(LINGLING), fill_placeholders))
    changed = yaml.safe_load(LINGLING.read_text(encoding="utf-8"))
    changed["budget"]["initial"] = 15305000
    findings = check_report(draft, write_data(tmp_path / "new.yaml", changed))
    assert [f.kind for f in findings] == ["data"]


def test_without_headings_paragraphs_and_tables_are_counted_through_the_body() -> None:
    long = "第一段文字，" + "很长" * 10
    blocks = [
        DraftBlock("a", long),
        DraftBlock(None, ""),
        DraftBlock("t", "x", cells=(("x",),)),
        DraftBlock(None, "短"),
    ]
    assert document_places(blocks) == [Place(number=1), Place(number=1), Place(number=1), Place(number=2)]


def test_comments_by_others_are_not_listed() -> None:
    blocks = [DraftBlock(None, "段落", comments=(1, 2))]
    comments = [DraftComment(1, "张三", "请改"), DraftComment(2, "reportgen", "新文字")]
    assert [f.message for f in check(blocks, None, comments)] == ["reportgen 的批注尚未处理：新文字"]


@pytest.mark.rendering
def test_the_check_command_lists_and_exits_1(tmp_path: Path) -> None:
    draft = draft_file(tmp_path, render(write_data(tmp_path / "data.yaml", BASE)))
    result = runner.invoke(app, ["check", str(draft)])
    assert result.exit_code == 1
    assert "[待补充] 一、基本情况 › （一）单位基本情况 › 第1段「" in result.output and "处需要处理" in result.output
    as_json = runner.invoke(app, ["check", str(draft), "--json"])
    assert as_json.exit_code == 1
    payload = json.loads(as_json.output)
    assert payload["count"] == len(payload["findings"]) > 0
    assert payload["findings"][0]["kind"] == "placeholder"
    missing = runner.invoke(app, ["check", str(tmp_path / "nope.docx")])
    assert missing.exit_code == 2 and "找不到" in missing.output


@pytest.mark.parametrize("text", ["不是 docx", ""])
def test_check_rejects_files_that_are_not_word_documents(tmp_path: Path, text: str) -> None:
    path = tmp_path / "x.docx"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2 and "Word" in result.output
