"""Local mode has no login: the server listens on 127.0.0.1, and only the user's own browser
tabs may use it. Two attacks remain from a web page the user visits elsewhere, and
:class:`LocalOnly` refuses both (a plain ASGI middleware, before any route runs):

- **a cross-site request** (a form on another site posting to ``http://127.0.0.1:8765/…``):
  a request that changes something (any method but GET, HEAD, OPTIONS) is refused when the
  browser says it comes from another site (``Sec-Fetch-Site: cross-site``) or names another
  origin (``Origin``);
- **DNS rebinding** (another site's name made to resolve to 127.0.0.1, which would let its
  scripts read the pages): every request must name the server by a loopback name in ``Host``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from reportgen.web.pages import refusal

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]", "testserver"})  # testserver: TestClient's
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
NOT_OURS = "此请求来自其他网站，已拒绝：reportgen 只接受它自己页面上的操作，请直接打开 reportgen 的页面再操作。"
WRONG_HOST = "请用 http://127.0.0.1 加端口号打开 reportgen（地址栏中的名称不是本机）。"


def _host_name(host: str) -> str:
    """``127.0.0.1:8765`` → ``127.0.0.1``; ``[::1]:8765`` → ``[::1]``."""
    if host.startswith("["):
        return host[: host.find("]") + 1]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class LocalOnly:
    """The refusals above; ``check_host=False`` for bureau mode, which listens on the bureau's
    own address and has sessions and CSRF tokens (:mod:`reportgen.web.auth`) besides."""

    def __init__(self, app: ASGIApp, check_host: bool = True) -> None:
        self.app = app
        self.check_host = check_host

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            problem = _problem(scope, self.check_host)
            if problem is not None:
                await refusal(Request(scope, receive), [problem[1]], problem[0])(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _problem(scope: Scope, check_host: bool = True) -> tuple[int, str] | None:
    headers = {name.decode("latin-1"): value.decode("latin-1") for name, value in scope["headers"]}
    host = headers.get("host", "")
    if check_host and _host_name(host.lower()) not in LOOPBACK_NAMES:
        return 421, WRONG_HOST
    if scope["method"] in SAFE_METHODS:
        return None
    if headers.get("sec-fetch-site") == "cross-site":
        return 403, NOT_OURS
    origin = headers.get("origin")
    if origin is not None and (origin == "null" or urlsplit(origin).netloc.lower() != host.lower()):
        return 403, NOT_OURS
    return None
