"""The local-mode web application: pages rendered on the server, every step through
:mod:`reportgen.api` (the web layer only adapts requests to it, like the CLI).

The routes live in :mod:`reportgen.web.routes`, one module per page; they reach the
workspace through :func:`reportgen.web.workspace.workspace`. Ids in URLs are integers looked
up in the database; no path is built from anything a request sends.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint

from reportgen import api
from reportgen.web.db import open_database
from reportgen.web.pages import refusal
from reportgen.web.routes import drafts, editor, history, json_api, preview, reports
from reportgen.web.store import Store
from reportgen.web.upload import MAX_UPLOAD, too_large
from reportgen.web.workspace import Workspace

STATIC = Path(__file__).with_name("static")
_MULTIPART_OVERHEAD = 64 * 1024
_HTTP_MESSAGES = {404: "页面不存在。", 405: "不支持此请求方式。"}


class _LimitUploads(BaseHTTPMiddleware):
    """Refuses a request body announced as larger than an upload may be, before reading it."""

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > MAX_UPLOAD + _MULTIPART_OVERHEAD:
            return refusal(request, too_large().messages, 413)
        return await call_next(request)


def create_app(data_dir: Path) -> FastAPI:
    """The application over the workspace in ``data_dir`` (its database migrated on start)."""
    app = FastAPI(title="reportgen", docs_url="/docs", redoc_url=None)
    app.state.workspace = Workspace(Store(open_database(data_dir)), api.Renderer(), data_dir)
    app.add_middleware(_LimitUploads)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        # Our own refusals are worded in Chinese; Starlette's (an unknown route…) are not.
        ours = exc.detail and not exc.detail.isascii()
        message = exc.detail if ours else _HTTP_MESSAGES.get(exc.status_code, "请求无法完成。")
        return refusal(request, [message], exc.status_code)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        # The traceback goes to the server's log (uvicorn prints it); the page says what to do.
        message = (
            "程序内部出错，这次操作没有完成，已保存的内容不受影响。"
            "请刷新页面重试；如仍出错，请把启动窗口中的错误信息发给技术支持。"
        )
        return refusal(request, [message], 500)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        return refusal(request, ["请求缺少内容或格式不对，请从页面上重新操作。"], 422)

    app.include_router(reports.router)
    app.include_router(json_api.router)
    app.include_router(history.router)
    app.include_router(drafts.router)
    app.include_router(preview.router)
    app.include_router(editor.router)
    return app
