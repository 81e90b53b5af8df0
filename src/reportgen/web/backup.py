"""Backups of the web application's database (``reportgen admin backup`` / ``restore``), the
same on SQLite and PostgreSQL, so that a copy made on one restores on the other.

A backup is a zip: ``manifest.json`` (the format, the schema's Alembic revision, each table's
columns and row count) and ``tables/<table>.jsonl``, one JSON array per row in the columns'
order; bytes and moments are tagged (``{"base64": …}``, ``{"datetime": …}``, moments in UTC).
It is read in ONE transaction — a snapshot (REPEATABLE READ on PostgreSQL, a WAL read
transaction on SQLite) — so saves going on meanwhile are in it whole or not at all, and it is
written to a temporary file that becomes the named file only when complete (an existing file
is never replaced). Sign-ins (``sessions``, ``login_attempts``) are not copied: a restored
database has every account, and everyone signs in again.

Restore writes into an EMPTY database only: it brings the schema to the backup's revision,
inserts every row in one transaction, moves PostgreSQL's id sequences past the restored ids,
then migrates to the latest schema.
"""

from __future__ import annotations

import base64
import json
import os
import re
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, Table, func, insert, select, text
from sqlalchemy.engine import Connection, Engine

from reportgen.errors import ReportgenError
from reportgen.web.db import MIGRATIONS, downgrade, migrate, writing
from reportgen.web.engine import is_postgresql

FORMAT = "reportgen-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
NOT_COPIED = frozenset({"sessions", "login_attempts", "alembic_version"})
TABLE_TITLES = {
    "reports": "报告",
    "versions": "数据版本",
    "drafts": "Word 稿",
    "units": "单位",
    "users": "账号",
    "bureaus": "主管单位",
    "audit": "操作记录",
    "jobs": "批量任务",
}
MAX_LINE = 256 * 1024 * 1024  # one row's JSON (a draft of 10 MB is 14 MB in base64)
_BATCH_ROWS = 200
_BATCH_BYTES = 16 * 1024 * 1024
_TABLE_NAME = re.compile(r"[a-z][a-z0-9_]{0,62}")


@dataclass(frozen=True)
class Copied:
    """What a backup holds, or a restore brought in: the schema's revision and each table's rows."""

    revision: str
    rows: dict[str, int]

    def described(self) -> str:
        """The counts as a clerk reads them: 报告 3、数据版本 41、…"""
        order = list(TABLE_TITLES)
        names = sorted(self.rows, key=lambda name: (order.index(name) if name in order else len(order), name))
        shown = [f"{TABLE_TITLES.get(name, name)} {self.rows[name]}" for name in names if self.rows[name]]
        return "、".join(shown) if shown else "没有数据"


class Corrupt(ReportgenError):
    """A file that is not a backup this version can restore (the message says why, in Chinese)."""


# -- backup ---------------------------------------------------------------------------------


def backup(engine: Engine, target: Path) -> Copied:
    """Write a consistent copy of the database to the new file ``target``."""
    if target.exists() or target.is_symlink():
        raise ReportgenError(f"文件 {target} 已存在：不会覆盖它，请换一个文件名。")
    folder = target.parent if str(target.parent) else Path()
    if not folder.is_dir():
        raise ReportgenError(f"目录 {folder} 不存在：请先创建它，或换一个保存位置。")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=folder)
    except OSError as exc:
        raise ReportgenError(f"无法在目录 {folder} 中写入备份：{exc.strerror or exc}。") from None
    try:
        with os.fdopen(handle, "wb") as raw:
            with zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
                copied = _write_tables(engine, archive)
            raw.flush()
            os.fsync(raw.fileno())
        try:
            os.link(temporary, target)  # the complete file appears at once, and never over another
        except FileExistsError:
            raise ReportgenError(f"文件 {target} 已存在：不会覆盖它，请换一个文件名。") from None
        except OSError as exc:
            raise ReportgenError(f"无法写入备份文件 {target}：{exc.strerror or exc}。") from None
    except OSError as exc:
        raise ReportgenError(f"无法写入备份文件 {target}：{exc.strerror or exc}。") from None
    finally:
        Path(temporary).unlink(missing_ok=True)
    return copied


def _write_tables(engine: Engine, archive: zipfile.ZipFile) -> Copied:
    connection = engine.connect()
    if is_postgresql(connection):
        connection = connection.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
    with connection, connection.begin():
        revision = _revision(connection)
        if revision is None:
            raise ReportgenError("数据库还没有建表（不是 reportgen 网页版的数据库），没有可备份的内容。")
        tables = [table for table in _reflected(connection) if table.name not in NOT_COPIED]
        described: dict[str, dict[str, Any]] = {}
        for table in tables:
            count = 0
            member = zipfile.ZipInfo(f"tables/{table.name}.jsonl", date_time=datetime.now().timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(member, "w") as entry:
                rows = connection.execution_options(yield_per=_BATCH_ROWS).execute(
                    select(table).order_by(*table.primary_key.columns)
                )
                for row in rows:
                    entry.write(json.dumps([encoded(value) for value in row], ensure_ascii=False).encode() + b"\n")
                    count += 1
            described[table.name] = {"columns": [column.name for column in table.columns], "rows": count}
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "revision": revision,
            "made": datetime.now(UTC).isoformat(),
            "made_from": engine.dialect.name,
            "tables": described,
        }
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
    return Copied(revision, {name: table["rows"] for name, table in described.items()})


def encoded(value: Any) -> Any:
    """A column's value as the backup's JSON holds it."""
    if isinstance(value, bytes | memoryview):
        return {"base64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)  # SQLite keeps UTC without its zone
        return {"datetime": moment.astimezone(UTC).isoformat()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise TypeError(f"a backup cannot hold a {type(value).__name__}")


# -- restore --------------------------------------------------------------------------------


def restore(engine: Engine, source: Path) -> Copied:
    """Bring the backup ``source`` into the empty database of ``engine`` (migrated to the latest
    schema afterwards); refused in Chinese when the file is not a whole backup or the database
    is not empty."""
    try:
        archive = zipfile.ZipFile(source)
    except FileNotFoundError:
        raise ReportgenError(f"找不到备份文件 {source}。") from None
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _foreign(source) from None
    with archive:
        manifest = _manifest(archive, source)
        revision: str = manifest["revision"]
        _refuse_unless_empty(engine)
        _schema_at(engine, revision)
        copied: dict[str, int] = {}
        with writing(engine).begin() as connection:
            tables = {table.name: table for table in _reflected(connection)}
            for name, described in manifest["tables"].items():
                table = tables.get(name)
                if table is None or [column.name for column in table.columns] != described["columns"]:
                    raise _corrupt(source, f"表 {name} 与第 {revision} 版数据库结构不符")
                copied[name] = _insert_rows(connection, table, _rows(archive, source, name, len(table.columns)))
                if copied[name] != described["rows"]:
                    raise _corrupt(source, f"表 {name} 应有 {described['rows']} 行，实有 {copied[name]} 行")
            if is_postgresql(connection):
                _move_sequences(connection, [tables[name] for name in copied])
    migrate(engine)
    return Copied(revision, copied)


def _manifest(archive: zipfile.ZipFile, source: Path) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError, zipfile.BadZipFile, OSError):
        raise _foreign(source) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _foreign(source)
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise Corrupt(f"备份文件 {source} 由较新版本的 reportgen 制作：请先升级 reportgen 再恢复。")
    revision, tables = manifest.get("revision"), manifest.get("tables")
    if not isinstance(revision, str) or not isinstance(tables, dict):
        raise _corrupt(source, "说明文件不完整")
    if revision not in _known_revisions():
        raise Corrupt(
            f"备份文件 {source} 的数据库结构（第 {revision} 版）比这个版本的 reportgen 新：请先升级 reportgen 再恢复。"
        )
    for name, described in tables.items():
        columns = described.get("columns") if isinstance(described, dict) else None
        rows = described.get("rows") if isinstance(described, dict) else None
        if (
            not _TABLE_NAME.fullmatch(name)
            or not isinstance(columns, list)
            or not all(isinstance(column, str) for column in columns)
            or not isinstance(rows, int)
            or rows < 0
        ):
            raise _corrupt(source, f"说明文件中表 {name[:40]} 的描述不对")
    return manifest


def _rows(archive: zipfile.ZipFile, source: Path, name: str, width: int) -> Iterator[list[Any]]:
    try:
        with archive.open(f"tables/{name}.jsonl") as entry:
            for number, line in enumerate(_lines(entry), start=1):
                try:
                    row = json.loads(line)
                    if not isinstance(row, list) or len(row) != width:
                        raise ValueError("a row of another width")
                    yield [_decoded(value) for value in row]
                except ValueError:
                    raise _corrupt(source, f"表 {name} 第 {number} 行无法读取") from None
    except KeyError:
        raise _corrupt(source, f"缺少表 {name} 的数据") from None
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error):
        raise _corrupt(source, f"表 {name} 的数据校验不通过") from None


def _lines(entry: IO[bytes]) -> Iterator[bytes]:
    while line := entry.readline(MAX_LINE + 1):
        if len(line) > MAX_LINE or not line.endswith(b"\n"):
            raise ValueError("a line too long, or cut off")
        yield line


def _decoded(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        if isinstance(found := value.get("base64"), str):
            return base64.b64decode(found, validate=True)
        if isinstance(found := value.get("datetime"), str):
            moment = datetime.fromisoformat(found)
            if moment.tzinfo is None:
                raise ValueError("a moment without its zone")
            return moment
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise ValueError("a value of no known kind")


def _insert_rows(connection: Connection, table: Table, rows: Iterator[list[Any]]) -> int:
    names = [column.name for column in table.columns]
    count, batch, size = 0, [], 0
    for row in rows:
        batch.append(dict(zip(names, row, strict=True)))
        size += sum(len(value) for value in row if isinstance(value, bytes | str))
        count += 1
        if len(batch) >= _BATCH_ROWS or size >= _BATCH_BYTES:
            connection.execute(insert(table), batch)
            batch, size = [], 0
    if batch:
        connection.execute(insert(table), batch)
    return count


def _move_sequences(connection: Connection, tables: list[Table]) -> None:
    """PostgreSQL's id sequences past the ids restored (SQLite takes the largest id + 1 itself)."""
    for table in tables:
        for column in table.primary_key.columns:
            sequence = connection.scalar(
                text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": column.name}
            )
            if sequence is not None:
                largest = connection.scalar(select(func.max(column)))
                connection.execute(
                    text("SELECT setval(:s, :v, :called)"),
                    {"s": sequence, "v": largest if largest is not None else 1, "called": largest is not None},
                )


def _refuse_unless_empty(engine: Engine) -> None:
    with engine.connect() as connection:
        for table in _reflected(connection):
            if table.name == "alembic_version":
                continue
            count = connection.scalar(select(func.count()).select_from(table)) or 0
            if count:
                what = TABLE_TITLES.get(table.name, f"表 {table.name}")
                raise ReportgenError(
                    f"数据库中已有数据（{what} {count} 行）：只能恢复到空数据库。"
                    "请换一个新的数据目录（--data-dir），或新建一个空的 PostgreSQL 数据库（--database）再恢复。"
                )


def _schema_at(engine: Engine, revision: str) -> None:
    """The (empty) database's schema brought to ``revision``: upgraded, or downgraded when a
    server already made it newer."""
    with engine.connect() as connection:
        current = _revision(connection) if "alembic_version" in _table_names(connection) else None
    if current is not None and current != revision and revision in _ancestors(current):
        downgrade(engine, revision)
    else:
        migrate(engine, revision)


def _revision(connection: Connection) -> str | None:
    if "alembic_version" not in _table_names(connection):
        return None
    found = connection.scalar(text("SELECT version_num FROM alembic_version"))
    return str(found) if found is not None else None


def _table_names(connection: Connection) -> set[str]:
    from sqlalchemy import inspect

    return set(inspect(connection).get_table_names())


def _reflected(connection: Connection) -> list[Table]:
    """The database's tables as they are (not as this version's code declares them), parents
    before the tables that refer to them."""
    metadata = MetaData()
    metadata.reflect(bind=connection)
    return list(metadata.sorted_tables)


def _scripts() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config)


def _known_revisions() -> set[str]:
    return {script.revision for script in _scripts().walk_revisions()}


def _ancestors(revision: str) -> set[str]:
    return {script.revision for script in _scripts().iterate_revisions(revision, "base")}


def _foreign(source: Path) -> Corrupt:
    return Corrupt(
        f"文件 {source} 不是完整的 reportgen 备份文件（可能选错了文件，或文件不完整）："
        "请选择由 reportgen admin backup 生成的文件。数据库中没有写入任何数据。"
    )


def _corrupt(source: Path, detail: str) -> Corrupt:
    return Corrupt(f"备份文件 {source} 已损坏（{detail}），无法恢复：请换一份备份。数据库中没有写入任何数据。")
