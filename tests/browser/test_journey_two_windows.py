"""A clerk has the editor open in two windows: a change saved in one makes the other window's
next change a conflict, shown beside the field with both values; 保留我的修改 saves it."""

from __future__ import annotations

import pytest

from browser_steps import Browser, Shoot
from clerk_steps import field, scroll_to, scroll_up, settle, type_into

pytestmark = pytest.mark.browser


def test_a_change_in_a_window_opened_before_another_windows_save_shows_both_values_and_keep_mine_saves_it(
    browser: Browser, shoot: Shoot
) -> None:
    driver = browser.driver
    browser.open("/")
    browser.follow(browser.find("form[action='/reports/starter'] button"))
    shoot("overview")
    browser.follow(browser.link("填写数据"))
    editor = browser.path
    first = driver.current_window_handle
    driver.switch_to.new_window("window")
    browser.open(editor)
    second = driver.current_window_handle
    shoot("second-window-opened")

    driver.switch_to.window(first)
    type_into(browser, "budget.initial", "1590")
    assert browser.find("#based-on").get_attribute("value") == "2"
    scroll_up(browser)
    shoot("first-window-saved")

    driver.switch_to.window(second)
    assert browser.find("#based-on").get_attribute("value") == "1"
    type_into(browser, "budget.executed", "1600")
    conflict = browser.find(f"{field('budget.executed')} ~ .pm .conflict")
    assert "未保存：本页打开后，另一窗口已保存了第 2 版" in conflict.text
    assert conflict.find_element("css selector", ".typed").text == "1600"
    assert conflict.find_element("css selector", ".theirs").text == "1652.18"
    scroll_to(browser, conflict)
    shoot("second-window-conflict")

    conflict.find_element("css selector", "button").click()
    settle(browser)
    assert not driver.find_elements("css selector", ".conflict")
    assert browser.find("#based-on").get_attribute("value") == "3"
    scroll_up(browser)
    shoot("second-window-kept-mine")

    browser.open(editor)
    assert browser.find(field("budget.executed")).get_attribute("value") == "1600"
    assert browser.find(field("budget.initial")).get_attribute("value") == "1590"
    shoot("second-window-reloaded")
    browser.follow(browser.link("版本记录"))
    assert "共 3 个版本" in browser.text
    shoot("history-of-both-windows")
