"""Many writers of one server at once (200 units signing in and saving): each waits its turn
and none fails with SQLite's "database is locked"; a failed transaction gives its turn back;
a list of hundreds of reports reads their latest versions in one query."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import event, insert, text
from sqlalchemy.engine import Engine

from reportgen import api
from reportgen.data.sources.yaml_source import read_yaml
from reportgen.web.db import BureauRow, now, open_database, writing
from reportgen.web.store import Head, Store
from reportgen.web.workspace import Workspace
from reportgen.web.write_turns import WriteTurns
from samples import MINIMAL


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return open_database(tmp_path)


@pytest.mark.backend("sqlite")  # PostgreSQL runs its writers at once (row locks, no turns)
def test_writers_of_many_threads_at_once_all_commit(engine: Engine) -> None:
    start = threading.Barrier(32)

    def write(n: int) -> None:
        start.wait()
        for round_ in range(10):
            with writing(engine).begin() as connection:
                connection.execute(insert(BureauRow).values(name=f"局{n}-{round_}", created=now()))

    with ThreadPoolExecutor(max_workers=32) as pool:
        list(pool.map(write, range(32)))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM bureaus")).scalar() == 320


@pytest.mark.backend("sqlite")
def test_a_transaction_that_fails_gives_its_turn_back(engine: Engine) -> None:
    with pytest.raises(ZeroDivisionError), writing(engine).begin() as connection:
        connection.execute(insert(BureauRow).values(name="甲局", created=now()))
        raise ZeroDivisionError
    done = threading.Event()

    def write_again() -> None:
        with writing(engine).begin() as connection:
            connection.execute(insert(BureauRow).values(name="乙局", created=now()))
        done.set()

    threading.Thread(target=write_again, daemon=True).start()
    assert done.wait(timeout=5), "the next writer got its turn"


@pytest.mark.backend("sqlite")
def test_a_writer_that_never_gets_its_turn_goes_on_after_the_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("reportgen.web.write_turns.TURN_SECONDS", 0.05)
    turns = WriteTurns()
    first: dict[str, bool] = {}
    second: dict[str, bool] = {}
    turns.take(first)
    turns.take(second)  # waits 0.05 s, then goes on without a turn (SQLite's busy timeout decides)
    turns.give_back(second)  # has none to give back
    turns.give_back(first)
    turns.take(second)
    assert second


@pytest.mark.backend("sqlite")
def test_reads_take_no_turn(engine: Engine) -> None:
    began: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: began.append(str(args[2])))
    began_at = time.monotonic()
    with writing(engine).begin(), engine.connect() as reader:  # a reader while a writer has the turn
        assert reader.execute(text("SELECT 1")).scalar() == 1
    assert time.monotonic() - began_at < 1, "the reader did not wait for the writer's turn"
    assert "BEGIN IMMEDIATE" in began and "BEGIN" in began


def test_the_latest_versions_of_hundreds_of_reports_come_without_their_data(engine: Engine) -> None:
    store = Store(engine)
    first = [store.create({"unit": {"name": f"单位{n}"}}, "新建") for n in range(600)]
    saved = store.save(first[3].report_id, {"unit": {"name": "单位3"}, "year": 2024}, 1, "改年度")
    heads = store.heads([version.report_id for version in first] + [999999])
    assert len(heads) == 600 and 999999 not in heads
    assert heads[first[3].report_id] == Head(saved.id, first[3].report_id, 2)
    assert heads[first[599].report_id] == Head(first[599].id, first[599].report_id, 1)


def test_a_list_shows_each_report_with_its_latest_version_and_summary(tmp_path: Path) -> None:
    workspace = Workspace(Store(open_database(tmp_path)), api.Renderer(), tmp_path)
    first = workspace.store.create(read_yaml(MINIMAL, "自评数据.yaml").data, "新建")
    second = workspace.store.create({"unit": {"name": "某县文化馆"}}, "新建")
    workspace.store.save(first.report_id, read_yaml(MINIMAL, "自评数据.yaml").data, 1, "再存一次")
    reports = workspace.store.reports()
    rows = workspace.listed(reports)
    assert [(report.id, head.number) for report, head, _summary in rows] == [
        (first.report_id, 2),
        (second.report_id, 1),
    ]
    assert [summary.status for _report, _head, summary in rows] == ["草稿", "有错误"]
    assert workspace.listed(reports) == rows  # the second time from the kept summaries
