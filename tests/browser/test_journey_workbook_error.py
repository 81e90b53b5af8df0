"""A clerk uploads the unit's workbook with a 分值 written in words: the report is kept with
its error; in 填写数据 the problem stands beside the field in Chinese and names the indicator in
the list beside the form; she types the number, the problem goes away without the page
reloading, and the Word report downloads."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from browser_steps import Browser, Shoot
from clerk_steps import docx_total, field, scroll_up, settle, type_into
from reportgen import api
from reportgen.data.sources import read_data

pytestmark = pytest.mark.browser

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "lingling-2022" / "data.yaml"
WEIGHT = "indicators[1].weight"  # 普法工作公职人员参考率, 10 分 in the example


def workbook_with_a_weight_in_words(folder: Path) -> Path:
    data = read_data(EXAMPLE).data
    assert isinstance(data, dict)
    wrong = copy.deepcopy(data)
    wrong["indicators"][1]["weight"] = "十分"
    content, unplaced = api.workbook_bytes(wrong)
    assert unplaced == []
    path = folder / "自评数据.xlsx"
    path.write_bytes(content)
    return path


def test_an_uploaded_workbook_with_an_error_is_corrected_in_the_form_and_gives_the_word_report(
    browser: Browser, shoot: Shoot, tmp_path: Path
) -> None:
    browser.open("/")
    shoot("start-page")
    browser.upload("form[action='/reports/upload']", workbook_with_a_weight_in_words(tmp_path))
    assert "状态：有错误" in browser.text and "错误 1 处" in browser.text
    assert "数据有错误，改正后才能生成 Word 报告" in browser.text
    shoot("report-with-an-error")

    browser.follow(browser.link("填写数据"))
    beside = browser.find(f"{field(WEIGHT)} + .pm")
    assert beside.text == "错误应填写数字（不带千分位、单位和空格），现为“十分”。"
    listed = browser.find("#problems").text
    assert "普法工作公职人员参考率" in listed and "有错误" in listed
    assert "数据有错误，改正后显示计算结果" in browser.find("#figures").text
    page = browser.find("html")
    shoot("editor-with-the-error")

    type_into(browser, WEIGHT, "10")
    settle(browser)
    assert browser.find(f"{field(WEIGHT)} + .pm").text == ""
    assert "错误 0 处" in browser.find("#problems").text
    assert browser.find("#problems .status-草稿, #problems .status-可定稿")
    assert browser.find("#total").text == "98"
    assert page == browser.find("html")  # the same page: nothing was reloaded
    scroll_up(browser)
    shoot("editor-corrected")

    browser.follow(browser.link("概况"))
    assert "有错误" not in browser.text and browser.driver.find_elements(By.PARTIAL_LINK_TEXT, "Word 报告")
    shoot("report-corrected")
    saved = browser.download(browser.link("Word 报告"), ".docx")
    assert docx_total(saved) == 98
