"""The preview tab: the report as HTML (网页预览), its pages as LibreOffice lays them out
(页面图像), the choice of template set and style, and the PDF download."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from reportgen.errors import ReportgenError
from reportgen.web import settings
from reportgen.web.downloads import disposition, file_name
from reportgen.web.page_images import PageCache, Status, missing_tools
from reportgen.web.pages import fragment, page, refusal
from reportgen.web.preview import preview_page
from reportgen.web.store import Report, Version
from reportgen.web.summary import summarise
from reportgen.web.workspace import Current, Workspace

PDF_WAIT_SECONDS = 200  # LibreOffice's own limit is 180 s
CACHE_FOLDER = "page-images"
_VIEWS = {"preview": "/preview", "pages": "/pages"}  # where the settings form returns to

router = APIRouter()
_cache_lock = threading.Lock()


class _Recent:
    """The last few previews made: a version never changes and the preview of the same data,
    template and style is the same text, so a preview seen again (the tab reopened, the
    frame reloaded) is not made again."""

    def __init__(self, size: int = 32) -> None:
        self.size = size
        self._items: OrderedDict[tuple[int, str, str], str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[int, str, str]) -> str | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: tuple[int, str, str], html: str) -> None:
        with self._lock:
            self._items[key] = html
            while len(self._items) > self.size:
                self._items.popitem(last=False)


def page_cache(request: Request) -> PageCache:
    """The application's cache of PDFs and page images, in the workspace's data folder."""
    state = request.app.state
    with _cache_lock:
        if getattr(state, "page_cache", None) is None:
            ws: Workspace = state.workspace
            state.page_cache = PageCache(ws.data_dir / CACHE_FOLDER)
        cache: PageCache = state.page_cache
    return cache


def recent_previews(request: Request) -> _Recent:
    """The application's last previews (each application has its own database and ids)."""
    state = request.app.state
    with _cache_lock:
        if getattr(state, "recent_previews", None) is None:
            state.recent_previews = _Recent()
        recent: _Recent = state.recent_previews
    return recent


Cache = Annotated[PageCache, Depends(page_cache)]
Previews = Annotated[_Recent, Depends(recent_previews)]


def messages_of(exc: ReportgenError) -> list[str]:
    return [issue.message for issue in getattr(exc, "issues", [])] or [str(exc)]


def _context(ws: Workspace, report: Report, version: Version, view: str) -> dict[str, Any]:
    """What both views show: the tab, the settings form and what keeps the report from rendering."""
    checked = ws.checked(version)
    summary = summarise(checked)
    kind = checked.report.kind if checked.report else report.kind
    blocked = [] if not summary.renderable else settings.refused(report.narrative, settings.chosen_style(report), kind)
    return {
        "tab": "preview",
        "view": view,
        "report": report,
        "version": version,
        "summary": summary,
        "blocked": blocked,
        "templates": settings.template_options(kind),
        "styles": settings.style_options(),
        "template_title": settings.template_title(report.narrative),
        "style_title": settings.style_title(report.style),
        "chosen_style": settings.chosen_style(report),
    }


@router.get("/reports/{report_id}/preview", response_class=HTMLResponse)
def preview(request: Request, ws: Current, report_id: int) -> Response:
    report, version = ws.found(report_id)
    return page(request, "preview.html", _context(ws, report, version, "preview"))


@router.get("/reports/{report_id}/preview/frame", response_class=HTMLResponse)
def preview_frame(request: Request, ws: Current, previews: Previews, report_id: int) -> Response:
    """The standalone preview page (shown in the tab's frame, or opened on its own to print)."""
    report, version = ws.found(report_id)
    key = (version.id, report.narrative, report.style)
    html = previews.get(key)
    if html is None:
        try:
            html = preview_page(ws.renderer_for(report), ws.checked(version))
        except ReportgenError as exc:
            return refusal(request, ["无法预览：", *messages_of(exc)], 409, f"/reports/{report_id}/edit")
        previews.put(key, html)
    return HTMLResponse(html)


@router.post("/reports/{report_id}/settings")
def choose_settings(
    request: Request,
    ws: Current,
    report_id: int,
    narrative: Annotated[str, Form()],
    style: Annotated[str, Form()],
    view: Annotated[str, Form()] = "preview",
) -> Response:
    report = ws.changing(ws.found(report_id)[0])
    back = f"/reports/{report_id}{_VIEWS.get(view, '/preview')}"
    problems = settings.refused(narrative, style, report.kind)
    if problems:
        return refusal(request, problems, 422, back)
    ws.store.set_settings(report_id, narrative, settings.stored_style(style))
    return RedirectResponse(back, status_code=303)


def _document(ws: Workspace, cache: PageCache, report: Report, version: Version) -> tuple[str, Callable[[], bytes]]:
    """The key of the report's .docx as chosen now, and how to get its bytes (rendered only
    when a conversion needs them, or to learn the key of a version not seen yet)."""

    def render() -> bytes:
        return ws.renderer_for(report).render(ws.checked(version))

    label = (report.id, version.number, report.narrative, report.style)
    known = cache.known(label)
    if known is not None:
        return known, render
    content = render()
    return cache.remember(label, content), lambda: content


@router.get("/reports/{report_id}/pages", response_class=HTMLResponse)
def pages(request: Request, ws: Current, cache: Cache, report_id: int) -> Response:
    report, version = ws.found(report_id)
    context = _context(ws, report, version, "pages")
    context["missing"] = missing_tools(images=True)
    if context["summary"].renderable and not context["blocked"] and not context["missing"]:
        context.update(_images(ws, cache, report, version, start=True))
    return page(request, "pages.html", context)


@router.get("/reports/{report_id}/pages/status", response_class=HTMLResponse)
def pages_status(request: Request, ws: Current, cache: Cache, report_id: int) -> Response:
    """The page images part of the page, polled while they are being made."""
    report, version = ws.found(report_id)
    context: dict[str, Any] = {"report": report}
    context.update(_images(ws, cache, report, version, start=False))
    return fragment(request, "page_images.html", context)


def _images(ws: Workspace, cache: PageCache, report: Report, version: Version, start: bool) -> dict[str, Any]:
    try:
        key, docx = _document(ws, cache, report, version)
        status = cache.start(key, docx) if start else cache.status(key)
        if status.state == "absent":  # e.g. the cache was emptied meanwhile
            status = cache.start(key, docx)
    except ReportgenError as exc:
        return {"status": Status("failed", message="；".join(messages_of(exc))), "key": ""}
    return {"status": status, "key": key}


@router.get("/reports/{report_id}/pages/{number}.png")
def page_image(ws: Current, cache: Cache, report_id: int, number: int) -> Response:
    report, version = ws.found(report_id)
    try:
        key, _docx = _document(ws, cache, report, version)
    except ReportgenError:
        raise HTTPException(404, "没有这一页的图像。") from None
    path = cache.page(key, number)
    if path is None:
        raise HTTPException(404, "没有这一页的图像。")
    return FileResponse(path, media_type="image/png", headers={"Cache-Control": "private, max-age=86400"})


@router.get("/reports/{report_id}/report.pdf")
def download_pdf(request: Request, ws: Current, cache: Cache, report_id: int) -> Response:
    report, version = ws.found(report_id)
    missing = missing_tools(images=False)
    if missing:
        context = {"report": report, "tab": "overview", "missing": missing}
        return page(request, "pdf_missing.html", context, 503)
    back = f"/reports/{report_id}"
    try:
        key, docx = _document(ws, cache, report, version)
        path = cache.wait_pdf(key, docx, PDF_WAIT_SECONDS)
    except ReportgenError as exc:
        return refusal(request, ["无法生成 PDF：", *messages_of(exc)], 409, back)
    name = file_name(report.unit_name, report.year, "绩效自评报告", ".pdf")
    return FileResponse(path, media_type="application/pdf", headers={"Content-Disposition": disposition(name)})
