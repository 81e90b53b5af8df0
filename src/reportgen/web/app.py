"""The local-mode web application: pages rendered on the server, every step through
:mod:`reportgen.api` (the web layer only adapts requests to it, like the CLI).

The routes live in :mod:`reportgen.web.routes`, one module per page; they reach the
workspace through :func:`reportgen.web.workspace.workspace`. Ids in URLs are integers looked
up in the database; no path is built from anything a request sends.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from reportgen import api
from reportgen.errors import ReportgenError
from reportgen.web import BUREAU_VARIABLE, DATA_DIR_VARIABLE
from reportgen.web.accounts import Accounts
from reportgen.web.auth import PasswordChangeNeeded, SignInNeeded, sign_in_redirect, signed_in
from reportgen.web.bureau_batch import job_runner
from reportgen.web.db import open_database
from reportgen.web.guard import LocalOnly
from reportgen.web.jobs import Runner
from reportgen.web.pages import refusal
from reportgen.web.routes import (
    account,
    admin,
    api_docs,
    bureau_batch,
    bureau_import,
    drafts,
    editor,
    history,
    json_api,
    preview,
    reports,
    review,
    table_import,
)
from reportgen.web.store import Locked, Store
from reportgen.web.upload import MAX_UPLOAD, too_large
from reportgen.web.workspace import Workspace

STATIC = Path(__file__).with_name("static")
_MULTIPART_OVERHEAD = 64 * 1024
_HTTP_MESSAGES = {404: "页面不存在。", 405: "不支持此请求方式。"}
# Bytes. The server is on 127.0.0.1: bytes cost nearly nothing to move, and compressing costs
# both sides CPU (measured: with 1 KB, the preview frame of 27 KB took longer at 20 clients).
# Only the large pages are worth it: the editor of 200 indicators is 1.2 MB, 51 KB gzipped.
GZIP_MINIMUM = 256 * 1024
GZIP_LEVEL = 6  # zlib's default: 9 took a quarter longer on the 1.2 MB page for 1 % less
_COMPRESSED_ALREADY = (  # zip files and PDFs gain nothing from gzip
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)


class _BodyTooLarge(HTTPException):
    """A request body that passed the upload limit while it was arriving (raised from
    ``receive``: the form parser passes an HTTPException on, and the page says why)."""

    def __init__(self) -> None:
        super().__init__(413, too_large().messages[0])


class _LimitUploads:
    """Refuses a request body larger than an upload may be, before reading it: at once when
    its Content-Length says so, else as soon as the bytes received pass the limit (a body sent
    without a length, in chunks). A plain ASGI middleware: it does not wrap the response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = MAX_UPLOAD + _MULTIPART_OVERHEAD
        length = next((value for name, value in scope["headers"] if name == b"content-length"), b"")
        if length.isdigit() and int(length) > limit:
            response = refusal(Request(scope, receive), too_large().messages, 413)
            await response(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _BodyTooLarge()
            return message

        await self.app(scope, counted, send)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Bureau mode's job runner runs while the application serves (it is also started by the
    first job asked for, for applications served without their lifespan, as in tests)."""
    runner: Runner | None = app.state.runner
    if runner is not None:
        runner.start()
    try:
        yield
    finally:
        if runner is not None:
            runner.stop()


def create_app(data_dir: Path, database: str | None = None, *, bureau: bool = False) -> FastAPI:
    """The application over the workspace in ``data_dir`` (its database migrated on start):
    the PostgreSQL database of URL ``database`` (else ``$REPORTGEN_DATABASE``), else SQLite
    in ``data_dir``; files other than the database (page images) are kept in ``data_dir``.
    ``bureau``: bureau mode, where every route but the sign-in page needs a signed-in user
    (:func:`reportgen.web.auth.signed_in`, a dependency of every route)."""
    docs = None if bureau else "/docs"  # bureau mode: routes of its own, behind the sign-in (api_docs)
    app = FastAPI(
        title="reportgen",
        docs_url=docs,
        openapi_url="/openapi.json" if docs else None,
        redoc_url=None,
        dependencies=[Depends(signed_in)],
        lifespan=_lifespan,
    )
    engine = open_database(data_dir, database)
    app.state.workspace = Workspace(Store(engine), api.Renderer(), data_dir, bureau=bureau)
    app.state.accounts = Accounts(engine) if bureau else None
    app.state.runner = job_runner(engine) if bureau else None
    app.add_middleware(_LimitUploads)
    app.add_middleware(LocalOnly, check_host=not bureau)  # added last: it runs first
    app.add_middleware(
        GZipMiddleware,
        minimum_size=GZIP_MINIMUM,
        compresslevel=GZIP_LEVEL,
        exclude_content_types=(*DEFAULT_EXCLUDED_CONTENT_TYPES, *_COMPRESSED_ALREADY),
    )
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

    @app.exception_handler(Locked)
    async def locked(request: Request, exc: Locked) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"errors": [{"message": exc.reason}]}, status_code=403)
        return refusal(request, [exc.reason], 403)

    @app.exception_handler(SignInNeeded)
    async def sign_in_first(request: Request, exc: SignInNeeded) -> Response:
        return sign_in_redirect(request, exc.then)

    @app.exception_handler(PasswordChangeNeeded)
    async def password_first(request: Request, exc: PasswordChangeNeeded) -> Response:
        if request.headers.get("HX-Request"):
            return Response(status_code=403, headers={"HX-Redirect": "/password"})
        return Response(status_code=303, headers={"Location": "/password"})

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        return refusal(request, ["请求缺少内容或格式不对，请从页面上重新操作。"], 422)

    app.include_router(account.router)
    app.include_router(admin.router)
    app.include_router(table_import.router)
    app.include_router(reports.router)
    app.include_router(json_api.router)
    app.include_router(history.router)
    app.include_router(drafts.router)
    app.include_router(preview.router)
    app.include_router(editor.router)
    app.include_router(review.router)
    app.include_router(bureau_batch.router)
    app.include_router(bureau_import.router)
    if bureau:
        app.include_router(api_docs.router)
    return app


def worker_app() -> FastAPI:
    """The application of one of ``reportgen serve --workers N``'s processes: the workspace
    named by the environment (:data:`reportgen.web.DATA_DIR_VARIABLE`, set by the server)."""
    folder = os.environ.get(DATA_DIR_VARIABLE)
    if not folder:
        raise ReportgenError(f"{DATA_DIR_VARIABLE} is not set: worker_app is started by reportgen serve.")
    return create_app(Path(folder), bureau=os.environ.get(BUREAU_VARIABLE) == "1")
