"""The start page, new reports (from the starter data or an upload), a report's overview
page, new versions uploaded as files, and the downloads."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from reportgen import api
from reportgen.data.sources.yaml_source import read_yaml
from reportgen.data.starter import starter_text
from reportgen.errors import ReportgenError
from reportgen.web.access import STATUS_NAMES
from reportgen.web.datafile import from_json, to_yaml
from reportgen.web.downloads import disposition, file_name
from reportgen.web.editor_view import placed
from reportgen.web.page_images import missing_tools
from reportgen.web.pages import page, refusal
from reportgen.web.review_data import review_panel
from reportgen.web.store import Conflict
from reportgen.web.upload import UploadError, read_upload
from reportgen.web.workspace import Current

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

router = APIRouter()


def download(content: bytes, media_type: str, name: str) -> Response:
    """A file to save, under ``name`` (Chinese names sent as RFC 5987)."""
    return Response(content, media_type=media_type, headers={"Content-Disposition": disposition(name)})


@router.get("/", response_class=HTMLResponse)
def index(request: Request, ws: Current) -> Response:
    if ws.who.oversees:
        return RedirectResponse("/review", status_code=303)  # the bureau's list of units is their start page
    rows = []
    for report in ws.reports():
        version = ws.store.latest(report.id)
        if version is not None:
            rows.append((report, version, ws.summary(version)))
    return page(request, "index.html", {"rows": rows, "status_names": STATUS_NAMES})


@router.post("/reports/starter")
def new_from_starter(ws: Current) -> Response:
    data = read_yaml(starter_text(), "自评数据.yaml").data
    version = ws.create(data, "由示例数据新建")
    return RedirectResponse(f"/reports/{version.report_id}", status_code=303)


@router.post("/reports/upload")
def new_from_upload(request: Request, ws: Current, file: Annotated[UploadFile, File()]) -> Response:
    ws.create_allowed()
    name = file.filename or ""
    try:
        raw = read_upload(file.file, name)
    except UploadError as exc:
        return refusal(request, exc.messages, exc.status)
    version = ws.create(raw.data, f"上传 {name}")
    return RedirectResponse(f"/reports/{version.report_id}", status_code=303)


@router.get("/reports/{report_id}", response_class=HTMLResponse)
def report_page(request: Request, ws: Current, report_id: int) -> Response:
    report, version = ws.found(report_id)
    checked = ws.checked(version)
    context = {
        "tab": "overview",
        "report": report,
        "version": version,
        "versions": ws.store.versions(report_id),
        "summary": ws.summary(version),
        "problems": placed(checked.issues, checked.raw.data),
        "pdf_missing": missing_tools(images=False),
        "review": review_panel(ws, report, len(checked.errors)),
    }
    return page(request, "report.html", context)


@router.post("/reports/{report_id}/versions")
def new_version(
    request: Request,
    ws: Current,
    report_id: int,
    based_on: Annotated[int, Form()],
    file: Annotated[UploadFile, File()],
) -> Response:
    ws.changing(ws.found(report_id)[0])
    name = file.filename or ""
    back = f"/reports/{report_id}"
    try:
        raw = read_upload(file.file, name)
        ws.store.save(report_id, raw.data, based_on, f"上传 {name}")
    except UploadError as exc:
        return refusal(request, exc.messages, exc.status, back)
    except Conflict as exc:
        message = (
            f"未保存：您是在第 {based_on} 版的基础上修改的，但此后已保存了第 {exc.latest} 版"
            "（可能在另一个窗口中）。请打开最新版本核对后再上传。"
        )
        return refusal(request, [message], 409, back)
    return RedirectResponse(back, status_code=303)


@router.get("/reports/{report_id}/report.docx")
def download_docx(request: Request, ws: Current, report_id: int) -> Response:
    report, version = ws.found(report_id)
    checked = ws.checked(version)
    if checked.errors:
        return cannot_render(request, checked, f"/reports/{report_id}")
    try:
        content = ws.renderer_for(report).render(checked)
    except ReportgenError as exc:
        return refusal(request, ["无法生成报告：", str(exc)], 409, f"/reports/{report_id}")
    return download(content, DOCX, file_name(report.unit_name, report.year, "绩效自评报告", ".docx"))


def cannot_render(request: Request, checked: api.Checked, back: str) -> Response:
    """Why no report can be made: the data's errors only, each with its place in plain Chinese."""
    messages = [f"{p.place}：{p.message}" for p in placed(checked.errors, checked.raw.data).all]
    return refusal(request, ["数据有错误，改正后才能生成报告：", *messages], 409, back)


@router.get("/reports/{report_id}/data.yaml")
def download_data(ws: Current, report_id: int) -> Response:
    report, version = ws.found(report_id)
    text = to_yaml(from_json(version.data, "自评数据").data)
    return download(
        text.encode("utf-8"), "application/yaml", file_name(report.unit_name, report.year, "自评数据", ".yaml")
    )


@router.get("/reports/{report_id}/workbook.xlsx")
def download_workbook(ws: Current, report_id: int) -> Response:
    report, version = ws.found(report_id)
    data = from_json(version.data, "自评数据").data
    content, _unplaced = api.workbook_bytes(data if isinstance(data, dict) else None)
    return download(content, XLSX, file_name(report.unit_name, report.year, "自评数据", ".xlsx"))
