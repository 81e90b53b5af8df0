"""``review``: a hand-made 自评表's inconsistencies, each at its cell with the correct figure."""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path
from typing import Any

import seed_tables
from reportgen.api.reviewing import Review, review_file


@functools.cache
def reviewed(name: str) -> Review:
    path = Path(tempfile.mkdtemp(prefix="review-")) / f"{name}.docx"
    path.write_bytes(getattr(seed_tables, name)())
    return review_file(path)


def messages(review: Review, index: int) -> list[str]:
    return [f"{f.place}：{f.message}" for f in review.tables[index].findings]


def test_the_seed_self_evaluation_tables_known_errors_are_all_listed() -> None:
    review = reviewed("lingling_docx")
    department, project = messages(review, 0), messages(review, 1)
    # 年度预算申请（万元） over amounts in 元
    assert any("万元" in m and "16905537.09" in m for m in department)
    # 执行率 printed 100 % for 442.92 / 318.4
    assert any("100.00%" in m and "139.11%" in m and m.startswith("第2个表格第4行") for m in project)
    # 1620件 against 500件 scored full without a 偏差原因
    assert any("积极受理各类矛盾纠纷" in m and "324.00%" in m for m in department)
    # a range given as the actual value
    assert any("400-500人" in m and "不是确切数值" in m for m in department)
    # template rows left in, the project's identity left blank
    assert any("……" in m for m in department)
    assert any("项目支出名称" in m and "空的" in m for m in project)
    # 442.93 in one table, 442.92 in the other
    assert any("442.92" in m and "442.93" in m for m in project)


def test_the_reports_text_shares_are_checked_against_its_own_amounts() -> None:
    text = [f"{f.place}：{f.message}" for f in reviewed("lingling_docx").text]
    assert any("24.08%" in m and "26.20%" in m for m in text)
    assert any("75.92%" in m and "73.80%" in m for m in text)
    assert all(m.startswith("正文“（") for m in text)


def test_a_consistent_total_is_not_listed() -> None:
    review = reviewed("lingling_docx")
    assert not any("总分" in f.message for t in review.tables for f in t.findings)  # 98 of 100 adds up
    assert review.count == sum(len(t.findings) for t in review.tables) + len(review.text)


def test_target_tables_are_reviewed_too() -> None:
    zhuzhou = [m for i in range(len(reviewed("zhuzhou_docx").tables)) for m in messages(reviewed("zhuzhou_docx"), i)]
    assert any("合计行是空的" in m and "122万元" in m for m in zhuzhou)
    assert any("90.1万元" in m for m in zhuzhou)
    assert any("86人" in m and "88人" in m for m in zhuzhou)
    assert any("360件" in m and "400件" in m for m in zhuzhou)
    hengyang = messages(reviewed("hengyang_docx"), 0)
    assert any("664万元" in m and "792.71万元" in m for m in hengyang)


def test_printed_weights_scores_and_grade_that_contradict_the_figures(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "自评表"
    rows: list[list[Any]] = [
        ["项目支出绩效自评表（2023年度）"],
        ["项目名称", "法律援助专项经费"],
        ["主管部门", "某县司法局", "实施单位", "某县法律援助中心"],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", 50, 50, 45, 100, "90%", 9],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
        ["", "产出指标", "数量指标", "办理法律援助案件", "≥300件", "320件", 60, 60],
        ["", "效益指标", "社会效益指标", "维护困难群众权益", "有效维护", "有效维护", 30, 30],
        ["", "满意度指标", "服务对象满意度指标", "受援人满意度", "≥95%", "90%", 20, 25],
        ["总分", "", "", "", "", "", 100, 85],
        ["自评等级", "优"],
    ]
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("A6:A9")
    path = tmp_path / "自评表.xlsx"
    book.save(path)
    review = review_file(path)
    found = [f"{f.place}：{f.message}" for f in review.tables[0].findings]
    assert any("分值" in m and "100" in m and "10分" in m for m in found)  # 预算执行率 分值 100 for 10
    assert any("120" in m for m in found)  # weights 60 + 30 + 20 + 10 = 120 under a 总分 of 100
    assert any(m.startswith("工作表“自评表”H9") and "25" in m for m in found)  # a score above its weight
    assert any("等级" in m and "优" in m for m in found)  # 85 is not 优
    assert all("工作表“自评表”" in f.place for f in review.tables[0].findings)
