"""Long work (a bureau's batch) as jobs recorded in the database, run in the background of
the server: the page that started one polls its state and progress, then downloads its result.

A job is a row of ``jobs``: ``queued`` when asked for, ``running`` once a server process has
claimed it, then ``done`` (with its result's bytes and file name) or ``failed`` (with a
message in Chinese). Every server process has one :class:`Runner`, a thread that claims
queued jobs and runs the work registered for their kind. A claim is one atomic ``UPDATE jobs
SET state='running' … WHERE id=? AND state='queued'``: of several processes (``reportgen
serve --workers N``) trying the same job, exactly one changes the row (SQLite takes its write
lock for it; PostgreSQL's second updater waits for the first and then finds the row no
longer queued), so no job runs twice. Progress is written at most every
:data:`PROGRESS_SECONDS`. A job left ``running`` by a server that died cannot finish:
:func:`recover` marks such jobs failed when the server starts, before its processes serve.

Why no queue library: Celery, RQ, Dramatiq and arq need a broker — Redis or RabbitMQ
(Celery's SQLAlchemy transport is marked experimental) — that a county's 财政局 will not run
beside this server; procrastinate and PgQueuer keep their queue in PostgreSQL only, while the
default here is SQLite; Huey keeps its queue in SQLite or, through peewee (a second ORM),
PostgreSQL. None of them records a job's progress and result where the pages read them. What
is needed is small — a row per job that the pages read anyway, one atomic claim, and a
thread per server process — and a library would add a second place where a job's state
lives. A bureau larger than one server would move the work to a queue on PostgreSQL
(procrastinate) with worker processes of their own; this table stays what the pages read.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, insert, select, update
from sqlalchemy.engine import Connection, Engine, Row
from sqlalchemy.sql import ColumnElement

from reportgen.web import audit
from reportgen.web.audit import Actor
from reportgen.web.db import JobRow, now, writing

__all__ = [
    "DIED",
    "FAILED",
    "Job",
    "JobFailed",
    "Jobs",
    "Progress",
    "Runner",
    "Work",
    "recover",
]

PROGRESS_SECONDS = 0.5  # progress is written at most this often
POLL_SECONDS = 2.0  # an idle runner looks for queued jobs (of other processes) this often
KEEP_RESULTS = 3  # results kept per bureau and kind: older ones are cleared (a batch is ~20 KB a unit)
ACTIVE = ("queued", "running")
DIED = "服务器在这项任务完成前停止了（重启或意外退出），任务没有完成：请重新开始。"
FAILED = "程序内部出错，这项任务没有完成：请重新开始；如仍出错，请把服务器启动窗口中的错误信息发给技术支持。"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """A job as the pages show it (its result's bytes are read only for the download)."""

    id: int
    bureau_id: int | None
    user_id: int | None
    kind: str
    year: int | None
    state: str  # queued | running | done | failed
    done: int
    total: int
    message: str
    result_name: str
    created: datetime
    started: datetime | None
    finished: datetime | None

    @property
    def active(self) -> bool:
        return self.state in ACTIVE


class JobFailed(Exception):
    """Raised by a job's work to fail it with ``message`` (Chinese, saying what to do)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


Progress = Callable[[int, int, str], None]  # done, total, message
Work = Callable[[Job, Progress], tuple[str, bytes]]  # the job → its result's file name and bytes

_COLUMNS = (
    JobRow.id,
    JobRow.bureau_id,
    JobRow.user_id,
    JobRow.kind,
    JobRow.year,
    JobRow.state,
    JobRow.done,
    JobRow.total,
    JobRow.message,
    JobRow.result_name,
    JobRow.created,
    JobRow.started,
    JobRow.finished,
)


def _utc(moment: datetime | None) -> datetime | None:
    """A stored moment: UTC, which SQLite returns without its zone."""
    return moment if moment is None or moment.tzinfo else moment.replace(tzinfo=UTC)


def _job(row: Row[*tuple[Any, ...]]) -> Job:
    created = _utc(row.created)
    assert created is not None, "a job has the moment it was asked for"
    return Job(
        row.id,
        row.bureau_id,
        row.user_id,
        row.kind,
        row.year,
        row.state,
        row.done,
        row.total,
        row.message,
        row.result_name,
        created,
        _utc(row.started),
        _utc(row.finished),
    )


class Jobs:
    """The ``jobs`` table: asking for a job, claiming it, its progress, result and failure."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def submit(
        self,
        kind: str,
        bureau_id: int | None,
        user_id: int | None,
        year: int | None,
        audited: tuple[Actor, str, str] | None = None,
    ) -> Job:
        """A new queued job — or the one of the same kind, bureau and year already queued or
        running (asking twice, or from two windows, starts the work once). ``audited``: the
        audit log's entry for a new job (actor, action, detail), in the same transaction."""
        same = and_(
            JobRow.kind == kind,
            JobRow.bureau_id.is_(None) if bureau_id is None else JobRow.bureau_id == bureau_id,
            JobRow.year.is_(None) if year is None else JobRow.year == year,
            JobRow.state.in_(ACTIVE),
        )
        with writing(self.engine).begin() as connection:
            found = connection.execute(select(*_COLUMNS).where(same).order_by(JobRow.id).limit(1)).first()
            if found is not None:
                return _job(found)
            values = {
                "kind": kind,
                "bureau_id": bureau_id,
                "user_id": user_id,
                "year": year,
                "state": "queued",
                "done": 0,
                "total": 0,
                "message": "等待开始",
                "result_name": "",
                "created": now(),
            }
            key = connection.execute(insert(JobRow).values(**values)).inserted_primary_key
            assert key is not None, "an insert has the key it made"
            if audited is not None:
                actor, action, detail = audited
                audit.record(connection, actor, action, f"{detail}（任务 {key[0]}）")
            row = connection.execute(select(*_COLUMNS).where(JobRow.id == key[0])).one()
            return _job(row)

    def get(self, job_id: int, bureau_id: int | None) -> Job | None:
        """Job ``job_id`` if it is one of ``bureau_id``'s (an id from a URL is never trusted)."""
        with self.engine.connect() as connection:
            row = connection.execute(select(*_COLUMNS).where(JobRow.id == job_id, _of(bureau_id))).first()
        return _job(row) if row is not None else None

    def latest(self, kind: str, bureau_id: int | None, limit: int = 10) -> list[Job]:
        """The bureau's last jobs of ``kind``, the newest first."""
        query = select(*_COLUMNS).where(JobRow.kind == kind, _of(bureau_id)).order_by(JobRow.id.desc()).limit(limit)
        with self.engine.connect() as connection:
            return [_job(row) for row in connection.execute(query)]

    def result(self, job_id: int, bureau_id: int | None) -> tuple[str, bytes] | None:
        """The file name and bytes of a done job of ``bureau_id`` (None: no such job, not done, or cleared)."""
        query = select(JobRow.result_name, JobRow.result).where(
            JobRow.id == job_id, _of(bureau_id), JobRow.state == "done"
        )
        with self.engine.connect() as connection:
            row = connection.execute(query).first()
        if row is None or row[1] is None:
            return None
        return str(row[0]), bytes(row[1])

    def claim(self) -> Job | None:
        """The oldest queued job, now running in this process; None if there is none left.

        The UPDATE's ``state='queued'`` condition makes the claim atomic: a job another process
        claimed first changes no row here, and the next queued one is tried.
        """
        while True:
            with self.engine.connect() as connection:
                oldest = select(JobRow.id).where(JobRow.state == "queued").order_by(JobRow.id).limit(1)
                job_id = connection.execute(oldest).scalar()
            if job_id is None:
                return None
            claimed = (
                update(JobRow)
                .where(JobRow.id == job_id, JobRow.state == "queued")
                .values(state="running", started=now(), message="正在开始")
            )
            with writing(self.engine).begin() as connection:
                if connection.execute(claimed).rowcount == 1:
                    return _job(connection.execute(select(*_COLUMNS).where(JobRow.id == job_id)).one())

    def progress(self, job_id: int, done: int, total: int, message: str) -> None:
        with writing(self.engine).begin() as connection:
            connection.execute(
                update(JobRow)
                .where(JobRow.id == job_id, JobRow.state == "running")
                .values(done=done, total=total, message=message)
            )

    def finish(self, job_id: int, name: str, content: bytes, message: str = "已完成") -> None:
        """Job ``job_id`` done with its result; the results of its bureau's older jobs of the
        same kind beyond the last :data:`KEEP_RESULTS` are cleared."""
        with writing(self.engine).begin() as connection:
            connection.execute(
                update(JobRow)
                .where(JobRow.id == job_id)
                .values(state="done", result=content, result_name=name, message=message, finished=now())
            )
            row = connection.execute(select(JobRow.kind, JobRow.bureau_id).where(JobRow.id == job_id)).one()
            _prune(connection, row[0], row[1])

    def keep(self, kind: str, bureau_id: int | None, user_id: int | None, name: str, content: bytes) -> Job:
        """A file kept for a next step as a job already done (an uploaded workbook awaiting the
        user's confirmation): its result is ``content``, pruned as other results are."""
        stamp = now()
        values = {
            "kind": kind,
            "bureau_id": bureau_id,
            "user_id": user_id,
            "year": None,
            "state": "done",
            "done": 0,
            "total": 0,
            "message": "已上传",
            "result": content,
            "result_name": name,
            "created": stamp,
            "started": stamp,
            "finished": stamp,
        }
        with writing(self.engine).begin() as connection:
            key = connection.execute(insert(JobRow).values(**values)).inserted_primary_key
            assert key is not None, "an insert has the key it made"
            _prune(connection, kind, bureau_id)
            return _job(connection.execute(select(*_COLUMNS).where(JobRow.id == key[0])).one())

    def fail(self, job_id: int, message: str) -> None:
        with writing(self.engine).begin() as connection:
            connection.execute(
                update(JobRow).where(JobRow.id == job_id).values(state="failed", message=message, finished=now())
            )


def _prune(connection: Connection, kind: str, bureau_id: int | None) -> None:
    """Clear the results of the bureau's jobs of ``kind`` but the last :data:`KEEP_RESULTS`."""
    kept = (
        select(JobRow.id)
        .where(JobRow.kind == kind, _of(bureau_id), JobRow.state == "done")
        .order_by(JobRow.id.desc())
        .limit(KEEP_RESULTS)
    )
    older = [
        JobRow.kind == kind,
        _of(bureau_id),
        JobRow.state == "done",
        JobRow.result.is_not(None),
        JobRow.id.not_in(kept.scalar_subquery()),
    ]
    connection.execute(update(JobRow).where(*older).values(result=None))


def _of(bureau_id: int | None) -> ColumnElement[bool]:
    return JobRow.bureau_id.is_(None) if bureau_id is None else JobRow.bureau_id == bureau_id


def recover(engine: Engine) -> int:
    """Mark failed (:data:`DIED`) every job left running by a server that stopped; how many.

    Called once when the server starts, before its processes serve: no job can be running then.
    """
    stale = update(JobRow).where(JobRow.state == "running").values(state="failed", message=DIED, finished=now())
    with writing(engine).begin() as connection:
        return int(connection.execute(stale).rowcount)


class _Throttled:
    """A job's progress, written when :data:`PROGRESS_SECONDS` have passed since the last
    write, at the end, or when the message changes."""

    def __init__(self, jobs: Jobs, job_id: int, clock: Callable[[], float]) -> None:
        self.jobs, self.job_id, self.clock = jobs, job_id, clock
        self.last = float("-inf")
        self.message = ""

    def __call__(self, done: int, total: int, message: str) -> None:
        moment = self.clock()
        if moment - self.last < PROGRESS_SECONDS and done < total and message == self.message:
            return
        self.last, self.message = moment, message
        self.jobs.progress(self.job_id, done, total, message)


class Runner:
    """The background thread of one server process that runs queued jobs one at a time.

    :meth:`wake` after a submit starts the job at once; an idle runner also looks every
    :data:`POLL_SECONDS`, so a job asked for while this process was busy is run by another.
    """

    def __init__(
        self,
        jobs: Jobs,
        works: Mapping[str, Work],
        *,
        poll: float = POLL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.jobs, self.works, self.poll, self.clock = jobs, dict(works), poll, clock
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="reportgen-jobs", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop looking for jobs (a job being run is finished first, within ``timeout``)."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def wake(self) -> None:
        self._wake.set()

    def run_next(self) -> Job | None:
        """Claim and run the oldest queued job here; the job as claimed, or None if none was queued."""
        job = self.jobs.claim()
        if job is None:
            return None
        self.run(job)
        return job

    def run(self, job: Job) -> None:
        """Run a claimed job to its end: done with its result, or failed with a message. Never raises."""
        work = self.works.get(job.kind)
        try:
            if work is None:
                raise JobFailed(f"不认识的任务类型“{job.kind}”：这是 reportgen 的缺陷，请报告给开发者。")
            name, content = work(job, _Throttled(self.jobs, job.id, self.clock))
        except JobFailed as exc:
            self._fail(job, exc.message)
        except Exception:  # the job fails, the server and its other jobs go on
            log.exception("job %s (%s) failed", job.id, job.kind)
            self._fail(job, FAILED)
        else:
            try:
                self.jobs.finish(job.id, name, content)
            except Exception:  # e.g. the database refused a result this large
                log.exception("job %s (%s): its result could not be stored", job.id, job.kind)
                self._fail(job, FAILED)

    def _fail(self, job: Job, message: str) -> None:
        try:
            self.jobs.fail(job.id, message)
        except Exception:  # the database is gone: the job stays running until the next start
            log.exception("job %s could not be marked failed", job.id)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()  # before looking: a wake while looking or running is not lost
            try:
                ran = self.run_next()
            except Exception:  # the database is unreachable for now: try again later
                log.exception("looking for queued jobs failed")
                ran = None
            if ran is None:
                self._wake.wait(self.poll)
