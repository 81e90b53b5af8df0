"""Bureau mode's own pages for the signed-in user: sign in, sign out (here or everywhere) and
change the password. Every step is :class:`reportgen.web.accounts.Accounts`'; the routes only
set and clear the cookie."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from reportgen.web.accounts import ROLE_NAMES, AccountError, Accounts, SignedIn
from reportgen.web.auth import (
    SESSION_COOKIE,
    accounts_of,
    address_of,
    clear_session_cookie,
    safe_then,
    set_session_cookie,
)
from reportgen.web.pages import page

router = APIRouter()
LOCAL_MODE = "本机模式不需要登录。"
MISMATCH = "两次输入的新密码不一致。"


def _accounts(request: Request) -> Accounts:
    accounts = accounts_of(request)
    if accounts is None:
        raise HTTPException(404, LOCAL_MODE)
    return accounts


def _session(request: Request) -> SignedIn:
    session: SignedIn | None = getattr(request.state, "session", None)
    assert session is not None, "signed_in lets only signed-in users past"
    return session


def _login_page(request: Request, then: str, login: str = "", problem: str = "", status: int = 200) -> Response:
    context = {"then": safe_then(then), "login": login, "problem": problem}
    return page(request, "login.html", context, status)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> Response:
    _accounts(request)
    if getattr(request.state, "session", None) is not None:
        return RedirectResponse(safe_then(next), status_code=303)
    return _login_page(request, next)


@router.post("/login")
def sign_in(
    request: Request,
    login: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    accounts = _accounts(request)
    if not login.strip() or not password:
        return _login_page(request, next, login, "请填写账号和密码。", 422)
    try:
        user = accounts.authenticate(login, password, address_of(request))
    except AccountError as exc:
        return _login_page(request, next, login, exc.message, 401)
    old = request.cookies.get(SESSION_COOKIE)
    if old:
        accounts.logout(old)  # a cookie planted before signing in never becomes a session
    token = accounts.open_session(user.id)
    target = "/password" if user.must_change_password else safe_then(next)
    response = RedirectResponse(target, status_code=303)
    set_session_cookie(request, response, token)
    return response


@router.post("/logout")
def sign_out(request: Request) -> Response:
    _accounts(request).logout(request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/login", status_code=303)
    clear_session_cookie(request, response)
    return response


@router.post("/logout-everywhere")
def sign_out_everywhere(request: Request) -> Response:
    _accounts(request).logout_everywhere(_session(request).user.id)
    response = RedirectResponse("/login", status_code=303)
    clear_session_cookie(request, response)
    return response


def _password_page(request: Request, problem: str = "", done: bool = False, status: int = 200) -> Response:
    session = _session(request)
    context = {"user": session.user, "role_name": ROLE_NAMES[session.user.role], "problem": problem, "done": done}
    return page(request, "password.html", context, status)


@router.get("/password", response_class=HTMLResponse)
def password_page(request: Request, done: bool = False) -> Response:
    _accounts(request)
    return _password_page(request, done=done)


@router.post("/password")
def change_password(
    request: Request,
    current: Annotated[str, Form(max_length=1000)] = "",
    new: Annotated[str, Form(max_length=1000)] = "",
    repeat: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    accounts = _accounts(request)
    user = _session(request).user
    if new != repeat:
        return _password_page(request, MISMATCH, status=422)
    try:
        accounts.change_password(user.id, current, new)
    except AccountError as exc:
        return _password_page(request, exc.message, status=422)
    # Every other browser signed in with the old password is signed out; this one goes on.
    accounts.logout_everywhere(user.id)
    response = RedirectResponse("/password?done=1", status_code=303)
    set_session_cookie(request, response, accounts.open_session(user.id))
    return response
