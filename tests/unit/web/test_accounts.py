"""Accounts: units and users, throttled sign-in, passwords and server-side sessions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from reportgen.web.accounts import AccountError, Accounts, token_hash
from reportgen.web.db import SessionRow, open_database

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
GOOD = "good password 2026"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.moment = START

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **span: float) -> None:
        self.moment += timedelta(**span)


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return open_database(tmp_path)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def accounts(engine: Engine, clock: Clock) -> Accounts:
    return Accounts(engine, clock)


def refusal(call: object, *args: object) -> str:
    assert callable(call)
    with pytest.raises(AccountError) as raised:
        call(*args)
    return raised.value.message


# -- units and users -------------------------------------------------------------------------


def test_a_unit_account_belongs_to_a_unit_and_starts_with_a_password_to_change(accounts: Accounts) -> None:
    unit = accounts.create_unit("某县司法局", "101001", "张三")
    user, initial = accounts.create_user("sfj", "unit", unit_id=unit.id, name="李四")
    assert (user.role, user.unit_id, user.name, user.must_change_password, user.active) == (
        "unit",
        unit.id,
        "李四",
        True,
        True,
    )
    assert accounts.unit_by_code("101001") == unit
    assert accounts.authenticate("sfj", initial, "10.0.0.1") == user


def test_roles_and_units_are_checked_in_chinese(accounts: Accounts) -> None:
    unit = accounts.create_unit("某县教育局", "101002")
    assert "单位填报账号必须指定所属单位" in refusal(lambda: accounts.create_user("a", "unit"))
    assert "审核账号不属于某个单位" in refusal(lambda: accounts.create_user("b", "reviewer", unit_id=unit.id))
    assert "角色“boss”不存在" in refusal(lambda: accounts.create_user("c", "boss"))
    assert "所属单位不存在" in refusal(lambda: accounts.create_user("d", "unit", unit_id=999))
    assert "账号只能由字母" in refusal(lambda: accounts.create_user("有 空格", "admin"))


def test_a_login_and_a_unit_code_are_taken_once(accounts: Accounts) -> None:
    accounts.create_unit("甲单位", "201")
    accounts.create_user("Admin", "admin")
    assert refusal(lambda: accounts.create_user("admin", "reviewer")) == "账号“admin”已存在。"
    assert "单位代码“201”已被其他单位使用" in refusal(lambda: accounts.create_unit("乙单位", "201"))
    assert refusal(lambda: accounts.create_unit("  ")) == "请填写单位名称。"
    accounts.create_unit("丙单位")
    accounts.create_unit("丁单位", "")  # units without a code may be many


def test_a_chosen_password_must_meet_the_rule_and_need_not_be_changed(accounts: Accounts) -> None:
    assert refusal(lambda: accounts.create_user("boss", "admin", password="short")) == "密码至少需要 10 个字符。"
    user, password = accounts.create_user("boss", "admin", password=GOOD)
    assert password == GOOD and not user.must_change_password


def test_has_admin_once_an_active_admin_exists(accounts: Accounts) -> None:
    assert not accounts.has_admin()
    accounts.create_user("reviewer", "reviewer")
    assert not accounts.has_admin()
    accounts.create_user("boss", "admin")
    assert accounts.has_admin()


# -- signing in ------------------------------------------------------------------------------


def test_a_wrong_password_and_an_unknown_login_get_the_same_answer(accounts: Accounts) -> None:
    accounts.create_user("boss", "admin", password=GOOD)
    assert refusal(accounts.authenticate, "boss", "wrong password", "10.0.0.1") == "账号或密码不正确。"
    assert refusal(accounts.authenticate, "nobody", GOOD, "10.0.0.1") == "账号或密码不正确。"
    assert accounts.authenticate(" BOSS ", GOOD, "10.0.0.1").login == "boss"


def test_five_failures_for_a_login_refuse_even_the_right_password_for_fifteen_minutes(
    accounts: Accounts, clock: Clock
) -> None:
    accounts.create_user("boss", "admin", password=GOOD)
    for minute in range(5):
        refusal(accounts.authenticate, "boss", "guess", f"10.0.0.{minute}")
        clock.advance(minutes=1)
    # the first failure was at 09:00, it is now 09:05: ten minutes to wait
    assert refusal(accounts.authenticate, "boss", GOOD, "10.9.9.9") == "登录失败次数过多，请 10 分钟后再试。"
    clock.advance(minutes=9, seconds=59)
    assert "登录失败次数过多" in refusal(accounts.authenticate, "boss", GOOD, "10.9.9.9")
    clock.advance(seconds=1)  # the first failure has left the window
    assert accounts.authenticate("boss", GOOD, "10.9.9.9").login == "boss"


def test_four_failures_then_a_success_start_the_count_again(accounts: Accounts, clock: Clock) -> None:
    accounts.create_user("boss", "admin", password=GOOD)
    for _ in range(4):
        refusal(accounts.authenticate, "boss", "guess", "10.0.0.1")
    accounts.authenticate("boss", GOOD, "10.0.0.1")
    for _ in range(4):
        refusal(accounts.authenticate, "boss", "guess", "10.0.0.1")
    assert accounts.authenticate("boss", GOOD, "10.0.0.1").login == "boss"


def test_twenty_failures_from_one_address_refuse_every_login_from_it(accounts: Accounts, clock: Clock) -> None:
    accounts.create_user("boss", "admin", password=GOOD)
    for n in range(20):
        refusal(accounts.authenticate, f"guess{n}", "guess", "203.0.113.7")
        clock.advance(seconds=30)
    # the first failure was at 09:00, it is now 09:10
    assert refusal(accounts.authenticate, "boss", GOOD, "203.0.113.7") == "登录失败次数过多，请 5 分钟后再试。"
    assert accounts.authenticate("boss", GOOD, "10.0.0.1").login == "boss"  # another address may
    clock.advance(minutes=5)
    assert accounts.authenticate("boss", GOOD, "203.0.113.7").login == "boss"


def test_failures_older_than_the_window_do_not_count(accounts: Accounts, clock: Clock) -> None:
    accounts.create_user("boss", "admin", password=GOOD)
    for _ in range(4):
        refusal(accounts.authenticate, "boss", "guess", "10.0.0.1")
    clock.advance(minutes=15, seconds=1)
    for _ in range(4):
        refusal(accounts.authenticate, "boss", "guess", "10.0.0.1")
    assert accounts.authenticate("boss", GOOD, "10.0.0.1").login == "boss"


# -- passwords -------------------------------------------------------------------------------


def test_changing_the_password_needs_the_current_one_and_ends_the_required_change(accounts: Accounts) -> None:
    user, initial = accounts.create_user("boss", "admin")
    assert refusal(accounts.change_password, user.id, "not it", GOOD) == "当前密码不正确。"
    assert refusal(accounts.change_password, user.id, initial, "boss") == "密码至少需要 10 个字符。"
    assert refusal(accounts.change_password, user.id, initial, initial) == "新密码不能与当前密码相同。"
    accounts.change_password(user.id, initial, GOOD)
    signed_in = accounts.authenticate("boss", GOOD, "10.0.0.1")
    assert not signed_in.must_change_password
    assert refusal(accounts.authenticate, "boss", initial, "10.0.0.1") == "账号或密码不正确。"


def test_a_reset_gives_a_new_initial_password_to_change_and_ends_the_sessions(accounts: Accounts, clock: Clock) -> None:
    user, _ = accounts.create_user("boss", "admin", password=GOOD)
    token = accounts.open_session(user.id)
    clock.advance(seconds=1)
    initial = accounts.reset_password("boss")
    assert accounts.session(token) is None
    assert refusal(accounts.authenticate, "boss", GOOD, "10.0.0.1") == "账号或密码不正确。"
    assert accounts.authenticate("boss", initial, "10.0.0.1").must_change_password
    assert refusal(accounts.reset_password, "nobody") == "账号“nobody”不存在。"


# -- sessions --------------------------------------------------------------------------------


def test_a_session_is_found_by_its_token_whose_hash_alone_is_stored(
    accounts: Accounts, engine: Engine, clock: Clock
) -> None:
    user, _ = accounts.create_user("boss", "admin")
    token = accounts.open_session(user.id)
    signed_in = accounts.session(token)
    assert signed_in is not None and signed_in.user == user and len(signed_in.csrf_token) >= 32
    with engine.connect() as connection:
        stored = connection.execute(select(SessionRow.token_hash)).scalars().all()
    assert stored == [token_hash(token)] and token not in stored
    assert accounts.session(token + "x") is None and accounts.session("") is None


def test_two_sessions_have_different_tokens_and_csrf_tokens(accounts: Accounts) -> None:
    user, _ = accounts.create_user("boss", "admin")
    first, second = accounts.open_session(user.id), accounts.open_session(user.id)
    one, two = accounts.session(first), accounts.session(second)
    assert first != second and one is not None and two is not None and one.csrf_token != two.csrf_token


def test_a_session_expires_after_twelve_hours(accounts: Accounts, clock: Clock) -> None:
    user, _ = accounts.create_user("boss", "admin")
    token = accounts.open_session(user.id)
    clock.advance(hours=11, minutes=59)
    assert accounts.session(token) is not None
    clock.advance(minutes=1)
    assert accounts.session(token) is None


def test_a_lookup_notes_when_the_session_was_last_seen(accounts: Accounts, engine: Engine, clock: Clock) -> None:
    user, _ = accounts.create_user("boss", "admin")
    token = accounts.open_session(user.id)
    clock.advance(minutes=5)
    accounts.session(token)
    with engine.connect() as connection:
        seen = connection.execute(select(SessionRow.last_seen)).scalar_one()
    assert seen.replace(tzinfo=UTC) == START + timedelta(minutes=5)


def test_logout_ends_one_session_and_logout_everywhere_all_of_them(accounts: Accounts, clock: Clock) -> None:
    user, _ = accounts.create_user("boss", "admin")
    other, _ = accounts.create_user("rev", "reviewer")
    office, home, laptop = (accounts.open_session(user.id) for _ in range(3))
    theirs = accounts.open_session(other.id)
    accounts.logout(office)
    assert accounts.session(office) is None and accounts.session(home) is not None
    clock.advance(seconds=1)
    accounts.logout_everywhere(user.id)
    assert accounts.session(home) is None and accounts.session(laptop) is None
    assert accounts.session(theirs) is not None
    clock.advance(seconds=1)
    assert accounts.session(accounts.open_session(user.id)) is not None  # signing in again works


def test_an_inactive_account_neither_signs_in_nor_keeps_its_sessions(accounts: Accounts, engine: Engine) -> None:
    from sqlalchemy import update

    from reportgen.web.db import UserRow

    user, _ = accounts.create_user("boss", "admin", password=GOOD)
    token = accounts.open_session(user.id)
    with engine.begin() as connection:
        connection.execute(update(UserRow).values(active=False))
    assert refusal(accounts.authenticate, "boss", GOOD, "10.0.0.1") == "此账号已停用，请联系管理员。"
    assert refusal(accounts.authenticate, "boss", "wrong password", "10.0.0.1") == "账号或密码不正确。"
    assert accounts.session(token) is None and not accounts.has_admin()


def test_a_hash_with_old_parameters_is_replaced_at_the_next_sign_in(accounts: Accounts, engine: Engine) -> None:
    from argon2 import PasswordHasher
    from sqlalchemy import update

    from reportgen.web.db import UserRow

    accounts.create_user("boss", "admin", password=GOOD)
    weak = PasswordHasher(time_cost=1, memory_cost=8192).hash(GOOD)
    with engine.begin() as connection:
        connection.execute(update(UserRow).values(password_hash=weak))
    accounts.authenticate("boss", GOOD, "10.0.0.1")
    with engine.connect() as connection:
        stored = connection.execute(select(UserRow.password_hash)).scalar_one()
    assert stored != weak and "m=8192" not in stored
    assert accounts.authenticate("boss", GOOD, "10.0.0.1").login == "boss"
