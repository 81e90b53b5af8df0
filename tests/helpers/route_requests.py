"""Every route of an application, and a valid-looking request to each: path parameters filled
with ids of U1's things, and the form fields, files, query parameters or JSON body the route
takes (read from its declared parameters, so that a new route needs nothing here unless its
path names a parameter of a new kind)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, UploadFile
from fastapi.routing import APIRoute, iter_route_contexts
from starlette.routing import Mount

from reportgen.web.app import create_app
from security_world import SECRET_U2, World, data_file, unit_data


@dataclass(frozen=True)
class RouteCase:
    method: str
    path: str
    route: APIRoute

    @property
    def name(self) -> str:
        return f"{self.method} {self.path}"


def routes_of(app: FastAPI) -> list[RouteCase]:
    """Every method of every API route of ``app``."""
    cases: list[RouteCase] = []
    for context in iter_route_contexts(app.routes):
        route = context.route
        if isinstance(route, APIRoute) and context.path is not None:
            cases.extend(RouteCase(method, context.path, route) for method in sorted(context.methods or ()))
    return cases


def other_paths(app: FastAPI) -> list[str]:
    """The paths of ``app``'s routes that are not API routes (FastAPI's or Starlette's own), but
    the static files."""
    paths = []
    for context in iter_route_contexts(app.routes):
        if not isinstance(context.route, (APIRoute, Mount)) and context.path is not None:
            paths.append(context.path)
    return paths


def bureau_routes() -> tuple[list[RouteCase], list[str]]:
    """The API routes of a bureau-mode application and the paths of its other routes (made in
    a throwaway folder, at collection)."""
    with tempfile.TemporaryDirectory(prefix="reportgen-routes-") as folder:
        app = create_app(Path(folder), bureau=True)
        try:
            return routes_of(app), other_paths(app)
        finally:
            app.state.workspace.store.engine.dispose()


class UnknownParameter(Exception):
    """A path parameter the matrix does not know how to fill (add it to World.path_values)."""


# Values of form fields and query parameters by name: valid-looking requests, never one that
# would sign the matrix's own actors out by failing their sign-in.
_FIELDS: dict[str, Any] = {
    "path": "unit.overview",
    "value": "改过的文字",
    "op": "add",
    "index": 0,
    "kind": "department",
    "narrative": "standard",
    "style": "gbt9704",
    "view": "preview",
    "other_subject": "true",
    "login": "nobody-at-all",
    "password": "not-the-password",
    "current": "not-the-password",
    "new": "another-long-password-1",
    "repeat": "another-long-password-1",
    "next": "/",
    "comment": "请补充说明。",
    "name": "新单位",
    "code": "Z999",
    "contact": "张三",
    "role": "unit",
    "year": 2024,
    "a": 1,
    "b": 2,
}
_EXTRA_QUERY = {"/reports/{report_id}/compare": {"a": 1, "b": 2}}


def request_for(world: World, case: RouteCase) -> tuple[str, dict[str, Any]]:
    """The URL and the keyword arguments of ``client.request`` for a valid-looking request."""
    values = world.path_values()
    params = {}
    for param in case.route.dependant.path_params:
        if param.name not in values:
            raise UnknownParameter(f"{case.name}: no value for the path parameter {param.name!r}")
        params[param.name] = values[param.name]
    url = case.route.path_format.format(**params)
    if case.path != case.route.path:  # included under a prefix
        url = case.path.format(**params)
    based_on = world.latest_number(world.report_u1)
    query = dict(_EXTRA_QUERY.get(case.path, {}))
    for param in case.route.dependant.query_params:
        query[param.name] = based_on if param.name == "based_on" else _FIELDS.get(param.name, 1)
    form: dict[str, Any] = {}
    files: dict[str, tuple[str, bytes]] = {}
    for param in case.route.dependant.body_params:
        annotation = param.field_info.annotation
        if annotation is UploadFile:
            files[param.name] = _file_for(world, case)
        elif param.name == "based_on":
            form[param.name] = str(based_on)
        else:
            form[param.name] = str(_FIELDS.get(param.name, "1"))
    kwargs: dict[str, Any] = {"params": query}
    if files:
        kwargs["files"] = files
        kwargs["data"] = form
    elif form:
        kwargs["data"] = form
    elif case.method in ("POST", "PUT", "PATCH"):
        kwargs["content"] = data_file(unit_data(SECRET_U2))
        kwargs["headers"] = {"Content-Type": "application/json"}
    return url, kwargs


def _file_for(world: World, case: RouteCase) -> tuple[str, bytes]:
    if "draft" in case.path:
        return "修改稿.docx", world.draft_content
    return "自评数据.json", data_file(unit_data(SECRET_U2))
