"""Jobs: long work recorded in the database, claimed by exactly one server process, its progress
written at most every half second, its result kept for the bureau that asked for it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from reportgen.web import jobs as jobs_module
from reportgen.web.accounts import Accounts
from reportgen.web.db import open_database
from reportgen.web.jobs import DIED, FAILED, Job, JobFailed, Jobs, Progress, Runner, recover
from samples import ROOT

BATCH = "bureau_batch"


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return open_database(tmp_path)


@pytest.fixture
def jobs(engine: Engine) -> Jobs:
    return Jobs(engine)


@pytest.fixture
def bureaus(engine: Engine) -> tuple[int, int]:
    accounts = Accounts(engine)
    return accounts.bureau("东安县财政局").id, accounts.bureau("西山县财政局").id


def zipped(job: Job, progress: Progress) -> tuple[str, bytes]:
    for done in range(1, 4):
        progress(done, 3, "正在生成报告")
    return f"{job.year}年度批量报告.zip", b"PK zip"


def test_a_job_is_queued_and_asking_again_gives_the_same_job(jobs: Jobs, bureaus: tuple[int, int]) -> None:
    mine, theirs = bureaus
    first = jobs.submit(BATCH, mine, None, 2024)
    assert (first.state, first.done, first.total, first.kind, first.year) == ("queued", 0, 0, BATCH, 2024)
    assert jobs.submit(BATCH, mine, None, 2024).id == first.id
    assert jobs.submit(BATCH, mine, None, 2023).id != first.id
    assert jobs.submit(BATCH, theirs, None, 2024).id != first.id


def test_a_claimed_job_is_running_and_cannot_be_claimed_again(jobs: Jobs, bureaus: tuple[int, int]) -> None:
    asked = jobs.submit(BATCH, bureaus[0], None, 2024)
    claimed = jobs.claim()
    assert claimed is not None and claimed.id == asked.id and claimed.state == "running" and claimed.started
    assert jobs.claim() is None


def test_jobs_are_claimed_oldest_first(jobs: Jobs, bureaus: tuple[int, int]) -> None:
    ids = [jobs.submit(BATCH, bureaus[0], None, year).id for year in (2022, 2023, 2024)]
    claimed = [jobs.claim() for _ in ids]
    assert [job.id for job in claimed if job is not None] == ids


CLAIMER = """
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from reportgen.web.db import open_database
from reportgen.web.jobs import Jobs
jobs = Jobs(open_database(Path(sys.argv[1])))
while time.time() < float(sys.argv[3]):
    time.sleep(0.001)
while (job := jobs.claim()) is not None:
    print(job.id, flush=True)
"""


def test_several_server_processes_never_claim_one_job_twice(
    jobs: Jobs, bureaus: tuple[int, int], tmp_path: Path
) -> None:
    asked = [jobs.submit(BATCH, bureaus[0], None, year).id for year in range(1900, 1960)]
    start = time.time() + 2  # every process starts claiming at the same moment
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(CLAIMER), str(tmp_path), str(ROOT / "src"), str(start)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    claimed = [int(line) for process in processes for line in process.communicate(timeout=60)[0].split()]
    assert all(process.returncode == 0 for process in processes)
    assert sorted(claimed) == asked  # each exactly once


def test_a_job_runs_to_its_result_which_only_its_bureau_can_download(jobs: Jobs, bureaus: tuple[int, int]) -> None:
    mine, theirs = bureaus
    asked = jobs.submit(BATCH, mine, None, 2024)
    ran = Runner(jobs, {BATCH: zipped}).run_next()
    assert ran is not None and ran.id == asked.id
    done = jobs.get(asked.id, mine)
    assert done is not None and (done.state, done.done, done.total, done.result_name) == (
        "done",
        3,
        3,
        "2024年度批量报告.zip",
    )
    assert done.finished is not None and not done.active
    assert jobs.result(asked.id, mine) == ("2024年度批量报告.zip", b"PK zip")
    assert jobs.get(asked.id, theirs) is None and jobs.result(asked.id, theirs) is None


def test_work_that_refuses_fails_the_job_with_its_message(jobs: Jobs, bureaus: tuple[int, int]) -> None:
    def refusing(job: Job, progress: Progress) -> tuple[str, bytes]:
        raise JobFailed("2024年度还没有已通过的报告：请先审核通过至少一个单位的报告。")

    asked = jobs.submit(BATCH, bureaus[0], None, 2024)
    Runner(jobs, {BATCH: refusing}).run_next()
    failed = jobs.get(asked.id, bureaus[0])
    assert failed is not None and failed.state == "failed" and failed.message.startswith("2024年度还没有")
    assert jobs.result(asked.id, bureaus[0]) is None


def test_a_bug_in_the_work_fails_the_job_in_chinese_without_a_traceback(
    jobs: Jobs, bureaus: tuple[int, int], caplog: pytest.LogCaptureFixture
) -> None:
    def broken(job: Job, progress: Progress) -> tuple[str, bytes]:
        raise ZeroDivisionError("division by zero")

    asked = jobs.submit(BATCH, bureaus[0], None, 2024)
    Runner(jobs, {BATCH: broken}).run_next()
    failed = jobs.get(asked.id, bureaus[0])
    assert failed is not None and (failed.state, failed.message) == ("failed", FAILED)
    assert "ZeroDivisionError" in caplog.text  # the server's log has it


def test_progress_is_written_at_most_every_half_second(
    jobs: Jobs, bureaus: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[tuple[int, int, str]] = []
    real = Jobs.progress

    def recording(self: Jobs, job_id: int, done: int, total: int, message: str) -> None:
        written.append((done, total, message))
        real(self, job_id, done, total, message)

    monkeypatch.setattr(Jobs, "progress", recording)
    moments = iter([0.0, 0.1, 0.2, 0.3, 0.6, 0.7, 0.8, 0.9])

    def steps(job: Job, progress: Progress) -> tuple[str, bytes]:
        for done in range(1, 7):
            progress(done, 10, "正在生成报告")
        progress(6, 10, "正在生成汇总")  # a new stage is shown at once
        progress(10, 10, "正在生成汇总")  # and so is the end
        return "a.zip", b""

    jobs.submit(BATCH, bureaus[0], None, 2024)
    Runner(jobs, {BATCH: steps}, clock=lambda: next(moments)).run_next()
    assert written == [
        (1, 10, "正在生成报告"),
        (5, 10, "正在生成报告"),
        (6, 10, "正在生成汇总"),
        (10, 10, "正在生成汇总"),
    ]


def test_jobs_left_running_by_a_stopped_server_are_failed_on_start(
    engine: Engine, jobs: Jobs, bureaus: tuple[int, int]
) -> None:
    running = jobs.submit(BATCH, bureaus[0], None, 2024)
    assert jobs.claim() is not None
    waiting = jobs.submit(BATCH, bureaus[0], None, 2023)
    assert recover(engine) == 1
    died = jobs.get(running.id, bureaus[0])
    assert died is not None and (died.state, died.message) == ("failed", DIED)
    still = jobs.get(waiting.id, bureaus[0])
    assert still is not None and still.state == "queued"  # a queued job is simply run later


def test_only_the_last_results_of_a_bureau_are_kept(
    jobs: Jobs, bureaus: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jobs_module, "KEEP_RESULTS", 2)
    runner = Runner(jobs, {BATCH: zipped})
    ids = []
    for year in (2021, 2022, 2023):
        ids.append(jobs.submit(BATCH, bureaus[0], None, year).id)
        runner.run_next()
    other = jobs.submit(BATCH, bureaus[1], None, 2020).id
    runner.run_next()
    assert [jobs.result(i, bureaus[0]) is not None for i in ids] == [False, True, True]
    assert jobs.result(other, bureaus[1]) is not None
    assert [job.id for job in jobs.latest(BATCH, bureaus[0])] == ids[::-1]


def test_the_runner_thread_runs_a_job_as_soon_as_it_is_woken(jobs: Jobs, bureaus: tuple[int, int]) -> None:
    runner = Runner(jobs, {BATCH: zipped}, poll=60)
    runner.start()
    try:
        asked = jobs.submit(BATCH, bureaus[0], None, 2024)
        runner.wake()
        deadline = time.monotonic() + 10
        while (job := jobs.get(asked.id, bureaus[0])) is not None and job.active and time.monotonic() < deadline:
            time.sleep(0.02)
        assert job is not None and job.state == "done"
    finally:
        runner.stop()


def test_a_job_of_a_kind_nobody_runs_fails_with_a_message(jobs: Jobs, bureaus: tuple[int, int]) -> None:
    asked = jobs.submit("nonesuch", bureaus[0], None, None)
    Runner(jobs, {}).run_next()
    failed = jobs.get(asked.id, bureaus[0])
    assert failed is not None and failed.state == "failed" and "nonesuch" in failed.message
