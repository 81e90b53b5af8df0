"""The web application on PostgreSQL: every migration runs there (to the head at once, and one
step at a time keeping the data), concurrent transactions keep what SQLite's one writer kept
(the concurrency tests run on both backends), and a database that cannot be reached is told in
Chinese without a traceback or the password."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy import inspect, text

from databases import PostgresServer
from reportgen.errors import ReportgenError
from reportgen.web.accounts import AccountError, Accounts
from reportgen.web.db import Base, migrate, open_database
from reportgen.web.draft_store import DraftStore
from reportgen.web.engine import DATABASE_VARIABLE, create
from reportgen.web.store import Conflict, Store

T = TypeVar("T")
REVISIONS = ("0001", "0002", "0003")
THREADS = 8
on_postgresql = pytest.mark.backend("postgresql")


@pytest.fixture
def empty(postgres: PostgresServer) -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database (dropped after the test)."""
    name = postgres.create()
    yield postgres.url(name)
    postgres.drop(name)


def at_once(count: int, work: Callable[[int], T]) -> list[T | Exception]:
    """``work(0)`` … ``work(count - 1)`` started together in threads; each one's result or error."""
    start = threading.Barrier(count)
    results: list[T | Exception] = [RuntimeError("not run")] * count

    def run(index: int) -> None:
        start.wait()
        try:
            results[index] = work(index)
        except Exception as exc:  # the test looks at each outcome
            results[index] = exc

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


# -- migrations ------------------------------------------------------------------------------


@on_postgresql
def test_an_empty_postgresql_database_is_migrated_to_the_schema_the_code_declares(empty: str, tmp_path: Path) -> None:
    engine = open_database(tmp_path, empty)
    try:
        found = inspect(engine)
        assert set(found.get_table_names()) == {*Base.metadata.tables, "alembic_version"}
        for table in Base.metadata.sorted_tables:
            columns = {column["name"]: column for column in found.get_columns(table.name)}
            assert set(columns) == set(table.columns.keys()), table.name
            for column in table.columns:
                stored = str(columns[column.name]["type"])
                if column.type.python_type is datetime:
                    assert stored == "TIMESTAMP", (table.name, column.name)
                    assert getattr(columns[column.name]["type"], "timezone", False), (
                        f"{table.name}.{column.name} keeps its zone"
                    )
                if column.type.python_type is bool:
                    assert stored == "BOOLEAN", (table.name, column.name)
                if column.type.python_type is bytes:
                    assert stored == "BYTEA", (table.name, column.name)
        assert not (tmp_path / "reportgen.sqlite3").exists(), "no SQLite file beside a PostgreSQL database"
    finally:
        engine.dispose()


@on_postgresql
def test_each_migration_upgrades_a_postgresql_database_keeping_what_the_one_before_held(
    empty: str, tmp_path: Path
) -> None:
    engine = create(tmp_path, empty)
    try:
        migrate(engine, "0001")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO reports (unit_name, year, kind, created, updated) "
                    "VALUES ('甲单位', 2024, 'department', '2026-01-01T08:00:00+08:00', '2026-01-01T08:00:00+08:00')"
                )
            )
            connection.execute(
                text("INSERT INTO versions (report_id, number, data, created, note) VALUES (1, 1, '{}', now(), '导入')")
            )
        migrate(engine, "0002")
        with engine.begin() as connection:
            assert connection.execute(text("SELECT narrative, style FROM reports")).one() == ("standard", "")
            connection.execute(
                text(
                    "INSERT INTO drafts (report_id, number, kind, name, content, created, note) "
                    "VALUES (1, 1, 'uploaded', '稿.docx', :content, now(), '')"
                ),
                {"content": b"PK\x00\x01"},
            )
        migrate(engine, "0003")
        with engine.begin() as connection:
            connection.execute(
                text("INSERT INTO units (name, code, contact, created) VALUES ('甲单位', '101001', '', now())")
            )
            connection.execute(
                text(
                    "INSERT INTO users (login, name, role, unit_id, password_hash, must_change_password, active, "
                    "created, sessions_valid_after) VALUES ('jia', '', 'unit', 1, 'x', TRUE, TRUE, now(), now())"
                )
            )
        migrate(engine)  # to the head, whatever came after 0003
        accounts = Accounts(engine)
        unit = accounts.unit_by_code("101001")
        assert unit is not None and unit.name == "甲单位"
        store = Store(engine)
        report = store.reports()[0]
        assert (report.unit_name, report.year, report.narrative) == ("甲单位", 2024, "standard")
        assert report.created == datetime(2026, 1, 1, 0, 0, tzinfo=UTC)
        draft = DraftStore(engine).get(report.id, 1)
        assert draft is not None and draft[1] == b"PK\x00\x01"
        with engine.connect() as connection:
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        assert revision >= REVISIONS[-1]
    finally:
        engine.dispose()


@on_postgresql
def test_a_postgresql_database_goes_down_to_nothing_and_up_again(empty: str, tmp_path: Path) -> None:
    from reportgen.web.db import downgrade

    engine = create(tmp_path, empty)
    try:
        migrate(engine)
        downgrade(engine, "base")
        assert set(inspect(engine).get_table_names()) == {"alembic_version"}
        migrate(engine)
        assert set(inspect(engine).get_table_names()) == {*Base.metadata.tables, "alembic_version"}
    finally:
        engine.dispose()


@on_postgresql
def test_moments_come_back_in_utc_whatever_the_servers_zone(web_database: str, tmp_path: Path) -> None:
    engine = open_database(tmp_path)
    with engine.connect() as connection:
        assert connection.execute(text("SHOW timezone")).scalar_one() == "UTC"
    version = Store(engine).create({"unit": {"name": "甲单位"}})
    report = Store(engine).report(version.report_id)
    assert report is not None and report.created.utcoffset() is not None
    assert report.created.utcoffset() == UTC.utcoffset(None)


# -- concurrent transactions (on both backends) ----------------------------------------------


def test_saves_based_on_one_version_at_once_save_exactly_one_and_tell_the_others_of_it(tmp_path: Path) -> None:
    store = Store(open_database(tmp_path))
    first = store.create({"unit": {"name": "甲单位"}, "year": 2024})

    outcomes = at_once(THREADS, lambda index: store.save(first.report_id, {"year": 2024, "n": index}, based_on=1))
    saved = [outcome for outcome in outcomes if not isinstance(outcome, Exception)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert len(saved) == 1 and saved[0].number == 2
    assert all(isinstance(outcome, Conflict) and outcome.latest == 2 for outcome in refused), refused
    assert [version.number for version in store.versions(first.report_id)] == [2, 1]


def test_saves_each_based_on_the_latest_number_the_versions_one_after_another(tmp_path: Path) -> None:
    store = Store(open_database(tmp_path))
    first = store.create({"unit": {"name": "甲单位"}})

    def keep_saving(index: int) -> int:
        saved = 0
        while saved < 5:
            latest = store.latest(first.report_id)
            assert latest is not None
            try:
                store.save(first.report_id, {"by": index, "n": saved}, based_on=latest.number)
                saved += 1
            except Conflict:
                continue  # another save came first: read again, as the editor does
        return saved

    assert at_once(4, keep_saving) == [5, 5, 5, 5]
    numbers = [version.number for version in store.versions(first.report_id)]
    assert numbers == list(range(21, 0, -1))
    report = store.report(first.report_id)
    newest = store.latest(first.report_id)
    assert report is not None and newest is not None and report.updated == newest.created


def test_drafts_uploaded_at_once_are_numbered_one_after_another(tmp_path: Path) -> None:
    engine = open_database(tmp_path)
    report_id = Store(engine).create({}).report_id
    drafts = DraftStore(engine)

    outcomes = at_once(THREADS, lambda index: drafts.add(report_id, "uploaded", f"稿{index}.docx", b"PK"))
    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert sorted(draft.number for draft in drafts.drafts(report_id)) == list(range(1, THREADS + 1))


def test_one_login_created_at_once_in_two_letter_cases_gives_one_account(tmp_path: Path) -> None:
    accounts = Accounts(open_database(tmp_path))
    logins = ["Zhang", "zhang", "ZHANG", "zHang"]

    outcomes = at_once(len(logins), lambda index: accounts.create_user(logins[index], "reviewer", password=None))
    created = [outcome for outcome in outcomes if not isinstance(outcome, Exception)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert len(created) == 1
    assert all(isinstance(error, AccountError) and "已存在" in error.message for error in refused), refused


def test_one_unit_code_created_at_once_gives_one_unit_and_the_others_are_told(tmp_path: Path) -> None:
    accounts = Accounts(open_database(tmp_path))

    outcomes = at_once(THREADS, lambda index: accounts.create_unit(f"单位{index}", "101001"))
    created = [outcome for outcome in outcomes if not isinstance(outcome, Exception)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert len(created) == 1
    assert all(isinstance(error, AccountError) and "已被其他单位使用" in error.message for error in refused)


def test_password_guesses_at_once_are_all_counted_and_then_even_the_right_password_waits(
    tmp_path: Path, web_database: str | None
) -> None:
    from reportgen.web.accounts import MAX_LOGIN_FAILURES, WRONG

    accounts = Accounts(open_database(tmp_path))
    accounts.create_user("zhang", "reviewer", password="good password 2026")
    guesses = MAX_LOGIN_FAILURES * 2

    outcomes = at_once(guesses, lambda index: accounts.authenticate("zhang", f"guess {index}", "10.0.0.9"))
    assert all(isinstance(outcome, AccountError) for outcome in outcomes)
    wrong = sum(isinstance(outcome, AccountError) and outcome.message == WRONG for outcome in outcomes)
    if web_database is not None:  # PostgreSQL: the guesses at one login took turns, the limit held exactly
        assert wrong == MAX_LOGIN_FAILURES
    with pytest.raises(AccountError, match="登录失败次数过多"):
        accounts.authenticate("zhang", "good password 2026", "10.0.0.8")


def test_text_postgresql_would_refuse_is_kept_as_both_backends_can(tmp_path: Path) -> None:
    store = Store(open_database(tmp_path))
    hostile = {"unit": {"name": "甲\x00单位" + "长" * 300}, "kind": "k" * 50, "year": 10**12}
    version = store.create(hostile, note="上传 a\x00b.xlsx")
    report = store.report(version.report_id)
    assert report is not None
    assert report.unit_name == ("甲单位" + "长" * 300)[:200]
    assert (report.kind, report.year, version.note) == ("k" * 20, None, "上传 ab.xlsx")
    assert store.latest(version.report_id) == version  # the data itself is kept whole, as JSON
    accounts = Accounts(open_database(tmp_path))
    with pytest.raises(AccountError):
        accounts.authenticate("x" * 500 + "\x00", "whatever password", "1" * 300)
    with pytest.raises(AccountError, match="不能超过 200 个字符"):
        accounts.create_unit("单" * 201)


# -- a database that cannot be reached ---------------------------------------------------------


def refused_message(url: str, tmp_path: Path) -> str:
    with pytest.raises(ReportgenError) as raised:
        open_database(tmp_path, url)
    return raised.value.message


@on_postgresql
def test_a_postgresql_server_that_does_not_answer_is_named_without_its_password(tmp_path: Path) -> None:
    message = refused_message("postgresql://clerk:s3cret-word@127.0.0.1:1/reportgen", tmp_path)
    assert "PostgreSQL 数据库“reportgen”（127.0.0.1:1，用户 clerk）" in message
    assert "服务器拒绝连接" in message and "s3cret-word" not in message


@on_postgresql
def test_a_database_that_does_not_exist_or_a_wrong_address_is_told_in_chinese(
    postgres: PostgresServer, tmp_path: Path
) -> None:
    missing = refused_message(postgres.url("no_such_database_here"), tmp_path)
    assert "“no_such_database_here”" in missing and "不存在" in missing
    assert "应以 postgresql:// 开头" in refused_message("mysql://clerk:pw@localhost/reportgen", tmp_path)
    assert "缺少数据库名" in refused_message("postgresql://clerk:pw@localhost", tmp_path)
    assert "格式不对" in refused_message("postgresql://clerk:pw@localhost:notaport/x", tmp_path)


def reportgen(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reportgen", *args], capture_output=True, text=True, timeout=60, env=env
    )


@on_postgresql
def test_reportgen_serve_with_an_unreachable_database_says_so_in_chinese_and_stops(tmp_path: Path) -> None:
    url = "postgresql://clerk:s3cret-word@127.0.0.1:1/reportgen"
    for args in (("serve", "--no-browser", "--port", "1", "--database", url), ("admin", "backup", "x.zip")):
        environment = {**os.environ, DATABASE_VARIABLE: url}
        result = reportgen(*args, "--data-dir", str(tmp_path), env=environment)
        assert result.returncode != 0
        assert result.stderr.startswith("错误：无法使用 PostgreSQL 数据库“reportgen”"), result.stderr
        assert "Traceback" not in result.stderr and "s3cret-word" not in result.stderr


@on_postgresql
def test_reportgen_serve_with_two_workers_keeps_the_reports_in_postgresql(
    web_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import urllib.request

    from serving import free_port, stop

    monkeypatch.delenv(DATABASE_VARIABLE)  # only the option names the database
    port = free_port()
    command = ["serve", "--no-browser", "--port", str(port), "--workers", "2", "--database", web_database]
    with (tmp_path / "serve.log").open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "reportgen", *command, "--data-dir", str(tmp_path / "workspace")],
            stdout=subprocess.PIPE,
            stderr=log,
        )
    try:
        assert process.stdout is not None
        announced = process.stdout.readline().decode()
        assert f"数据保存在 PostgreSQL 数据库“{web_database.rsplit('/', 1)[1]}”" in announced
        for _ in range(4):
            request = urllib.request.Request(f"http://127.0.0.1:{port}/reports/starter", method="POST", data=b"")
            with urllib.request.urlopen(request, timeout=30) as answer:
                assert answer.status == 200
    finally:
        stop(process)
        if process.stdout is not None:
            process.stdout.close()
    store = Store(open_database(tmp_path, web_database))
    assert len(store.reports()) == 4
    assert not (tmp_path / "workspace" / "reportgen.sqlite3").exists()
