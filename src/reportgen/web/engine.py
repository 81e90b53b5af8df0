"""Which database the web application works on and how it is reached: SQLite in the data
folder (the default: one file, WAL mode, one writer at a time) or a PostgreSQL server named by
a URL (``--database postgresql://…``, or the environment variable :data:`DATABASE_VARIABLE`).

SQLite serialises writers (``BEGIN IMMEDIATE``, see :func:`writing`); PostgreSQL runs
transactions concurrently (READ COMMITTED), so the few places that read and then write what
the read decided lock first: :func:`lock_row` (``SELECT … FOR UPDATE``) and :func:`lock_table`.
Both do nothing on SQLite, whose write transaction already holds the one write lock.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Column, create_engine, event, select, text
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session

from reportgen.errors import ReportgenError
from reportgen.web.write_turns import WriteTurns

DATABASE_VARIABLE = "REPORTGEN_DATABASE"
DATABASE_NAME = "reportgen.sqlite3"
_WRITES = "reportgen_writes"  # the execution option of :func:`writing`
_URL_FORM = "postgresql://用户名:密码@主机:端口/数据库名"
_CONNECT_SECONDS = 10
# SQLite connections kept open: one per thread of the server's thread pool (anyio's default of
# 40), so that requests running at once neither wait for a connection nor open and close one
# each time (with SQLAlchemy's default of 5 that churn, each new connection setting its
# pragmas, was a tenth of the server's time with 200 units at once).
SQLITE_POOL_SIZE = 40
SQLITE_POOL_OVERFLOW = 10


def stored_text(value: str, limit: int | None = None) -> str:
    """Text as every backend can keep it: without NUL characters (PostgreSQL refuses them in
    text; SQLite would keep them) and, with ``limit``, cut to the column's length (PostgreSQL
    refuses longer text in a ``VARCHAR(n)``; SQLite would keep it)."""
    cleaned = value.replace("\x00", "")
    return cleaned if limit is None else cleaned[:limit]


def chosen_url(url: str | None) -> str | None:
    """The database named: ``url`` when given, else :data:`DATABASE_VARIABLE`; ``None`` (or
    blank) means the SQLite file in the data folder."""
    if url is None:
        url = os.environ.get(DATABASE_VARIABLE)
    return url.strip() if url and url.strip() else None


def postgresql_url(url: str) -> URL:
    """``url`` checked and made to name the psycopg (3) driver; refused in Chinese (never
    repeating the URL, which may hold a password) when it is not a PostgreSQL database's."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise ReportgenError(f"数据库地址格式不对：应为 {_URL_FORM}。") from None
    if parsed.drivername not in ("postgresql", "postgres", "postgresql+psycopg"):
        raise ReportgenError(
            f"数据库地址应以 postgresql:// 开头（{_URL_FORM}）；使用 SQLite 时不要写 --database，"
            "数据保存在 --data-dir 指定的目录中。"
        )
    if not parsed.database:
        raise ReportgenError(f"数据库地址中缺少数据库名：应为 {_URL_FORM}。")
    return parsed.set(drivername="postgresql+psycopg")


def described(url: URL) -> str:
    """The database as a message names it: its name, host and port (never the password)."""
    where = f"{url.host or 'localhost'}:{url.port or 5432}"
    return f"PostgreSQL 数据库“{url.database}”（{where}" + (f"，用户 {url.username}）" if url.username else "）")


def is_postgresql(engine: Engine | Connection) -> bool:
    return engine.dialect.name == "postgresql"


def create(data_dir: Path, url: str | None) -> Engine:
    """The engine of the database named by ``url`` (see :func:`chosen_url`), not yet connected."""
    chosen = chosen_url(url)
    if chosen is None:
        data_dir.mkdir(parents=True, exist_ok=True)
        return sqlite_engine(data_dir / DATABASE_NAME)
    engine = create_engine(
        postgresql_url(chosen),
        pool_pre_ping=True,  # a restarted server's dropped connections are replaced, not handed out
        pool_size=10,
        max_overflow=20,
        connect_args={
            "connect_timeout": _CONNECT_SECONDS,
            "application_name": "reportgen",
            "options": "-c timezone=UTC",  # moments come back in UTC, as SQLite's do
        },
    )
    return engine


def sqlite_engine(path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False},
        pool_size=SQLITE_POOL_SIZE,
        max_overflow=SQLITE_POOL_OVERFLOW,
    )
    event.listen(engine, "connect", _sqlite_pragmas)
    turns = WriteTurns()
    event.listen(engine, "begin", partial(_begin, turns))
    event.listen(engine, "commit", partial(_end, turns))
    event.listen(engine, "rollback", partial(_end, turns))
    return engine


def connection_refused(engine: Engine, error: DBAPIError) -> ReportgenError:
    """What to tell a user whose database could not be reached or set up (``error`` raised
    on the first connection or by the migrations), in Chinese, naming the database."""
    if engine.dialect.name == "sqlite":
        return ReportgenError(f"无法打开数据库文件 {engine.url.database}：{_first_line(error)}。")
    detail = _first_line(error)
    lowered = detail.lower()
    reasons = (
        ("password authentication failed", "用户名或密码不正确"),
        ("no password supplied", "需要密码，请在地址中写上密码"),
        ("does not exist", "数据库或用户不存在（请先在服务器上创建）"),
        ("connection refused", "服务器拒绝连接：PostgreSQL 没有启动，或主机、端口不对"),
        ("could not translate host name", "找不到这个主机名"),
        ("name or service not known", "找不到这个主机名"),
        ("timeout expired", "连接超时：主机不可达或被防火墙挡住"),
        ("permission denied", "该用户没有建表或写入的权限"),
        ("no pg_hba.conf entry", "服务器不允许从本机连接（pg_hba.conf）"),
    )
    reason = next((chinese for english, chinese in reasons if english in lowered), "连接失败")
    return ReportgenError(
        f"无法使用 {described(engine.url)}：{reason}（{detail}）。"
        f"请检查 --database 地址或环境变量 {DATABASE_VARIABLE}，以及数据库服务器是否已启动。"
    )


def _first_line(error: DBAPIError) -> str:
    lines = [line.strip() for line in str(error.orig).splitlines() if line.strip()]
    return lines[0].rstrip("。.") if lines else type(error.orig).__name__


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    connection.isolation_level = None  # the driver begins no transaction of its own: _begin does
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: every commit is on disk before the page says it is saved, so not even a power cut
    # loses a save (NORMAL would sync only at checkpoints). Its sync costs 4–11 ms a commit on
    # this machine, and commits queue one behind the other: measured in benchmarks/bureau_load.py.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _begin(turns: WriteTurns, connection: Connection) -> None:
    """A transaction that will write takes its turn among this process's writers
    (:mod:`reportgen.web.write_turns`), then SQLite's write lock when it begins (``BEGIN
    IMMEDIATE``, waiting up to the busy timeout for another process's writer); one that only
    reads begins deferred. A deferred transaction that read and then writes fails at once
    (``database is locked``, no waiting) when another process wrote in between: with several
    server processes (``reportgen serve --workers``) every save would risk that."""
    if not connection.get_execution_options().get(_WRITES):
        connection.exec_driver_sql("BEGIN")
        return
    turns.take(connection.info)
    try:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    except BaseException:
        turns.give_back(connection.info)
        raise


def _end(turns: WriteTurns, connection: Connection) -> None:
    """A transaction's commit or rollback: a writer's turn ends."""
    turns.give_back(connection.info)


def writing(engine: Engine) -> Engine:
    """``engine`` for a transaction that writes (see :func:`_begin`; nothing on PostgreSQL)."""
    return engine.execution_options(**{_WRITES: True})


def lock_row(connection: Connection | Session, key: Column[Any] | Any, value: int) -> bool:
    """On PostgreSQL, lock the row whose ``key`` is ``value`` until the transaction ends
    (``SELECT … FOR UPDATE``: another transaction locking it waits); whether the row exists.
    On SQLite nothing is locked (the write transaction holds the database's one write lock)
    and ``True`` is returned: the caller's own query finds out."""
    if _dialect(connection) != "postgresql":
        return True
    return connection.execute(select(key).where(key == value).with_for_update()).first() is not None


def lock_table(connection: Connection | Session, table: str) -> None:
    """On PostgreSQL, keep other writers of ``table`` waiting until the transaction ends
    (readers go on): for a check over many rows (a login taken in any letter case) that the
    insert after it relies on. Nothing on SQLite (see :func:`lock_row`)."""
    if _dialect(connection) == "postgresql":
        connection.execute(text(f'LOCK TABLE "{table}" IN SHARE ROW EXCLUSIVE MODE'))


@contextmanager
def one_at_a_time(engine: Engine, key: str) -> Iterator[None]:
    """On PostgreSQL, one holder of ``key`` at a time in every process using the database (an
    advisory lock on a connection of its own, released at the end, or when the process dies).
    Nothing on SQLite, where holding its one write lock for as long would stop every save."""
    if not is_postgresql(engine):
        yield
        return
    with engine.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(hashtext(:key))"), {"key": key})
        connection.commit()
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(hashtext(:key))"), {"key": key})
            connection.commit()


def _dialect(connection: Connection | Session) -> str:
    return (connection.get_bind() if isinstance(connection, Session) else connection).dialect.name
