"""A report's versions: the history with what changed, one version (its figures and files),
restoring a version as a new one, comparing two, and copying the report for next year."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from reportgen import api
from reportgen.errors import ReportgenError
from reportgen.web.datafile import from_json, to_yaml
from reportgen.web.downloads import file_name
from reportgen.web.figures_panel import figures_panel
from reportgen.web.history import compared, history_page
from reportgen.web.pages import page, refusal
from reportgen.web.routes.reports import DOCX, download
from reportgen.web.store import Conflict, Report, Version
from reportgen.web.summary import summarise
from reportgen.web.workspace import Current, Workspace

router = APIRouter()


def _version(ws: Workspace, report_id: int, number: int) -> Version:
    version = ws.store.version(report_id, number)
    if version is None:
        raise HTTPException(404, f"这份报告没有第 {number} 版（可能编号有误）。")
    return version


@router.get("/reports/{report_id}/history", response_class=HTMLResponse)
def history(request: Request, ws: Current, report_id: int) -> Response:
    report, latest = ws.found(report_id)
    shown = history_page(ws.store.versions(report_id), _page(request), ws.checked)
    context = {"tab": "history", "report": report, "latest": latest, "history": shown}
    return page(request, "history.html", context)


def _page(request: Request) -> int:
    text = request.query_params.get("page", "1")
    return int(text) if text.isdigit() and len(text) < 7 else 1


@router.get("/reports/{report_id}/versions/{number}", response_class=HTMLResponse)
def version_page(request: Request, ws: Current, report_id: int, number: int) -> Response:
    report, latest = ws.found(report_id)
    version = _version(ws, report_id, number)
    checked = ws.checked(version)
    context = {
        "tab": "history",
        "report": report,
        "latest": latest,
        "version": version,
        "summary": summarise(checked),
        "figures": figures_panel(checked.figures) if checked.figures is not None else None,
    }
    return page(request, "version.html", context)


@router.get("/reports/{report_id}/versions/{number}/data.yaml")
def version_data(ws: Current, report_id: int, number: int) -> Response:
    report, _latest = ws.found(report_id)
    version = _version(ws, report_id, number)
    text = to_yaml(from_json(version.data, "自评数据").data)
    return download(text.encode("utf-8"), "application/yaml", _name(report, number, "自评数据", ".yaml"))


@router.get("/reports/{report_id}/versions/{number}/report.docx")
def version_docx(request: Request, ws: Current, report_id: int, number: int) -> Response:
    report, _latest = ws.found(report_id)
    version = _version(ws, report_id, number)
    try:
        content = ws.renderer_for(report).render(ws.checked(version))
    except ReportgenError as exc:
        messages = [issue.message for issue in getattr(exc, "issues", [])] or [str(exc)]
        back = f"/reports/{report_id}/versions/{number}"
        return refusal(request, [f"第 {number} 版的数据有错误，无法生成报告：", *messages], 409, back)
    return download(content, DOCX, _name(report, number, "绩效自评报告", ".docx"))


def _name(report: Report, number: int, what: str, suffix: str) -> str:
    """E.g. 某县司法局2024年度绩效自评报告（第3版）.docx."""
    return file_name(report.unit_name, report.year, f"{what}（第{number}版）", suffix)


@router.post("/reports/{report_id}/versions/{number}/restore")
def restore(request: Request, ws: Current, report_id: int, number: int, based_on: Annotated[int, Form()]) -> Response:
    ws.changing(ws.found(report_id)[0])
    version = _version(ws, report_id, number)
    back = f"/reports/{report_id}/history"
    try:
        ws.store.save(report_id, from_json(version.data, "自评数据").data, based_on, f"恢复为第 {number} 版")
    except Conflict as exc:
        message = (
            f"未恢复：您打开页面时最新的是第 {based_on} 版，但此后已保存了第 {exc.latest} 版"
            "（可能在另一个窗口中）。请刷新版本记录，核对后再恢复。"
        )
        return refusal(request, [message], 409, back)
    return RedirectResponse(back, status_code=303)


@router.get("/reports/{report_id}/compare", response_class=HTMLResponse)
def compare(request: Request, ws: Current, report_id: int) -> Response:
    report, latest = ws.found(report_id)
    back = f"/reports/{report_id}/history"
    numbers = [_number(request.query_params.get(key, "")) for key in ("a", "b")]
    if None in numbers:
        return refusal(request, ["请选择要比较的两个版本（填写版本号，如 3 和 5）。"], 422, back)
    a_number, b_number = (n for n in numbers if n is not None)
    versions = [ws.store.version(report_id, n) for n in (a_number, b_number)]
    unknown = [n for n, v in zip((a_number, b_number), versions, strict=True) if v is None]
    if unknown:
        listed = "、".join(f"第 {n} 版" for n in dict.fromkeys(unknown))
        return refusal(request, [f"这份报告没有{listed}：现有第 1 至第 {latest.number} 版。"], 404, back)
    a, b = (v for v in versions if v is not None)
    context = {"tab": "history", "report": report, "latest": latest, "a": a, "b": b}
    context["comparison"] = compared(a, b, ws.checked)
    return page(request, "compare.html", context)


def _number(text: str) -> int | None:
    text = text.strip().removeprefix("第").removesuffix("版").strip()
    return int(text) if text.isdigit() and len(text) < 7 and int(text) > 0 else None


@router.post("/reports/{report_id}/copy")
def copy_for_next_year(request: Request, ws: Current, report_id: int) -> Response:
    report, latest = ws.found(report_id)
    ws.create_allowed()
    data = from_json(latest.data, "自评数据").data
    try:
        copied = api.next_year(data if isinstance(data, dict) else {})
    except api.CannotCopy as exc:
        return refusal(request, [str(exc)], 422, f"/reports/{report_id}")
    version = ws.create(copied, api.copy_note(data))
    ws.store.set_settings(version.report_id, report.narrative, report.style)
    return RedirectResponse(f"/reports/{version.report_id}", status_code=303)
