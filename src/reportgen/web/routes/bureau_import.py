"""Importing a multi-unit workbook (bureau mode, 管理员): upload → a preview of what happens to
each unit and every problem → 确认导入. The rules are :mod:`reportgen.web.bureau_import`'s;
the routes read the upload, keep it until it is confirmed and show the outcome. Every unit,
report and kept upload is looked up within the signed-in admin's bureau."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from reportgen.web.accounts import User
from reportgen.web.bureau_import import (
    KIND,
    MAX_WORKBOOK,
    ImportRefused,
    Plan,
    apply_plan,
    bureau_state,
    plan_digest,
    plan_import,
    read_workbook,
)
from reportgen.web.jobs import Jobs, Runner
from reportgen.web.pages import page
from reportgen.web.upload import MiB
from reportgen.web.workspace import Current, Workspace

router = APIRouter()

ADMINS_ONLY = "只有管理员账号可以导入多单位工作簿。"
GONE = "这次上传的工作簿已不在服务器上（之后又上传过几次）：请重新上传。"
MAX_NAME = 120  # characters of an uploaded file's name kept for the pages and the notes


def administrator(ws: Current) -> User:
    """The signed-in admin; 404 in local mode, 403 for any other account."""
    return ws.administrator(ADMINS_ONLY)


def _jobs(request: Request) -> Jobs:
    runner: Runner = request.app.state.runner
    return runner.jobs


def _plan(ws: Workspace, user: User, content: bytes) -> Plan:
    units, reports = bureau_state(ws.store.engine, user.bureau_id)
    return plan_import(read_workbook(content), units, reports)


def _form(request: Request, messages: list[str], status: int = 200) -> Response:
    return page(request, "bureau_import.html", {"messages": messages, "max_mb": MAX_WORKBOOK // MiB}, status)


def _preview(request: Request, plan: Plan, name: str, upload: int, *, changed: bool = False) -> Response:
    context = {"plan": plan, "workbook": name, "upload": upload, "digest": plan_digest(plan), "changed": changed}
    return page(request, "bureau_import_preview.html", context)


@router.get("/import", response_class=HTMLResponse)
def import_page(request: Request, ws: Current) -> Response:
    administrator(ws)
    return _form(request, [])


@router.post("/import", response_class=HTMLResponse)
def upload_workbook(request: Request, ws: Current, file: Annotated[UploadFile, File()]) -> Response:
    user = administrator(ws)
    name = (file.filename or "工作簿.xlsx")[:MAX_NAME]
    content = file.file.read(MAX_WORKBOOK + 1)
    try:
        plan = _plan(ws, user, content)
    except ImportRefused as exc:
        return _form(request, exc.messages, 422)
    kept = _jobs(request).keep(KIND, user.bureau_id, user.id, name, content)
    return _preview(request, plan, name, kept.id)


@router.post("/import/confirm", response_class=HTMLResponse)
def confirm_import(
    request: Request,
    ws: Current,
    upload: Annotated[int, Form()],
    digest: Annotated[str, Form(max_length=64)],
) -> Response:
    user = administrator(ws)
    job = _jobs(request).get(upload, user.bureau_id)
    found = _jobs(request).result(upload, user.bureau_id) if job is not None and job.kind == KIND else None
    if found is None:
        raise HTTPException(404, GONE)
    name, content = found
    try:
        plan = _plan(ws, user, content)
    except ImportRefused as exc:  # a reader changed since the preview: say why, write nothing
        return _form(request, exc.messages, 422)
    if plan_digest(plan) != digest:
        return _preview(request, plan, name, upload, changed=True)
    applied = apply_plan(ws.store, plan, name)
    context = {"workbook": name, "applied": applied, "left": plan.problems + applied.refused}
    return page(request, "bureau_import_done.html", context)
