"""A bureau's round in a real browser against ``reportgen serve --bureau``: the first admin, made
on the command line, signs in, sets her own password, creates the units and their accounts from
a workbook and reads the initial passwords shown once, and makes a reviewer's account; a unit's
clerk signs in with the password handed over, sets her own, uploads the unit's data and submits
it; the reviewer returns it with a comment; the clerk sees the comment, corrects the figure in
the editor and submits again; the reviewer approves it and generates the year's batch, whose
汇总.xlsx lists the unit with its score. Each page is photographed (see the test
report's summary)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from browser_steps import Browser, Shoot
from bureau_steps import (
    BUREAU,
    approve,
    change_password,
    confirm_new_units,
    create_account,
    create_first_admin,
    follow,
    generate_batch,
    open_overview,
    open_unit,
    open_units_and_accounts,
    open_units_list,
    return_with_comment,
    running_bureau,
    sign_in,
    sign_in_first_time,
    sign_out,
    submit_for_review,
    summary_rows,
    unit_workbook,
    units_workbook,
    upload,
    upload_units_workbook,
)
from clerk_steps import scroll_up, type_into
from serving import Server

pytestmark = pytest.mark.browser

UNIT = "永州市零陵区司法局"
UNITS = [(UNIT, "431102001", "张会计", "lingling"), ("永州市零陵区文化馆", "431102002", "李会计", "wenhua")]
PASSWORDS = {"admin": "admin-own-password-2026", "lingling": "clerk-own-password-2026", "shenhe": "review-pass-2026"}
COMMENT = "绩效指标“社区矫正管理人数”的实际完成值照抄了指标值“400-500人”，请填写年末在册人数。"
INITIAL = re.compile(r"[A-Za-z0-9]{4}(-[A-Za-z0-9]{4})+")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """``reportgen serve --bureau`` over a fresh workspace (the browser fixture's server)."""
    with running_bureau(tmp_path / "workspace", tmp_path / "serve-stderr.log") as running:
        yield running


def test_units_made_from_a_workbook_submit_the_reviewer_returns_approves_and_the_batch_lists_the_unit_with_its_score(
    browser: Browser, shoot: Shoot, server: Server, tmp_path: Path
) -> None:
    initial = create_first_admin(server.data_dir, "admin", tmp_path / "admin-password.txt")
    sign_in(browser, "admin", initial)
    assert browser.path == "/password"
    shoot("admin-must-change-the-initial-password")
    change_password(browser, initial, PASSWORDS["admin"])
    assert BUREAU in browser.text

    open_units_and_accounts(browser)
    shoot("admin-units-and-accounts-empty")
    upload_units_workbook(browser, units_workbook(tmp_path, UNITS))
    assert "将新建 2 个单位" in browser.text and "lingling" in browser.text
    shoot("admin-workbook-checked")
    handed = confirm_new_units(browser)
    assert sorted(handed) == ["lingling", "wenhua"] and all(INITIAL.fullmatch(p) for p in handed.values()), handed
    assert "只在这一页显示一次" in browser.text
    shoot("admin-initial-passwords-shown-once")
    open_units_and_accounts(browser)
    reviewer_initial = create_account(browser, "shenhe", "审核", "王审核")
    shoot("admin-reviewer-account-made")
    sign_out(browser)

    sign_in_first_time(browser, "lingling", handed["lingling"], PASSWORDS["lingling"])
    assert "单位和账号" not in browser.text and "单位填报情况" not in browser.text  # a unit sees only its own
    upload(browser, "form[action='/reports/upload']", unit_workbook(tmp_path))
    assert re.fullmatch(r"/reports/\d+", browser.path), browser.path
    assert f"{UNIT} 2022 年度绩效自评" in browser.text and "填报中" in browser.text
    shoot("unit-report-uploaded")
    submit_for_review(browser)
    assert "已提交" in browser.text and not browser.driver.find_elements(By.CSS_SELECTOR, "form[action$='/submit']")
    shoot("unit-submitted")
    sign_out(browser)

    sign_in_first_time(browser, "shenhe", reviewer_initial, PASSWORDS["shenhe"])
    assert browser.path.startswith("/review") and "已提交" in browser.text
    shoot("reviewer-list-of-units")
    open_unit(browser, UNIT)
    return_with_comment(browser, COMMENT)
    assert "已退回" in browser.text and COMMENT in browser.text
    shoot("reviewer-returned-with-a-comment")
    sign_out(browser)

    sign_in(browser, "lingling", PASSWORDS["lingling"])
    assert "已退回" in browser.text
    shoot("unit-start-page-returned")
    follow(browser, browser.link(UNIT))
    assert COMMENT in browser.text
    shoot("unit-reads-the-comment")
    follow(browser, browser.link("填写数据"))
    type_into(browser, "indicators[0].actual", "278人")
    assert "错误 0 处" in browser.find("#problems").text
    scroll_up(browser)
    shoot("unit-corrects-the-figure")
    open_overview(browser)
    submit_for_review(browser)
    assert "已提交" in browser.text
    sign_out(browser)

    sign_in(browser, "shenhe", PASSWORDS["shenhe"])
    open_unit(browser, UNIT)
    assert "已提交" in browser.text and "修改 绩效指标“社区矫正管理人数”的实际完成值" in browser.text
    approve(browser)
    assert "已通过" in browser.text and "数据已锁定" in browser.text
    shoot("reviewer-approved")
    open_units_list(browser)
    shoot("reviewer-list-after-approval")

    batch = generate_batch(browser, 2022)
    shoot("reviewer-batch-done")
    rows = summary_rows(batch)
    assert [row["单位名称"] for row in rows] == [UNIT]  # approved units only; 文化馆 has not started
    assert str(rows[0]["总分"]) in ("98", "98.0", "98.00") and rows[0]["等级"] == "优", rows
