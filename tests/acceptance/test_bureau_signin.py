"""Bureau mode signs people in: every page needs a session, an initial password must be
changed first, signing out ends the session on the server. Local mode has no sign-in."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient

from bureau import PASSWORD, bureau_app, signed_in
from reportgen.web.app import create_app

NEW_PASSWORD = "a-much-better-secret"


def test_a_visitor_is_sent_to_sign_in_and_comes_back_to_the_page_asked_for(tmp_path: Path) -> None:
    bureau = bureau_app(tmp_path)
    bureau.user("jia", "unit", bureau.unit("甲单位", "001"))
    client = bureau.client()

    asked = client.get("/reports/1/history?x=1")
    assert asked.status_code == 303 and asked.headers["location"] == "/login?next=/reports/1/history%3Fx%3D1"
    login = client.get(asked.headers["location"])
    assert login.status_code == 200 and 'name="next" value="/reports/1/history?x=1"' in login.text
    signed = client.post("/login", data={"login": "jia", "password": PASSWORD, "next": "/reports/1/history?x=1"})
    assert signed.status_code == 303 and signed.headers["location"] == "/reports/1/history?x=1"


def test_a_page_fragment_or_the_json_api_asked_without_a_session_is_refused_not_redirected(tmp_path: Path) -> None:
    client = bureau_app(tmp_path).client()
    fragment = client.post("/reports/1/edit", headers={"HX-Request": "true"}, data={"based_on": 1, "path": "year"})
    assert fragment.status_code == 401 and fragment.headers["HX-Redirect"] == "/login"
    api = client.get("/api/reports")
    assert api.status_code == 401 and api.json() == {"errors": [{"message": "请先登录。"}]}


def test_a_wrong_password_is_told_in_chinese_without_saying_whether_the_login_exists(tmp_path: Path) -> None:
    bureau = bureau_app(tmp_path)
    bureau.user("jia", "unit", bureau.unit("甲单位", "001"))
    client = bureau.client()
    for login in ("jia", "nobody"):
        answer = client.post("/login", data={"login": login, "password": "not-the-password"})
        assert answer.status_code == 401 and "账号或密码不正确。" in answer.text
        assert "reportgen_session" not in answer.cookies


def test_an_initial_password_must_be_changed_before_anything_else(tmp_path: Path) -> None:
    bureau = bureau_app(tmp_path)
    bureau.accounts.create_unit("甲单位", "001", bureau_id=bureau.bureau_id)
    _user, initial = bureau.accounts.create_user("boss", "admin", bureau_id=bureau.bureau_id)
    client = bureau.client()
    signed = client.post("/login", data={"login": "boss", "password": initial})
    assert signed.headers["location"] == "/password"
    assert client.get("/").headers["location"] == "/password"
    page = client.get("/password")
    assert "请先设置您自己的密码" in page.text
    token = page.text.split('"X-CSRF-Token": "')[1].split('"')[0]

    mismatch = client.post(
        "/password", data={"current": initial, "new": NEW_PASSWORD, "repeat": "x", "csrf_token": token}
    )
    assert mismatch.status_code == 422 and "两次输入的新密码不一致" in mismatch.text
    changed = client.post(
        "/password", data={"current": initial, "new": NEW_PASSWORD, "repeat": NEW_PASSWORD, "csrf_token": token}
    )
    assert changed.status_code == 303 and changed.headers["location"] == "/password?done=1"
    assert "密码已修改" in client.get("/password?done=1").text
    assert client.get("/reports/999").status_code == 404  # past the password page: pages answer as they do


def test_changing_the_password_signs_out_every_other_browser(tmp_path: Path) -> None:
    bureau = bureau_app(tmp_path)
    bureau.user("jia", "unit", bureau.unit("甲单位", "001"))
    here, elsewhere = bureau.client(), bureau.client()
    token = signed_in(here, "jia")
    signed_in(elsewhere, "jia")
    here.post("/password", data={"current": PASSWORD, "new": NEW_PASSWORD, "repeat": NEW_PASSWORD, "csrf_token": token})
    assert here.get("/").status_code == 200
    assert elsewhere.get("/").headers["location"] == "/login"


def test_signing_out_ends_the_session_on_the_server(tmp_path: Path) -> None:
    bureau = bureau_app(tmp_path)
    bureau.user("jia", "unit", bureau.unit("甲单位", "001"))
    client = bureau.client()
    signed_in(client, "jia")
    cookie = client.cookies["reportgen_session"]
    assert client.post("/logout").headers["location"] == "/login"
    replayed = bureau.client()
    replayed.cookies.set("reportgen_session", cookie)
    assert replayed.get("/").headers["location"] == "/login"


def test_the_top_bar_names_the_user_and_bureau_and_links_by_role(tmp_path: Path) -> None:
    bureau = bureau_app(tmp_path, "某县财政局")
    unit = bureau.unit("甲单位", "001")
    bureau.user("jia", "unit", unit)
    bureau.user("boss", "admin")
    clerk, admin = bureau.client(), bureau.client()
    signed_in(clerk, "jia")
    signed_in(admin, "boss")
    clerk_page, admin_page = clerk.get("/").text, admin.get("/password").text
    assert "某县财政局" in clerk_page and "退出登录" in clerk_page and "单位和账号" not in clerk_page
    assert "单位和账号" in admin_page and "操作记录" in admin_page and "本机工作区" not in admin_page


def test_local_mode_has_no_sign_in_page(tmp_path: Path) -> None:
    client = TestClient(create_app(tmp_path))
    answer = client.get("/login")
    assert answer.status_code == 404 and "本机模式不需要登录" in answer.text
    assert client.get("/").status_code == 200


def _serve(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "reportgen", "serve", "--no-browser", "--data-dir", str(data_dir), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def test_local_mode_never_listens_beyond_this_computer(tmp_path: Path) -> None:
    refused = _serve("--host", "0.0.0.0", "--port", "1", data_dir=tmp_path)
    assert refused.returncode != 0
    assert "本机模式只在本机地址 127.0.0.1 上启动" in refused.stderr and "--bureau" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_bureau_mode_listens_on_another_address_only_once_an_admin_exists(tmp_path: Path) -> None:
    refused = _serve("--bureau", "--host", "0.0.0.0", "--port", "1", data_dir=tmp_path)
    assert refused.returncode != 0
    assert "局端模式还没有管理员账号" in refused.stderr and "reportgen admin create-user" in refused.stderr
    assert "Traceback" not in refused.stderr
