"""Importing the seeds' layouts: each real table becomes data with the figures of the original.

The fixtures (tests/helpers/seed_tables.py) are the seeds' texts laid out as the original Word
and Excel files were, merged cells included; every figure checked here is copied from the seed.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import seed_tables
from reportgen.api.checking import check_data
from reportgen.data.importing.files import read_document
from reportgen.data.importing.mapper import import_tables
from reportgen.data.importing.result import ImportedTable, ImportResult


@functools.cache
def imported(name: str) -> ImportResult:
    return _import(name)


def _import(name: str) -> ImportResult:
    import tempfile

    suffix = ".xlsx" if name.endswith("xlsx") else ".docx"
    folder = Path(tempfile.mkdtemp(prefix="seed-"))
    path = folder / f"{name}{suffix}"
    path.write_bytes(getattr(seed_tables, name)())
    return import_tables(read_document(path))


def table(name: str, index: int) -> ImportedTable:
    return imported(name).tables[index]


def targets(t: ImportedTable) -> dict[str, str]:
    return {item["name"]: item["target"] for item in t.data["indicators"]}


def checked_draft(t: ImportedTable) -> Any:
    result = check_data(t.raw("seed"))
    assert result.ok, [i.describe() for i in result.errors]
    return result


# --- 000 株洲市石峰区司法局 2023: 部门整体 + 汇总表 + four 支出方向 tables


def test_zhuzhou_gives_the_department_and_each_direction_as_its_own_data() -> None:
    tables = imported("zhuzhou_docx").tables
    assert [t.kind for t in tables] == ["department", "project", "project", "project", "project"]
    assert [t.data.get("project", {}).get("name") for t in tables[1:]] == [
        "社区矫正和安置帮教",
        "公共法律服务",
        "矛盾调解服务",
        "依法治区工作",
    ]
    for t in tables:
        assert t.data["year"] == 2023
        assert t.data["money_unit"] == "万元"
        assert t.data["unit"]["name"] == "株洲市石峰区司法局"
        checked_draft(t)


def test_zhuzhou_department_money_is_the_tables() -> None:
    budget = table("zhuzhou_docx", 0).data["budget"]
    assert budget["initial"] == Decimal("524.31")
    assert budget["by_source"] == {"general_public": Decimal("524.31")}
    assert budget["by_nature"] == {"basic": Decimal("402.31"), "project": Decimal("122")}


def test_zhuzhou_projects_come_from_the_summary_and_its_blank_total_is_found() -> None:
    t = table("zhuzhou_docx", 0)
    projects = t.data["projects"]
    assert [(p["name"], p["budget"]) for p in projects] == [
        ("业务性专项经费", Decimal("22.5")),
        ("矛盾调解专项经费", Decimal("90")),
        ("依法治区工作", Decimal("9.5")),
    ]
    assert "社区矫正和安置帮教12.9万元" in projects[0]["note"]
    assert any(f.rule == "blank_total" and "122" in f.message for f in t.findings)


def test_zhuzhou_department_indicators_keep_every_value() -> None:
    assert targets(table("zhuzhou_docx", 0)) == {
        "完成法律援助案件": "400件",
        "预算资金使用率": "100%",
        "工作及时完成率": "100%",
        "不超过预算": "≦524.31万元",
        "无直接经济效益": "无直接经济效益",
        "促进法治石峰平安石峰建设": "良好",
        "持续做好依法治区、法治政府建设、促进依法行政、持续开展法治宣传、做好人民调解、法律援助工作": "无直接生态效益",
        "构建法治石峰、和谐石峰": "产生良好持续影响",
        "提高社会公众对司法行政的认可和满意度": "90%以上",
    }


def test_zhuzhou_comparator_in_the_name_joins_the_value() -> None:
    found = targets(table("zhuzhou_docx", 1))
    assert found["社区矫正对象"] == "≥88人"
    assert found["安置帮教、信息核实率、网上衔接率、预释放回执率"] == "≥100.00%"
    assert found["社区服刑人员电子监管率"] == "≥100%"  # the seed's "（≥，%" lacks its closing bracket
    assert table("zhuzhou_docx", 1).data["budget"]["initial"] == Decimal("12.9")


def test_zhuzhou_breakdowns_that_contradict_the_table_are_found() -> None:
    correction = table("zhuzhou_docx", 1).findings
    assert any(f.rule == "breakdown_count" and "86人" in f.message and "88人" in f.message for f in correction)
    mediation = table("zhuzhou_docx", 3).findings
    assert any(f.rule == "breakdown_sum" and "90.1万元" in f.message for f in mediation)
    assert not [f for f in table("zhuzhou_docx", 4).findings if f.rule == "breakdown_sum"]  # 5+0.5+2+0.5+1.5 = 9.5


# --- 002 永州市零陵区司法局 2022: the department and project 自评表 with the report


def test_lingling_department_self_evaluation_keeps_amounts_in_yuan_and_says_so() -> None:
    t = table("lingling_docx", 0)
    assert t.self_evaluation and t.kind == "department"
    assert t.data["money_unit"] == "元"
    assert t.data["budget"] == {
        "initial": Decimal("15205000.00"),
        "adjusted": Decimal("16905537.09"),
        "executed": Decimal("16905537.09"),
        "by_source": {"general_public": Decimal("16825537.09"), "government_fund": Decimal("80000.00")},
        "by_nature": {"basic": Decimal("12476249.49"), "project": Decimal("4429287.6")},
    }
    assert any(f.rule == "unit_header" and "万元" in f.message for f in t.findings)


def test_lingling_scores_and_totals_as_printed() -> None:
    t = table("lingling_docx", 0)
    assert t.data["published"] == {
        "execution_rate": Decimal("100"),
        "budget_score": Decimal("10"),
        "budget_weight": Decimal("10"),
        "total_weight": Decimal("100"),
        "total": Decimal("98"),
    }
    rows = {i["name"]: (i["target"], i.get("actual"), i["weight"], i.get("score")) for i in t.data["indicators"]}
    assert rows["积极受理各类矛盾纠纷"] == ("500件", "1620件", Decimal(10), Decimal(10))
    assert rows["普及法律知识，提高全民法律意识"] == ("提高法律知识水平", "有提高", Decimal(10), Decimal(9))
    assert rows["援助对象"] == ("非常满意", "非常满意", Decimal(10), Decimal(9))
    assert len(rows) == 9
    assert sum(i.get("score", 0) for i in t.data["indicators"]) + 10 == 98


def test_lingling_goals_pair_the_expected_with_the_actual() -> None:
    goals = table("lingling_docx", 0).data["goals"]
    assert goals[1] == {"expected": "及时有效化解矛盾纠纷，维护社会稳定。", "actual": "积极化解矛盾纠纷1620件"}
    assert len(goals) == 5 and "actual" not in goals[4]


def test_lingling_project_table_without_a_name_is_a_draft_that_says_so() -> None:
    t = table("lingling_docx", 1)
    assert t.kind == "project" and t.self_evaluation
    assert t.data["budget"]["executed"] == Decimal("442.92")
    assert t.data["budget"]["by_source"] == {"general_public": Decimal("258.4"), "other": Decimal("60")}
    missing = [i.path for i in checked_draft(t).missing]
    assert "project.name" in missing


def test_lingling_leftover_template_rows_are_found() -> None:
    assert any(f.rule == "template_rows" for f in table("lingling_docx", 0).findings)


@pytest.mark.parametrize(
    "name", ["zhuzhou_docx", "hengyang_docx", "lingling_docx", "xinzhou_docx", "dazhu_xlsx", "project_selfeval_xlsx"]
)
def test_every_mapped_value_names_its_cell(name: str) -> None:
    for t in imported(name).tables:
        assert t.mapped
        assert all(m.place for m in t.mapped)
        assert all(u.place and u.reason for u in t.unmapped)


# --- 001 衡阳市司法局 2020 申报表: several amounts in one cell, tasks with amounts, a repeated header


def test_hengyang_money_from_a_cell_of_several_lines() -> None:
    t = table("hengyang_docx", 0)
    assert t.data["unit"]["name"] == "衡阳市司法局" and t.data["year"] == 2020
    assert t.data["budget"] == {
        "initial": Decimal("2565.36"),
        "by_source": {"general_public": Decimal("2557.36"), "other": Decimal("8")},
        "by_nature": {"basic": Decimal("1772.65"), "project": Decimal("792.71")},
    }


def test_hengyang_tasks_with_amounts_are_projects_and_their_gap_is_found() -> None:
    t = table("hengyang_docx", 0)
    budgets = [p["budget"] for p in t.data["projects"]]
    assert budgets == [Decimal(n) for n in ("123", "80", "80", "120", "48", "90", "20", "38", "35", "30")]
    assert t.data["projects"][0] == {"name": "加快建设宪法广场", "budget": Decimal(123), "note": "建设宪法广场"}
    gaps = [f for f in t.findings if f.rule == "tasks_sum"]
    assert len(gaps) == 1 and "664万元" in gaps[0].message and "128.71万元" in gaps[0].message


def test_hengyang_indicators_past_the_repeated_header() -> None:
    t = table("hengyang_docx", 0)
    found = targets(t)
    assert len(found) == 28
    assert found["普法考试参与人数"] == "14万"
    assert found["学法考法通过率"] == "达到98%"
    assert found["上级主管部门及市委满意度"] == "100%"
    levels = {i["name"]: (i["level1"], i["level2"]) for i in t.data["indicators"]}
    assert levels["学法考法通过率"] == ("产出指标", "质量指标")
    assert levels["社会民众满意度"] == ("满意度指标", "服务对象满意度指标")
    assert len(t.data["unit"]["functions"]) == 13
    assert not t.unmapped
    checked_draft(t)


# --- 003 武汉市新洲区司法局 2020 申报表: three tables, HTML remnants, history columns, shares


def test_xinzhou_three_tables_are_one_department_table() -> None:
    tables = imported("xinzhou_docx").tables
    assert len(tables) == 1
    t = tables[0]
    assert t.data["unit"]["name"] == "武汉市新洲区司法局" and t.data["year"] == 2020
    assert t.data["budget"] == {
        "initial": Decimal("1883.88"),
        "by_source": {"general_public": Decimal("1801.88"), "other": Decimal("82")},
        "by_nature": {"basic": Decimal("1366.49"), "project": Decimal("517.39")},
    }
    assert not [f for f in t.findings if f.rule == "share"]  # 95.65 % / 4.35 %, 72.54 % / 27.46 % are right
    checked_draft(t)


def test_xinzhou_annual_indicators_take_this_years_column() -> None:
    t = table("xinzhou_docx", 0)
    found = targets(t)
    assert found["法律援助案件数"] == "300件"
    assert found["行政执法案卷评查"] == "110件"
    assert found["法律知识宣传覆盖面"] == "70%"
    assert "案件评估合格率" not in found  # a long-term indicator
    assert any(u.text == "376件" and "往年" in u.reason for u in t.unmapped)
    low = [f.message for f in t.findings if f.rule == "target_below_history"]
    assert any("法律援助案件数" in m and "376件" in m for m in low)


def test_xinzhou_functions_and_goals_survive_html_remnants() -> None:
    t = table("xinzhou_docx", 0)
    functions = t.data["unit"]["functions"]
    assert functions[1].startswith("承担全面依法治国重大问题的政策研究")
    assert not any("<" in f for f in functions)
    goals = [g["expected"] for g in t.data["goals"]]
    assert any("办理法律援助案件400件以上" in g for g in goals)
    assert any(f.rule == "goal_vs_indicator" and "400件" in f.message for f in t.findings)


# --- 004 大竹县司法局 2024 批复表 (.xlsx): 元, two header rows over the money, separate 性质/值/单位 columns


def test_dazhu_money_under_two_header_rows_in_yuan() -> None:
    t = table("dazhu_xlsx", 0)
    assert t.data["unit"] == {"name": "大竹县司法局", "code": "135"}
    assert t.data["year"] == 2024 and t.data["money_unit"] == "元"
    assert t.data["budget"] == {
        "initial": Decimal("19233900.00"),
        "by_source": {"general_public": Decimal("19233900.00")},  # 财政拨款 of 基本支出 and of 项目支出
        "by_nature": {"basic": Decimal("16650900.00"), "project": Decimal("2583000.00")},
    }
    assert t.locations[("budget", "by_nature", "basic")].startswith("工作表“批复表”")


def test_dazhu_indicators_join_comparator_value_and_unit() -> None:
    t = table("dazhu_xlsx", 0)
    found = targets(t)
    assert len(found) == 22
    assert found["法律顾问覆盖多少村社"] == "324个"
    assert found["法律援助全年办结的案件数量"] == "≥300案件数"
    assert found["全年通过法律援助途径挽回的经济损失金额"] == "≥300万元"
    assert found["群众之间矛盾纠纷有效化解，社会和谐稳定"] == "好坏"
    weights = [i["weight"] for i in t.data["indicators"]]
    assert sum(weights) == 90
    assert t.data["scoring"]["group_weights"] == {"产出指标": 60, "效益指标": 28, "满意度指标": 2}
    assert any(f.rule == "weights_scheme" for f in t.findings)
    assert any(f.rule == "unit_word" and "案件数" in f.message for f in t.findings)
    assert [u.text for u in t.unmapped] == ["部门整体绩效情况", "其他说明"]
    checked_draft(t)


def test_dazhu_tasks_without_amounts_are_goals() -> None:
    goals = [g["expected"] for g in table("dazhu_xlsx", 0).data["goals"]]
    assert goals[0].startswith("一是全面依法治县方面。")
    assert any(g.startswith("加强行政执法监督工作：") for g in goals)
    assert "projects" not in table("dazhu_xlsx", 0).data


# --- 10号 项目支出绩效自评表 (.xlsx)


def test_project_self_evaluation_of_the_10_layout() -> None:
    t = table("project_selfeval_xlsx", 0)
    assert t.kind == "project" and t.self_evaluation
    assert t.data["project"] == {
        "name": "司法业务经费",
        "authority": "永州市零陵区司法局",
        "implementer": "永州市零陵区司法局",
    }
    assert t.data["budget"]["initial"] == Decimal("318.4")
    assert t.data["budget"]["executed"] == Decimal("442.92")
    assert t.data["published"]["execution_rate"] == Decimal(100)
    assert t.data["published"]["total"] == Decimal(98)
    assert len(t.data["indicators"]) == 9
    assert not t.unmapped
    checked_draft(t)


# --- a half table


def test_a_half_target_table_maps_its_money_and_says_what_is_missing() -> None:
    result = imported("half_table_docx")
    assert len(result.tables) == 1
    t = result.tables[0]
    assert t.data["budget"].get("initial") is not None
    assert "indicators" not in t.data
    assert result.passed_over and "没有找到" in result.passed_over[0].reason
    checked_draft(t)
