"""``reportgen admin backup`` and ``restore``: a consistent copy made while saves go on, restored
whole on the same or the other backend (SQLite → PostgreSQL → SQLite keeps every row), never
over an existing file or into a database that has data, and a file that is not a whole backup
refused in Chinese with nothing written."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import threading
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, inspect, select, text
from sqlalchemy.engine import Engine

from databases import PostgresServer
from reportgen.errors import ReportgenError
from reportgen.web import backup as backups
from reportgen.web.accounts import Accounts
from reportgen.web.db import DATABASE_NAME, migrate, open_database
from reportgen.web.draft_store import DraftStore
from reportgen.web.engine import create, sqlite_engine
from reportgen.web.store import Store
from serving import running_server

ALL_BYTES = bytes(range(256)) * 4
PASSWORD = "good password 2026"


# The tests open SQLite folders and name their PostgreSQL databases themselves: run "on SQLite"
# (tests/helpers/databases.py), REPORTGEN_DATABASE is unset. One test runs on both backends.
pytestmark = pytest.mark.backend("sqlite")


@pytest.fixture
def empty_postgresql(postgres: PostgresServer) -> Iterator[str]:
    name = postgres.create()
    yield postgres.url(name)
    postgres.drop(name)


def filled(engine: Engine) -> None:
    """A workspace with something in every table a backup copies, and a signed-in browser."""
    store, drafts, accounts = Store(engine), DraftStore(engine), Accounts(engine)
    first = store.create({"unit": {"name": "甲单位"}, "year": 2024, "kind": "department"}, "新建")
    store.save(first.report_id, {"unit": {"name": "甲单位"}, "year": 2024, "amount": "1.10"}, 1, "改一处")
    store.set_settings(first.report_id, "hunan", "")
    second = store.create({"unit": {"name": "乙单位\u3000（“引号”）"}, "note": "多行\n文本"})
    drafts.add(first.report_id, "uploaded", "修改稿.docx", ALL_BYTES, note="编辑上传")
    drafts.add(first.report_id, "revised", "修订稿.docx", b"PK\x03\x04", version_number=2, derived_from=1)
    drafts.add(second.report_id, "uploaded", "空.docx", b"")
    unit = accounts.create_unit("甲单位", "101001", "张三")
    accounts.create_user("jia", "unit", unit_id=unit.id, name="李四", password=PASSWORD)
    accounts.create_user("boss", "admin")
    user = accounts.authenticate("jia", PASSWORD, "127.0.0.1")
    accounts.open_session(user.id)


def rows(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table a backup copies, moments in UTC, in id order."""
    metadata = MetaData()
    metadata.reflect(bind=engine)
    found: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            if table.name in backups.NOT_COPIED:
                continue
            result = connection.execute(select(table).order_by(*table.primary_key.columns))
            found[table.name] = [tuple(backups.encoded(value) for value in row) for row in result]
    return found


def sqlite_at(folder: Path) -> Engine:
    folder.mkdir(parents=True, exist_ok=True)
    return sqlite_engine(folder / DATABASE_NAME)


# -- consistency -----------------------------------------------------------------------------


@pytest.mark.backend("sqlite", "postgresql")
def test_a_backup_made_during_saves_restores_every_report_as_one_moment_saw_it(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "live")
    store = Store(engine)
    ids = [store.create({"unit": {"name": f"单位{index}"}, "n": 0}).report_id for index in range(4)]
    for _ in range(3):  # drafts to read between the reports and their versions: the saves go on meanwhile
        DraftStore(engine).add(ids[0], "uploaded", "稿.docx", random.randbytes(2 * 1024 * 1024))
    stop = threading.Event()
    saved = [0] * len(ids)

    def keep_saving(slot: int) -> None:
        number = 1
        while not stop.is_set():
            store.save(ids[slot], {"unit": {"name": f"单位{slot}-{number}"}, "n": number}, based_on=number)
            number += 1
            saved[slot] = number

    savers = [threading.Thread(target=keep_saving, args=(slot,)) for slot in range(len(ids))]
    for thread in savers:
        thread.start()
    try:
        files = []
        for index in range(3):
            before = sum(saved)
            files.append(tmp_path / f"backup-{index}.zip")
            backups.backup(engine, files[-1])
            assert sum(saved) > before, "saves went on while the backup was read"
    finally:
        stop.set()
        for thread in savers:
            thread.join(timeout=30)
    for index, file in enumerate(files):
        restored = sqlite_at(tmp_path / f"restored-{index}")
        backups.restore(restored, file)
        copy = Store(restored)
        for report in copy.reports():
            versions = copy.versions(report.id)
            assert [version.number for version in versions] == list(range(len(versions), 0, -1))
            latest = versions[0]
            # The report row and its versions were read at one moment: both from the last save.
            assert report.updated == latest.created, (file.name, report.id)
            assert report.unit_name == json.loads(latest.data)["unit"]["name"]
        restored.dispose()


# -- SQLite → PostgreSQL → SQLite ------------------------------------------------------------


def test_sqlite_to_postgresql_and_back_keeps_every_row_and_everyone_signs_in_again(
    tmp_path: Path, empty_postgresql: str
) -> None:
    source = open_database(tmp_path / "sqlite")
    filled(source)
    backups.backup(source, tmp_path / "from-sqlite.zip")

    postgresql = create(tmp_path / "unused", empty_postgresql)
    copied = backups.restore(postgresql, tmp_path / "from-sqlite.zip")
    assert copied.rows["reports"] == 2 and copied.rows["drafts"] == 3 and copied.rows["users"] == 2
    assert rows(postgresql) == rows(source)
    backups.backup(postgresql, tmp_path / "from-postgresql.zip")

    back = sqlite_at(tmp_path / "sqlite-again")
    backups.restore(back, tmp_path / "from-postgresql.zip")
    assert rows(back) == rows(source)

    for engine in (postgresql, back):
        drafts = DraftStore(engine)
        first = drafts.get(1, 1)
        assert first is not None and first[1] == ALL_BYTES and first[0].name == "修改稿.docx"
        accounts = Accounts(engine)
        assert accounts.authenticate("jia", PASSWORD, "127.0.0.1").name == "李四"  # the password hash came along
        with engine.connect() as connection:  # no session was copied: every browser signs in again
            assert connection.execute(text("SELECT count(*) FROM sessions")).scalar_one() == 0
        # New rows take ids after the restored ones (PostgreSQL's sequences were moved on).
        assert Store(engine).create({"unit": {"name": "丙单位"}}).report_id == 3
        assert accounts.create_unit("丙单位", "101003").id == 2
    for engine in (source, postgresql, back):
        engine.dispose()


def test_an_older_schemas_backup_is_restored_into_an_empty_database_and_brought_to_the_latest(
    tmp_path: Path, empty_postgresql: str
) -> None:
    old = sqlite_at(tmp_path / "old")
    migrate(old, "0002")
    with old.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO reports (unit_name, year, kind, created, updated, narrative, style) "
                "VALUES ('甲单位', 2024, 'department', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'hunan', '')"
            )
        )
    copied = backups.backup(old, tmp_path / "old.zip")
    assert copied.revision == "0002"
    already_at_latest = open_database(tmp_path / "unused", empty_postgresql)  # a server started on it once
    for target in (sqlite_at(tmp_path / "new"), already_at_latest):
        backups.restore(target, tmp_path / "old.zip")
        report = Store(target).reports()[0]
        assert (report.unit_name, report.narrative) == ("甲单位", "hunan")
        assert inspect(target).has_table("users"), "migrated to the latest schema after the rows went in"
        target.dispose()
    old.dispose()


# -- refusals --------------------------------------------------------------------------------


def reportgen(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportgen", *args], capture_output=True, text=True, timeout=120)


def test_a_backup_never_replaces_a_file_and_leaves_nothing_half_written(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "data")
    filled(engine)
    kept = tmp_path / "备份.zip"
    kept.write_bytes(b"an older backup")
    result = reportgen("admin", "backup", str(kept), "--data-dir", str(tmp_path / "data"))
    assert result.returncode != 0 and "已存在：不会覆盖它，请换一个文件名" in result.stderr
    assert kept.read_bytes() == b"an older backup"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data", "备份.zip"]
    missing = reportgen("admin", "backup", str(tmp_path / "没有的目录" / "b.zip"), "--data-dir", str(tmp_path / "data"))
    assert missing.returncode != 0 and "不存在：请先创建它" in missing.stderr
    assert "Traceback" not in result.stderr + missing.stderr


def test_a_restore_into_a_database_with_data_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    source = open_database(tmp_path / "source")
    filled(source)
    backups.backup(source, tmp_path / "b.zip")
    Store(open_database(tmp_path / "busy")).create({"unit": {"name": "已有的单位"}})
    result = reportgen("admin", "restore", str(tmp_path / "b.zip"), "--data-dir", str(tmp_path / "busy"))
    assert result.returncode != 0
    assert "数据库中已有数据（报告 1 行）：只能恢复到空数据库" in result.stderr and "Traceback" not in result.stderr
    assert [report.unit_name for report in Store(open_database(tmp_path / "busy")).reports()] == ["已有的单位"]


def rewritten(source: Path, target: Path, change: dict[str, bytes | None]) -> Path:
    """A copy of the backup ``source`` with some members replaced (``None``: left out)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for member in old.namelist():
            if member in change:
                content = change[member]
                if content is not None:
                    new.writestr(member, content)
            else:
                new.writestr(member, old.read(member))
    return target


def test_a_file_that_is_not_a_whole_backup_is_refused_in_chinese_and_nothing_is_written(tmp_path: Path) -> None:
    source = open_database(tmp_path / "source")
    filled(source)
    good = tmp_path / "good.zip"
    backups.backup(source, good)
    manifest = json.loads(zipfile.ZipFile(good).read(backups.MANIFEST))
    bytes_of = good.read_bytes()

    text_file = tmp_path / "notes.txt"
    text_file.write_text("不是备份", encoding="utf-8")
    cut = tmp_path / "cut.zip"
    cut.write_bytes(bytes_of[: len(bytes_of) // 2])
    word = tmp_path / "报告.docx"
    with zipfile.ZipFile(word, "w") as docx:
        docx.writestr("word/document.xml", "<w:document/>")
    flipped = tmp_path / "flipped.zip"
    with zipfile.ZipFile(good) as archive:
        entry = archive.getinfo("tables/versions.jsonl")
    damaged = bytearray(bytes_of)
    damaged[entry.header_offset + 30 + len(entry.filename) + 5] ^= 0xFF  # a byte of the compressed rows
    flipped.write_bytes(bytes(damaged))
    miscounted = {**manifest, "tables": {**manifest["tables"]}}
    miscounted["tables"]["versions"] = {**manifest["tables"]["versions"], "rows": 99}
    newer = {**manifest, "format_version": backups.FORMAT_VERSION + 1}
    future = {**manifest, "revision": "9999"}
    cases = {
        text_file: "不是完整的 reportgen 备份文件",
        cut: "不是完整的 reportgen 备份文件",
        word: "不是完整的 reportgen 备份文件",
        flipped: "已损坏",
        rewritten(good, tmp_path / "count.zip", {backups.MANIFEST: json.dumps(miscounted).encode()}): "应有 99 行",
        rewritten(good, tmp_path / "lines.zip", {"tables/users.jsonl": b'[1, "x"]\n'}): "表 users 第 1 行无法读取",
        rewritten(good, tmp_path / "gone.zip", {"tables/drafts.jsonl": None}): "缺少表 drafts 的数据",
        rewritten(good, tmp_path / "newer.zip", {backups.MANIFEST: json.dumps(newer).encode()}): "较新版本",
        rewritten(good, tmp_path / "future.zip", {backups.MANIFEST: json.dumps(future).encode()}): "请先升级 reportgen",
    }
    target = sqlite_at(tmp_path / "target")
    for file, said in cases.items():
        with pytest.raises(ReportgenError) as raised:
            backups.restore(target, file)
        assert said in raised.value.message, (file.name, raised.value.message)
        assert "没有写入任何数据" in raised.value.message or "升级" in raised.value.message
        assert rows(target).get("reports", []) == [], f"{file.name} wrote nothing"
    result = reportgen("admin", "restore", str(word), "--data-dir", str(tmp_path / "cli"))
    assert result.returncode != 0 and result.stderr.startswith("错误：文件") and "Traceback" not in result.stderr
    backups.restore(target, good)  # the database refused all that is still empty: a good backup goes in
    assert rows(target) == rows(source)


# -- from the command line, while the server runs --------------------------------------------


def test_reportgen_admin_backup_while_the_server_runs_and_restore_into_a_new_folder(tmp_path: Path) -> None:
    with running_server(tmp_path / "live", tmp_path / "serve.log") as server:
        for _ in range(3):
            request = urllib.request.Request(f"{server.url}/reports/starter", method="POST", data=b"")
            with urllib.request.urlopen(request, timeout=30) as answer:
                assert answer.status == 200
        made = reportgen("admin", "backup", str(tmp_path / "周五.zip"), "--data-dir", str(tmp_path / "live"))
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith(f"已备份到 {tmp_path / '周五.zip'}（") and "报告 3、数据版本 3" in made.stdout
    assert "恢复后所有人需重新登录" in made.stdout
    restored = reportgen("admin", "restore", str(tmp_path / "周五.zip"), "--data-dir", str(tmp_path / "new"))
    assert restored.returncode == 0, restored.stderr
    assert "已从" in restored.stdout and "报告 3" in restored.stdout
    assert len(Store(open_database(tmp_path / "new")).reports()) == 3


def test_a_bureau_moves_from_sqlite_to_postgresql_with_the_two_commands(tmp_path: Path, empty_postgresql: str) -> None:
    filled(open_database(tmp_path / "local"))
    made = reportgen("admin", "backup", str(tmp_path / "move.zip"), "--data-dir", str(tmp_path / "local"))
    assert made.returncode == 0, made.stderr
    restored = reportgen("admin", "restore", str(tmp_path / "move.zip"), "--database", empty_postgresql)
    assert restored.returncode == 0, restored.stderr
    assert "报告 2、数据版本 3、Word 稿 3、单位 1、账号 2" in restored.stdout
    again = reportgen("admin", "restore", str(tmp_path / "move.zip"), "--database", empty_postgresql)
    assert again.returncode != 0 and "只能恢复到空数据库" in again.stderr
    copy = reportgen("admin", "backup", str(tmp_path / "from-pg.zip"), "--database", empty_postgresql)
    assert copy.returncode == 0, copy.stderr
    with zipfile.ZipFile(tmp_path / "from-pg.zip") as archive:
        assert json.loads(archive.read(backups.MANIFEST))["made_from"] == "postgresql"
