"""The 预览 tab shows the report in a frame, with its numbered headings (一、 and （一）)."""

from __future__ import annotations

import re

import pytest
from selenium.webdriver.common.by import By

from browser_steps import Browser, Shoot

pytestmark = pytest.mark.browser


def test_the_preview_tab_shows_the_report_with_its_numbered_headings(browser: Browser, shoot: Shoot) -> None:
    browser.open("/")
    browser.follow(browser.find("form[action='/reports/starter'] button"))
    shoot("overview")
    browser.follow(browser.link("预览"))
    assert "网页预览：可定稿，第 1 版" in browser.text
    shoot("preview")

    browser.driver.switch_to.frame(browser.find("iframe.preview-frame"))
    headings = [" ".join(h.text.split()) for h in browser.driver.find_elements(By.CSS_SELECTOR, "h1, h2, h3, h4")]
    assert any(re.match(r"一、\S", h) for h in headings) and any(re.match(r"（一）\S", h) for h in headings), headings
    browser.driver.switch_to.default_content()
