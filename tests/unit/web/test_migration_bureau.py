"""Schema 0004 (bureaus, review state, audit, jobs) upgrades a database of schema 0003."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from reportgen.web.db import DATABASE_NAME, migrate, open_database


@pytest.mark.backend("sqlite")  # an old SQLite file (PostgreSQL: test_postgres.py)
def test_units_and_users_of_schema_0003_are_put_in_one_bureau_and_reports_start_as_drafts(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / DATABASE_NAME}")
    migrate(engine, "0003")
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO units (name, code, contact, created) VALUES ('甲单位', '001', '', :at)"), {"at": moment}
        )
        connection.execute(
            text(
                "INSERT INTO users (login, name, role, unit_id, password_hash, must_change_password, active, created,"
                " sessions_valid_after) VALUES ('admin', '', 'admin', NULL, 'x', 0, 1, :at, :at)"
            ),
            {"at": moment},
        )
        connection.execute(
            text(
                "INSERT INTO reports (unit_name, year, kind, created, updated, narrative, style)"
                " VALUES ('甲单位', 2025, 'department', :at, :at, 'standard', '')"
            ),
            {"at": moment},
        )
    engine.dispose()

    upgraded = open_database(tmp_path)

    with upgraded.connect() as connection:
        assert connection.execute(text("SELECT name FROM bureaus")).scalars().all() == ["本局"]
        bureau = connection.execute(text("SELECT id FROM bureaus")).scalar()
        assert connection.execute(text("SELECT bureau_id FROM units")).scalars().all() == [bureau]
        assert connection.execute(text("SELECT bureau_id FROM users")).scalars().all() == [bureau]
        report = connection.execute(text("SELECT unit_id, status, review_comment FROM reports")).one()
        assert tuple(report) == (None, "draft", "")


def test_an_empty_database_gets_no_bureau(tmp_path: Path) -> None:
    with open_database(tmp_path).connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM bureaus")).scalar() == 0
