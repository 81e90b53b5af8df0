"""A new report from each table of a 绩效目标表 or 自评表 the unit already holds (.docx or
.xlsx), and the account of the import shown at once in the answer.

The account is the POST's own answer, not a page to come back to: nothing of it is kept
between requests, so there is nothing another user could ask for by its address. The new
reports are listed on the start page and each keeps the note of where it came from.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from reportgen.web.imported import create_reports, passed_over
from reportgen.web.pages import page, refusal
from reportgen.web.table_upload import read_table_upload, shown_name
from reportgen.web.upload import UploadError
from reportgen.web.workspace import Current

router = APIRouter()


@router.post("/reports/import", response_class=HTMLResponse)
def new_from_tables(request: Request, ws: Current, file: Annotated[UploadFile, File()]) -> Response:
    ws.create_allowed()  # before reading the upload: a reviewer's or admin's file is not even opened
    name = shown_name(file.filename or "")
    try:
        result = read_table_upload(file.file, file.filename or "")
    except UploadError as exc:
        return refusal(request, exc.messages, exc.status)
    tables = create_reports(ws, result, name)
    context = {"file_name": name, "tables": tables, "passed_over": passed_over(result)}
    return page(request, "imported.html", context)
