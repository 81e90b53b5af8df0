"""The bureau's batch (bureau mode, 审核 and 管理员): a year's approved reports generated as a
job (:mod:`reportgen.web.bureau_batch`), its progress polled by the page every second, the
zip downloaded when done. Every job is looked up within the user's bureau: an id of another
bureau's job is "not found"."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from reportgen.web.accounts import User
from reportgen.web.audit import Actor
from reportgen.web.bureau_batch import KIND, batch_years
from reportgen.web.downloads import disposition
from reportgen.web.jobs import Job, Jobs, Runner
from reportgen.web.pages import fragment, page
from reportgen.web.workspace import Current

router = APIRouter()

OVERSEERS_ONLY = "只有审核和管理员账号可以生成批量报告。"
NO_JOB = "没有这项批量报告（可能编号有误，或不是本局的）。"
NOT_READY = "这项批量报告还没有生成完成，或已被较新的批量报告替换：请在批量报告页重新生成。"
STATES = {"queued": "等待开始", "running": "正在生成", "done": "已完成", "failed": "未完成"}
ZIP = "application/zip"
YEARS = (1900, 2999)


def overseer(ws: Current) -> User:
    """The signed-in reviewer or admin; 404 in local mode, 403 for a unit's account."""
    return ws.overseer(OVERSEERS_ONLY)


def _jobs(request: Request) -> Jobs:
    runner: Runner = request.app.state.runner
    return runner.jobs


def _job(request: Request, user: User, job_id: int) -> Job:
    job = _jobs(request).get(job_id, user.bureau_id)
    if job is None or job.kind != KIND:
        raise HTTPException(404, NO_JOB)
    return job


@router.get("/batch", response_class=HTMLResponse)
def batch_page(request: Request, ws: Current) -> Response:
    user = overseer(ws)
    years = batch_years(ws.store.engine, user.bureau_id)
    jobs = _jobs(request).latest(KIND, user.bureau_id)
    chosen = next((row.year for row in years if row.approved), years[0].year if years else None)
    return page(request, "bureau_batch.html", {"years": years, "chosen": chosen, "jobs": jobs, "states": STATES})


@router.post("/batch")
def start_batch(request: Request, ws: Current, year: Annotated[int, Form(ge=YEARS[0], le=YEARS[1])]) -> Response:
    user = overseer(ws)
    runner: Runner = request.app.state.runner
    actor = Actor(user.id, user.login, user.bureau_id, user.unit_id)
    job = runner.jobs.submit(KIND, user.bureau_id, user.id, year, audited=(actor, "batch", f"{year}年度批量报告"))
    runner.start()
    runner.wake()
    return RedirectResponse(f"/batch/jobs/{job.id}", status_code=303)


@router.get("/batch/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, ws: Current, job_id: int) -> Response:
    job = _job(request, overseer(ws), job_id)
    return page(request, "bureau_batch_job.html", {"job": job})


@router.get("/batch/jobs/{job_id}/progress", response_class=HTMLResponse)
def job_progress(request: Request, ws: Current, job_id: int) -> Response:
    job = _job(request, overseer(ws), job_id)
    return fragment(request, "bureau_batch_progress.html", {"job": job})


@router.get("/batch/jobs/{job_id}/download")
def job_download(request: Request, ws: Current, job_id: int) -> Response:
    user = overseer(ws)
    job = _job(request, user, job_id)
    found = _jobs(request).result(job.id, user.bureau_id)
    if found is None:
        raise HTTPException(404, NOT_READY)
    name, content = found
    return Response(content, media_type=ZIP, headers={"Content-Disposition": disposition(name)})
