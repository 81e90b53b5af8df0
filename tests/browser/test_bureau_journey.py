"""A bureau's round in a real browser against ``reportgen serve --bureau``: the first admin,
made on the command line, signs in and sets a password of her own; a unit's clerk signs in with
the initial password the admin handed over, sets her own, uploads the unit's data and corrects a
figure in the editor. Each page is photographed (see the test report's summary)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from browser_steps import Browser, Shoot
from bureau_steps import (
    BUREAU,
    change_password,
    create_first_admin,
    running_bureau,
    sign_in,
    sign_out,
    unit_workbook,
)
from clerk_steps import scroll_up, type_into
from reportgen.web.accounts import Accounts
from reportgen.web.db import open_database
from serving import Server

pytestmark = pytest.mark.browser

ADMIN_PASSWORD = "admin-own-password-2026"
CLERK_PASSWORD = "clerk-own-password-2026"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """``reportgen serve --bureau`` over a fresh workspace (the browser fixture's server)."""
    with running_bureau(tmp_path / "workspace", tmp_path / "serve-stderr.log") as running:
        yield running


def test_a_unit_signs_in_with_the_password_it_was_given_sets_its_own_and_corrects_its_data(
    browser: Browser, shoot: Shoot, server: Server, tmp_path: Path
) -> None:
    initial = create_first_admin(server.data_dir, "admin", tmp_path / "admin-password.txt")

    sign_in(browser, "admin", initial)
    assert browser.path == "/password" and "请先设置您自己的密码" in browser.text
    shoot("admin-must-change-the-initial-password")
    change_password(browser, initial, ADMIN_PASSWORD)
    assert "单位和账号" in browser.text and BUREAU in browser.text
    shoot("admin-password-changed")
    sign_out(browser)

    accounts = Accounts(open_database(server.data_dir))
    unit = accounts.create_unit("永州市零陵区司法局", "431102001", "张会计", bureau_id=accounts.bureau(BUREAU).id)
    _clerk, clerk_initial = accounts.create_user("lingling", "unit", unit_id=unit.id)

    sign_in(browser, "lingling", clerk_initial)
    assert browser.path == "/password"
    change_password(browser, clerk_initial, CLERK_PASSWORD)
    assert "单位和账号" not in browser.text and "单位填报情况" not in browser.text  # a unit sees only its own
    browser.follow(browser.find("header.topbar > a"))
    assert "还没有报告" in browser.text
    shoot("unit-start-page")

    browser.upload("form[action='/reports/upload']", unit_workbook(tmp_path))
    assert re.fullmatch(r"/reports/\d+", browser.path), browser.path
    assert "永州市零陵区司法局 2022 年度绩效自评" in browser.text
    shoot("unit-report-uploaded")

    browser.follow(browser.link("填写数据"))
    type_into(browser, "indicators[0].actual", "278人")
    assert "错误 0 处" in browser.find("#problems").text
    scroll_up(browser)
    shoot("unit-corrects-a-figure")
