"""The 修改稿 tab: the editors' round (upload an edited draft, get it revised to the latest
data, download it, see what it still needs) and every draft of the report kept."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from reportgen.web.downloads import disposition
from reportgen.web.draft_round import Done, Refused, Round, download_name
from reportgen.web.draft_store import DraftStore
from reportgen.web.pages import page
from reportgen.web.workspace import Current

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NO_DRAFT = "没有这份修改稿（可能编号有误）。"

router = APIRouter()


def _round(ws: Current, report_id: int, *, drafting: bool = False) -> Round:
    """The editors' round of a report the user reads (``drafting``: and may upload drafts to)."""
    report, version = ws.found(report_id)
    if drafting:
        ws.drafting(report)
    return Round(DraftStore(ws.store.engine, ws.store.actor), ws.renderer_for(report), report, version)


def _page(request: Request, round_: Round, refused: Refused | None = None, status: int = 200) -> HTMLResponse:
    drafts = round_.store.drafts(round_.report.id)
    newest = next((d for d in drafts if d.kind == "revised"), None)
    context = {
        "tab": "drafts",
        "report": round_.report,
        "version": round_.version,
        "drafts": drafts,
        "revised_as": {
            d.derived_from: d.number for d in reversed(drafts) if d.derived_from is not None and d.kind == "revised"
        },
        "finalized_as": {
            d.derived_from: d.number for d in reversed(drafts) if d.derived_from is not None and d.kind == "final"
        },
        "newest": newest,
        "findings": round_.findings(newest.number) if newest is not None else [],
        "refused": refused,
    }
    return page(request, "drafts.html", context, status)


def _outcome(request: Request, round_: Round, outcome: Done | Refused) -> Response:
    if isinstance(outcome, Refused):
        return _page(request, round_, outcome, outcome.status)
    return RedirectResponse(f"/reports/{round_.report.id}/drafts#draft-{outcome.revised.number}", status_code=303)


@router.get("/reports/{report_id}/drafts", response_class=HTMLResponse)
def drafts_page(request: Request, ws: Current, report_id: int) -> Response:
    return _page(request, _round(ws, report_id))


@router.post("/reports/{report_id}/drafts")
def upload_draft(request: Request, ws: Current, report_id: int, file: Annotated[UploadFile, File()]) -> Response:
    round_ = _round(ws, report_id, drafting=True)
    return _outcome(request, round_, round_.upload(file.file, file.filename or ""))


@router.post("/reports/{report_id}/drafts/{number}/update")
def update_anyway(
    request: Request,
    ws: Current,
    report_id: int,
    number: int,
    other_subject: Annotated[bool, Form()] = False,
) -> Response:
    """An uploaded draft of another unit, year or kind updated all the same: only when the
    editor ticked “仍要更新”."""
    round_ = _round(ws, report_id, drafting=True)
    if not other_subject:
        found = round_.store.get(report_id, number)
        retry = found[0] if found is not None and found[0].kind == "uploaded" else None
        refused = Refused(["未更新：请先勾选“仍要更新”，确认要用当前数据更新这份修改稿。"], 422, retry, retry)
        return _page(request, round_, refused, refused.status)
    outcome = round_.retry(number)
    if outcome is None:
        raise HTTPException(404, NO_DRAFT)
    return _outcome(request, round_, outcome)


@router.post("/reports/{report_id}/drafts/{number}/finalize")
def finalize_draft(
    request: Request, ws: Current, report_id: int, number: int, others: Annotated[str, Form()] = ""
) -> Response:
    """The final copy of a draft (reportgen finalize), kept as a new draft; refused on the page
    while placeholders or open comments remain, or until the editor says what to do with other
    authors' pending changes (``others``: accept or keep)."""
    round_ = _round(ws, report_id, drafting=True)
    outcome = round_.finalize(number, others)
    if outcome is None:
        raise HTTPException(404, NO_DRAFT)
    return _outcome(request, round_, outcome)


@router.get("/reports/{report_id}/drafts/{number}.docx")
def download_draft(ws: Current, report_id: int, number: int) -> Response:
    report, _version = ws.found(report_id)
    found = DraftStore(ws.store.engine).get(report_id, number)
    if found is None:
        raise HTTPException(404, NO_DRAFT)
    draft, content = found
    return Response(
        content, media_type=DOCX, headers={"Content-Disposition": disposition(download_name(report, draft))}
    )
