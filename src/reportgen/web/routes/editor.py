"""The data editor (tab 填写数据): every section as a form, each change saved as a new version
and checked by the CLI's own validation, and a new report from a blank form.

A change (``POST /reports/{id}/edit``: ``based_on``, ``path``, ``value``) or a row operation
(``POST /reports/{id}/rows``: ``based_on``, ``path``, ``op``, ``index``) answers an htmx
fragment: the changed field's problems (or the re-rendered table), and out of band the new
``based_on``, the figures, the problem list and every other marker whose problems changed.
A change based on an older version than the latest is not applied: the fragment shows the
value typed and the value saved in the other window.

Each report's latest data and check are kept in memory, so a change costs one check and no
reading of stored JSON; what is kept is used only while it is of the latest version number in
the database (another server process may have saved since: ``reportgen serve --workers``).
"""

from __future__ import annotations

import datetime
from collections import OrderedDict
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from reportgen import api
from reportgen.data.fieldpath import PathKey, format_path, parse_path
from reportgen.data.sources import RawData
from reportgen.data.starter import KINDS, blank_data
from reportgen.web.datafile import from_json
from reportgen.web.edit import Change, EditError, change_rows, get, locate, remove_unknown, repeating, set_field
from reportgen.web.editor_view import (
    TOP,
    Problems,
    editor_sections,
    field_id,
    marker_id,
    placed,
    section_index,
    section_view,
    shown_value,
)
from reportgen.web.figures_panel import figures_panel
from reportgen.web.pages import fragment, page
from reportgen.web.review_data import review_panel
from reportgen.web.store import Conflict, Report, Version
from reportgen.web.summary import summarise
from reportgen.web.workspace import NO_REPORT, Current, Workspace

router = APIRouter()
SOURCE = "自评数据"
NOT_OURS = "无法识别要修改的内容（页面可能已过期），请刷新页面后重试。"
_SHOWN_ELSEWHERE = {("money_unit",)}  # fields whose value other inputs show (the unit beside each amount)


@dataclass(frozen=True)
class State:
    """A version's data as the editor holds it, checked, and its problems placed."""

    number: int
    created: datetime.datetime
    data: dict[str, Any]
    checked: api.Checked
    problems: Problems


EDITOR_STATES_KEPT = 128  # reports whose latest state is kept in memory (a bureau has hundreds of units)


class _Kept(OrderedDict[int, State]):
    """The latest state of the reports stored most recently, at most :data:`EDITOR_STATES_KEPT`."""

    def __setitem__(self, key: int, value: State) -> None:
        super().__setitem__(key, value)
        self.move_to_end(key)
        while len(self) > EDITOR_STATES_KEPT:
            self.popitem(last=False)


def _cache(request: Request) -> _Kept:
    found: _Kept | None = getattr(request.app.state, "editor_states", None)
    if found is None:
        found = _Kept()
        request.app.state.editor_states = found
    return found


def _checked_state(ws: Workspace, number: int, created: datetime.datetime, data: dict[str, Any]) -> State:
    checked = ws.renderer.check(RawData(SOURCE, data))
    return State(number, created, data, checked, placed(checked.issues, data))


def _state(request: Request, ws: Workspace, version: Version) -> State:
    """The state of ``version`` (a report's latest), from memory when it is there."""
    cache = _cache(request)
    kept = cache.get(version.report_id)
    if kept is not None and kept.number == version.number:
        return kept
    raw = from_json(version.data, SOURCE).data
    state = _checked_state(ws, version.number, version.created, raw if isinstance(raw, dict) else {})
    cache[version.report_id] = state
    return state


def _current(request: Request, ws: Workspace, report_id: int) -> tuple[Report, State]:
    """A report and its latest state: the latest number always from the database (another
    window, or another server process, may have saved since), the data and its check from
    memory when they are of that number, so that a change reads no stored data. Refused
    unless the user may change the report's data."""
    head = ws.store.head(report_id)
    if head is None or not head[1]:
        raise HTTPException(404, NO_REPORT)
    report, number = ws.changing(ws.readable(head[0])), head[1]
    kept = _cache(request).get(report_id)
    if kept is not None and kept.number == number:
        return report, kept
    return report, _state(request, ws, _latest(ws, report_id))


def _context(report: Report, state: State) -> dict[str, Any]:
    checked = state.checked
    return {
        "report": report,
        "number": state.number,
        "problems": state.problems,
        "summary": summarise(checked),
        "panel": figures_panel(checked.figures) if checked.figures is not None else None,
    }


@router.get("/reports/{report_id}/edit", response_class=HTMLResponse)
def editor(request: Request, ws: Current, report_id: int) -> Response:
    report, version = ws.found(report_id)
    state = _state(request, ws, version)
    context = {**_context(report, state), "tab": "edit", "version": version, "sections": editor_sections(state.data)}
    context["review"] = review_panel(ws, report, len(state.checked.errors))
    return page(request, "editor.html", context)


@router.post("/reports/{report_id}/edit", response_class=HTMLResponse)
def change_field(
    request: Request,
    ws: Current,
    report_id: int,
    based_on: Annotated[int, Form()],
    path: Annotated[str, Form()],
    value: Annotated[str, Form()] = "",
    checkbox: Annotated[str, Form()] = "",
) -> Response:
    report, latest = _current(request, ws, report_id)
    key = parse_path(path)
    if checkbox and not value:
        value = "否"  # an unchecked box sends no value
    try:
        locate(key)
    except EditError:
        return _remove_unknown(request, ws, report, latest, key, based_on) if not value else _refused(request)
    if based_on != latest.number:
        return _conflict(request, report, latest, key, value)
    change = set_field(latest.data, key, value)
    saved = _save(request, ws, report, latest, change)
    if saved is None:
        return _conflict(request, report, _state(request, ws, _latest(ws, report_id)), key, value)
    context = {**_context(report, saved), "own": marker_id(key), "changed": _others(saved, latest, marker_id(key))}
    response = fragment(request, "editor_change.html", context)
    if change.changed and key in _SHOWN_ELSEWHERE:
        response.headers["HX-Refresh"] = "true"  # every amount's unit changed: the page is shown again
    return response


def _remove_unknown(
    request: Request, ws: Workspace, report: Report, latest: State, key: PathKey, based_on: int
) -> Response:
    """A key the data format does not know removed (its problem offers it): only out-of-band parts."""
    try:
        change = remove_unknown(latest.data, key)
    except EditError:
        return _refused(request)
    saved = _save(request, ws, report, latest, change) if based_on == latest.number else None
    if saved is None:
        current = _state(request, ws, _latest(ws, report.id))
        response = fragment(request, "editor_row_conflict.html", {"report": report, "latest": current}, 409)
        response.headers["HX-Retarget"] = f"#{TOP}"
        response.headers["HX-Reswap"] = "innerHTML"
        return response
    context = {**_context(report, saved), "own": "", "changed": _others(saved, latest, "")}
    return fragment(request, "editor_change.html", context)


@router.post("/reports/{report_id}/rows", response_class=HTMLResponse)
def change_row(
    request: Request,
    ws: Current,
    report_id: int,
    based_on: Annotated[int, Form()],
    path: Annotated[str, Form()],
    op: Annotated[str, Form()],
    index: Annotated[int, Form()],
) -> Response:
    report, latest = _current(request, ws, report_id)
    key = parse_path(path)
    where = section_index(key)
    try:
        repeating(key)
        change = change_rows(latest.data, key, op, index) if based_on == latest.number else None
    except EditError:
        return _refused(request)
    saved = _save(request, ws, report, latest, change) if change is not None else None
    if saved is None:
        current = _state(request, ws, _latest(ws, report_id))
        response = fragment(request, "editor_row_conflict.html", {"report": report, "latest": current}, 409)
        response.headers["HX-Retarget"] = f"#n-sec-{where}"
        response.headers["HX-Reswap"] = "innerHTML"
        return response
    section = section_view(where, saved.data)
    inside = {row.marker for row in section.rows} | {c.marker for row in section.rows for c in row.cells}
    changed = [m for m in _others(saved, latest, section.marker) if m not in inside and not _within(m, key)]
    context = {**_context(report, saved), "section": section, "changed": changed}
    return fragment(request, "editor_rows.html", context)


@router.post("/reports/blank")
def new_blank(ws: Current, kind: Annotated[str, Form()]) -> Response:
    if kind not in KINDS:
        kind = KINDS[0]
    year = datetime.date.today().year - 1
    version = ws.create(blank_data(kind, year), "新建空白报告")
    return RedirectResponse(f"/reports/{version.report_id}/edit", status_code=303)


def _save(request: Request, ws: Workspace, report: Report, latest: State, change: Change) -> State | None:
    """The state after ``change`` saved as a new version (``latest`` itself when nothing
    changed); None when another window saved first."""
    if not change.changed:
        return latest
    try:
        with ws.writes:
            version = ws.store.save(report.id, change.data, latest.number, change.note)
    except Conflict:
        return None
    state = _checked_state(ws, version.number, version.created, change.data)
    ws.remember(version, state.checked)
    _cache(request)[report.id] = state
    return state


def _latest(ws: Workspace, report_id: int) -> Version:
    return ws.found(report_id)[1]


def _others(new: State, old: State, own: str) -> list[str]:
    """The markers besides ``own`` whose problems this change made or cleared."""
    return [m for m in new.problems.changed_markers(old.problems) if m != own]


def _within(marker: str, list_path: PathKey) -> bool:
    """Whether ``marker`` is of a row of the list at ``list_path`` (rows renumbered by the change)."""
    prefix = marker_id(list_path) + "-"
    return marker.startswith(prefix)


def _conflict(request: Request, report: Report, latest: State, key: PathKey, typed: str) -> Response:
    """The field's marker showing both values: what this window typed and what is saved."""
    field = locate(key).field
    saved = get(latest.data, key)
    context = {
        "report": report,
        "latest": latest,
        "marker": marker_id(key),
        "field_id": field_id(key),
        "path": format_path(key),
        "typed": typed,
        "saved": shown_value(saved, field),
    }
    return fragment(request, "editor_conflict.html", context, 409)


def _refused(request: Request) -> Response:
    """A request the page never makes (a field or row it does not have), answered at the top."""
    response = fragment(request, "editor_refused.html", {"message": NOT_OURS, "target": TOP}, 422)
    response.headers["HX-Retarget"] = f"#{TOP}"
    response.headers["HX-Reswap"] = "outerHTML"
    return response
