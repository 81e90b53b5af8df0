"""A clerk starts from the blank form of a 部门整体支出 report, fills in the least a complete
report needs by typing into the editor (each field saved when she tabs out), watches the total
appear beside the form, and downloads the Word report and the data file: the Word file's 总分,
the CLI's and the panel's are one number."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest

from browser_steps import Browser, Shoot
from clerk_steps import add_row, choose, docx_total, fill_row, panel_total, scroll_up, type_into, validated_total

pytestmark = pytest.mark.browser

INDICATORS = [
    {
        "level1": "产出指标",
        "level2": "数量指标",
        "name": "举办公益展览",
        "target": "12场",
        "actual": "12场",
        "weight": "30",
    },
    {
        "level1": "产出指标",
        "level2": "时效指标",
        "name": "展览按期开展率",
        "target": "100%",
        "actual": "100%",
        "weight": "20",
    },
    {
        "level1": "效益指标",
        "level2": "社会效益指标",
        "name": "群众文化生活丰富",
        "target": "有所提高",
        "actual": "明显提高",
    },
    {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "观众满意度", "target": "≥90%", "actual": "95%"},
]
TEXT_ROWS = {
    "unit.functions": [{"": "组织开展群众文化活动，举办公益展览和培训。"}],
    "unit.departments": [{"": "办公室、展览部、培训部"}],
    "goals": [{"expected": "全年举办公益展览12场。", "actual": "全年举办公益展览12场，观众3万人次。"}],
    "performance": [{"title": "公益展览如期举办", "text": "全年举办公益展览12场，接待观众3万人次。"}],
    "problems": [{"title": "展览场地不足", "text": "现有展厅面积偏小。", "cause": "馆舍建于1990年代。"}],
    "measures": [{"title": "拓展展览场地", "text": "争取在新馆建设中增加展厅。"}],
}


def test_a_blank_form_filled_in_the_editor_gives_a_word_report_with_the_total_the_panel_and_the_cli_show(
    browser: Browser, shoot: Shoot
) -> None:
    browser.open("/")
    shoot("start-page")
    browser.follow(browser.find("form[action='/reports/blank'] button[value='department']"))
    assert re.fullmatch(r"/reports/\d+/edit", browser.path)
    assert "有错误" in browser.find("#problems").text
    shoot("blank-form")

    type_into(browser, "unit.name", "某县文化馆")
    choose(browser, "money_unit", "元")
    for path, amount in [("initial", "1000000"), ("adjusted", "1200000"), ("executed", "1140000"), ("weight", "10")]:
        type_into(browser, f"budget.{path}", amount)
    type_into(browser, "budget.by_nature.basic", "900000")
    assert browser.find("#total").text == "未设绩效指标，不计算"
    assert "预算执行率 95.00%" in browser.find("#figures").text
    scroll_up(browser)
    shoot("budget-filled")

    for index, indicator in enumerate(INDICATORS):
        add_row(browser, "indicators")
        fill_row(browser, "indicators", index, indicator)
    fill_row(browser, "indicators", 2, {"grade": "达成", "weight": "30"})
    assert browser.find("#total").text == "待补充"  # the 满意度 indicator has no 分值 yet
    scroll_up(browser)
    shoot("indicators-without-the-last-weight")
    fill_row(browser, "indicators", 3, {"weight": "10"})
    scroll_up(browser)
    shoot("indicators-filled")

    for list_path, rows in TEXT_ROWS.items():
        for index, row in enumerate(rows):
            add_row(browser, list_path)
            fill_row(browser, list_path, index, row)
    type_into(browser, "date", "2026-03-15")
    problems = browser.find("#problems").text
    assert "错误 0 处" in problems and "尚未填写 0 处" in problems and "可定稿" in problems, problems
    total = panel_total(browser)
    scroll_up(browser)
    shoot("complete-form")

    browser.follow(browser.link("概况"))
    assert "可定稿" in browser.text and f"总分：{total}" in browser.text.replace(" ", "")
    assert browser.text.count("修改 单位信息的报告日期") == 1  # the date typed is saved once, not at each complete date
    shoot("overview")
    report = browser.download(browser.link("Word 报告"), ".docx")
    data = browser.download(browser.link("数据文件（YAML）"), ".yaml")
    assert (
        report.name == f"某县文化馆{datetime.date.today().year - 1}年度绩效自评报告.docx"
    )  # a blank form is for last year
    assert docx_total(report) == validated_total(data) == total
    assert total == Decimal("99.50")  # 预算执行率 95% gives 9.50 of 10; every indicator its 分值
