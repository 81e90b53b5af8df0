"""Bureau mode's administration pages: an admin creates its bureau's units and accounts (from
a workbook or one by one), resets passwords, deactivates accounts and signs them out, and
reads and exports the audit log; nobody else reaches these pages, and nothing of another
bureau is reachable through them. Also ``reportgen admin import-units``."""

from __future__ import annotations

import html
import io
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient

from bureau import PASSWORD, Bureau, bureau_app, signed_in
from reportgen.web import audit
from reportgen.web.accounts import Accounts
from reportgen.web.audit import Actor
from reportgen.web.db import now, open_database
from reportgen.web.handouts import Handouts
from reportgen.web.units_workbook import COLUMNS

ADMIN_PAGES = [
    ("get", "/admin/units"),
    ("get", "/admin/units/template.xlsx"),
    ("get", "/admin/units/passwords.xlsx?key=x"),
    ("post", "/admin/units/upload"),
    ("post", "/admin/units/confirm"),
    ("post", "/admin/units/new"),
    ("post", "/admin/users/new"),
    ("post", "/admin/users/1/reset"),
    ("post", "/admin/users/1/active"),
    ("post", "/admin/users/1/sign-out"),
    ("get", "/admin/audit"),
    ("get", "/admin/audit.xlsx"),
]


def workbook(*rows: tuple[object, ...]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    written = io.BytesIO()
    book.save(written)
    return written.getvalue()


def rows_of(content: bytes) -> list[list[object]]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def text(page: str) -> str:
    """A page's text without its tags, as a person reads it."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


@pytest.fixture
def bureau(tmp_path: Path) -> Bureau:
    return bureau_app(tmp_path / "workspace")


@pytest.fixture
def admin(bureau: Bureau) -> TestClient:
    bureau.user("boss", "admin")
    client = bureau.client()
    signed_in(client, "boss")
    return client


def upload(client: TestClient, content: bytes) -> str:
    answer = client.post("/admin/units/upload", files={"file": ("单位.xlsx", content)})
    assert answer.status_code in (200, 422), answer.text
    return answer.text


def confirm(client: TestClient, preview: str) -> str:
    found = re.search(r'name="units" value="([^"]*)"', preview)
    assert found is not None, "a preview without problems offers to create the units"
    answer = client.post("/admin/units/confirm", data={"units": html.unescape(found.group(1))})
    assert answer.status_code == 200, answer.text
    return answer.text


def passwords_key(page: str) -> str:
    found = re.search(r"/admin/units/passwords\.xlsx\?key=([\w-]+)", page)
    assert found is not None, "the result page offers the passwords' download"
    return found.group(1)


# -- units and accounts from a workbook --------------------------------------------------


def test_an_admin_creates_units_and_accounts_from_a_workbook_and_hands_out_the_passwords(
    bureau: Bureau, admin: TestClient
) -> None:
    template = admin.get("/admin/units/template.xlsx")
    assert template.status_code == 200 and rows_of(template.content)[0][:4] == list(COLUMNS)
    content = workbook(COLUMNS, ("某县司法局", "101001", "张三", "sfj"), ("某县教育局", "101002", "李四", "jyj"))

    preview = upload(admin, content)
    assert "将新建 2 个单位" in text(preview) and "某县司法局" in preview and "jyj" in preview
    assert bureau.accounts.units(bureau.bureau_id) == []  # nothing before the admin confirms

    result = confirm(admin, preview)
    shown = dict(re.findall(r"<tr><td>(\w+)</td><td>[^<]+</td><td><code class=\"password\">([\w-]+)</code>", result))
    assert set(shown) == {"sfj", "jyj"}
    assert "只在这一页显示一次" in text(result) and "删除这个文件" in text(result)

    download = admin.get(f"/admin/units/passwords.xlsx?key={passwords_key(result)}")
    assert download.status_code == 200 and download.headers["cache-control"] == "no-store"
    assert rows_of(download.content) == [
        ["账号", "单位", "初始密码"],
        ["sfj", "某县司法局", shown["sfj"]],
        ["jyj", "某县教育局", shown["jyj"]],
    ]

    units = {unit.name: unit for unit in bureau.accounts.units(bureau.bureau_id)}
    assert set(units) == {"某县司法局", "某县教育局"} and units["某县司法局"].contact == "张三"
    clerk = bureau.client()
    answer = clerk.post("/login", data={"login": "sfj", "password": shown["sfj"], "next": "/"})
    assert answer.status_code == 303 and answer.headers["location"] == "/password"  # to be changed first

    listing = text(admin.get("/admin/units").text)
    assert "某县司法局 101001 张三 1 未开始" in listing
    logged = [entry.detail for entry in audit.entries(bureau.accounts.engine, bureau.bureau_id)]
    assert "新建单位“某县司法局”（代码 101001）和单位填报账号“sfj”" in logged


def test_a_workbook_with_problems_lists_them_all_by_cell_and_creates_nothing(bureau: Bureau, admin: TestClient) -> None:
    bureau.unit("某县卫健委", "101003")
    content = workbook(
        COLUMNS, ("某县司法局", "101001", "", "sfj"), ("", "101001", "", "boss"), ("某县医院", "101003", "", "yy")
    )
    answer = admin.post("/admin/units/upload", files={"file": ("单位.xlsx", content)})
    assert answer.status_code == 422
    shown = text(answer.text)
    assert "有 4 处问题，没有新建任何单位" in shown
    for problem in (
        "第 3 行 A 列（单位名称）：请填写单位名称。",
        "第 3 行 B 列（单位代码）：与第 2 行重复。",
        "第 3 行 D 列（账号）：账号“boss”已存在，请换一个。",
        "第 4 行 B 列（单位代码）：单位代码“101003”已被其他单位使用。",
    ):
        assert problem in shown
    assert 'name="units"' not in answer.text  # nothing to confirm
    assert [unit.name for unit in bureau.accounts.units(bureau.bureau_id)] == ["某县卫健委"]


def test_what_was_taken_between_preview_and_confirm_creates_nothing(bureau: Bureau, admin: TestClient) -> None:
    preview = upload(admin, workbook(COLUMNS, ("某县司法局", "101001", "", "sfj"), ("某县教育局", "", "", "jyj")))
    bureau.user("jyj", "reviewer")
    found = re.search(r'name="units" value="([^"]*)"', preview)
    assert found is not None
    answer = admin.post("/admin/units/confirm", data={"units": html.unescape(found.group(1))})
    assert answer.status_code == 409 and "账号“jyj”已存在，这次没有创建任何单位" in text(answer.text)
    assert bureau.accounts.units(bureau.bureau_id) == []
    forged = admin.post("/admin/units/confirm", data={"units": "[[1, 2]]"})
    assert forged.status_code == 409 and "请重新上传工作簿" in text(forged.text)


def test_the_passwords_download_is_the_admins_session_only_and_expires(bureau: Bureau, admin: TestClient) -> None:
    moment = [now()]
    bureau.app.state.handouts = Handouts(lambda: moment[0])
    result = confirm(admin, upload(admin, workbook(COLUMNS, ("某县司法局", "", "", "sfj"))))
    key = passwords_key(result)
    other = bureau.client()
    bureau.user("boss2", "admin")
    signed_in(other, "boss2")
    assert other.get(f"/admin/units/passwords.xlsx?key={key}").status_code == 404  # another session
    assert admin.get("/admin/units/passwords.xlsx?key=wrong").status_code == 404
    assert admin.get(f"/admin/units/passwords.xlsx?key={key}").status_code == 200
    moment[0] += timedelta(minutes=10, seconds=1)
    expired = admin.get(f"/admin/units/passwords.xlsx?key={key}")
    assert expired.status_code == 404 and "已过期" in text(expired.text) and "重置密码" in text(expired.text)


# -- one unit, one account ---------------------------------------------------------------


def test_an_admin_adds_a_unit_and_accounts_of_each_role(bureau: Bureau, admin: TestClient) -> None:
    added = admin.post("/admin/units/new", data={"name": "某县司法局", "code": "101001", "contact": "张三"})
    assert added.status_code == 303
    assert "已新建单位“某县司法局”" in text(admin.get(added.headers["location"]).text)
    again = admin.post("/admin/units/new", data={"name": "某县法院", "code": "101001"})
    assert again.status_code == 422 and "单位代码“101001”已被其他单位使用" in text(again.text)
    assert 'value="某县法院"' in again.text  # what was typed stays

    (unit,) = bureau.accounts.units(bureau.bureau_id)
    made = admin.post("/admin/users/new", data={"login": "sfj", "role": "unit", "unit": str(unit.id), "name": "王五"})
    assert made.status_code == 200 and "这个密码只显示这一次" in text(made.text)
    initial = re.search(r'<code class="password big">([\w-]+)</code>', made.text)
    assert initial is not None
    assert bureau.accounts.authenticate("sfj", initial.group(1), "127.0.0.1").unit_id == unit.id
    reviewer = admin.post("/admin/users/new", data={"login": "shen", "role": "reviewer", "unit": ""})
    assert reviewer.status_code == 200 and "审核" in text(reviewer.text)
    no_unit = admin.post("/admin/users/new", data={"login": "x1", "role": "unit", "unit": ""})
    assert no_unit.status_code == 422 and "单位填报账号必须指定所属单位" in text(no_unit.text)
    listing = text(admin.get("/admin/units").text)
    assert "sfj 王五 单位填报 某县司法局 启用 是（还在用初始密码）" in listing


def test_resetting_a_password_shows_the_new_one_once_and_signs_the_account_out(
    bureau: Bureau, admin: TestClient
) -> None:
    clerk_user = bureau.user("shen", "reviewer")
    clerk = bureau.client()
    signed_in(clerk, "shen")
    answer = admin.post(f"/admin/users/{clerk_user.id}/reset")
    assert answer.status_code == 200 and "已重置密码" in text(answer.text)
    assert clerk.get("/admin/units").status_code == 303  # signed out: back to the sign-in page
    assert bureau.accounts.user(clerk_user.id).must_change_password


def test_deactivating_an_account_signs_it_out_and_an_admin_cannot_deactivate_itself(
    bureau: Bureau, admin: TestClient
) -> None:
    clerk_user = bureau.user("shen", "reviewer")
    clerk = bureau.client()
    signed_in(clerk, "shen")
    off = admin.post(f"/admin/users/{clerk_user.id}/active", data={"active": "0"})
    assert off.status_code == 303
    assert "账号“shen”已停用" in text(admin.get(off.headers["location"]).text)
    assert clerk.get("/").status_code == 303
    refused = bureau.client().post("/login", data={"login": "shen", "password": PASSWORD, "next": "/"})
    assert "此账号已停用" in text(refused.text)
    assert admin.post(f"/admin/users/{clerk_user.id}/active", data={"active": "1"}).status_code == 303
    assert bureau.accounts.user(clerk_user.id).active

    (me,) = [user for user in bureau.accounts.users(bureau.bureau_id) if user.login == "boss"]
    itself = admin.post(f"/admin/users/{me.id}/active", data={"active": "0"})
    assert itself.status_code == 409 and "不能停用自己" in text(itself.text)


def test_signing_an_account_out_everywhere_ends_its_sessions(bureau: Bureau, admin: TestClient) -> None:
    clerk_user = bureau.user("shen", "reviewer")
    clerk = bureau.client()
    signed_in(clerk, "shen")
    answer = admin.post(f"/admin/users/{clerk_user.id}/sign-out")
    assert answer.status_code == 303 and clerk.get("/").status_code == 303
    assert "所有设备上的登录都已退出" in text(admin.get(answer.headers["location"]).text)


# -- who may, and what is reachable ------------------------------------------------------


@pytest.mark.parametrize("role", ["reviewer", "unit"])
def test_nobody_but_an_admin_reaches_the_administration_pages(bureau: Bureau, role: str) -> None:
    unit = bureau.unit("某县司法局", "101001") if role == "unit" else None
    bureau.user("someone", role, unit)
    client = bureau.client()
    signed_in(client, "someone")
    for method, url in ADMIN_PAGES:
        answer = client.request(method, url)
        assert answer.status_code == 403, (method, url, answer.status_code)
        assert "只有管理员可以管理单位和账号" in text(answer.text)


def test_a_visitor_is_sent_to_sign_in_and_a_form_without_its_token_is_refused(
    bureau: Bureau, admin: TestClient
) -> None:
    visitor = bureau.client()
    for method, url in ADMIN_PAGES:
        assert visitor.request(method, url).status_code in (303, 403), (method, url)
    del admin.headers["X-CSRF-Token"]
    forged = admin.post("/admin/units/new", data={"name": "某县司法局"})
    assert forged.status_code == 403 and bureau.accounts.units(bureau.bureau_id) == []


def test_units_and_accounts_of_another_bureau_are_not_found(bureau: Bureau, admin: TestClient) -> None:
    other = bureau.accounts.bureau("某市财政局")
    their_unit = bureau.accounts.create_unit("市司法局", "201001", bureau_id=other.id)
    theirs, _ = bureau.accounts.create_user("shi", "unit", unit_id=their_unit.id, password=PASSWORD)
    for url in (f"/admin/users/{theirs.id}/reset", f"/admin/users/{theirs.id}/sign-out"):
        assert admin.post(url).status_code == 404
    assert admin.post(f"/admin/users/{theirs.id}/active", data={"active": "0"}).status_code == 404
    joined = admin.post("/admin/users/new", data={"login": "x1", "role": "unit", "unit": str(their_unit.id)})
    assert joined.status_code == 404
    assert admin.get(f"/admin/audit?unit={their_unit.id}").status_code == 404
    assert admin.get(f"/admin/audit.xlsx?unit={their_unit.id}").status_code == 404
    listing = admin.get("/admin/units").text
    assert "市司法局" not in listing and "shi" not in listing
    assert bureau.accounts.user(theirs.id) == theirs
    with bureau.accounts.engine.begin() as connection:
        audit.record(connection, Actor(theirs.id, "shi", other.id), "save", "市里的保存", unit_id=their_unit.id)
    assert "市里的保存" not in admin.get("/admin/audit").text
    assert all("市里的保存" not in str(row) for row in rows_of(admin.get("/admin/audit.xlsx").content))


# -- the audit log -----------------------------------------------------------------------


def logged(bureau: Bureau, count: int, unit_id: int | None = None, action: str = "save") -> None:
    actor = Actor(None, "命令行", bureau.bureau_id)
    with bureau.accounts.engine.begin() as connection:
        for number in range(count):
            audit.record(connection, actor, action, f"第 {number + 1} 条", unit_id=unit_id)


def test_the_audit_log_is_newest_first_in_pages_of_fifty(bureau: Bureau, admin: TestClient) -> None:
    logged(bureau, 120)
    first = admin.get("/admin/audit").text
    assert first.count('<tr><td class="when">') == 50
    shown = text(first)
    assert shown.index("第 120 条") < shown.index("第 119 条") and "第 70 条" not in shown
    older = re.search(r'href="/admin/audit\?(before=\d+)">更早的记录', first)
    assert older is not None
    second = text(admin.get(f"/admin/audit?{older.group(1)}").text)
    assert "第 70 条" in second and "第 71 条" not in second and "回到最新的记录" in second
    for heading in ("时间", "账号", "单位", "操作", "内容"):
        assert f"<th>{heading}</th>" in first


def test_the_audit_log_is_filtered_by_unit_and_action_and_exported_the_same_way(
    bureau: Bureau, admin: TestClient
) -> None:
    unit = bureau.unit("某县司法局", "101001")
    logged(bureau, 2, unit.id, "submit")
    logged(bureau, 3, None, "save")
    filtered = text(admin.get(f"/admin/audit?unit={unit.id}&action=submit").text)
    assert filtered.count("提交审核") >= 2 and "保存数据" not in filtered.split("内容", 1)[1]

    export = admin.get(f"/admin/audit.xlsx?unit={unit.id}&action=submit")
    assert export.status_code == 200
    rows = rows_of(export.content)
    assert rows[0] == ["时间", "账号", "单位", "操作", "内容"]
    assert [row[2:] for row in rows[1:]] == [
        ["某县司法局", "提交审核", "第 2 条"],
        ["某县司法局", "提交审核", "第 1 条"],
    ]
    assert export.content == admin.get(f"/admin/audit.xlsx?unit={unit.id}&action=submit").content  # deterministic
    everything = rows_of(admin.get("/admin/audit.xlsx").content)
    assert len(everything) == 1 + 5  # every entry of the bureau


# -- the command line --------------------------------------------------------------------


def reportgen(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportgen", *args], capture_output=True, text=True, timeout=120)


def test_import_units_writes_the_passwords_to_a_new_file_only(tmp_path: Path) -> None:
    data_dir, book, out = tmp_path / "data", tmp_path / "单位.xlsx", tmp_path / "初始密码.xlsx"
    book.write_bytes(workbook(COLUMNS, ("某县司法局", "101001", "张三", "sfj"), ("某县教育局", "", "", "jyj")))
    result = reportgen("admin", "import-units", str(book), "--password-file", str(out), "--data-dir", str(data_dir),
                       "--bureau", "某县财政局")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "已在“某县财政局”新建 2 个单位" in result.stdout and "分发后删除此文件" in result.stdout
    rows = rows_of(out.read_bytes())
    assert [row[:2] for row in rows] == [["账号", "单位"], ["sfj", "某县司法局"], ["jyj", "某县教育局"]]
    assert out.stat().st_mode & 0o077 == 0  # readable by its owner only
    accounts = Accounts(open_database(data_dir))
    assert accounts.authenticate("sfj", str(rows[1][2]), "127.0.0.1").must_change_password

    again = reportgen("admin", "import-units", str(book), "--password-file", str(out), "--data-dir", str(data_dir))
    assert again.returncode != 0 and "已存在：不会覆盖它" in again.stderr


def test_import_units_lists_every_problem_and_creates_nothing(tmp_path: Path) -> None:
    data_dir, book, out = tmp_path / "data", tmp_path / "单位.xlsx", tmp_path / "初始密码.xlsx"
    book.write_bytes(workbook(COLUMNS, ("某县司法局", "1", "", "sfj"), ("", "1", "", "sfj")))
    result = reportgen("admin", "import-units", str(book), "--password-file", str(out), "--data-dir", str(data_dir))
    assert result.returncode == 1
    assert "有 3 处问题，没有新建任何单位" in result.stderr
    assert "第 3 行 B 列（单位代码）：与第 2 行重复。" in result.stderr and not out.exists()
    assert Accounts(open_database(data_dir)).bureaus() == [] or not Accounts(open_database(data_dir)).units(1)


def test_the_export_keeps_text_that_looks_like_a_formula_as_text(bureau: Bureau, admin: TestClient) -> None:
    actor = Actor(None, "命令行", bureau.bureau_id)
    with bureau.accounts.engine.begin() as connection:
        audit.record(connection, actor, "save", '=HYPERLINK("http://example.com","点我")')
    content = admin.get("/admin/audit.xlsx").content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    assert sheet["E2"].value == '=HYPERLINK("http://example.com","点我")' and sheet["E2"].data_type == "s"
