"""What changed between two versions: fields by their place in plain Chinese, figures by
name, and both versions' figures side by side; each version checked once however often
the history is shown."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from typing import Any

from reportgen import api
from reportgen.data.sources import read_data
from reportgen.web.changes import (
    EMPTY,
    excerpts,
    field_changes,
    figure_changes,
    figure_table,
    same_figure,
)
from reportgen.web.datafile import to_json
from reportgen.web.edit import is_form_edit
from reportgen.web.figures_panel import PROJECTS, PanelRow, figures_panel
from reportgen.web.history import PER_PAGE, ChangeCache, history_page, sittings
from reportgen.web.store import Version
from samples import LINGLING


def _lingling() -> dict[str, Any]:
    return copy.deepcopy(dict(read_data(LINGLING).data))


def _texts(old: object, new: object) -> list[str]:
    return [change.text for change in field_changes(old, new)]


def _indicators(*items: dict[str, Any]) -> dict[str, Any]:
    return {"indicators": list(items)}


def test_a_changed_field_is_named_by_its_place_with_both_values() -> None:
    old = _indicators({"name": "法律援助案件", "actual": "95%"})
    new = _indicators({"name": "法律援助案件", "actual": "97%"})
    assert _texts(old, new) == ["绩效指标“法律援助案件”的实际完成值：95% → 97%"]


def test_a_field_filled_in_or_emptied_shows_empty_on_its_other_side() -> None:
    old = {"budget": {"adjusted": 100}}
    new = {"budget": {"adjusted": 100, "executed": 98}}
    assert _texts(old, new) == [f"年度资金的全年执行数：{EMPTY} → 98.00"]
    assert _texts(new, old) == [f"年度资金的全年执行数：98.00 → {EMPTY}"]


def test_a_part_given_for_the_first_time_is_listed_field_by_field() -> None:
    old: dict[str, Any] = {"budget": {}}
    new = {"budget": {"by_source": {"general_public": 90, "government_fund": 10}}}
    assert _texts(old, new) == [f"年度资金的一般公共预算：{EMPTY} → 90.00", f"年度资金的政府性基金：{EMPTY} → 10.00"]


def test_an_added_or_removed_list_item_is_one_change() -> None:
    one = {"name": "法律援助案件", "target": "400件", "weight": 10}
    two = {"name": "调解成功率", "target": "≥95%", "weight": 10}
    assert _texts(_indicators(one), _indicators(one, two)) == ["新增绩效指标“调解成功率”"]
    assert _texts(_indicators(one, two), _indicators(one)) == ["删除绩效指标“调解成功率”"]
    goals = {"goals": [{"expected": "办理法律援助案件400件"}]}
    assert _texts({"goals": []}, goals) == ["新增年度总体目标第1项：办理法律援助案件400件"]


def test_values_are_shown_as_the_form_shows_them() -> None:
    old = _indicators({"name": "案件", "direction": "positive", "applicable": True})
    new = _indicators({"name": "案件", "direction": "reverse", "applicable": False})
    assert _texts(old, new) == ["绩效指标“案件”的指标方向：正向 → 反向", "绩效指标“案件”的是否适用：是 → 否"]


def test_the_same_number_written_differently_is_no_change() -> None:
    from decimal import Decimal

    assert _texts({"budget": {"executed": 100}}, {"budget": {"executed": Decimal("100.00")}}) == []
    assert _texts({"other": ""}, {}) == []


def test_a_long_text_is_shortened_around_where_it_changed() -> None:
    text = "一是经常化全域性法治宣传。为营造浓厚法治宣传氛围，我局印制了一批有关禁毒、疫情防控的宣传资料，深入各乡镇。"
    [change] = field_changes({"performance": [{"text": text}]}, {"performance": [{"text": text + "补充一句。"}]})
    assert change.place == "绩效情况第1项的内容"
    assert change.old.startswith("…") and change.new.endswith("补充一句。") and len(change.new) <= 45
    old, new = excerpts("甲" + text, "乙" + text)
    assert old.startswith("甲一是") and new.startswith("乙一是") and old.endswith("…")


def test_a_copy_for_next_year_reads_as_what_was_cleared() -> None:
    data = _lingling()
    texts = _texts(data, api.next_year(data))
    assert "单位信息的年度：2022 → 2023" in texts
    assert f"绩效指标“法律援助工作办案数量”的实际完成值：249件 → {EMPTY}" in texts
    assert f"项目“司法业务经费”的预算数：1100000.00元 → {EMPTY}" in texts


def _rows(data: dict[str, Any]) -> list[PanelRow]:
    figures = api.check_values(data).figures
    assert figures is not None
    return figures_panel(figures)


def test_the_figures_that_changed_are_named_with_both_values() -> None:
    before = _lingling()
    after = copy.deepcopy(before)
    after["budget"]["executed"] = 16000000
    after["indicators"][6]["score"] = 1  # 普及法律知识，提高全民法律意识: 9 → 1
    changes = {c.name: (c.old, c.new) for c in figure_changes(_rows(before), _rows(after))}
    assert changes["预算执行率"] == ("100.00%", "94.64%")
    assert changes["绩效指标“普及法律知识，提高全民法律意识”得分"][1] == "1.00"
    assert changes["总分"][0] in ("98", "98.00") and changes["总分"][1] == "89.46"
    assert changes["等级"] == ("优", "良")
    assert "绩效指标“法律援助工作办案数量”得分" not in changes  # 10 and 10.00 are the same score
    assert all(c.text == f"{c.name} {c.old} → {c.new}" for c in figure_changes(_rows(before), _rows(after)))


def test_a_copy_for_next_year_has_its_projects_figures_to_be_filled_in() -> None:
    rows = [row for row in _rows(api.next_year(_lingling())) if row.group == PROJECTS]
    assert rows and all(row.value == "待补充" and row.amount == "待补充" for row in rows)


def test_no_figures_are_compared_with_a_version_whose_data_has_errors() -> None:
    assert figure_changes(None, _rows(_lingling())) == []


def test_the_compare_table_gives_each_figure_of_both_versions_and_the_difference() -> None:
    before = _lingling()
    after = copy.deepcopy(before)
    after["budget"]["executed"] = 16000000
    table = {row.name: row for row in figure_table(_rows(before), _rows(after))}
    rate = table["预算执行率"]
    assert (rate.a, rate.b, rate.difference, rate.changed) == ("100.00%", "94.64%", "-5.36个百分点", True)
    assert table["执行率得分"].difference == "-0.54"
    assert not table["一般公共预算占全年预算数的比例"].changed
    assert table["总分"].changed and table["总分"].difference == "-0.54"
    assert not table["等级"].changed and table["等级"].difference == ""


def test_the_compare_table_shows_a_dash_for_figures_one_version_lacks() -> None:
    before = _lingling()
    after = copy.deepcopy(before)
    del after["indicators"][-1]  # 援助对象
    table = {row.name: row for row in figure_table(_rows(before), _rows(after))}
    assert (table["绩效指标“援助对象”得分"].a, table["绩效指标“援助对象”得分"].b) == ("9", "—")
    assert [row.b for row in figure_table(_rows(before), None)][:1] == ["—"]


def test_figures_are_the_same_when_their_numbers_are() -> None:
    assert same_figure("10", "10.00") and not same_figure("10", "10%") and not same_figure("优", "良")


def _versions(count: int) -> list[Version]:
    data = _lingling()
    versions = []
    for number in range(1, count + 1):
        data = copy.deepcopy(data)
        data["unit"]["short_name"] = f"零陵区司法局{number}"
        versions.append(Version(number, 1, number, to_json(data), datetime(2024, 1, 1, tzinfo=UTC), f"第{number}次"))
    return versions[::-1]


def test_the_history_comes_a_page_at_a_time_each_version_checked_once() -> None:
    versions = _versions(PER_PAGE + 5)
    checked: list[int] = []

    def check(version: Version) -> api.Checked:
        checked.append(version.number)
        return api.check_values(read_data(LINGLING).data)

    cache = ChangeCache()
    first = history_page(versions, 1, check, cache)
    assert [e.version.number for e in first.entries] == list(range(PER_PAGE + 5, 5, -1))
    assert (first.page, first.pages, first.total) == (1, 2, PER_PAGE + 5)
    newest = first.entries[0].changes
    assert newest is not None and [c.text for c in newest.fields] == [
        f"单位信息的简称：零陵区司法局{PER_PAGE + 4} → 零陵区司法局{PER_PAGE + 5}"
    ]
    assert sorted(checked) == list(range(5, PER_PAGE + 6))  # the page's versions and the one before them
    second = history_page(versions, 2, check, cache)
    assert [e.version.number for e in second.entries] == [5, 4, 3, 2, 1] and second.entries[-1].changes is None
    checked.clear()
    history_page(versions, 1, check, cache)
    history_page(versions, 99, check, cache)  # past the end: the last page
    assert checked == []


def test_form_edits_made_in_one_sitting_are_one_line_of_the_history() -> None:
    def at(number: int, minute: int, note: str) -> Version:
        return Version(number, 1, number, "{}", datetime(2024, 1, 1, 9, tzinfo=UTC) + timedelta(minutes=minute), note)

    versions = [
        at(7, 80, "恢复为第 1 版"),
        at(6, 60, "修改 单位信息的简称"),  # 40 minutes after the one before: a new sitting
        at(5, 20, "在绩效指标中添加第9行"),
        at(4, 12, "清空 年度资金的全年执行数"),
        at(3, 11, "修改 年度资金的全年执行数"),
        at(2, 10, "上传 自评数据.xlsx"),
        at(1, 0, "修改 年度资金的全年执行数"),
    ]
    assert [[v.number for v in run] for run in sittings(versions)] == [[7], [6], [5, 4, 3], [2], [1]]
    assert not is_form_edit("恢复为第 1 版") and not is_form_edit("由 2024 年度报告复制")
