"""Schema 0003 (accounts) upgrades a database of schema 0002, keeping its reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from reportgen.web.accounts import Accounts
from reportgen.web.db import DATABASE_NAME, head_revision, migrate, open_database
from reportgen.web.store import Store


@pytest.mark.backend("sqlite")  # an old SQLite file (PostgreSQL: test_postgres.py)
def test_a_database_of_schema_0002_is_upgraded_keeping_its_reports_and_drafts(tmp_path: Path) -> None:
    old = create_engine(f"sqlite:///{tmp_path / DATABASE_NAME}")
    migrate(old, "0002")
    with old.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO reports (unit_name, year, kind, created, updated, narrative, style) "
                "VALUES ('甲单位', 2024, 'department', '2026-01-01', '2026-01-01', 'hunan', '')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO versions (report_id, number, data, created, note) "
                "VALUES (1, 1, '{\"unit\": {\"name\": \"甲单位\"}}', '2026-01-01', '导入')"
            )
        )
    old.dispose()
    engine = open_database(tmp_path)
    store = Store(engine)
    report = store.reports()[0]
    latest = store.latest(report.id)
    assert (report.unit_name, report.narrative) == ("甲单位", "hunan")
    assert latest is not None and (latest.number, latest.note) == (1, "导入")
    tables = set(inspect(engine).get_table_names())
    assert {"units", "users", "sessions", "login_attempts"} <= tables
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    assert not Accounts(engine).has_admin()


def test_the_schema_refuses_a_unit_account_without_a_unit_and_an_unknown_role(tmp_path: Path) -> None:
    from sqlalchemy.exc import IntegrityError

    engine = open_database(tmp_path)
    row = "INSERT INTO users (login, name, role, unit_id, password_hash, must_change_password, active, created, "
    row += "sessions_valid_after) VALUES (:login, '', :role, NULL, 'x', TRUE, TRUE, '2026-01-01', '2026-01-01')"
    for login, role in (("a", "unit"), ("b", "superuser")):
        with pytest.raises(IntegrityError), engine.begin() as connection:
            connection.execute(text(row), {"login": login, "role": role})
