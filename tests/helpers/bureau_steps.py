"""What the people of a bureau do in the browser, for the bureau's journeys (tests/browser):
the admin who makes the units and their accounts, the unit's clerk who fills in and submits,
the reviewer who returns or approves and generates the batch. Also how the bureau's server is
started (``reportgen serve --bureau``) and its first admin made (``reportgen admin create-user``),
and how the batch's 汇总.xlsx is read."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import openpyxl
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser_steps import PAGE_LOAD_SECONDS, Browser, gone
from reportgen import api
from reportgen.data.sources import read_data
from samples import LINGLING
from serving import Server, running_server

BUREAU = "某县财政局"


def create_first_admin(data_dir: Path, login: str, password_file: Path) -> str:
    """``reportgen admin create-user LOGIN --role admin --password-file FILE``, as the bureau's
    technician runs it before anyone can sign in; the initial password written to the file."""
    command = [sys.executable, "-m", "reportgen", "admin", "create-user", login, "--role", "admin"]
    run = subprocess.run(
        [*command, "--bureau", BUREAU, "--data-dir", str(data_dir), "--password-file", str(password_file)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert run.returncode == 0, run.stderr
    assert "初始密码已写入" in run.stdout and "首次登录时须修改密码" in run.stdout, run.stdout
    return password_file.read_text(encoding="utf-8").strip()


@contextmanager
def running_bureau(data_dir: Path, log: Path) -> Iterator[Server]:
    """``reportgen serve --bureau --no-browser`` on a free port of 127.0.0.1 over ``data_dir``
    (its start page sends a visitor on to the sign-in page)."""
    with running_server(data_dir, log, "--bureau") as server:
        yield server


def unit_workbook(folder: Path, name: str = "自评数据.xlsx") -> Path:
    """The fillable workbook with the example data of 永州市零陵区司法局 2022, as a unit has it."""
    data = read_data(LINGLING).data
    assert isinstance(data, dict)
    content, unplaced = api.workbook_bytes(data)
    assert unplaced == []
    path = folder / name
    path.write_bytes(content)
    return path


def follow(browser: Browser, element: WebElement, question: str | None = None) -> None:
    """Click ``element`` (answering 确定 to the browser's ``question`` if given) and wait for the
    page it leads to."""
    before = browser.driver.find_element(By.TAG_NAME, "html")
    element.click()
    wait = WebDriverWait(browser.driver, PAGE_LOAD_SECONDS)
    if question is not None:
        alert = wait.until(expected_conditions.alert_is_present())
        assert question in alert.text, alert.text
        alert.accept()
    wait.until(gone(before))
    wait.until(lambda driver: driver.execute_script("return document.readyState") == "complete")


def upload(browser: Browser, form: str, file: Path) -> None:
    """Choose ``file`` in the file field of the form matching ``form`` and send it."""
    browser.find(f"{form} input[type=file]").send_keys(str(file.resolve()))
    follow(browser, browser.find(f"{form} button[type=submit]"))


# -- anyone ----------------------------------------------------------------------------------


def sign_in(browser: Browser, login: str, password: str) -> None:
    """Open the server, which asks to sign in first; type the account and password, click 登录."""
    browser.open("/")
    assert browser.path.startswith("/login"), browser.path
    browser.find("#login").send_keys(login)
    browser.find("#password").send_keys(password)
    follow(browser, browser.find("form[action='/login'] button[type=submit]"))


def change_password(browser: Browser, current: str, new: str) -> None:
    """On the page 账号与密码: the current password, the new one twice, click 修改密码."""
    if not browser.path.startswith("/password"):
        follow(browser, browser.find("a.who"))
    browser.find("#current").send_keys(current)
    browser.find("#new").send_keys(new)
    browser.find("#repeat").send_keys(new)
    follow(browser, browser.find("form[action='/password'] button[type=submit]"))
    assert "密码已修改" in browser.text, browser.text


def sign_in_first_time(browser: Browser, login: str, initial: str, own: str) -> None:
    """Sign in with the initial password the admin handed over, which must be changed first:
    set ``own`` instead, then go to the start page of the account."""
    sign_in(browser, login, initial)
    assert browser.path == "/password" and "请先设置您自己的密码" in browser.text, browser.text
    change_password(browser, initial, own)
    go_home(browser)


def sign_out(browser: Browser) -> None:
    """Click 退出 in the top bar."""
    follow(browser, browser.find("form[action='/logout'] button"))
    assert browser.path.startswith("/login"), browser.path


def go_home(browser: Browser) -> None:
    """Click the name of the tool at the top left: the start page of the account."""
    follow(browser, browser.driver.find_element(By.CSS_SELECTOR, "header.topbar > a"))


# -- the admin -------------------------------------------------------------------------------


def units_workbook(folder: Path, rows: list[tuple[str, str, str, str]], name: str = "单位和账号.xlsx") -> Path:
    """The workbook an admin fills in: one row per unit (单位名称, 单位代码, 联系人, 账号)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "单位和账号"
    sheet.append(["单位名称", "单位代码", "联系人", "账号"])
    for row in rows:
        sheet.append(list(row))
    path = folder / name
    book.save(path)
    return path


def open_units_and_accounts(browser: Browser) -> None:
    """Click 单位和账号 in the top bar."""
    follow(browser, browser.link("单位和账号"))
    assert browser.path == "/admin/units", browser.path


def upload_units_workbook(browser: Browser, workbook: Path) -> None:
    """On 单位和账号: choose the filled workbook and click 上传并检查 (the page then lists
    what will be created, or each cell that is wrong)."""
    upload(browser, "form[action='/admin/units/upload']", workbook)


def confirm_new_units(browser: Browser) -> dict[str, str]:
    """Click 确认新建…; the initial passwords the page then shows once, by account."""
    follow(browser, browser.find("form[action='/admin/units/confirm'] button[type=submit]"))
    rows = browser.driver.find_elements(By.CSS_SELECTOR, "table.admin-table tbody tr")
    shown = {}
    for row in rows:
        login, _unit, password = (cell.text.strip() for cell in row.find_elements(By.TAG_NAME, "td"))
        shown[login] = password
    return shown


def create_account(browser: Browser, login: str, role: str, name: str = "") -> str:
    """On 单位和账号, under 新建一个账号: the account, the name and the role (审核, 管理员 …),
    click 新建账号; the initial password the page then shows once."""
    form = "form[action='/admin/users/new']"
    browser.find(f"{form} input[name=login]").send_keys(login)
    browser.find(f"{form} input[name=name]").send_keys(name)
    Select(browser.find(f"{form} select[name=role]")).select_by_visible_text(role)
    follow(browser, browser.find(f"{form} button[type=submit]"))
    assert "已新建账号" in browser.text, browser.text
    return browser.find("code.password").text.strip()


# -- the unit --------------------------------------------------------------------------------


def submit_for_review(browser: Browser) -> None:
    """On the report's 概况 page: click 提交审核 and answer 确定 to the question."""
    submit = "form[action$='/submit'] button[type=submit]"
    follow(browser, browser.find(submit), "提交审核后数据将不能修改")


def open_overview(browser: Browser) -> None:
    """Click the report's tab 概况."""
    follow(browser, browser.link("概况"))


# -- the reviewer ----------------------------------------------------------------------------


def open_units_list(browser: Browser) -> None:
    """Click 单位填报情况 in the top bar: the bureau's list of units."""
    follow(browser, browser.link("单位填报情况"))
    assert browser.path.startswith("/review"), browser.path


def open_unit(browser: Browser, unit: str) -> None:
    """In the list of units, click the unit's name: its report's 概况 page with the review."""
    follow(browser, browser.driver.find_element(By.LINK_TEXT, unit))


def return_with_comment(browser: Browser, comment: str) -> None:
    """Under 退回修改: type the comment and click 退回修改."""
    browser.find("#review-comment").send_keys(comment)
    follow(browser, browser.find("form.return-form button[type=submit]"))


def approve(browser: Browser) -> None:
    """Under 审核通过: click 审核通过 and answer 确定 to the question."""
    follow(browser, browser.find("form.approve-form button[type=submit]"), "确定通过吗")


def generate_batch(browser: Browser, year: int, timeout: float = 120) -> Path:
    """Click 批量生成 in the top bar, choose the year, click 生成批量报告, wait until the page
    says it is done and click 下载…: the zip the browser saved."""
    follow(browser, browser.link("批量生成"))
    Select(browser.find("form[action='/batch'] select[name=year]")).select_by_value(str(year))
    follow(browser, browser.find("form[action='/batch'] button[type=submit]"))
    browser.wait_for_text("已完成：共", timeout)  # not “已完成 0 / 1 个单位” while it runs
    return browser.download(browser.link("下载"), ".zip", timeout)


# -- the batch's files -----------------------------------------------------------------------


def summary_rows(zip_path: Path) -> list[dict[str, object]]:
    """The rows of 汇总.xlsx inside a downloaded batch, each as {column title: value} (单位名称, 总分, 等级 …)."""
    with zipfile.ZipFile(zip_path) as archive:
        name = next(n for n in archive.namelist() if n.rsplit("/", 1)[-1] == "汇总.xlsx")
        content = archive.read(name)
    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header_at = next(i for i, row in enumerate(rows) if any(str(cell or "").strip() == "单位名称" for cell in row))
    titles = [str(cell or "").strip() for cell in rows[header_at]]
    return [dict(zip(titles, row, strict=False)) for row in rows[header_at + 1 :] if any(row)]
