"""``check`` findings an editor can act on, and ``update`` comments that say what changed
(issue 14, item 3), on real rendered drafts edited with python-docx.

A finding names its heading path, the paragraph's number under the nearest heading and a
quote that Ctrl+F finds; a table cell by the table's title, the indicator and the column; a
wrong figure says what it should be when the regenerated report tells; text typed over a
yellow placeholder asks for the highlight to go. A comment from ``update`` lists the figures
that changed first, and names a table's cells by indicator and column.
"""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import docx
import docx.document
import pytest
import yaml
from typer.testing import CliRunner

from drafting import edit, find, render, resave_with_libreoffice, rewrite, views, write_data
from reportgen.api import check_report, update_report
from reportgen.cli import app
from samples import EXAMPLES, LINGLING

pytestmark = pytest.mark.rendering
runner = CliRunner()
SHIFENG = EXAMPLES / "shifeng-2023-draft" / "data.yaml"
DEVIATION = "三、绩效情况 › （三）绩效指标完成情况 › 1.产出指标完成情况"


def draft_file(folder: Path, data: bytes, name: str = "草稿.docx") -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def quoted(location: str) -> str:
    """The exact text a location quotes, without the marks of what it leaves out."""
    return location.split("「", 1)[1].rsplit("」", 1)[0].strip("…")


def paragraph_texts(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_a_placeholder_is_placed_by_its_headings_its_paragraph_under_them_and_a_quote(tmp_path: Path) -> None:
    data = render(LINGLING)
    found = check_report(draft_file(tmp_path, data))
    deviation = next(f for f in found if "偏差原因" in f.message)
    assert deviation.heading == DEVIATION
    assert deviation.location == "第4段「偏差原因分析及改进措施：【待补充：“积极…」"
    assert deviation.place == f"{DEVIATION} › 第4段「偏差原因分析及改进措施：【待补充：“积极…」"
    date = next(f for f in found if f.message == "【待补充：报告日期】")
    assert date.place == "落款 › 第2段「【待补充：报告日期】」"
    assert all(any(quoted(f.location) in text for text in paragraph_texts(data)) for f in found)


def test_a_placeholder_far_into_a_long_paragraph_is_quoted_with_the_text_around_it(tmp_path: Path) -> None:
    data = render(SHIFENG)
    found = [f for f in check_report(draft_file(tmp_path, data)) if f.message == "【待补充：全年执行数】"]
    (executed,) = found
    assert executed.heading == "二、支出情况 › （一）预算执行情况"
    assert executed.location.startswith("第1段「…") and "全年执行数【待补充：全年执行数】" in executed.location
    assert any(quoted(executed.location) in text for text in paragraph_texts(data))


def test_a_table_cell_is_named_by_the_table_title_the_indicator_and_the_column(tmp_path: Path) -> None:
    found = check_report(draft_file(tmp_path, render(SHIFENG)))
    places = [f.place for f in found if f.heading == "附件1"]
    assert "附件1 › 部门整体支出绩效自评表 › 指标“完成法律援助案件”的实际完成值" in places
    assert "附件1 › 部门整体支出绩效自评表 › 指标“完成法律援助案件”的得分" in places
    assert "附件1 › 部门整体支出绩效自评表 › 第3行“年度资金总额”的全年预算数" in places
    assert "附件1 › 部门整体支出绩效自评表 › 第11行“总分”的得分" in places
    assert "附件1 › 部门整体支出绩效自评表 › 第11行“总分”的等级" in places
    assert not [p for p in places if "列" in p]


def test_text_typed_over_a_yellow_placeholder_asks_for_the_highlight_to_go(tmp_path: Path) -> None:
    def type_date(document: docx.document.Document) -> None:
        paragraph = find(document, "【待补充：报告日期】")
        (run,) = [r for r in paragraph.runs if r.font.highlight_color is not None]
        run.text = "2023年3月1日"  # typed over the placeholder; the yellow stays

    found = check_report(draft_file(tmp_path, edit(render(LINGLING), type_date)))
    (typed,) = [f for f in found if f.heading == "落款"]
    assert typed.kind == "highlight"
    assert typed.place == "落款 › 第2段「2023年3月1日」"
    assert typed.message == "已填写“2023年3月1日”，请取消突出显示。"


def test_a_wrong_figure_in_a_generated_paragraph_says_what_it_should_be(tmp_path: Path) -> None:
    def mistype(document: docx.document.Document) -> None:
        execution = find(document, "2022年年初预算数")
        rewrite(execution, execution.text.replace("全年执行数1690.55万元", "全年执行数1609.55万元"))
        basic = find(document, "基本支出1247.62万元")
        rewrite(basic, basic.text.replace("73.80%", "73.08%"))

    found = check_report(draft_file(tmp_path, edit(render(LINGLING), mistype)), LINGLING)
    figures = [f for f in found if f.kind == "figure"]
    assert [(f.heading, f.message, f.expected) for f in figures] == [
        ("二、支出情况 › （一）预算执行情况", "金额“1609.55万元”与数据不符，应为1690.55万元。", "1690.55万元"),
        ("二、支出情况 › （二）基本支出情况", "百分比“73.08%”与数据不符，应为73.80%。", "73.80%"),
    ]
    assert "全年执行数1609." in figures[0].location


def test_a_wrong_figure_in_an_added_paragraph_is_corrected_only_when_the_words_tell(tmp_path: Path) -> None:
    def add(document: docx.document.Document) -> None:
        find(document, "经自评").insert_paragraph_before("本年全年执行数1690.5万元，项目支出442.39万元，执行率99.5%。")

    found = [f for f in check_report(draft_file(tmp_path, edit(render(LINGLING), add)), LINGLING) if f.kind == "figure"]
    assert [f.message for f in found] == [
        "金额“1690.5万元”与数据不符，应为1690.55万元。",
        "金额“442.39万元”与数据不符，应为442.93万元。",
        "百分比“99.5%”与按数据计算的结果不符，请核对。",  # 执行率 is 29.17%, 86.00%, 100.00% … in the report
    ]
    assert all(f.heading == "三、绩效情况 › （一）自评结论" and f.location.startswith("第1段「") for f in found)


def test_json_keeps_its_keys_and_gains_the_place_and_the_expected_figure(tmp_path: Path) -> None:
    def mistype(document: docx.document.Document) -> None:
        basic = find(document, "基本支出1247.62万元")
        rewrite(basic, basic.text.replace("73.80%", "73.08%"))

    draft = draft_file(tmp_path, edit(render(LINGLING), mistype))
    result = runner.invoke(app, ["check", str(draft), "--data", str(LINGLING), "--json"])
    payload = json.loads(result.output)
    assert payload["count"] == len(payload["findings"])
    assert all({"kind", "location", "heading", "message", "place", "expected"} <= set(f) for f in payload["findings"])
    figure = next(f for f in payload["findings"] if f["kind"] == "figure")
    assert figure["expected"] == "73.80%" and figure["place"] == f"{figure['heading']} › {figure['location']}"
    assert next(f for f in payload["findings"] if f["kind"] == "placeholder")["expected"] is None
    text = runner.invoke(app, ["check", str(draft), "--data", str(LINGLING)]).output
    assert (
        f"[数字] 二、支出情况 › （二）基本支出情况 › {figure['location']}：百分比“73.08%”与数据不符，应为73.80%。"
        in text
    )


def changed_lingling(folder: Path, change: Any) -> Path:
    data = copy.deepcopy(yaml.safe_load(LINGLING.read_text(encoding="utf-8")))
    change(data)
    return write_data(folder / "新数据.yaml", data)


def test_a_paragraph_comment_lists_the_figures_that_changed_before_the_new_text(tmp_path: Path) -> None:
    def executed_less(data: dict[str, Any]) -> None:
        data["budget"]["executed"] = round(data["budget"]["executed"] * 0.9)

    new = changed_lingling(tmp_path, executed_less)
    draft = edit(
        render(LINGLING),
        lambda d: rewrite(find(d, "2022年年初预算数"), find(d, "2022年年初预算数").text + "（编辑补充）"),
    )
    update_report(new, draft_file(tmp_path, draft), tmp_path / "修订稿.docx")
    result = views((tmp_path / "修订稿.docx").read_bytes())
    (comment,) = [c for c in result.comments if "全年执行数" in c.text]
    assert comment.text.startswith("数据有变化：全年执行数 1690.55万元 → 1521.50万元；")
    assert "执行率 100.00% → 90.00%" in comment.text.split("。")[0]
    assert comment.text.index("数据有变化：") < comment.text.index("按最新数据生成的文字是：")
    stale = [f.message for f in check_report(tmp_path / "修订稿.docx", new) if f.kind == "figure"]
    assert "金额“1690.55万元”与数据不符，全年执行数应为1521.50万元。" in stale  # the editor's text still has it


def test_a_table_comment_names_the_indicator_and_the_column(tmp_path: Path) -> None:
    def less_cases(data: dict[str, Any]) -> None:
        indicator = next(i for i in data["indicators"] if i["name"] == "法律援助工作办案数量")
        indicator["actual"] = "230件"
        data["budget"]["executed"] = round(data["budget"]["executed"] * 0.9)  # 预算执行率 90%: one point less

    def note_in_table(document: docx.document.Document) -> None:
        table = document.tables[-2]  # the indicator table (the last is 附件2)
        cell = table.rows[1].cells[-1]
        cell.paragraphs[0].add_run("（编辑注）")

    new = changed_lingling(tmp_path, less_cases)
    update_report(new, draft_file(tmp_path, edit(render(LINGLING), note_in_table)), tmp_path / "修订稿.docx")
    comments = [c.text for c in views((tmp_path / "修订稿.docx").read_bytes()).comments if "本表应改为" in c.text]
    (table,) = comments
    assert "指标“法律援助工作办案数量”的实际完成值：249件 → 230件" in table
    assert "第12行“总分”的得分：98 → 97" in table  # the total row's merged cells line up with the header
    assert "第" not in table.split("本表应改为：")[1].split("：")[0]


@pytest.mark.libreoffice
def test_a_draft_saved_by_libreoffice_places_findings_alike(tmp_path: Path) -> None:
    data = render(SHIFENG)
    ours = check_report(draft_file(tmp_path, data))
    theirs = check_report(draft_file(tmp_path, resave_with_libreoffice(data), "另存.docx"))
    assert [(f.kind, f.place, f.message) for f in theirs] == [(f.kind, f.place, f.message) for f in ours]
    assert any(f.place == "落款 › 第2段「【待补充：报告日期】」" for f in theirs)
