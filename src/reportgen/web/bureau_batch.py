"""The bureau's batch as a job: the approved reports of one bureau and one year rendered into
one zip (a report per unit, 汇总.xlsx, 汇总报告.docx) by
:func:`reportgen.features.batch.bundle.bundle_batch`, with the job's progress.

Each report is rendered from its latest version (an approved report's data is frozen, so that
is the version approved) with its own template set and style; its file is named after the
unit as the bureau lists it. The units are in the order of their 单位代码, then their names, so
the same approved reports give the same zip.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import and_, case, func, select
from sqlalchemy.engine import Engine

from reportgen.api import RenderOptions
from reportgen.features.batch.bundle import BundleUnit, bundle_batch
from reportgen.web.datafile import from_json
from reportgen.web.db import BureauRow, ReportRow, UnitRow, VersionRow
from reportgen.web.jobs import Job, JobFailed, Jobs, Progress, Runner, Work

KIND = "bureau_batch"
RENDERING = "正在生成各单位的报告"
SUMMARISING = "正在生成汇总表和汇总报告并打包"
NICE = 10  # the batch's worker processes yield the CPU to the server's pages


@dataclass(frozen=True)
class Approved:
    """An approved report as the batch needs it."""

    unit_name: str  # as the bureau lists the unit
    unit_code: str | None
    report_id: int
    version: int  # the number of its latest version
    data: str  # that version's data, JSON
    narrative: str = "standard"
    style: str = ""


Load = Callable[[int, int], tuple[str, list[Approved]]]  # bureau id, year → the bureau's name, its approved reports


def batch_units(approved: Sequence[Approved]) -> list[BundleUnit]:
    """The batch's units, ordered by 单位代码 (units without one last) and name."""
    ordered = sorted(approved, key=lambda a: (a.unit_code is None, a.unit_code or "", a.unit_name, a.report_id))
    return [
        BundleUnit(
            a.unit_name,
            from_json(a.data, a.unit_name).data,
            source=f"{a.unit_code + ' ' if a.unit_code else ''}网页填报 第{a.version}版",
            options=_options(a),
        )
        for a in ordered
    ]


def _options(approved: Approved) -> RenderOptions | None:
    if (approved.narrative or "standard", approved.style or "") == ("standard", ""):
        return None
    return RenderOptions(template=approved.narrative or "standard", style=approved.style or RenderOptions().style)


def zip_name(bureau: str, year: int) -> str:
    return f"{bureau}{year}年度绩效自评报告.zip"


def batch_work(load: Load, workers: int | None = None) -> Work:
    """The work of a :data:`KIND` job: ``load`` gives the bureau's approved reports of the
    job's year; ``workers`` processes render them (default: one per CPU), spawned (the server
    has threads: it must not fork) at a lower priority."""

    def work(job: Job, progress: Progress) -> tuple[str, bytes]:
        if job.bureau_id is None or job.year is None:
            raise JobFailed("批量报告须指定单位所属的局和年度：这是 reportgen 的缺陷，请报告给开发者。")
        bureau, approved = load(job.bureau_id, job.year)
        if not approved:
            raise JobFailed(f"{job.year}年度还没有已通过审核的报告：审核通过后再生成批量报告。")
        units = batch_units(approved)
        progress(0, len(units), RENDERING)

        def rendered(done: int, total: int) -> None:
            progress(done, total, SUMMARISING if done == total else RENDERING)

        made = bundle_batch(
            units,
            workers=workers or os.cpu_count() or 1,
            progress=rendered,
            context=multiprocessing.get_context("spawn"),
            nice=NICE,
            bureau=bureau,
        )
        return zip_name(bureau, job.year), made.content

    return work


def approved_reports(engine: Engine, bureau_id: int, year: int) -> tuple[str, list[Approved]]:
    """The bureau's name and its units' approved reports of ``year`` (each with its latest version)."""
    latest = (
        select(VersionRow.report_id, func.max(VersionRow.number).label("number"))
        .group_by(VersionRow.report_id)
        .subquery()
    )
    query = (
        select(
            UnitRow.name,
            UnitRow.code,
            ReportRow.id,
            VersionRow.number,
            VersionRow.data,
            ReportRow.narrative,
            ReportRow.style,
            ReportRow.kind,
        )
        .join(UnitRow, UnitRow.id == ReportRow.unit_id)
        .join(latest, latest.c.report_id == ReportRow.id)
        .join(VersionRow, and_(VersionRow.report_id == ReportRow.id, VersionRow.number == latest.c.number))
        .where(UnitRow.bureau_id == bureau_id, ReportRow.year == year, ReportRow.status == "approved")
    )
    with engine.connect() as connection:
        name = connection.execute(select(BureauRow.name).where(BureauRow.id == bureau_id)).scalar()
        rows = connection.execute(query).all()
    approved = [
        Approved(_shown_name(r[0], r[7], r[4]), r[1], r[2], r[3], r[4], r[5] or "standard", r[6] or "") for r in rows
    ]
    return name or "", approved


def _shown_name(unit: str, kind: str, data: str) -> str:
    """A report's name in the zip: its unit's, and for a project report the project's too."""
    if kind != "project":
        return unit
    project = from_json(data, unit).data.get("project")
    title = project.get("name") if isinstance(project, dict) else None
    return f"{unit}（{title.strip()}）" if isinstance(title, str) and title.strip() else f"{unit}（项目支出）"


@dataclass(frozen=True)
class YearCount:
    """A year of the bureau's reports: how many there are, how many approved."""

    year: int
    total: int
    approved: int


def batch_years(engine: Engine, bureau_id: int) -> list[YearCount]:
    """The years of the bureau's units' reports, the latest first, with their counts."""
    approved = func.sum(case((ReportRow.status == "approved", 1), else_=0))
    query = (
        select(ReportRow.year, func.count(ReportRow.id), approved)
        .join(UnitRow, UnitRow.id == ReportRow.unit_id)
        .where(UnitRow.bureau_id == bureau_id, ReportRow.year.is_not(None))
        .group_by(ReportRow.year)
        .order_by(ReportRow.year.desc())
    )
    with engine.connect() as connection:
        return [YearCount(int(r[0]), int(r[1]), int(r[2] or 0)) for r in connection.execute(query)]


def job_runner(engine: Engine, workers: int | None = None) -> Runner:
    """The runner of a bureau-mode server process, for the jobs of this module's kind."""
    return Runner(
        Jobs(engine), {KIND: batch_work(lambda bureau, year: approved_reports(engine, bureau, year), workers)}
    )
