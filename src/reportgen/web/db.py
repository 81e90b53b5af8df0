"""The database: tables, opening it (SQLite or PostgreSQL: :mod:`reportgen.web.engine`) and
the migrations run on start.

The schema is owned by the Alembic scripts in ``migrations/`` (shipped in the package and run
through Alembic's API: no ``alembic.ini`` is needed); the tables below describe it for queries.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from reportgen.web.engine import DATABASE_NAME as DATABASE_NAME  # re-exported: the SQLite file's name
from reportgen.web.engine import connection_refused, create, is_postgresql
from reportgen.web.engine import writing as writing  # re-exported: every store writes through it

MIGRATIONS = Path(__file__).with_name("migrations")
_MIGRATION_LOCK = 7_243_001  # the advisory lock's key on PostgreSQL (any number no other program uses)


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
    kind: Mapped[str] = mapped_column(String(20))  # "uploaded", "revised" or "final"
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


def open_database(data_dir: Path, url: str | None = None) -> Engine:
    """The workspace's database, migrated to the latest schema: PostgreSQL when ``url`` (else
    the environment variable ``REPORTGEN_DATABASE``) names one, else the SQLite file in
    ``data_dir`` (created if absent). A database that cannot be reached or set up is told in
    Chinese (:class:`~reportgen.errors.ReportgenError`, naming the database, never its password)."""
    engine = create(data_dir, url)
    try:
        migrate(engine)
    except DBAPIError as exc:
        engine.dispose()
        raise connection_refused(engine, exc) from None
    return engine


def reach_database(data_dir: Path, url: str | None = None) -> Engine:
    """The database :func:`open_database` would open, connected once but not migrated (a
    restore first brings an empty database to its backup's schema)."""
    engine = create(data_dir, url)
    try:
        with engine.connect():
            pass
    except DBAPIError as exc:
        engine.dispose()
        raise connection_refused(engine, exc) from None
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
    _run_migrations(engine, "upgrade", revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Undo the migrations after ``revision`` (a restore into an empty database that a newer
    schema was already made in)."""
    _run_migrations(engine, "downgrade", revision)


def _run_migrations(engine: Engine, direction: str, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        if is_postgresql(connection):  # two servers starting at once: one migrates, the other waits
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        config.attributes["connection"] = connection
        (command.upgrade if direction == "upgrade" else command.downgrade)(config, revision)
