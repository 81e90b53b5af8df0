"""The database: tables, the engine (SQLite in WAL mode) and the migrations run on start.

The schema is owned by the Alembic scripts in ``migrations/`` (shipped in the package and run
through Alembic's API: no ``alembic.ini`` is needed); the tables below describe it for queries.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

DATABASE_NAME = "reportgen.sqlite3"
MIGRATIONS = Path(__file__).with_name("migrations")
_WRITES = "reportgen_writes"  # the execution option of :func:`writing`


def now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class ReportRow(Base):
    """One report of the workspace; unit, year and kind repeat its latest version's data."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_name: Mapped[str] = mapped_column(String(200))
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    kind: Mapped[str] = mapped_column(String(20))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    narrative: Mapped[str] = mapped_column(String(40), default="standard")  # the chapters' template set
    style: Mapped[str] = mapped_column(String(40), default="")  # a built-in style's name; "" the default
    # Bureau mode: the unit whose report this is (NULL in local mode) and its review state.
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), nullable=True, index=True)
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft | submitted | returned | approved
    review_comment: Mapped[str] = mapped_column(Text, default="")
    status_changed: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class VersionRow(Base):
    """One saved state of a report's data (numbered 1..n per report; never changed or deleted)."""

    __tablename__ = "versions"
    __table_args__ = (UniqueConstraint("report_id", "number", name="uq_versions_report_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    data: Mapped[str] = mapped_column(Text)  # the data format's dict as JSON (decimals exact)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    note: Mapped[str] = mapped_column(Text, default="")


class DraftRow(Base):
    """One Word draft of a report: uploaded by an editor, or made by ``update`` from one
    (numbered 1..n per report; never changed or deleted)."""

    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("report_id", "number", name="uq_drafts_report_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))  # "uploaded" or "revised"
    name: Mapped[str] = mapped_column(String(255))  # the file's name as the editor gave it
    content: Mapped[bytes] = mapped_column(LargeBinary)
    version_number: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the data a revision used
    derived_from: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the draft a revision revised
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    note: Mapped[str] = mapped_column(Text, default="")


class BureauRow(Base):
    """A 财政局 or 主管部门 (bureau mode): its reviewers and admins see its units only."""

    __tablename__ = "bureaus"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class UnitRow(Base):
    """A budget unit of a bureau (bureau mode)."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bureau_id: Mapped[int | None] = mapped_column(ForeignKey("bureaus.id"), nullable=True, index=True)  # always set
    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str | None] = mapped_column(String(60), unique=True, nullable=True)  # 单位代码
    contact: Mapped[str] = mapped_column(String(200), default="")
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class UserRow(Base):
    """An account (bureau mode): role ``unit`` (one unit's staff, ``unit_id`` set), ``reviewer``
    or ``admin``."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))
    bureau_id: Mapped[int | None] = mapped_column(ForeignKey("bureaus.id"), nullable=True, index=True)  # always set
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), nullable=True, index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sessions_valid_after: Mapped[datetime] = mapped_column(DateTime(timezone=True))  # "logout everywhere"


class SessionRow(Base):
    """A signed-in browser: only the SHA-256 of its random token is stored."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class LoginAttemptRow(Base):
    """One sign-in attempt, kept for throttling password guessing."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(100), index=True)
    address: Mapped[str] = mapped_column(String(100), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    ok: Mapped[bool] = mapped_column(Boolean)


class AuditRow(Base):
    """One entry of the audit log: who did what, when, to which unit's report (never changed)."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    bureau_id: Mapped[int | None] = mapped_column(ForeignKey("bureaus.id"), nullable=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    login: Mapped[str] = mapped_column(String(100))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), nullable=True)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id"), nullable=True, index=True)
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text)


class JobRow(Base):
    """A long piece of work (a bureau's batch) and its progress; ``result`` the file it made."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bureau_id: Mapped[int | None] = mapped_column(ForeignKey("bureaus.id"), nullable=True, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    kind: Mapped[str] = mapped_column(String(20))
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    state: Mapped[str] = mapped_column(String(20), index=True)  # queued | running | done | failed
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    result_name: Mapped[str] = mapped_column(String(255), default="")
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    started: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finished: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    connection.isolation_level = None  # the driver begins no transaction of its own: _begin does
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _begin(connection: Connection) -> None:
    """A transaction that will write takes SQLite's write lock when it begins (``BEGIN
    IMMEDIATE``, waiting up to the busy timeout for another process's writer); one that only
    reads begins deferred. A deferred transaction that read and then writes fails at once
    (``database is locked``, no waiting) when another process wrote in between: with several
    server processes (``reportgen serve --workers``) every save would risk that."""
    connection.exec_driver_sql("BEGIN IMMEDIATE" if connection.get_execution_options().get(_WRITES) else "BEGIN")


def writing(engine: Engine) -> Engine:
    """``engine`` for a transaction that writes (see :func:`_begin`)."""
    return engine.execution_options(**{_WRITES: True})


def open_database(data_dir: Path) -> Engine:
    """The workspace's SQLite database in ``data_dir`` (created if absent), migrated to the
    latest schema."""
    data_dir.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{data_dir / DATABASE_NAME}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _begin)
    migrate(engine)
    return engine


def head_revision() -> str:
    """The newest schema's revision (what :func:`migrate` brings a database to)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None, "the migrations have one head"
    return head


def migrate(engine: Engine, revision: str = "head") -> None:
    """Apply every migration the database lacks (up to ``revision``: tests make old schemas)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
