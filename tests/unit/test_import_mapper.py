"""The mapper on small tables: each layout rule, found by label and never by position."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from reportgen.data.importing.mapper import import_tables
from reportgen.data.importing.match import parse_amount
from reportgen.data.importing.texts import split_items
from reportgen.errors import DataError
from reportgen.support.grid import Grid, Merge, TableDocument, build_grid

E = ""
HEADER = ["一级指标", "二级指标", "三级指标", "指标值"]


def grid(rows: list[list[str]], merges: list[Merge] | None = None, caption: tuple[str, ...] = ()) -> Grid:
    return build_grid("第1个表格", rows, merges or [], caption=caption)


def one(*grids: Grid) -> dict[str, Any]:
    result = import_tables(TableDocument("目标表.docx", grids))
    assert len(result.tables) == 1
    return result.tables[0].data


def department(*rows: list[str], merges: list[Merge] | None = None) -> Grid:
    head = [["部门名称", "某县司法局", E, E], ["资金总额", "100", E, E], HEADER]
    return grid([*head, *rows], merges, caption=("2024年部门整体支出绩效目标表", "金额单位：万元"))


def test_a_comparator_and_unit_in_their_own_columns_join_the_value() -> None:
    rows = [
        ["一级指标", "二级指标", "三级指标", "绩效指标性质", "绩效指标值", "绩效度量单位", "权重"],
        ["产出指标", "数量指标", "法律援助全年办结的案件数量", "≥", "300", "件", "5"],
        ["产出指标", "时效指标", "完成工作的时间", "=", "12", "月", "5"],
        ["效益指标", "社会效益指标", "社会和谐稳定", "定性", "优良差", E, "2"],
    ]
    data = one(
        grid([["部门名称", "某县司法局"], ["资金总额", "100"], *rows], caption=("2024年部门整体支出绩效目标表",))
    )
    found = [(i["name"], i["target"], i["weight"]) for i in data["indicators"]]
    assert found == [
        ("法律援助全年办结的案件数量", "≥300件", Decimal(5)),
        ("完成工作的时间", "12月", Decimal(5)),
        ("社会和谐稳定", "优良差", Decimal(2)),
    ]


def test_merged_levels_carry_down_and_a_label_column_is_passed_over() -> None:
    rows = [
        ["部门名称", "某县司法局", E, E, E],
        ["资金总额", "100", E, E, E],
        [E, "一级指标", "二级指标", "三级指标", "指标值"],
        ["部门整体绩效情况", "产出指标", "数量指标", "案件数", "300件"],
        [E, E, E, "培训次数", "2次"],
        [E, E, "质量指标", "调解成功率", "≥98%"],
        [E, "满意度指标", "服务对象满意度指标", "满意度", "≥95%"],
    ]
    data = one(grid(rows, [(3, 0, 6, 0), (3, 1, 5, 1), (3, 2, 4, 2)], caption=("2024年部门整体支出绩效目标表",)))
    levels = [(i["level1"], i["level2"], i["name"]) for i in data["indicators"]]
    assert levels == [
        ("产出指标", "数量指标", "案件数"),
        ("产出指标", "数量指标", "培训次数"),
        ("产出指标", "质量指标", "调解成功率"),
        ("满意度指标", "服务对象满意度指标", "满意度"),
    ]


def test_a_header_repeated_on_the_next_page_is_passed_over() -> None:
    data = one(department(["产出指标", "数量指标", "案件数", "300件"], HEADER, [E, "质量指标", "合格率", "100%"]))
    assert [i["name"] for i in data["indicators"]] == ["案件数", "合格率"]


def test_a_blank_level_cell_keeps_the_one_above() -> None:
    data = one(department(["产出指标", "数量指标", "案件数", "300件"], [E, E, "宣传次数", "40场"]))
    assert data["indicators"][1]["level2"] == "数量指标"


def test_html_remnants_in_a_cell_become_items() -> None:
    text = "<p>一是全面依法治县。</p> <p>二是严格依法行政。</p>"
    rows = [
        ["部门名称", "某县司法局"],
        ["资金总额", "100"],
        ["整体绩效目标", text],
        HEADER,
        ["产出指标", "数量指标", "案件", "3件"],
    ]
    data = one(grid(rows, caption=("2024年部门整体支出绩效目标表",)))
    assert [g["expected"] for g in data["goals"]] == ["一是全面依法治县。", "二是严格依法行政。"]


def test_amounts_typed_with_their_unit_are_converted_once() -> None:
    rows = [
        ["部门名称", "某市司法局"],
        ["年度预算申请（万元）", "资金总额：2565.36万元"],
        [E, "其中：公共财政拨款：2557.36万元\n政府性基金拨款：\n其他资金：80000元"],
        HEADER,
        ["产出指标", "数量指标", "案件", "3件"],
    ]
    data = one(grid(rows, [(1, 0, 2, 0)], caption=("部门整体支出绩效目标申报表", "（ 2020 年度）")))
    assert data["money_unit"] == "万元"
    assert data["budget"] == {  # the 元 amount is 8 万元
        "initial": Decimal("2565.36"),
        "by_source": {"general_public": Decimal("2557.36"), "other": Decimal("8")},
    }
    assert data["year"] == 2020


def test_a_leading_code_becomes_the_units_code() -> None:
    rows = [
        ["预算（单位）名称：135-大竹县司法局部门"],
        ["资金总额", "100"],
        HEADER,
        ["产出指标", "数量指标", "案件", "3件"],
    ]
    data = one(grid(rows, caption=("部门（单位）整体支出绩效目标批复表", "预算年度:2024")))
    assert data["unit"] == {"name": "大竹县司法局", "code": "135"}
    assert data["year"] == 2024


def test_a_half_table_maps_what_it_can_and_lists_the_rest() -> None:
    rows = [["部门名称", "某县司法局"], ["资金总额", "100"], ["备用栏", "这一格谁也不认识"]]
    result = import_tables(TableDocument("半张表.docx", (grid(rows, caption=("2024年部门整体支出绩效目标表",)),)))
    t = result.tables[0]
    assert t.data["budget"] == {"initial": Decimal("100")}
    assert "indicators" not in t.data
    assert [u.text for u in t.unmapped] == ["备用栏", "这一格谁也不认识"]
    assert t.unmapped[0].place == "第1个表格第3行第1列"


def test_a_document_without_a_target_table_says_what_was_looked_for() -> None:
    staff = grid([["姓名", "职务"], ["张三", "科长"]])
    with pytest.raises(DataError) as caught:
        import_tables(TableDocument("名单.docx", (staff,)))
    message = caught.value.render()
    assert "没有找到可以导入的表格" in message and "一级指标" in message and "第1个表格" in message


def test_a_document_with_no_table_at_all_says_so() -> None:
    with pytest.raises(DataError) as caught:
        import_tables(TableDocument("报告.docx", ()))
    assert "文件中没有表格" in caught.value.render()


def test_a_table_continued_on_the_next_page_joins_the_one_before() -> None:
    first = department(["产出指标", "数量指标", "案件数", "300件"])
    more = build_grid(
        "第2个表格",
        [HEADER, ["效益指标", "社会效益指标", "社会稳定", "100%"]],
        caption=("2024年部门整体支出绩效目标表",),
    )
    result = import_tables(TableDocument("申报表.docx", (first, more)))
    assert len(result.tables) == 1
    names = [i["name"] for i in result.tables[0].data["indicators"]]
    assert names == ["案件数", "社会稳定"]
    assert result.tables[0].locations[("indicators", 1, "name")] == "第2个表格第2行第3列"


def test_long_term_indicators_are_not_imported_and_say_why() -> None:
    rows = [
        ["部门名称", "某区司法局", E, E, E],
        ["资金总额", "100", E, E, E],
        ["长期绩效指标", "一级指标", "二级指标", "指标名称", "指标值"],
        [E, "产出指标", "质量指标", "调解成功率", ">96%"],
        ["年度绩效指标", "一级指标", "二级指标", "指标名称", "指标值"],
        [E, "产出指标", "数量指标", "法律援助案件数", "300件"],
    ]
    result = import_tables(
        TableDocument(
            "申报表.docx", (grid(rows, [(2, 0, 3, 0), (4, 0, 5, 0)], ("2020年度部门整体支出绩效目标申报表",)),)
        )
    )
    t = result.tables[0]
    assert [i["name"] for i in t.data["indicators"]] == ["法律援助案件数"]
    assert any("长期" in u.reason and u.text == "调解成功率" for u in t.unmapped)


def test_printed_shares_are_checked_against_the_amounts() -> None:
    rows = [
        ["部门名称", "某区司法局", E, E],
        ["部门总体资金情况（万元）", "总体资金情况", "当年预算收支", "占比"],
        [E, "财政拨款", "1801.88", "95.65%"],
        [E, "其他资金", "82", "5.35%"],
        [E, "合计", "1883.88", "100%"],
        HEADER,
        ["产出指标", "数量指标", "案件", "3件"],
    ]
    result = import_tables(
        TableDocument("申报表.docx", (grid(rows, [(1, 0, 4, 0)], ("2020年度部门整体支出绩效目标申报表",)),))
    )
    t = result.tables[0]
    assert t.data["budget"]["initial"] == Decimal("1883.88")
    shares = [f for f in t.findings if f.rule == "share"]
    assert len(shares) == 1 and "4.35%" in shares[0].message and shares[0].place == "第1个表格第4行第4列"


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("524.31", (Decimal("524.31"), "")),
        ("2557.36万元", (Decimal("2557.36"), "万元")),
        ("16,905,537.09", (Decimal("16905537.09"), "")),
        ("8万", (Decimal(8), "万元")),
        ("≦524.31万元", None),
        ("约100", None),
    ],
)
def test_amounts_as_tables_write_them(text: str, amount: tuple[Decimal, str] | None) -> None:
    assert parse_amount(text) == amount


def test_numbered_lists_split_into_items() -> None:
    assert split_items("1、承担依法治市。2、贯彻执行方针。\n3、承担立法。") == [
        "承担依法治市。",
        "贯彻执行方针。",
        "承担立法。",
    ]
    assert split_items("目标1: 维护稳定 目标2: 提升服务") == ["维护稳定", "提升服务"]
    assert split_items("第一段\n第二段") == ["第一段", "第二段"]
