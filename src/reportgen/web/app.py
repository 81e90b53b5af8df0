"""The local-mode web application: pages rendered on the server, every step through
:mod:`reportgen.api` (the web layer only adapts requests to it, like the CLI).

Ids in URLs are integers looked up in the database; no path is built from anything a
request sends.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, File, Form, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint

from reportgen import api
from reportgen.data.sources.yaml_source import read_yaml
from reportgen.data.starter import starter_text
from reportgen.errors import ReportgenError
from reportgen.web.datafile import from_json, to_yaml
from reportgen.web.db import open_database
from reportgen.web.downloads import disposition, file_name
from reportgen.web.store import Conflict, Report, Store, Version
from reportgen.web.summary import summarise
from reportgen.web.upload import MAX_UPLOAD, UploadError, read_upload, too_large

TEMPLATES = Path(__file__).with_name("templates")
_MULTIPART_OVERHEAD = 64 * 1024
_HTTP_MESSAGES = {404: "页面不存在。", 405: "不支持此请求方式。"}

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _shown_time(moment: datetime) -> str:
    """A stored moment in the computer's local time."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class _LimitUploads(BaseHTTPMiddleware):
    """Refuses a request body announced as larger than an upload may be, before reading it."""

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > MAX_UPLOAD + _MULTIPART_OVERHEAD:
            return _page(request, "error.html", {"messages": too_large().messages}, 413)
        return await call_next(request)


_templates = Jinja2Templates(env=Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True))
_templates.env.filters["time"] = _shown_time


def _page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    return _templates.TemplateResponse(request, name, context, status_code=status)


def create_app(data_dir: Path) -> FastAPI:
    """The application over the workspace in ``data_dir`` (its database migrated on start)."""
    store = Store(open_database(data_dir))
    renderer = api.Renderer()
    app = FastAPI(title="reportgen", docs_url="/docs", redoc_url=None)
    app.add_middleware(_LimitUploads)

    def checked(version: Version) -> api.Checked:
        return renderer.check(from_json(version.data, "自评数据"))

    def found(report_id: int) -> tuple[Report, Version]:
        report, version = store.report(report_id), store.latest(report_id)
        if report is None or version is None:
            raise HTTPException(404, "没有这份报告（可能编号有误）。")
        return report, version

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        # Our own refusals are worded in Chinese; Starlette's (an unknown route…) are not.
        ours = exc.detail and not exc.detail.isascii()
        message = exc.detail if ours else _HTTP_MESSAGES.get(exc.status_code, "请求无法完成。")
        return _page(request, "error.html", {"messages": [message]}, exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        return _page(request, "error.html", {"messages": ["请求缺少内容或格式不对，请从页面上重新操作。"]}, 422)

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request) -> Response:
        rows = []
        for report in store.reports():
            version = store.latest(report.id)
            if version is not None:
                rows.append((report, version, summarise(checked(version))))
        return _page(request, "index.html", {"rows": rows})

    @app.post("/reports/starter")
    def new_from_starter() -> Response:
        data = read_yaml(starter_text(), "自评数据.yaml").data
        version = store.create(data, "由示例数据新建")
        return RedirectResponse(f"/reports/{version.report_id}", status_code=303)

    @app.post("/reports/upload")
    def new_from_upload(request: Request, file: Annotated[UploadFile, File()]) -> Response:
        name = file.filename or ""
        try:
            raw = read_upload(file.file, name)
        except UploadError as exc:
            return _page(request, "error.html", {"messages": exc.messages, "back": "/"}, exc.status)
        version = store.create(raw.data, f"上传 {name}")
        return RedirectResponse(f"/reports/{version.report_id}", status_code=303)

    @app.get("/reports/{report_id}", response_class=HTMLResponse)
    def report_page(request: Request, report_id: int) -> Response:
        report, version = found(report_id)
        context = {
            "report": report,
            "version": version,
            "versions": store.versions(report_id),
            "summary": summarise(checked(version)),
        }
        return _page(request, "report.html", context)

    @app.post("/reports/{report_id}/versions")
    def new_version(
        request: Request,
        report_id: int,
        based_on: Annotated[int, Form()],
        file: Annotated[UploadFile, File()],
    ) -> Response:
        found(report_id)
        name = file.filename or ""
        back = f"/reports/{report_id}"
        try:
            raw = read_upload(file.file, name)
            store.save(report_id, raw.data, based_on, f"上传 {name}")
        except UploadError as exc:
            return _page(request, "error.html", {"messages": exc.messages, "back": back}, exc.status)
        except Conflict as exc:
            message = (
                f"未保存：您是在第 {based_on} 版的基础上修改的，但此后已保存了第 {exc.latest} 版"
                "（可能在另一个窗口中）。请打开最新版本核对后再上传。"
            )
            return _page(request, "error.html", {"messages": [message], "back": back}, 409)
        return RedirectResponse(back, status_code=303)

    @app.get("/reports/{report_id}/report.docx")
    def download_docx(request: Request, report_id: int) -> Response:
        report, version = found(report_id)
        try:
            content = renderer.render(checked(version))
        except ReportgenError as exc:
            messages = [issue.message for issue in getattr(exc, "issues", [])] or [str(exc)]
            back = f"/reports/{report_id}"
            return _page(
                request, "error.html", {"messages": ["数据有错误，无法生成报告：", *messages], "back": back}, 409
            )
        return _download(content, DOCX, file_name(report.unit_name, report.year, "绩效自评报告", ".docx"))

    @app.get("/reports/{report_id}/data.yaml")
    def download_data(report_id: int) -> Response:
        report, version = found(report_id)
        text = to_yaml(from_json(version.data, "自评数据").data)
        return _download(
            text.encode("utf-8"), "application/yaml", file_name(report.unit_name, report.year, "自评数据", ".yaml")
        )

    @app.get("/reports/{report_id}/workbook.xlsx")
    def download_workbook(report_id: int) -> Response:
        report, version = found(report_id)
        data = from_json(version.data, "自评数据").data
        content, _unplaced = api.workbook_bytes(data if isinstance(data, dict) else None)
        return _download(content, XLSX, file_name(report.unit_name, report.year, "自评数据", ".xlsx"))

    return app


def _download(content: bytes, media_type: str, name: str) -> Response:
    return Response(content, media_type=media_type, headers={"Content-Disposition": disposition(name)})
