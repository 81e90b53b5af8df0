"""The web tests on both database backends: a pytest plugin (registered by tests/conftest.py).

Every test under ``tests/unit/web``, ``tests/acceptance/test_web*.py``, ``test_bureau*.py``,
``tests/acceptance/test_admin_cli.py``, ``tests/browser`` and ``tests/security`` runs twice, ``[sqlite]`` and
``[postgresql]`` (a test marked ``backend("sqlite")`` or ``backend("postgresql")`` only on that
one; the marker also puts a test elsewhere on the named backends). The seam is the environment
variable ``REPORTGEN_DATABASE`` that :func:`reportgen.web.db.open_database` reads when no URL is
given, and that ``reportgen serve`` processes the tests start inherit: unset for ``[sqlite]``;
for ``[postgresql]`` the URL of a database migrated at the session's start, which each test
finds as a new one: without rows, its ids starting at 1 (emptied after every test).

The PostgreSQL server is named by ``REPORTGEN_TEST_POSTGRES`` (an admin URL; ``.ci/run`` starts
a throwaway cluster and sets it). Without it the ``[postgresql]`` runs skip on a developer
machine and fail when ``CI`` is set: nothing passes in CI by being skipped.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
import sqlalchemy
from psycopg import sql
from sqlalchemy.engine import Engine, make_url

from reportgen.web import engine as engines
from reportgen.web.db import open_database
from reportgen.web.engine import DATABASE_VARIABLE

ADMIN_VARIABLE = "REPORTGEN_TEST_POSTGRES"
BACKENDS = ("sqlite", "postgresql")
ON_BOTH = (
    "tests/unit/web/",
    "tests/acceptance/test_web",
    "tests/acceptance/test_admin_cli.py",
    "tests/acceptance/test_bureau",
    "tests/browser/",
    "tests/security/",
)


class PostgresServer:
    """The test server: databases made and dropped through one admin connection, and the one
    database the backend runs share, migrated once and emptied after each test."""

    def __init__(self, admin_url: str, scratch: Path) -> None:
        self._admin_url = make_url(admin_url)
        self._admin = psycopg.connect(admin_url, autocommit=True)
        self._prefix = f"reportgen_test_{os.getpid()}"
        self._numbers = itertools.count(1)
        self._scratch = scratch
        self._shared: tuple[str, psycopg.Connection[Any]] | None = None

    def url(self, name: str) -> str:
        """The URL of database ``name`` on this server (with the admin's credentials)."""
        return self._admin_url.set(database=name).render_as_string(hide_password=False)

    def create(self) -> str:
        """A new, empty database: its name."""
        name = f"{self._prefix}_{next(self._numbers)}"
        self._admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return name

    def drop(self, name: str) -> None:
        self._admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def migrated(self) -> str:
        """The name of a database with the latest schema and no rows, for one test: emptied by
        :meth:`empty_migrated` after it. (Emptying takes about 2 ms, where a copy made by
        ``CREATE DATABASE … TEMPLATE`` took 350 ms: half the suite's time again.)"""
        if self._shared is None:
            name = self.create()
            open_database(self._scratch, self.url(name)).dispose()
            self._shared = (name, psycopg.connect(self.url(name), autocommit=True))
        return self._shared[0]

    def empty_migrated(self) -> None:
        """Every row of :meth:`migrated`'s database deleted and its id sequences reset, as a new
        database's (the schema stays). A test that left a transaction holding locks makes it
        a new database instead."""
        if self._shared is None:
            return
        name, connection = self._shared
        try:
            tables = connection.execute(_TABLES).fetchall()
            with connection.transaction():
                connection.execute("SET LOCAL lock_timeout = '5s'")
                connection.execute("SET LOCAL session_replication_role = replica")  # no foreign keys checked
                for (table,) in tables:
                    connection.execute(sql.SQL("DELETE FROM {}").format(sql.Identifier(table)))
                connection.execute(_RESET_SEQUENCES)
        except psycopg.errors.LockNotAvailable:
            connection.close()
            self._shared = None
            self.drop(name)

    def close(self) -> None:
        if self._shared is not None:
            self._shared[1].close()
            self.drop(self._shared[0])
        self._admin.close()


_TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
_RESET_SEQUENCES = (
    "SELECT setval(c.oid, 1, false) FROM pg_class c WHERE c.relkind = 'S' AND c.relnamespace = 'public'::regnamespace"
)


@pytest.fixture(scope="session")
def postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PostgresServer]:
    """The PostgreSQL server of ``REPORTGEN_TEST_POSTGRES``."""
    admin_url = os.environ.get(ADMIN_VARIABLE)
    if not admin_url:
        if os.environ.get("CI"):
            pytest.fail(f"CI must start PostgreSQL and set {ADMIN_VARIABLE} (.ci/run does)")
        pytest.skip(f"needs a PostgreSQL server: set {ADMIN_VARIABLE}=postgresql://user@host:port/postgres")
    server = PostgresServer(admin_url, tmp_path_factory.mktemp("postgres-template"))
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(autouse=True)
def web_database(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str | None]:
    """The database of a test run on a backend (see the module's text): ``None`` for SQLite (the
    data folder's file), else the URL of the test's own PostgreSQL database. Nothing for a test
    that is not run on the backends."""
    backend = getattr(request, "param", None)
    if backend is None:
        yield None
        return
    monkeypatch.delenv(DATABASE_VARIABLE, raising=False)
    if backend == "sqlite":
        yield None
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    url = server.url(server.migrated())
    monkeypatch.setenv(DATABASE_VARIABLE, url)
    opened: list[Engine] = []
    real = sqlalchemy.create_engine

    def remembered(*args: Any, **kwargs: Any) -> Engine:
        engine = real(*args, **kwargs)
        opened.append(engine)
        return engine

    monkeypatch.setattr(engines, "create_engine", remembered)
    try:
        yield url
    finally:
        for engine in opened:  # the test's pooled connections closed before its rows go
            engine.dispose()
        server.empty_migrated()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    marker = metafunc.definition.get_closest_marker("backend")
    if marker is not None:
        backends = tuple(marker.args)
        unknown = set(backends) - set(BACKENDS)
        if not backends or unknown:
            raise pytest.UsageError(f"backend(...) takes one or more of {BACKENDS}, not {marker.args}")
    elif _on_both(metafunc.definition.path, metafunc.config.rootpath):
        backends = BACKENDS
    else:
        return
    metafunc.parametrize("web_database", backends, indirect=True)


def _on_both(path: Path, root: Path) -> bool:
    try:
        relative = path.relative_to(root).as_posix()
    except ValueError:
        return False
    return relative.startswith(ON_BOTH)
