"""The JSON API's description (OpenAPI at ``/openapi.json``, its pages at ``/docs``) as routes
of the application, in bureau mode: like every other route they need a signed-in user, so a
visitor who has not signed in learns nothing of the server (local mode: FastAPI's own)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse

router = APIRouter(include_in_schema=False)


@router.get("/openapi.json")
def openapi_schema(request: Request) -> JSONResponse:
    return JSONResponse(request.app.openapi())


@router.get("/docs")
def openapi_pages(request: Request) -> HTMLResponse:
    return get_swagger_ui_html(openapi_url="/openapi.json", title="reportgen 数据接口")
