"""Signing in, in bureau mode: the session cookie, the CSRF check and the sign-in page's
redirects. Local mode has none of it (:data:`reportgen.web.access.LOCAL` for every request).

:func:`signed_in` is a dependency of every route of the application (added to the FastAPI
app, so a route cannot forget it). It finds the request's session from its cookie — a random
token whose SHA-256 is kept in the database (:mod:`reportgen.web.accounts`) — and:

- without a live session, sends the browser to the sign-in page (pages), or answers 401
  (htmx requests get ``HX-Redirect``; the JSON API a JSON error);
- with an account that must change its initial password, sends it to the password page;
- for every request that changes something, requires the session's CSRF token: the header
  ``X-CSRF-Token`` (htmx sends it from ``<body hx-headers>``) or the form field
  ``csrf_token`` (every form of the pages carries it). A page of another site cannot read
  the token, so it cannot forge a change.

The cookie is HttpOnly (scripts cannot read it), SameSite=Lax (other sites' forms do not send
it) and Secure when the page came over HTTPS; a new token is issued at every sign-in, so a
session cannot be fixed by someone who planted a cookie before.
"""

from __future__ import annotations

import secrets
from urllib.parse import quote, urlsplit

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from reportgen.web.access import LOCAL, Who
from reportgen.web.accounts import SESSION_LIFETIME, Accounts, SignedIn

SESSION_COOKIE = "reportgen_session"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
OPEN_PATHS = frozenset({"/login"})  # routes anyone may reach (the static files are not routes)
PASSWORD_PATHS = frozenset({"/password", "/logout"})  # what an account that must change its password may reach
STALE_FORM = "页面已过期或不是从 reportgen 的页面提交的，操作未完成：请刷新页面后重试。"
_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


class SignInNeeded(Exception):
    """The request needs a signed-in user (``then``: the page to return to after signing in)."""

    def __init__(self, then: str) -> None:
        super().__init__(then)
        self.then = then


class PasswordChangeNeeded(Exception):
    """The account signs in with an initial password, which must be changed first."""


def accounts_of(request: Request) -> Accounts | None:
    """The accounts of a bureau-mode application; ``None`` in local mode."""
    found: Accounts | None = getattr(request.app.state, "accounts", None)
    return found


async def signed_in(request: Request) -> None:
    """Who the request acts as (``request.state.who``), or the refusal (see the module)."""
    accounts = accounts_of(request)
    if accounts is None:
        request.state.who = LOCAL
        return
    route = request.scope.get("route")
    path = getattr(route, "path", request.url.path)
    token = request.cookies.get(SESSION_COOKIE, "")
    session = await run_in_threadpool(accounts.session, token) if token else None
    request.state.session = session
    if path in OPEN_PATHS:
        request.state.who = Who(session.user, session.csrf_token) if session is not None else LOCAL
        return
    if session is None:
        raise SignInNeeded(_then(request))
    if request.method not in SAFE_METHODS:
        await _check_csrf(request, session)
    if session.user.must_change_password and path not in PASSWORD_PATHS:
        raise PasswordChangeNeeded()
    request.state.who = Who(session.user, session.csrf_token)


async def _check_csrf(request: Request, session: SignedIn) -> None:
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").split(";")[0].strip() in _FORMS:
        field = (await request.form()).get(CSRF_FIELD)
        sent = field if isinstance(field, str) else None
    if not sent or not secrets.compare_digest(sent.encode(), session.csrf_token.encode()):
        raise HTTPException(403, STALE_FORM)


def _then(request: Request) -> str:
    """Where to come back to after signing in: this page, if it is one (not a change or a fragment)."""
    if request.method != "GET" or request.headers.get("HX-Request"):
        return "/"
    query = f"?{request.url.query}" if request.url.query else ""
    return request.url.path + query


def safe_then(then: str) -> str:
    """A page of this server to go to after signing in: a path only, never another site."""
    parts = urlsplit(then)
    if parts.scheme or parts.netloc or not then.startswith("/") or then.startswith("//") or "\\" in then:
        return "/"
    return then


def sign_in_redirect(request: Request, then: str) -> Response:
    """The answer that sends the browser to the sign-in page."""
    target = "/login" if then == "/" else f"/login?next={quote(then, safe='/')}"
    if request.headers.get("HX-Request"):
        return Response(status_code=401, headers={"HX-Redirect": target})
    if request.url.path.startswith("/api/"):
        from fastapi.responses import JSONResponse

        return JSONResponse({"errors": [{"message": "请先登录。"}]}, status_code=401)
    return Response(status_code=303, headers={"Location": target})


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def clear_session_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=request.url.scheme == "https"
    )


def address_of(request: Request) -> str:
    """The client's address, for throttling sign-in attempts."""
    return request.client.host if request.client is not None else "unknown"
