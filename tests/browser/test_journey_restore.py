"""A clerk changes a figure in the editor, sees in 版本记录 what changed (the field and the
figures it moved), restores the earlier version, finds the data and the total back and the
restore recorded as a new version, and compares two versions."""

from __future__ import annotations

import re

import pytest

from browser_steps import Browser, Shoot
from clerk_steps import field, panel_total, scroll_up, type_into

pytestmark = pytest.mark.browser

EXECUTED = "budget.executed"


def history_rows(browser: Browser) -> list[str]:
    """The history table's rows, newest first, each as its text on one line."""
    rows = browser.driver.find_elements("css selector", "table.history tbody tr")
    return [" ".join(row.text.split()) for row in rows]


def test_a_changed_figure_is_seen_in_the_history_and_restoring_the_earlier_version_brings_the_total_back(
    browser: Browser, shoot: Shoot
) -> None:
    browser.open("/")
    browser.follow(browser.find("form[action='/reports/starter'] button"))
    report = browser.path
    assert re.fullmatch(r"/reports/\d+", report)
    shoot("overview")
    browser.follow(browser.link("填写数据"))
    first_total = panel_total(browser)
    assert browser.find(field(EXECUTED)).get_attribute("value") == "1652.18"

    type_into(browser, EXECUTED, "1500")
    changed_total = panel_total(browser)
    assert changed_total < first_total
    scroll_up(browser)
    shoot("editor-changed")

    browser.follow(browser.link("版本记录"))
    newest, first_row = history_rows(browser)
    assert first_row.startswith("第 1 版")
    assert newest.startswith("第 2 版 当前版本") and "全年执行数" in newest and "1652.18万元 → 1500.00万元" in newest
    assert "预算执行率 97.39% → 88.42%" in newest and f"总分 {first_total} → {changed_total}" in newest
    shoot("history-with-the-change")

    browser.confirm_and_follow(browser.find("form[action$='/versions/1/restore'] button"), "恢复为第 1 版？")
    rows = history_rows(browser)
    assert len(rows) == 3 and rows[0].startswith("第 3 版 当前版本") and "恢复为第 1 版" in rows[0]
    assert f"总分 {changed_total} → {first_total}" in rows[0]
    shoot("history-after-restoring")

    browser.follow(browser.link("填写数据"))
    assert browser.find(field(EXECUTED)).get_attribute("value") == "1652.18"
    assert panel_total(browser) == first_total
    scroll_up(browser)
    shoot("editor-restored")

    browser.follow(browser.link("版本记录"))
    compare = browser.find("form[action$='/compare']")
    for name, number in (("a", "1"), ("b", "2")):
        box = compare.find_element("css selector", f"input[name='{name}']")
        box.clear()
        box.send_keys(number)
    browser.follow(compare.find_element("css selector", "button[type=submit]"))
    assert browser.path == f"{report}/compare?a=1&b=2"
    assert "第 1 版与第 2 版的比较" in browser.text and "数据的改动（1 处）" in browser.text
    assert "1652.18" in browser.find("table.field-compare").text
    shoot("compare-1-and-2")
