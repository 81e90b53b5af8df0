"""``reportgen admin create-user``: the first accounts of bureau mode, from the command line."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

from reportgen.web.accounts import Accounts
from reportgen.web.db import open_database


def reportgen(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportgen", *args], capture_output=True, text=True, timeout=60)


def initial_password(output: str) -> str:
    return output.split("初始密码（只显示这一次）：")[1].split()[0]


def test_the_first_admin_gets_an_initial_password_shown_once_that_signs_in(tmp_path: Path) -> None:
    result = reportgen(
        "admin", "create-user", "boss", "--role", "admin", "--name", "王局长", "--data-dir", str(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    assert "已创建管理员账号“boss”" in result.stdout and "首次登录时须修改密码" in result.stdout
    accounts = Accounts(open_database(tmp_path))
    user = accounts.authenticate("boss", initial_password(result.stdout), "127.0.0.1")
    assert (user.role, user.name, user.must_change_password) == ("admin", "王局长", True)
    assert accounts.has_admin()


def test_a_unit_account_names_its_unit_by_code(tmp_path: Path) -> None:
    Accounts(open_database(tmp_path)).create_unit("某县司法局", "101001")
    result = reportgen("admin", "create-user", "sfj", "--role", "unit", "--unit", "101001", "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "已创建单位填报账号“sfj”（某县司法局）" in result.stdout
    missing = reportgen("admin", "create-user", "jyj", "--role", "unit", "--unit", "999", "--data-dir", str(tmp_path))
    assert missing.returncode != 0 and "单位代码“999”不存在" in missing.stderr
    without = reportgen("admin", "create-user", "jyj", "--role", "unit", "--data-dir", str(tmp_path))
    assert without.returncode != 0 and "单位填报账号必须指定所属单位" in without.stderr


def test_the_password_goes_to_a_new_private_file_and_never_over_an_existing_one(tmp_path: Path) -> None:
    secret = tmp_path / "boss.txt"
    data = tmp_path / "ws"
    result = reportgen(
        "admin", "create-user", "boss", "--role", "admin", "--data-dir", str(data), "--password-file", str(secret)
    )
    assert result.returncode == 0, result.stderr
    password = secret.read_text(encoding="utf-8").strip()
    assert password not in result.stdout and f"初始密码已写入 {secret}" in result.stdout
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    again = reportgen(
        "admin", "create-user", "rev", "--role", "reviewer", "--data-dir", str(data), "--password-file", str(secret)
    )
    assert again.returncode != 0 and "已存在：不会覆盖它" in again.stderr
    assert secret.read_text(encoding="utf-8").strip() == password
    assert Accounts(open_database(data)).user(2) is None  # nothing was created


def test_a_refused_account_leaves_no_password_file(tmp_path: Path) -> None:
    secret = tmp_path / "x.txt"
    result = reportgen(
        "admin", "create-user", "x", "--role", "boss", "--data-dir", str(tmp_path), "--password-file", str(secret)
    )
    assert result.returncode != 0 and "角色“boss”不存在" in result.stderr
    assert not secret.exists()


def test_a_login_taken_is_refused_in_chinese(tmp_path: Path) -> None:
    assert reportgen("admin", "create-user", "boss", "--role", "admin", "--data-dir", str(tmp_path)).returncode == 0
    again = reportgen("admin", "create-user", "BOSS", "--role", "reviewer", "--data-dir", str(tmp_path))
    assert again.returncode != 0 and "账号“BOSS”已存在" in again.stderr and "Traceback" not in again.stderr


def test_the_help_is_chinese_and_loads_no_database_library() -> None:
    code = (
        "import sys\nfrom reportgen.cli.app import app\n"
        "try:\n    app(['admin', 'create-user', '--help'], prog_name='reportgen')\nexcept SystemExit:\n    pass\n"
        "print('sqlalchemy' in sys.modules, 'argon2' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "创建账号并给出初始密码" in result.stdout and "--password-file" in result.stdout
    assert result.stdout.strip().endswith("False False")
