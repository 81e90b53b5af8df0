"""Pages rendered on the server: the Jinja environment of ``templates/`` and its filters.

Every page extends ``base.html``; a report's pages extend ``report_base.html``, which shows
the report's heading and the tabs 概况 · 填写数据 · 预览 · 版本记录 · 修改稿 (``tab`` in the
context names the open one).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from reportgen.web.access import LOCAL, Who

TEMPLATES = Path(__file__).with_name("templates")


def shown_time(moment: datetime) -> str:
    """A stored moment in the computer's local time."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def shown_moment(moment: datetime) -> str:
    """A stored moment in the computer's local time, to the second (the audit log)."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _who(request: Request) -> dict[str, Any]:
    """What every page knows of its user: ``who`` (local mode: :data:`LOCAL`), the CSRF token
    its forms carry (empty in local mode) and the bureau's name."""
    who: Who = getattr(request.state, "who", LOCAL)
    accounts = getattr(request.app.state, "accounts", None)
    bureau_name = accounts.bureau_name(who.user.bureau_id) if accounts is not None and who.user is not None else ""
    return {"who": who, "csrf_token": who.csrf_token, "bureau_mode": accounts is not None, "bureau_name": bureau_name}


@pass_context
def csrf_field(context: Context) -> Markup:
    """The hidden field every form that changes something carries (nothing in local mode)."""
    token = context.get("csrf_token", "")
    return Markup(f'<input type="hidden" name="csrf_token" value="{escape(token)}">') if token else Markup("")


# The templates ship with the package: compiled once per process, never checked for changes on disk.
templates = Jinja2Templates(
    env=Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, auto_reload=False, cache_size=-1),
    context_processors=[_who],
)
templates.env.filters["time"] = shown_time
templates.env.filters["moment"] = shown_moment
templates.env.globals["csrf_field"] = csrf_field


def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """The page ``templates/name`` rendered with ``context``."""
    return templates.TemplateResponse(request, name, context, status_code=status)


def fragment(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """Part of a page (an htmx swap), from ``templates/name``."""
    return templates.TemplateResponse(request, name, context, status_code=status)


def refusal(request: Request, messages: list[str], status: int, back: str = "/") -> HTMLResponse:
    """The page that says, in Chinese, why a request was not done (and where to go back to)."""
    return page(request, "error.html", {"messages": messages, "back": back}, status)
