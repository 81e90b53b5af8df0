"""The review of bureau mode: the bureau's list of units (``GET /review``, reviewers and
admins) and a report's moves — ``POST /reports/{id}/submit`` (its unit), ``/return`` (with a
comment) and ``/approve`` (a reviewer). Who may make which move is
:mod:`reportgen.web.review`'s; every move goes through ``Store.set_status`` (checked and
changed in one statement, audited), so that a move somebody made first is found and said."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from reportgen.web.auth import accounts_of
from reportgen.web.editor_view import placed
from reportgen.web.pages import page, refusal
from reportgen.web.review import APPROVE, RETURN, SUBMIT, Move, comment_problem, errors_block_submit, stale, why_not
from reportgen.web.review_data import bureau_reports
from reportgen.web.review_list import COLUMNS, listing, parse_query
from reportgen.web.workspace import Current, Workspace

router = APIRouter()
OVERSEERS_ONLY = "只有审核和管理员账号可以查看单位填报情况。"
Param = Annotated[str, Query(max_length=200)]


@router.get("/review", response_class=HTMLResponse)
def review_list(
    request: Request,
    ws: Current,
    year: Param = "",
    kind: Param = "",
    status: Param = "",
    q: Param = "",
    sort: Param = "",
    order: Param = "",
) -> Response:
    user = ws.overseer(OVERSEERS_ONLY)
    accounts = accounts_of(request)
    assert accounts is not None, "bureau mode has accounts"
    query = parse_query(year, kind, status, q, sort, order)
    shown = listing(accounts.units(user.bureau_id), bureau_reports(ws, user.bureau_id), query)
    return page(request, "review_list.html", {"listing": shown, "columns": COLUMNS, "query": shown.query})


@router.post("/reports/{report_id}/submit")
def submit(request: Request, ws: Current, report_id: int) -> Response:
    report, version = ws.found(report_id)
    back = f"/reports/{report_id}"
    refused = why_not(SUBMIT, ws.who, report)
    if refused is not None:
        return refusal(request, [refused.message], refused.status, back)
    checked = ws.checked(version)
    blocked = errors_block_submit(len(checked.errors))
    if blocked is not None:
        messages = [f"{p.place}：{p.message}" for p in placed(checked.errors, checked.raw.data).all]
        return refusal(request, [blocked, *messages], 409, back)
    return _move(request, ws, report_id, SUBMIT, None)


@router.post("/reports/{report_id}/return")
def return_report(request: Request, ws: Current, report_id: int, comment: Annotated[str, Form()] = "") -> Response:
    # The comment is bounded by the request's size (the form parser's, 1 MB) and then by comment_problem.
    report, _version = ws.found(report_id)
    back = f"/reports/{report_id}"
    refused = why_not(RETURN, ws.who, report)
    if refused is not None:
        return refusal(request, [refused.message], refused.status, back)
    wrong = comment_problem(comment)
    if wrong is not None:
        return refusal(request, [wrong], 422, back)
    return _move(request, ws, report_id, RETURN, comment.strip())


@router.post("/reports/{report_id}/approve")
def approve(request: Request, ws: Current, report_id: int) -> Response:
    report, _version = ws.found(report_id)
    refused = why_not(APPROVE, ws.who, report)
    if refused is not None:
        return refusal(request, [refused.message], refused.status, f"/reports/{report_id}")
    return _move(request, ws, report_id, APPROVE, None)


def _move(request: Request, ws: Workspace, report_id: int, move: Move, comment: str | None) -> Response:
    """``move`` made if the report is still in one of its states; else who acted first is said."""
    if ws.store.set_status(report_id, move.target, move.action, comment=comment, was=set(move.sources)):
        return RedirectResponse(f"/reports/{report_id}", status_code=303)
    now = ws.store.report(report_id)
    return refusal(request, [stale(move, now.status if now is not None else "")], 409, f"/reports/{report_id}")
