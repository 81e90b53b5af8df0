"""An admin's changes to the units and accounts of its bureau: scoped to that bureau, each in
the audit log, units from a workbook all or none."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import insert
from sqlalchemy.engine import Engine

from reportgen.web import audit
from reportgen.web.accounts import AccountError, Accounts, NotInBureau, User
from reportgen.web.audit import Actor
from reportgen.web.db import ReportRow, now, open_database
from reportgen.web.units_workbook import NewUnit

PASSWORD = "good password 2026"


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return open_database(tmp_path)


@pytest.fixture
def accounts(engine: Engine) -> Accounts:
    return Accounts(engine)


def actor_of(user: User) -> Actor:
    return Actor(user.id, user.login, user.bureau_id, user.unit_id)


@pytest.fixture
def boss(accounts: Accounts) -> Actor:
    bureau = accounts.bureau("某县财政局")
    user, _ = accounts.create_user("boss", "admin", password=PASSWORD, bureau_id=bureau.id)
    return actor_of(user)


def details(engine: Engine, bureau_id: int) -> list[str]:
    return [entry.detail for entry in audit.entries(engine, bureau_id) if entry.action == "accounts"]


def wanted(*rows: tuple[str, str | None, str]) -> list[NewUnit]:
    return [NewUnit(index, name, code, "", login) for index, (name, code, login) in enumerate(rows, 2)]


def test_units_from_a_workbook_are_created_with_their_accounts_and_audited(
    accounts: Accounts, engine: Engine, boss: Actor
) -> None:
    made = accounts.create_units(boss, wanted(("某县司法局", "101001", "sfj"), ("某县教育局", None, "jyj")))
    assert [(m.unit.name, m.unit.code, m.user.login, m.user.role) for m in made] == [
        ("某县司法局", "101001", "sfj", "unit"),
        ("某县教育局", None, "jyj", "unit"),
    ]
    assert all(m.user.unit_id == m.unit.id and m.user.must_change_password for m in made)
    assert {m.unit.bureau_id for m in made} == {boss.bureau_id}
    signed = accounts.authenticate("sfj", made[0].password, "127.0.0.1")  # the initial password signs in
    assert signed.must_change_password
    assert details(engine, boss.bureau_id) == [
        "新建单位“某县教育局”和单位填报账号“jyj”",
        "新建单位“某县司法局”（代码 101001）和单位填报账号“sfj”",
    ]


def test_nothing_is_created_when_one_unit_cannot_be(accounts: Accounts, engine: Engine, boss: Actor) -> None:
    accounts.create_unit("某县卫健委", "101003", bureau_id=boss.bureau_id)
    with pytest.raises(AccountError) as refused:
        accounts.create_units(boss, wanted(("某县司法局", "101001", "sfj"), ("某县医院", "101003", "yy")))
    assert refused.value.message == "单位代码“101003”已被使用，这次没有创建任何单位。"
    assert [unit.name for unit in accounts.units(boss.bureau_id)] == ["某县卫健委"]
    assert [user.login for user in accounts.users(boss.bureau_id)] == ["boss"]
    assert details(engine, boss.bureau_id) == []


def test_a_login_taken_in_another_bureau_or_repeated_is_refused(accounts: Accounts, boss: Actor) -> None:
    other = accounts.bureau("某市财政局")
    accounts.create_user("Sfj", "reviewer", password=PASSWORD, bureau_id=other.id)
    with pytest.raises(AccountError, match="账号“sfj”已存在"):
        accounts.create_units(boss, wanted(("某县司法局", None, "sfj")))
    with pytest.raises(AccountError, match="账号“JYJ”已存在"):
        accounts.create_units(boss, wanted(("某县教育局", None, "jyj"), ("某县教育局二", None, "JYJ")))


def test_taken_knows_codes_and_logins_of_the_server_and_unit_names_of_the_bureau(
    accounts: Accounts, boss: Actor
) -> None:
    other = accounts.bureau("某市财政局")
    accounts.create_unit("市司法局", "201001", bureau_id=other.id)
    accounts.create_unit("某县司法局", "101001", bureau_id=boss.bureau_id)
    taken = accounts.taken(boss.bureau_id)
    assert taken.codes == {"101001", "201001"} and taken.logins == {"boss"} and taken.unit_names == {"某县司法局"}


def test_one_unit_and_one_account_added_by_an_admin_are_audited(
    accounts: Accounts, engine: Engine, boss: Actor
) -> None:
    unit = accounts.create_unit("某县司法局", "101001", "张三", actor=boss)
    user, initial = accounts.create_user("sfj", "unit", unit_id=unit.id, actor=boss)
    assert unit.bureau_id == boss.bureau_id and user.bureau_id == boss.bureau_id and initial
    with pytest.raises(AccountError, match="本局已有单位“某县司法局”"):
        accounts.create_unit("某县司法局", actor=boss)
    assert details(engine, boss.bureau_id) == [
        "新建单位填报账号“sfj”（某县司法局）",
        "新建单位“某县司法局”（代码 101001）",
    ]


def test_an_admin_cannot_reach_another_bureaus_units_or_accounts(accounts: Accounts, boss: Actor) -> None:
    other = accounts.bureau("某市财政局")
    their_unit = accounts.create_unit("市司法局", "201001", bureau_id=other.id)
    theirs, _ = accounts.create_user("shi", "unit", unit_id=their_unit.id, password=PASSWORD)
    with pytest.raises(NotInBureau):
        accounts.create_user("mine", "unit", unit_id=their_unit.id, actor=boss)
    for change in (
        lambda: accounts.reset_password_of(boss, theirs.id),
        lambda: accounts.set_active(boss, theirs.id, False),
        lambda: accounts.sign_out_everywhere(boss, theirs.id),
        lambda: accounts.bureau_unit(boss.bureau_id, their_unit.id),
    ):
        with pytest.raises(NotInBureau):
            change()
    assert accounts.user(theirs.id) == theirs  # untouched


def test_a_reset_password_is_initial_and_ends_the_sessions(accounts: Accounts, engine: Engine, boss: Actor) -> None:
    clerk, _ = accounts.create_user("sfj", "reviewer", password=PASSWORD, bureau_id=boss.bureau_id)
    token = accounts.open_session(clerk.id)
    user, initial = accounts.reset_password_of(boss, clerk.id)
    assert user.must_change_password and accounts.session(token) is None
    assert accounts.authenticate("sfj", initial, "127.0.0.1").id == clerk.id
    assert details(engine, boss.bureau_id)[0] == "重置账号“sfj”的密码"


def test_a_deactivated_account_is_signed_out_and_reactivated_signs_in_again(
    accounts: Accounts, engine: Engine, boss: Actor
) -> None:
    clerk, _ = accounts.create_user("sfj", "reviewer", password=PASSWORD, bureau_id=boss.bureau_id)
    token = accounts.open_session(clerk.id)
    assert not accounts.set_active(boss, clerk.id, False).active
    assert accounts.session(token) is None
    with pytest.raises(AccountError, match="已停用"):
        accounts.authenticate("sfj", PASSWORD, "127.0.0.1")
    assert accounts.set_active(boss, clerk.id, True).active
    assert accounts.authenticate("sfj", PASSWORD, "127.0.0.1").active
    assert details(engine, boss.bureau_id)[:2] == ["启用账号“sfj”", "停用账号“sfj”"]


def test_an_admin_cannot_deactivate_itself_nor_the_last_active_admin(accounts: Accounts, boss: Actor) -> None:
    with pytest.raises(AccountError, match="不能停用自己"):
        accounts.set_active(boss, boss.user_id or 0, False)
    second, _ = accounts.create_user("boss2", "admin", password=PASSWORD, bureau_id=boss.bureau_id)
    accounts.set_active(boss, second.id, False)
    command_line = Actor(None, "命令行", boss.bureau_id)  # not an account: only the last-admin rule holds
    with pytest.raises(AccountError, match="最后一个启用的管理员"):
        accounts.set_active(command_line, boss.user_id or 0, False)


def test_signing_an_account_out_everywhere_ends_all_its_sessions(accounts: Accounts, boss: Actor) -> None:
    clerk, _ = accounts.create_user("sfj", "reviewer", password=PASSWORD, bureau_id=boss.bureau_id)
    tokens = [accounts.open_session(clerk.id) for _ in range(2)]
    accounts.sign_out_everywhere(boss, clerk.id)
    assert [accounts.session(token) for token in tokens] == [None, None]
    with pytest.raises(AccountError, match="自己的账号"):
        accounts.sign_out_everywhere(boss, boss.user_id or 0)


def test_summaries_count_each_units_accounts_and_reports_by_status(
    accounts: Accounts, engine: Engine, boss: Actor
) -> None:
    made = accounts.create_units(boss, wanted(("某县司法局", "101001", "sfj"), ("某县教育局", "101002", "jyj")))
    moment = now()
    with engine.begin() as connection:
        for status in ("submitted", "submitted", "draft"):
            connection.execute(
                insert(ReportRow).values(
                    unit_name="某县司法局", kind="department", created=moment, updated=moment,
                    unit_id=made[0].unit.id, status=status,
                )
            )  # fmt: skip
    found = {summary.unit.name: (summary.accounts, summary.statuses) for summary in accounts.summaries(boss.bureau_id)}
    assert found == {"某县司法局": (1, {"submitted": 2, "draft": 1}), "某县教育局": (1, {})}
