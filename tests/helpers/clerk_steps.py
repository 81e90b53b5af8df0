"""What a clerk does in the data editor (tab 填写数据) and with the files it gives, for the
browser journeys: typing into a field and tabbing out (htmx saves it), choosing from a
dropdown, adding a row, and reading the downloaded Word file and data file."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import docx
from docx.oxml.ns import qn
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser_steps import PAGE_LOAD_SECONDS, Browser


def scroll_to(browser: Browser, element: WebElement) -> None:
    """Scroll ``element`` to the middle of the window, as a person does before clicking it
    (at the top the sticky menu of sections would be in the way)."""
    browser.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)


def settle(browser: Browser, timeout: float = PAGE_LOAD_SECONDS) -> None:
    """Wait until htmx has no request under way, looking every 20 ms (a save takes tens of them)."""
    idle = "return document.querySelector('.htmx-request') === null"
    wait = WebDriverWait(browser.driver, timeout, poll_frequency=0.02)
    wait.until(lambda driver: driver.execute_script(idle), "htmx never settled")


def scroll_up(browser: Browser) -> None:
    """Scroll to the top of the page, so that a photograph of the whole page shows the sticky
    menu and side panel where a person first sees them."""
    browser.driver.execute_script("window.scrollTo(0, 0)")


def field(path: str) -> str:
    """The CSS selector of the editor's input for a data path (``indicators[0].weight``)."""
    return f"[data-path='{path}']"


def type_into(browser: Browser, path: str, text: str) -> None:
    """Select what the field holds, type ``text`` over it and press Tab: the change is saved."""
    element = browser.find(field(path))
    scroll_to(browser, element)
    if element.get_attribute("type") == "date":
        # chromium's date field (年/月/日 in Chinese): the year, → to the month, then month and day;
        # the first Tab after the day stays inside the field, as it does for a person
        year, month, day = text.split("-")
        element.send_keys(year, Keys.ARROW_RIGHT, month, day)
        for _ in range(3):
            if browser.driver.switch_to.active_element != element:
                break
            ActionChains(browser.driver).send_keys(Keys.TAB).perform()
    else:
        element.click()
        element.send_keys(Keys.CONTROL, "a")
        element.send_keys(text, Keys.TAB)
    settle(browser)


def choose(browser: Browser, path: str, option: str) -> None:
    """Pick ``option`` from the field's dropdown: the change is saved."""
    Select(browser.find(field(path))).select_by_visible_text(option)
    settle(browser)


def add_row(browser: Browser, list_path: str) -> None:
    """Click 添加一行 below the table of ``list_path`` (``indicators``): an empty row at the end."""
    buttons = browser.driver.find_elements(By.CSS_SELECTOR, "button[title='在末尾添加一行']")
    button = next(b for b in buttons if json.loads(b.get_attribute("hx-vals") or "{}").get("path") == list_path)
    scroll_to(browser, button)
    button.click()
    settle(browser)


def fill_row(browser: Browser, list_path: str, index: int, values: dict[str, str]) -> None:
    """Type or choose each of ``values`` (column name → text) into row ``index`` of a table."""
    for column, text in values.items():
        path = f"{list_path}[{index}].{column}" if column else f"{list_path}[{index}]"
        if browser.find(field(path)).tag_name == "select":
            choose(browser, path, text)
        else:
            type_into(browser, path, text)


def panel_total(browser: Browser) -> Decimal:
    """The 总分 the figures panel beside the form shows."""
    return Decimal(browser.find("#total").text)


def validated_total(path: Path) -> Decimal:
    """The 总分 ``reportgen validate --json`` gives for the data file at ``path``."""
    run = subprocess.run(
        [sys.executable, "-m", "reportgen", "validate", "--json", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert run.returncode == 0, run.stderr
    return Decimal(json.loads(run.stdout)["figures"]["total_score"])


def docx_total(path: Path) -> Decimal:
    """The score in the 总分 row of the Word report's scoring table (its last distinct cell but one)."""
    document = docx.Document(str(path))
    row = next(row for table in document.tables for row in table.rows if row.cells[0].text == "总分")
    cells = [
        cell.text for index, cell in enumerate(row.cells) if index == 0 or cell._tc is not row.cells[index - 1]._tc
    ]
    return Decimal(cells[2])


def accepted_paragraphs(path: Path) -> list[str]:
    """The body paragraphs of a Word file as they read with every tracked change accepted:
    inserted text (``w:ins``) kept, deleted text (``w:delText``) left out."""
    document = docx.Document(str(path))
    return ["".join(t.text or "" for t in p._p.iter(qn("w:t"))) for p in document.paragraphs]
