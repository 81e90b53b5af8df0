"""The JSON API under ``/api``: what the pages show, for a bureau's own systems (OpenAPI at
``/docs``). The same store, checks and figures as the pages; the same JSON as
``reportgen validate --json``; data exchanged as the data format's JSON, decimals exact.

- ``GET /api/reports``: every report with its status and score;
- ``POST /api/reports``: a new report from a data object (201, its id and version);
- ``GET /api/reports/{id}``: the latest version's check and figures;
- ``GET /api/reports/{id}/data``: the latest version's data;
- ``PUT /api/reports/{id}/data?based_on=N``: a new version (409 with the latest number if
  another was saved after version N).

Problems are answered as ``{"errors": [{"message": …}]}`` in Chinese, with 404, 409, 413 or 422.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from reportgen.api.results import result_json
from reportgen.data.sources.json_source import read_json
from reportgen.errors import DataError
from reportgen.web.datafile import to_json
from reportgen.web.store import Conflict, Report, Version
from reportgen.web.upload import MAX_UPLOAD, MiB
from reportgen.web.workspace import NO_REPORT, Current, Workspace

router = APIRouter(prefix="/api", tags=["JSON API"])
SOURCE = "请求内容"


def _problem(status: int, *messages: str, **more: Any) -> JSONResponse:
    return JSONResponse({"errors": [{"message": m} for m in messages], **more}, status_code=status)


def _listed(ws: Workspace, report: Report, version: Version) -> dict[str, Any]:
    summary = ws.summary(version)
    return {
        "id": report.id,
        "unit": report.unit_name,
        "year": report.year,
        "kind": report.kind,
        "status": summary.status,
        "score": summary.score,
        "version": version.number,
        "updated": report.updated.isoformat(),
    }


async def _data_of(request: Request) -> dict[str, Any] | JSONResponse:
    """The request's body read as a data object, within the upload limit."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_UPLOAD:
            return _problem(413, f"请求内容过大（超过 {MAX_UPLOAD // MiB} MB）。")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return _problem(422, "请求内容不是 UTF-8 编码的 JSON。")
    try:
        data = read_json(text, SOURCE).data
    except DataError as exc:
        return _problem(422, *(f"{i.location}：{i.message}" if i.location else i.message for i in exc.issues))
    if not isinstance(data, dict):
        return _problem(422, "请求内容应是一个数据对象（{…}），与数据文件的 JSON 格式相同。")
    return data


@router.get("/reports")
def list_reports(ws: Current) -> list[dict[str, Any]]:
    listed = []
    for report in ws.reports():
        version = ws.store.latest(report.id)
        if version is not None:
            listed.append(_listed(ws, report, version))
    return listed


@router.post("/reports", status_code=201, response_model=None)
async def create_report(request: Request, ws: Current) -> dict[str, Any] | JSONResponse:
    why = ws.who.why_not_create()
    if why is not None:
        return _problem(403, why)
    data = await _data_of(request)
    if isinstance(data, JSONResponse):
        return data
    version = ws.create(data, "通过 JSON 接口新建")
    return {"id": version.report_id, "version": version.number}


@router.get("/reports/{report_id}", response_model=None)
def report_result(ws: Current, report_id: int) -> dict[str, Any] | JSONResponse:
    found = _found(ws, report_id)
    if found is None:
        return _problem(404, NO_REPORT)
    report, version = found
    checked = ws.checked(version)
    result = result_json(SOURCE, checked.errors, checked.warnings, checked.missing, checked.figures)
    return {**_listed(ws, report, version), **result}


@router.get("/reports/{report_id}/data", response_model=None)
def report_data(ws: Current, report_id: int) -> Response:
    found = _found(ws, report_id)
    if found is None:
        return _problem(404, NO_REPORT)
    return Response(found[1].data, media_type="application/json")


@router.put("/reports/{report_id}/data", response_model=None)
async def save_data(
    request: Request, ws: Current, report_id: int, based_on: int = Query(..., description="所依据的版本号")
) -> dict[str, Any] | JSONResponse:
    found = _found(ws, report_id)
    if found is None:
        return _problem(404, NO_REPORT)
    why = ws.who.why_not_change(found[0])
    if why is not None:
        return _problem(403, why)
    version = found[1]
    data = await _data_of(request)
    if isinstance(data, JSONResponse):
        return data
    if to_json(data) == version.data:
        return {"id": report_id, "version": version.number, "saved": False}
    try:
        saved = ws.store.save(report_id, data, based_on, "通过 JSON 接口保存")
    except Conflict as exc:
        message = f"未保存：所依据的是第 {based_on} 版，但此后已保存了第 {exc.latest} 版。"
        return _problem(409, message, latest=exc.latest)
    return {"id": report_id, "version": saved.number, "saved": True}


def _found(ws: Workspace, report_id: int) -> tuple[Report, Version] | None:
    report = ws.store.report(report_id)
    if report is None or not ws.who.reads(report):
        return None
    version = ws.store.latest(report_id)
    return (report, version) if version is not None else None
