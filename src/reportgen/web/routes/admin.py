"""Bureau mode's administration pages, for admins only: the bureau's units and accounts
(/admin/units: from a workbook, one by one, passwords reset, accounts deactivated or signed
out) and the audit log (/admin/audit, exported as a workbook).

Every step is :class:`reportgen.web.accounts.Accounts`' or :mod:`reportgen.web.units_workbook`'s,
scoped to the admin's bureau: an id of another bureau's unit or account is not found.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from reportgen.data.excel.handout import XLSX_TYPE
from reportgen.web import audit, units_workbook
from reportgen.web.access import STATUS_NAMES, Who
from reportgen.web.accounts import ROLE_NAMES, ROLES, AccountError, Accounts, NotInBureau, SignedIn, User
from reportgen.web.audit import ACTIONS, Actor
from reportgen.web.audit_book import NAME as AUDIT_NAME
from reportgen.web.audit_book import audit_workbook
from reportgen.web.auth import accounts_of
from reportgen.web.downloads import disposition
from reportgen.web.handouts import KEEP, Handouts
from reportgen.web.pages import page, refusal
from reportgen.web.units_workbook import MAX_ROWS, Handed, NewUnit, Plan, passwords_book, read_plan
from reportgen.web.upload import MAX_UPLOAD

router = APIRouter()
_HANDOUTS_MADE = threading.Lock()
ADMINS_ONLY = "只有管理员可以管理单位和账号、查看操作记录。"
PAGE_SIZE = 50
MAX_EXPORT = 50_000  # entries in one export, the newest (5–10 s on 2 cores): filter for older ones
EXPIRED = (
    "初始密码文件已过期或已被新的一批替换（只保留 {minutes} 分钟，且只能从创建账号后的页面下载）。"
    "如果还没有记下密码，请在“单位和账号”页为这些账号重置密码。"
)
STALE_PLAN = "确认的内容无法读取，没有创建任何单位：请重新上传工作簿。"
DONE = {
    "unit": "已新建单位“{name}”。可以接着为它新建单位填报账号。",
    "active": "账号“{name}”已启用。",
    "inactive": "账号“{name}”已停用，它在所有设备上的登录都已退出。",
    "signed-out": "账号“{name}”在所有设备上的登录都已退出。",
}


class _Admin:
    """The signed-in admin of a request: its accounts, its audit actor and its session."""

    def __init__(self, request: Request) -> None:
        accounts = accounts_of(request)
        if accounts is None:
            raise HTTPException(404, "本机模式没有单位和账号管理。")
        who: Who = request.state.who
        session: SignedIn | None = getattr(request.state, "session", None)
        if not who.administers or who.user is None or session is None:
            raise HTTPException(403, ADMINS_ONLY)
        self.accounts: Accounts = accounts
        self.user: User = who.user
        self.session = session
        self.actor = Actor(who.user.id, who.user.login, who.user.bureau_id, who.user.unit_id)

    @property
    def bureau_id(self) -> int:
        return self.user.bureau_id


Admin = Annotated[_Admin, Depends(_Admin)]
"""The route's admin: a dependency, so that anyone else is refused before a form or upload is read."""


def _handouts(request: Request) -> Handouts:
    """The application's initial passwords waiting to be downloaded (made on first use)."""
    with _HANDOUTS_MADE:
        kept: Handouts | None = getattr(request.app.state, "handouts", None)
        if kept is None:
            kept = request.app.state.handouts = Handouts()
    return kept


def _download(content: bytes, name: str) -> Response:
    headers = {"Content-Disposition": disposition(name), "Cache-Control": "no-store"}
    return Response(content, media_type=XLSX_TYPE, headers=headers)


# -- units and accounts ------------------------------------------------------------------


def _units_page(
    request: Request,
    admin: _Admin,
    *,
    notice: str = "",
    notice_at: str = "",
    problem: str = "",
    form: str = "",
    status: int = 200,
    **typed: str,
) -> Response:
    summaries = admin.accounts.summaries(admin.bureau_id)
    units = {summary.unit.id: summary.unit for summary in summaries}
    users = admin.accounts.users(admin.bureau_id)
    context: dict[str, Any] = {
        "summaries": summaries,
        "users": users,
        "units": units,
        "status_names": STATUS_NAMES,
        "role_names": ROLE_NAMES,
        "roles": ROLES,
        "me": admin.user,
        "notice": notice,
        "notice_at": notice_at,
        "problem": problem,
        "problem_form": form,
        "typed": typed,
        "max_rows": MAX_ROWS,
    }
    return page(request, "admin_units.html", context, status)


@router.get("/admin/units", response_class=HTMLResponse)
def units_page(request: Request, admin: Admin, done: str = "", id: int = 0) -> Response:
    notice = ""
    if done in DONE and id:
        name = ""
        if done == "unit":
            unit = admin.accounts.unit(id)
            name = unit.name if unit is not None and unit.bureau_id == admin.bureau_id else ""
        else:
            user = admin.accounts.user(id)
            name = user.login if user is not None and user.bureau_id == admin.bureau_id else ""
        notice = DONE[done].format(name=name) if name else ""
    return _units_page(request, admin, notice=notice, notice_at="units" if done == "unit" else "accounts")


@router.get("/admin/units/template.xlsx")
def units_template(request: Request, admin: Admin) -> Response:
    return _download(units_workbook.template(), units_workbook.TEMPLATE_NAME)


@router.post("/admin/units/upload", response_class=HTMLResponse)
def units_upload(request: Request, admin: Admin, file: Annotated[UploadFile, File()]) -> Response:
    content = file.file.read(MAX_UPLOAD + 1)
    plan = read_plan(content, admin.accounts.taken(admin.bureau_id))
    return _preview(request, plan, file.filename or "")


def _preview(request: Request, plan: Plan, filename: str, status: int | None = None) -> Response:
    rows = [[unit.row, unit.name, unit.code or "", unit.contact, unit.login] for unit in plan.units]
    context = {"plan": plan, "filename": filename, "carried": json.dumps(rows, ensure_ascii=False)}
    return page(request, "admin_preview.html", context, status or (200 if plan.ok else 422))


def _carried(text: str) -> list[NewUnit]:
    """The units the preview page carried back to be created (checked again when created)."""
    try:
        rows = json.loads(text)
    except ValueError:
        raise AccountError(STALE_PLAN) from None
    if not isinstance(rows, list) or not 0 < len(rows) <= MAX_ROWS:
        raise AccountError(STALE_PLAN)
    units = []
    for row in rows:
        if not (isinstance(row, list) and len(row) == 5 and isinstance(row[0], int)):
            raise AccountError(STALE_PLAN)
        if not all(isinstance(value, str) for value in row[1:]):
            raise AccountError(STALE_PLAN)
        units.append(NewUnit(row[0], row[1], row[2] or None, row[3], row[4]))
    return units


@router.post("/admin/units/confirm", response_class=HTMLResponse)
def units_confirm(
    request: Request, admin: Admin, units: Annotated[str, Form(max_length=4 * MAX_UPLOAD)] = ""
) -> Response:
    try:
        made = admin.accounts.create_units(admin.actor, _carried(units))
    except AccountError as exc:
        return refusal(request, [exc.message, "请核对后重新上传工作簿。"], 409, back="/admin/units")
    handed = [Handed(item.user.login, item.unit.name, item.password) for item in made]
    kept = _handouts(request).keep(admin.session.session_id, passwords_book(handed))
    context = {"handed": handed, "key": kept.key, "minutes": int(KEEP.total_seconds() // 60)}
    response = page(request, "admin_created.html", context)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/admin/units/passwords.xlsx")
def units_passwords(request: Request, admin: Admin, key: str = "") -> Response:
    content = _handouts(request).take(admin.session.session_id, key[:100])
    if content is None:
        message = EXPIRED.format(minutes=int(KEEP.total_seconds() // 60))
        return refusal(request, [message], 404, back="/admin/units")
    return _download(content, units_workbook.PASSWORDS_NAME)


@router.post("/admin/units/new")
def unit_new(
    request: Request,
    admin: Admin,
    name: Annotated[str, Form(max_length=1000)] = "",
    code: Annotated[str, Form(max_length=1000)] = "",
    contact: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    try:
        unit = admin.accounts.create_unit(name, code, contact, actor=admin.actor)
    except AccountError as exc:
        typed = {"unit_name": name, "unit_code": code, "unit_contact": contact}
        return _units_page(request, admin, problem=exc.message, form="unit", status=422, **typed)
    return RedirectResponse(f"/admin/units?done=unit&id={unit.id}#units", status_code=303)


@router.post("/admin/users/new", response_class=HTMLResponse)
def user_new(
    request: Request,
    admin: Admin,
    login: Annotated[str, Form(max_length=1000)] = "",
    role: Annotated[str, Form(max_length=40)] = "",
    unit: Annotated[str, Form(max_length=40)] = "",
    name: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    typed = {"user_login": login, "user_role": role, "user_unit": unit, "user_name": name}
    try:
        unit_id = int(unit) if unit.strip().isdigit() else None  # the list offers a unit to every role
        user, initial = admin.accounts.create_user(
            login, role, unit_id=unit_id if role == "unit" else None, name=name, actor=admin.actor
        )
    except NotInBureau as exc:
        raise HTTPException(404, exc.message) from None
    except AccountError as exc:
        return _units_page(request, admin, problem=exc.message, form="user", status=422, **typed)
    return _password_shown(request, admin, user, initial, created=True)


def _password_shown(request: Request, admin: _Admin, user: User, initial: str, *, created: bool) -> Response:
    unit = admin.accounts.unit(user.unit_id) if user.unit_id is not None else None
    context = {
        "user": user,
        "unit": unit,
        "initial": initial,
        "created": created,
        "role_name": ROLE_NAMES[user.role],
    }
    response = page(request, "admin_password.html", context)
    response.headers["Cache-Control"] = "no-store"
    return response


def _changed(request: Request, admin: _Admin, change: Callable[[], User], done: str) -> Response:
    """Run an account change; back to the list with a notice, or the reason it was refused."""
    try:
        user = change()
    except NotInBureau as exc:
        raise HTTPException(404, exc.message) from None
    except AccountError as exc:
        return _units_page(request, admin, problem=exc.message, form="accounts", status=409)
    return RedirectResponse(f"/admin/units?done={done}&id={user.id}#accounts", status_code=303)


@router.post("/admin/users/{user_id}/reset", response_class=HTMLResponse)
def user_reset(request: Request, admin: Admin, user_id: int) -> Response:
    try:
        user, initial = admin.accounts.reset_password_of(admin.actor, user_id)
    except NotInBureau as exc:
        raise HTTPException(404, exc.message) from None
    except AccountError as exc:
        return _units_page(request, admin, problem=exc.message, form="accounts", status=409)
    return _password_shown(request, admin, user, initial, created=False)


@router.post("/admin/users/{user_id}/active")
def user_active(
    request: Request, admin: Admin, user_id: int, active: Annotated[str, Form(max_length=10)] = ""
) -> Response:
    wanted = active == "1"
    return _changed(
        request,
        admin,
        lambda: admin.accounts.set_active(admin.actor, user_id, wanted),
        "active" if wanted else "inactive",
    )


@router.post("/admin/users/{user_id}/sign-out")
def user_sign_out(request: Request, admin: Admin, user_id: int) -> Response:
    return _changed(request, admin, lambda: admin.accounts.sign_out_everywhere(admin.actor, user_id), "signed-out")


# -- the audit log -----------------------------------------------------------------------


def _filter(admin: _Admin, unit: str, action: str) -> tuple[int | None, str | None]:
    """The filter of the audit log asked for: a unit of the bureau (404 otherwise) and a known action."""
    unit_id = None
    if unit.strip():
        if not unit.strip().isdigit():
            raise HTTPException(404, "没有这个单位。")
        try:
            unit_id = admin.accounts.bureau_unit(admin.bureau_id, int(unit)).id
        except NotInBureau as exc:
            raise HTTPException(404, exc.message) from None
    chosen = action if action in ACTIONS else None
    return unit_id, chosen


@router.get("/admin/audit", response_class=HTMLResponse)
def audit_page(request: Request, admin: Admin, unit: str = "", action: str = "", before: int | None = None) -> Response:
    unit_id, chosen = _filter(admin, unit, action)
    found = audit.entries(
        admin.accounts.engine, admin.bureau_id, limit=PAGE_SIZE + 1, before=before, unit_id=unit_id, action=chosen
    )
    shown = found[:PAGE_SIZE]
    query = {key: value for key, value in (("unit", unit_id), ("action", chosen)) if value is not None}
    older = urlencode({**query, "before": shown[-1].id}) if len(found) > PAGE_SIZE else ""
    context = {
        "entries": shown,
        "units": admin.accounts.units(admin.bureau_id),
        "actions": ACTIONS,
        "unit_id": unit_id,
        "action": chosen,
        "older": older,
        "first_page": before is None,
        "export": urlencode(query),
        "max_export": MAX_EXPORT,
    }
    return page(request, "admin_audit.html", context)


@router.get("/admin/audit.xlsx")
def audit_export(request: Request, admin: Admin, unit: str = "", action: str = "") -> Response:
    unit_id, chosen = _filter(admin, unit, action)
    found = audit.entries(admin.accounts.engine, admin.bureau_id, limit=MAX_EXPORT, unit_id=unit_id, action=chosen)
    return _download(audit_workbook(found), AUDIT_NAME)
